import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BuildProblem } from '../../src/logs/model';
import { fileRefsIn, fileRefsInFullScan, findProblems, locateInSource, looksLikeFile, mayHoldFileRef, ProblemMatcher, SCAN_LIMIT, urlsIn } from '../../src/logs/problems';

/** The fields a person sees, without the log line (checked separately where it matters). */
function seen(problems: readonly BuildProblem[]): Omit<BuildProblem, 'logLine'>[] {
  return problems.map(({ logLine: _logLine, ...rest }) => rest);
}

function lines(text: string): string[] {
  return text.split('\n');
}

describe('problem matchers', () => {
  it('Next.js: a type error under its ./file:line:col line', () => {
    const log = lines(`   Linting and checking validity of types ...
Failed to compile.

./app/page.tsx:12:5
Type error: Property 'total' does not exist on type 'Cart'.

  10 |   const cart = useCart();
  11 |   return (
> 12 |     <p>{cart.total}</p>
     |     ^
  13 |   );
Next.js build worker exited with code: 1 and signal: null
Error: Command "npm run build" exited with 1`);
    const problems = findProblems(log);
    assert.deepEqual(seen(problems), [
      { file: './app/page.tsx', line: 12, column: 5, severity: 'error', message: "Type error: Property 'total' does not exist on type 'Cart'.", tool: 'next' },
    ]);
    assert.equal(problems[0]?.logLine, 4, 'the line with the message');
  });

  it('Next.js: Module not found after a bare ./file line, and with a location', () => {
    const log = lines(`Failed to compile.

./app/page.tsx
Module not found: Can't resolve './Foo'

https://nextjs.org/docs/messages/module-not-found

Import trace for requested module:
./app/layout.tsx

./components/cart.tsx:3:1
Module not found: Can't resolve '@/lib/money'
  1 | 'use client';
> 3 | import { format } from '@/lib/money';`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: './app/page.tsx', line: 1, column: 1, severity: 'error', message: "Module not found: Can't resolve './Foo'", tool: 'next', search: './Foo' },
      { file: './components/cart.tsx', line: 3, column: 1, severity: 'error', message: "Module not found: Can't resolve '@/lib/money'", tool: 'next' },
    ]);
  });

  it('Next.js: a file marked with ⨯', () => {
    assert.deepEqual(
      findProblems([' ⨯ ./app/page.tsx:3:9', "Type error: Cannot find name 'cart'."]).map((p) => [p.file, p.line, p.column]),
      [['./app/page.tsx', 3, 9]],
    );
  });

  it('Next.js: a missing optional module under "Compiled with warnings" is a warning', () => {
    const log = lines(` ⚠ Compiled with warnings

./node_modules/node-fetch/lib/index.js
Module not found: Can't resolve 'encoding' in '/vercel/path0/node_modules/node-fetch/lib'`);
    assert.deepEqual(
      findProblems(log).map((p) => [p.file, p.severity]),
      [['./node_modules/node-fetch/lib/index.js', 'warning']],
    );
  });

  it('Next.js: a syntax error reported by SWC in a box', () => {
    const log = lines(`Failed to compile.

./app/page.tsx
Error:
  × Expected ',', got 'ident'
   ╭─[/vercel/path0/app/page.tsx:5:1]
 5 │ export default function Page() {
 6 │   return <p>{cart total}</p>
   ·                   ─────
   ╰────

Caused by:
    Syntax Error`);
    assert.deepEqual(seen(findProblems(log)), [
      // The box's header names where the frame starts; the mark under line 6 is the error.
      { file: '/vercel/path0/app/page.tsx', line: 6, column: 19, severity: 'error', message: "Expected ',', got 'ident'", tool: 'next' },
    ]);
    const ascii = lines(`./app/page.tsx
Error:
  x Unexpected token \`div\`. Expected jsx identifier
   ,-[/vercel/path0/app/page.tsx:7:1]`);
    assert.deepEqual(
      findProblems(ascii).map((p) => [p.file, p.line, p.message]),
      [['/vercel/path0/app/page.tsx', 7, 'Unexpected token `div`. Expected jsx identifier']],
    );
  });

  it('ESLint inside next build: a ./file line, then line:col Error/Warning lines with rule ids', () => {
    const log = lines(`Failed to compile.

./app/page.tsx
12:5  Error: 'total' is assigned a value but never used.  @typescript-eslint/no-unused-vars
14:10  Warning: React Hook useEffect has a missing dependency: 'load'. Either include it or remove the dependency array.  react-hooks/exhaustive-deps

./components/header.tsx
3:8  Warning: Using \`<img>\` could result in slower LCP and higher bandwidth.  @next/next/no-img-element

info  - Need to disable some ESLint rules? Learn more here: https://nextjs.org/docs/basic-features/eslint#disabling-rules`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: './app/page.tsx', line: 12, column: 5, severity: 'error', message: "'total' is assigned a value but never used.", code: '@typescript-eslint/no-unused-vars', tool: 'eslint' },
      {
        file: './app/page.tsx',
        line: 14,
        column: 10,
        severity: 'warning',
        message: "React Hook useEffect has a missing dependency: 'load'. Either include it or remove the dependency array.",
        code: 'react-hooks/exhaustive-deps',
        tool: 'eslint',
      },
      { file: './components/header.tsx', line: 3, column: 8, severity: 'warning', message: 'Using `<img>` could result in slower LCP and higher bandwidth.', code: '@next/next/no-img-element', tool: 'eslint' },
    ]);
  });

  it('ESLint’s own stylish format', () => {
    const log = lines(`
/vercel/path0/src/app.ts
   4:7   error    'unused' is assigned a value but never used  no-unused-vars
  10:1   warning  Unexpected console statement                 no-console
  12:3   error    Parsing error: Unexpected token

✖ 3 problems (2 errors, 1 warning)`);
    assert.deepEqual(
      findProblems(log).map((p) => [p.file, p.line, p.column, p.severity, p.message, p.code]),
      [
        ['/vercel/path0/src/app.ts', 4, 7, 'error', "'unused' is assigned a value but never used", 'no-unused-vars'],
        ['/vercel/path0/src/app.ts', 10, 1, 'warning', 'Unexpected console statement', 'no-console'],
        ['/vercel/path0/src/app.ts', 12, 3, 'error', 'Parsing error: Unexpected token', undefined],
      ],
    );
  });

  it('tsc: file(line,col): error TSxxxx, and the pretty file:line:col - error form', () => {
    const log = lines(`> tsc --noEmit
src/index.ts(12,5): error TS2339: Property 'x' does not exist on type 'Y'.
src/lib/money.ts(3,14): error TS2322: Type 'string' is not assignable to type 'number'.
src/old.ts(1,1): warning TS6385: 'foo' is deprecated.
src/index.ts:20:3 - error TS7006: Parameter 'a' implicitly has an 'any' type.

20   (a) => a
     ~

Found 3 errors in 2 files.`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: 'src/index.ts', line: 12, column: 5, severity: 'error', message: "Property 'x' does not exist on type 'Y'.", code: 'TS2339', tool: 'tsc' },
      { file: 'src/lib/money.ts', line: 3, column: 14, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", code: 'TS2322', tool: 'tsc' },
      { file: 'src/old.ts', line: 1, column: 1, severity: 'warning', message: "'foo' is deprecated.", code: 'TS6385', tool: 'tsc' },
      { file: 'src/index.ts', line: 20, column: 3, severity: 'error', message: "Parameter 'a' implicitly has an 'any' type.", code: 'TS7006', tool: 'tsc' },
    ]);
  });

  it('Vite/Rollup: failed to resolve an import (no line printed: line 1)', () => {
    const log = lines(`vite v5.4.2 building for production...
transforming...
✓ 12 modules transformed.
[vite]: Rollup failed to resolve import "x" from "/vercel/path0/src/main.ts".
This is most likely unintended because it can break your application at runtime.
error during build:
Error: [vite]: Rollup failed to resolve import "x" from "/vercel/path0/src/main.ts".`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: '/vercel/path0/src/main.ts', line: 1, column: 1, severity: 'error', message: 'Rollup failed to resolve import "x" from "/vercel/path0/src/main.ts".', tool: 'vite', search: 'x' },
    ]);
    assert.deepEqual(
      findProblems([`[!] RollupError: Could not resolve "./Foo" from "src/main.ts"`]).map((p) => [p.file, p.tool]),
      [['src/main.ts', 'vite']],
    );
  });

  it('Vite: a plugin error with its file: line (Rollup columns count from 0)', () => {
    const log = lines(`error during build:
[vite:css] [postcss] /vercel/path0/src/style.css:3:1: Unknown word
file: /vercel/path0/src/style.css:3:1`);
    assert.deepEqual(
      findProblems(log).map((p) => [p.file, p.line, p.column, p.message]),
      [['/vercel/path0/src/style.css', 3, 2, '[postcss] /vercel/path0/src/style.css:3:1: Unknown word']],
    );
  });

  it('esbuild: the [ERROR] line, then the location a blank line later (columns count from 0)', () => {
    const log = lines(`✘ [ERROR] Could not resolve "x"

    src/main.ts:3:7:
      3 │ import x from "x";
        ╵               ~~~

  You can mark the path "x" as external to exclude it from the bundle, which will remove this error.

▲ [WARNING] Duplicate key "a" in object literal [duplicate-object-key]

    src/config.ts:8:2:
      8 │   a: 2,
        ╵   ^

1 error`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: 'src/main.ts', line: 3, column: 8, severity: 'error', message: 'Could not resolve "x"', tool: 'esbuild' },
      { file: 'src/config.ts', line: 8, column: 3, severity: 'warning', message: 'Duplicate key "a" in object literal [duplicate-object-key]', tool: 'esbuild' },
    ]);
  });

  it('esbuild’s one-line form as Vite prints it, without a second report from the file: line', () => {
    const log = lines(`[vite:esbuild] Transform failed with 1 error:
/vercel/path0/src/main.ts:3:7: ERROR: Expected ";" but found "foo"
file: /vercel/path0/src/main.ts:3:7`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: '/vercel/path0/src/main.ts', line: 3, column: 8, severity: 'error', message: 'Expected ";" but found "foo"', tool: 'esbuild' },
    ]);
  });

  it('webpack: ERROR in ./file line:col-range, then the message (columns count from 0)', () => {
    const log = lines(`ERROR in ./src/a.js 4:2-18
Module not found: Error: Can't resolve './b' in '/vercel/path0/src'

WARNING in ./src/c.js 10:0-5:3
export 'x' (imported as 'x') was not found in './d'

ERROR in ./src/e.js
Module build failed (from ./node_modules/babel-loader/lib/index.js):

ERROR in src/f.ts:7:3
TS2304: Cannot find name 'foo'.

webpack 5.94.0 compiled with 2 errors`);
    assert.deepEqual(seen(findProblems(log)), [
      { file: './src/a.js', line: 4, column: 3, endLine: 4, endColumn: 19, severity: 'error', message: "Module not found: Error: Can't resolve './b' in '/vercel/path0/src'", tool: 'webpack' },
      { file: './src/c.js', line: 10, column: 1, severity: 'warning', message: "export 'x' (imported as 'x') was not found in './d'", tool: 'webpack' },
      { file: './src/e.js', line: 1, column: 1, severity: 'error', message: 'Module build failed (from ./node_modules/babel-loader/lib/index.js):', tool: 'webpack' },
      { file: 'src/f.ts', line: 7, column: 3, severity: 'error', message: "Cannot find name 'foo'.", code: 'TS2304', tool: 'webpack' },
    ]);
  });

  it('reads through timestamps that builds print before lines', () => {
    const log = lines(`12:04:31.118 Failed to compile.
12:04:31.118 
12:04:31.119 ./app/page.tsx:12:5
12:04:31.119 Type error: Property 'total' does not exist on type 'Cart'.
[12:04:31] src/index.ts(3,1): error TS1005: ';' expected.
2026-03-01T12:04:31.120Z ./app/cart.tsx
2026-03-01T12:04:31.120Z 7:1  Warning: Unexpected any.  @typescript-eslint/no-explicit-any`);
    assert.deepEqual(
      findProblems(log).map((p) => [p.tool, p.file, p.line, p.column]),
      [
        ['next', './app/page.tsx', 12, 5],
        ['tsc', 'src/index.ts', 3, 1],
        ['eslint', './app/cart.tsx', 7, 1],
      ],
    );
  });

  it('reports an identical problem once (builds print errors twice)', () => {
    const block = ['./app/page.tsx:12:5', "Type error: Property 'total' does not exist on type 'Cart'.", ''];
    const problems = findProblems([...block, 'Retrying the build…', ...block, 'src/index.ts(1,1): error TS1: x', 'src/index.ts(1,1): error TS1: x']);
    assert.deepEqual(
      problems.map((p) => p.tool),
      ['next', 'tsc'],
    );
    const matcher = new ProblemMatcher();
    const line = (text: string) => ({ text, created: 0, type: 'stderr' });
    assert.equal(matcher.push(line('src/a.ts(1,2): error TS2: y'), 0).length, 1);
    assert.equal(matcher.push(line('src/a.ts(1,2): error TS2: y'), 1).length, 0);
    assert.equal(matcher.push(line('src/a.ts(1,3): error TS2: y'), 2).length, 1, 'another column is another problem');
  });

  it('finds nothing in ordinary build output', () => {
    const log = lines(`Running build in Washington, D.C., USA (East) – iad1
Cloning github.com/acme/shop (Branch: main, Commit: 1a2b3c4)
Running "vercel build"
Vercel CLI 41.2.0
Installing dependencies...
added 312 packages in 9s
Running "npm run build"
> shop@0.1.0 build
> next build
  ▲ Next.js 15.0.3
   Creating an optimized production build ...
 ✓ Compiled successfully
Route (app)                              Size     First Load JS
┌ ○ /                                    5.2 kB         94.1 kB
└ ƒ /api/hello                           0 B                0 B
./public/robots.txt
Build Completed in /vercel/output [45s]
Error: this line names no file
x marks the spot
12:30 is lunch time`);
    assert.deepEqual(findProblems(log), []);
  });

  it('never throws on arbitrary lines, and reports only well-formed problems', () => {
    const piece = fc.constantFrom(
      './app/page.tsx',
      ':',
      '12',
      '5',
      '(',
      ',',
      ')',
      ' ',
      '  ',
      'Type error: ',
      'Error: ',
      'Warning: ',
      'error TS2339',
      '): error TS',
      ' - error TS',
      ': ERROR: ',
      '✘ [ERROR] ',
      'ERROR in ',
      '╭─[',
      ']',
      '× ',
      'file: ',
      '[vite]: Rollup failed to resolve import "',
      '" from "',
      '"',
      'Failed to compile.',
      '',
    );
    const line = fc.oneof(fc.string(), fc.array(piece, { maxLength: 14 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (log) => {
        for (const problem of findProblems(log)) {
          assert.ok(problem.file.length > 0);
          assert.ok(Number.isInteger(problem.line) && problem.line >= 1, JSON.stringify(problem));
          assert.ok(Number.isInteger(problem.column) && problem.column >= 1, JSON.stringify(problem));
          assert.ok(problem.logLine >= 0 && problem.logLine < log.length);
          assert.ok(problem.message.length > 0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('finishes on 10,000- and 100,000-character lines of `:`, digits and brackets (linear work)', () => {
    const units = [':', '1:', ':1', '9', '(', '(1,', '(1,1)', '1:1:', 'a/b.ts:', './a.ts:1:', ' - error TS', '): error TS', ': ERROR: ', '"', ' from "', '╭─[', 'x '];
    for (const unit of units) {
      for (const size of [10_000, 100_000]) {
        const text = unit.repeat(Math.ceil(size / unit.length));
        findProblems([text, text, '', text]);
        fileRefsIn(text);
        urlsIn(text);
      }
    }
  });
});

describe('locateInSource', () => {
  const source = `import { useState } from 'react';
import Cart from "./Cart";
import Foo from './Foo';
const lazy = import(\`./Foo\`);
`;

  it('puts a problem the tool gave no line for on the import it names', () => {
    const [problem] = findProblems(['./app/page.tsx', "Module not found: Can't resolve './Foo'"]);
    assert.ok(problem !== undefined);
    const placed = locateInSource(problem, source);
    assert.deepEqual([placed.line, placed.column, placed.endLine, placed.endColumn], [3, 17, 3, 24]);
    assert.equal(source.split('\n')[2]?.slice(placed.column - 1, (placed.endColumn ?? 0) - 1), "'./Foo'");
    const [vite] = findProblems(['[vite]: Rollup failed to resolve import "./Cart" from "/vercel/path0/src/main.ts".']);
    assert.ok(vite !== undefined);
    assert.deepEqual([locateInSource(vite, source).line, locateInSource(vite, source).column], [2, 18]);
    const [webpack] = findProblems(['ERROR in ./src/a.js', "Module not found: Error: Can't resolve 'react' in '/vercel/path0/src'"]);
    assert.ok(webpack !== undefined);
    assert.equal(locateInSource(webpack, source).line, 1);
  });

  it('leaves a problem alone when the tool gave a line, or the specifier is not in the file', () => {
    const [located] = findProblems(['./app/page.tsx:9:2', "Module not found: Can't resolve './Foo'"]);
    assert.ok(located !== undefined);
    assert.equal(located.search, undefined);
    assert.equal(locateInSource(located, source), located);
    const [missing] = findProblems(['./app/page.tsx', "Module not found: Can't resolve './Gone'"]);
    assert.ok(missing !== undefined);
    assert.equal(locateInSource(missing, source), missing);
    assert.equal(locateInSource(missing, ''), missing);
  });
});

describe('locateInSource on any text', () => {
  it('never throws, and a moved problem points at the quoted specifier', () => {
    const [problem] = findProblems(['./app/page.tsx', "Module not found: Can't resolve './Foo'"]);
    assert.ok(problem !== undefined);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('', "'./Foo'", '"./Foo"', '`./Foo`', "'./Foo"), fc.string(), (before, quoted, after) => {
        const source = before + quoted + after;
        const placed = locateInSource(problem, source);
        if (placed === problem) return;
        const line = source.split('\n')[placed.line - 1] ?? '';
        assert.equal(line.slice(placed.column - 1, (placed.endColumn ?? 0) - 1).slice(1, -1), './Foo');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fileRefsIn', () => {
  it('finds the references a person would click, with offsets in the line', () => {
    const text = "./app/page.tsx:12:5 and src/index.ts(12,5): error and \"/vercel/path0/app/page.tsx\". (imported by src/main.ts)";
    const refs = fileRefsIn(text);
    assert.deepEqual(
      refs.map((r) => ({ ...r, text: text.slice(r.start, r.end) })),
      [
        { path: './app/page.tsx', line: 12, column: 5, start: 0, end: 19, text: './app/page.tsx:12:5' },
        { path: 'src/index.ts', line: 12, column: 5, start: 24, end: 42, text: 'src/index.ts(12,5)' },
        { path: '/vercel/path0/app/page.tsx', start: 55, end: 81, text: '/vercel/path0/app/page.tsx' },
        { path: 'src/main.ts', start: 97, end: 108, text: 'src/main.ts' },
      ],
    );
  });

  it('reads esbuild’s trailing colon, route groups and dynamic segments, a line without column, and webpack’s range', () => {
    assert.deepEqual(fileRefsIn('    src/main.ts:3:7:'), [{ path: 'src/main.ts', line: 3, column: 7, start: 4, end: 19 }]);
    assert.deepEqual(
      fileRefsIn('./app/(shop)/[slug]/page.tsx:4').map((r) => [r.path, r.line]),
      [['./app/(shop)/[slug]/page.tsx', 4]],
    );
    assert.deepEqual(
      fileRefsIn('ERROR in ./src/a.js 4:2-18').map((r) => [r.path, r.line, r.column]),
      [['./src/a.js', 4, 3]],
    );
    assert.deepEqual(
      fileRefsIn('   ╭─[/vercel/path0/app/page.tsx:5:1]').map((r) => [r.path, r.line, r.column]),
      [['/vercel/path0/app/page.tsx', 5, 1]],
    );
    assert.deepEqual(
      fileRefsIn('page.tsx:3:1 is enough with a location').map((r) => r.path),
      ['page.tsx'],
    );
  });

  it('leaves out URLs, versions, import specifiers and words', () => {
    assert.deepEqual(fileRefsIn('https://nextjs.org/docs/messages/module-not-found.html'), []);
    assert.deepEqual(fileRefsIn("Module not found: Can't resolve './Foo'"), []);
    assert.deepEqual(fileRefsIn('Node.js 20.x, next@15.0.3, @vercel/analytics@1.2.3, github.com/acme/shop'), []);
    assert.deepEqual(fileRefsIn('Build Completed in /vercel/output [45s]'), []);
  });

  it('never throws, and every reference lies inside the line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const ref of fileRefsIn(text)) {
          assert.ok(ref.start >= 0 && ref.start < ref.end && ref.end <= text.length);
          assert.ok(text.slice(ref.start, ref.end).startsWith(ref.path));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fileRefsIn’s shortcuts', () => {
  /** Pieces of paths, locations and the text around them, so generated lines often hold references and near misses. */
  const piece = fc.constantFrom(
    './app/page.tsx',
    'src/a.ts',
    'b.JS',
    'page.tsx',
    '.x',
    '.',
    '/',
    '\\',
    ':',
    '12',
    '0',
    '(',
    ',',
    ')',
    '[',
    ']',
    '!',
    ' ',
    '\t',
    'é',
    '│',
    '\u1680',
    '\u00a0',
    '"',
    '*',
    '://',
    '//',
    'ERROR in ',
    'WARNING in ',
    '4:2-18',
    '(12,5)',
    'abcdefghijk',
    'x1',
  );
  const line = fc.oneof(fc.string(), fc.string({ unit: 'grapheme-ascii' }), fc.array(piece, { maxLength: 20 }).map((parts) => parts.join('')));

  it('skip only lines and tokens the full scan finds nothing in', () => {
    fc.assert(
      fc.property(line, (text) => {
        const full = fileRefsInFullScan(text);
        assert.deepEqual(fileRefsIn(text), full);
        if (!mayHoldFileRef(text)) assert.deepEqual(full, []);
      }),
      { numRuns: 5000 },
    );
  });

  it('agree with the full scan around the scan limit', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: SCAN_LIMIT - 20, max: SCAN_LIMIT + 5 }), (parts, pad) => {
        const tail = parts.join('');
        for (const text of ['x'.repeat(pad) + tail, 'a/b.ts ' + 'y'.repeat(pad) + tail, tail + 'z'.repeat(pad)]) {
          assert.deepEqual(fileRefsIn(text), fileRefsInFullScan(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pass over ordinary build output, and not over a reference', () => {
    for (const text of [
      '   ▲ Next.js 15.0.3',
      'npm warn deprecated inflight@1.0.6: This module is not supported',
      '✓ Compiled /shop/cart in 412ms (873 modules)',
      '   cart checkout ····· 1234 kB',
      'Collecting page data ...',
    ]) {
      assert.equal(mayHoldFileRef(text), false, text);
    }
    for (const text of ['./app/page.tsx', 'page.tsx:3', 'src\\a.ts', 'index.ts(12,5) error', 'ERROR in a.js 4:2']) {
      assert.equal(mayHoldFileRef(text), true, text);
      assert.notDeepEqual(fileRefsIn(text), [], text);
    }
  });

  it('looksLikeFile says what the two regexes it replaced said', () => {
    const byRegex = (path: string): boolean => {
      if (path.length === 0 || path.length > 1024) return false;
      if (/[\s"'`<>|*?]/.test(path) || path.includes('://')) return false;
      const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
      return /\.[A-Za-z][A-Za-z0-9]{0,9}$/.test(path.slice(slash + 1));
    };
    fc.assert(
      fc.property(line, (path) => {
        assert.equal(looksLikeFile(path), byRegex(path), JSON.stringify(path));
      }),
      { numRuns: 5000 },
    );
    for (const path of ['a.b', 'a.abcdefghij', 'a.abcdefghijk', '.ts', 'x/.ts', 'a.1ts', 'a.ts\u2028', 'a b.ts', 'x://a.ts', 'x'.repeat(1021) + '.ts', 'x'.repeat(1022) + '.ts']) {
      assert.equal(looksLikeFile(path), byRegex(path), path);
    }
  });
});

describe('urlsIn', () => {
  it('finds http and https URLs without the punctuation around them', () => {
    const text = 'Learn more: https://nextjs.org/docs/messages/module-not-found. See (https://vercel.com/docs/builds) or <http://localhost:3000/a?b=c>';
    assert.deepEqual(
      urlsIn(text).map((u) => [u.url, text.slice(u.start, u.end)]),
      [
        ['https://nextjs.org/docs/messages/module-not-found', 'https://nextjs.org/docs/messages/module-not-found'],
        ['https://vercel.com/docs/builds', 'https://vercel.com/docs/builds'],
        ['http://localhost:3000/a?b=c', 'http://localhost:3000/a?b=c'],
      ],
    );
    assert.deepEqual(
      urlsIn('https://en.wikipedia.org/wiki/Foo_(bar)').map((u) => u.url),
      ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    );
  });

  it('ignores other schemes and words that merely contain http', () => {
    assert.deepEqual(urlsIn('ftp://x.y file:///etc/passwd javascript:alert(1) xhttps://a.b https://'), []);
  });

  it('never throws, and every URL starts with http', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const u of urlsIn(`see https://${text}`)) assert.ok(/^https?:\/\/./.test(u.url));
      }),
      { numRuns: 1000 },
    );
  });
});
