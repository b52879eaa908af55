import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ansiSeverity, stripAnsi } from '../../src/util/ansi';

const ESC = '\x1b';

/** Strings built from the pieces escape sequences are made of, so the generator reaches the parser's corners. */
const escapeSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(ESC, '[', ']', '\\', '\x07', '\x9b', '\x9c', '\x9d', '\x90', '\r', '\n', '\b', '\t', '\x00', '\x7f', ';', ':', 'm', 'K', 'G', 'D', 'C', '8', '(', 'B', 'P', '_'),
      fc.integer({ min: 0, max: 400 }).map(String),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), escapeSoup);

/** Control characters other than tab, in C0, DEL and C1. */
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

describe('stripAnsi', () => {
  it('removes SGR colours and keeps the text', () => {
    assert.equal(stripAnsi(`${ESC}[31m${ESC}[1mType error${ESC}[22m${ESC}[39m: Property 'total' does not exist`), "Type error: Property 'total' does not exist");
    assert.equal(stripAnsi(`npm ${ESC}[33mWARN${ESC}[39m deprecated`), 'npm WARN deprecated');
    assert.equal(stripAnsi(`${ESC}[38;5;196mred${ESC}[0m ${ESC}[38;2;255;0;0mrgb${ESC}[m`), 'red rgb');
    assert.equal(stripAnsi(`${ESC}[38:2::255:0:0mcolon form${ESC}[0m`), 'colon form');
  });

  it('keeps the visible text of OSC 8 hyperlinks, terminated by BEL or ST', () => {
    assert.equal(stripAnsi(`see ${ESC}]8;;https://vercel.com/docs${ESC}\\the docs${ESC}]8;;${ESC}\\ now`), 'see the docs now');
    assert.equal(stripAnsi(`${ESC}]8;;https://x.dev\x07link${ESC}]8;;\x07`), 'link');
    assert.equal(stripAnsi(`${ESC}]0;window title\x07text`), 'text');
    assert.equal(stripAnsi(`\x9d8;;https://x.dev\x9clink\x9d8;;\x9c`), 'link', 'C1 OSC and ST');
  });

  it('applies carriage returns and cursor moves the way a terminal draws them', () => {
    assert.equal(stripAnsi('Downloading 10%\rDownloading 55%\rDownloading 100%'), 'Downloading 100%');
    assert.equal(stripAnsi(`⠋ building\r${ESC}[K✓ built`), '✓ built');
    assert.equal(stripAnsi(`⠋ building${ESC}[2K${ESC}[1G✓ built`), '✓ built');
    assert.equal(stripAnsi('abc\rX'), 'Xbc', 'a shorter overwrite leaves the rest, as on screen');
    assert.equal(stripAnsi('done\r'), 'done', 'a trailing carriage return changes nothing');
    assert.equal(stripAnsi(`12345${ESC}[3DX`), '12X45');
    assert.equal(stripAnsi(`ab${ESC}[5D${ESC}[1CZ`), 'aZ');
    assert.equal(stripAnsi('abc\b\bX'), 'aXc');
    assert.equal(stripAnsi(`${ESC}[1A${ESC}[2Jtext${ESC}[H`), 'text', 'moves between lines and screen clears are dropped');
  });

  it('drops a bare ESC, other ESC sequences, C1 controls and C0 controls except tab', () => {
    assert.equal(stripAnsi(`a${ESC}`), 'a');
    assert.equal(stripAnsi(`a${ESC}${ESC}[31mb`), 'ab');
    assert.equal(stripAnsi(`a${ESC}\tb`), 'a\tb');
    assert.equal(stripAnsi(`a${ESC}cb`), 'ab', 'ESC c (reset) is a two-character sequence');
    assert.equal(stripAnsi(`${ESC}(Bcharset ${ESC}7saved${ESC}8`), 'charset saved');
    assert.equal(stripAnsi(`${ESC}Pdevice control${ESC}\\after`), 'after');
    assert.equal(stripAnsi('\x9b31mred\x9b0m'), 'red', 'C1 CSI');
    assert.equal(stripAnsi('a\x85b\x91c'), 'abc');
    assert.equal(stripAnsi('a\x9fapplication program command\x9cb'), 'ab', 'C1 APC is a control string');
    assert.equal(stripAnsi('tab\there\x00\x07\x7f'), 'tab\there');
    assert.equal(stripAnsi(`broken ${ESC}[12;\nnext`), 'broken next', 'an unfinished CSI does not swallow what follows');
  });

  it('leaves plain text alone, including non-ASCII', () => {
    const plain = '├ ○ /about   142 B  87.2 kB ✓ Compiled — 日本語 🚀';
    assert.equal(stripAnsi(plain), plain);
    assert.equal(stripAnsi(''), '');
  });

  it('never throws, and its output has no escape or control character except tab', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = stripAnsi(text);
        assert.equal(typeof out, 'string');
        assert.ok(!CONTROL.test(out), JSON.stringify(out));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = stripAnsi(text);
        assert.equal(stripAnsi(once), once);
      }),
      { numRuns: 2000 },
    );
  });

  it('finishes on 100,000-character adversarial lines (linear work; mocha’s timeout is the bound)', () => {
    for (const unit of [`${ESC}[`, `${ESC}[1;`, `${ESC}]`, '\r', 'a\r', `${ESC}[D`, `${ESC}[K`, '\x9b', ':', '1:', `${ESC}`]) {
      const line = unit.repeat(Math.ceil(100_000 / unit.length));
      assert.ok(!CONTROL.test(stripAnsi(line)));
    }
  });
});

describe('ansiSeverity', () => {
  it('reads red as error and yellow as warning', () => {
    assert.equal(ansiSeverity(`${ESC}[31mFailed to compile.${ESC}[39m`), 'error');
    assert.equal(ansiSeverity(`${ESC}[91mError: Command "npm run build" exited with 1${ESC}[0m`), 'error');
    assert.equal(ansiSeverity(`${ESC}[38;5;9mbuild failed${ESC}[0m`), 'error');
    assert.equal(ansiSeverity(`${ESC}[38;2;230;30;40mEverything here is red${ESC}[0m`), 'error');
    assert.equal(ansiSeverity(`${ESC}[33mwarn${ESC}[39m  - Compiled with warnings`), 'warning');
    assert.equal(ansiSeverity(`${ESC}[38;5;11mcaution: all yellow${ESC}[0m`), 'warning');
    assert.equal(ansiSeverity(`npm ${ESC}[33mWARN${ESC}[39m deprecated inflight@1.0.6`), 'warning');
  });

  it('reads esbuild’s badges (white on a red or yellow background)', () => {
    assert.equal(ansiSeverity(`${ESC}[31m✘ ${ESC}[41;31m[${ESC}[41;97mERROR${ESC}[41;31m]${ESC}[0m ${ESC}[1mCould not resolve "x"${ESC}[0m`), 'error');
    assert.equal(ansiSeverity(`${ESC}[33m▲ ${ESC}[43;33m[${ESC}[43;30mWARNING${ESC}[43;33m]${ESC}[0m ${ESC}[1mDuplicate key${ESC}[0m`), 'warning');
  });

  it('does not call a line an error for a red number in it', () => {
    assert.equal(ansiSeverity(`├ ○ /dashboard                   12.4 kB        ${ESC}[31m${ESC}[1m212 kB${ESC}[22m${ESC}[39m`), undefined);
  });

  it('is undefined for uncoloured text, other colours and colour reset before the text', () => {
    assert.equal(ansiSeverity('Failed to compile.'), undefined);
    assert.equal(ansiSeverity(`${ESC}[32m✓ Compiled successfully${ESC}[39m`), undefined);
    assert.equal(ansiSeverity(`${ESC}[31m${ESC}[0mplain after a reset`), undefined);
    assert.equal(ansiSeverity(`${ESC}[31m${ESC}[39mplain after default foreground`), undefined);
  });

  it('prefers error over warning', () => {
    assert.equal(ansiSeverity(`${ESC}[33mwarning${ESC}[0m and ${ESC}[31merror${ESC}[0m`), 'error');
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const severity = ansiSeverity(text);
        assert.ok(severity === undefined || severity === 'error' || severity === 'warning');
      }),
      { numRuns: 2000 },
    );
  });
});
