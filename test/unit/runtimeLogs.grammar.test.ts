/**
 * The `vercel-runtime-log` grammar, run by VS Code's own TextMate engine
 * (vscode-textmate and Oniguruma from the code-server the integration tests
 * run, so every pattern is read as the editor reads it, across lines) over a
 * log the model renders, against the colour themes VS Code ships: errors and
 * 5xx in the colour of an error, warnings and 4xx of a warning, 2xx of
 * success, and nothing else (a path, a time, a notice) red anywhere.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RuntimeLogModel } from '../../src/runtimeLogs/model';
import { runtimePaths } from '../harness/paths';
import { provision } from '../harness/provision';
import { OTHER_THEMES, REQUIRED_THEMES, styleOf, theme, themesDir, type Theme } from './grammarThemes';

const GRAMMAR_FILE = path.resolve(__dirname, '..', '..', 'syntaxes', 'vercel-runtime-log.tmLanguage.json');

interface TextMate {
  Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  INITIAL: unknown;
  parseRawGrammar(text: string, file: string): unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}

function vscodeModules(): string {
  return path.join(runtimePaths().codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
}

async function loadGrammar(): Promise<Grammar> {
  const modules = vscodeModules();
  // The runtime's own copies: the engine the editor tokenizes with.
  const textmate = require(path.join(modules, 'vscode-textmate')) as TextMate;
  const onig = require(path.join(modules, 'vscode-oniguruma')) as {
    loadWASM(data: ArrayBuffer): Promise<void>;
    createOnigScanner(patterns: string[]): unknown;
    createOnigString(text: string): unknown;
  };
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => onig.createOnigScanner(p), createOnigString: (s: string) => onig.createOnigString(s) }),
    loadGrammar: async (scope: string) => (scope === 'text.log.vercel-runtime' ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null),
  });
  const grammar = await registry.loadGrammar('text.log.vercel-runtime');
  assert.ok(grammar, 'the grammar loads');
  return Object.assign(grammar, { initial: textmate.INITIAL });
}

/** Per line, per character, the scopes from the outermost in; lines tokenized in order, as the editor does. */
function tokenizeAll(grammar: Grammar & { initial?: unknown }, lines: readonly string[]): string[][][] {
  let state = grammar.initial;
  return lines.map((line) => {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    const scopes: string[][] = Array.from({ length: line.length }, () => []);
    for (const token of tokens) for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) scopes[i] = token.scopes;
    return scopes;
  });
}

const T = Date.UTC(2026, 0, 2, 12, 0, 0);

/** A log as the model renders it, under its state line. */
function renderedLog(): string[] {
  const m = new RuntimeLogModel({ timeZone: 'UTC' });
  m.appendHistory([
    { time: T, request: { method: 'GET', path: '/cart', status: 200, source: 'serverless' }, lines: [{ level: 'info', message: 'rendered the cart', truncated: false }] },
    {
      time: T + 1000,
      request: { method: 'POST', path: '/api/checkout', status: 500, source: 'serverless' },
      lines: [{ level: 'error', message: "TypeError: Cannot read properties of undefined (reading 'price')\n    at POST (/var/task/app/api/checkout/route.ts:12:25)", truncated: false }],
    },
  ]);
  m.appendLive([
    { time: T + 2000, level: 'warning', message: '⨯ upstream image response failed for https://images.example.com/cap.jpg 504', truncated: false, source: 'serverless', request: { method: 'GET', path: '/_next/image', status: 502, source: 'serverless' } },
    { time: T + 3000, level: 'info', message: '', truncated: false, source: 'request', request: { method: 'GET', path: '/wp-login.php', status: 404, source: 'request' } },
    { time: T + 4000, level: 'info', message: 'geo: DE', truncated: false, source: 'edge-middleware' },
    { time: T + 5000, level: 'info', message: 'checkout: 2 × Canvas tote = $48.00', truncated: false, source: 'serverless', request: { method: 'POST', path: '/api/checkout', status: 200, source: 'serverless' } },
  ]);
  m.appendNotice('Vercel: Log limit reached', T + 6000);
  return ['── Live: new lines appear below as functions write them.', ...m.render().split('\n'), '⚠ Could not follow the runtime logs: HTTP 403.'];
}

describe('runtime logs: the vercel-runtime-log grammar', function () {
  this.timeout(60_000);
  let lines: string[];
  let scopes: string[][][];
  const themes: Theme[] = [];

  before(async function () {
    if (!fs.existsSync(path.join(vscodeModules(), 'vscode-textmate')) || !fs.existsSync(path.join(themesDir(), REQUIRED_THEMES['Light Modern']))) {
      // The engine and the themes come with the code-server the integration tests run; install it as they would.
      this.timeout(30 * 60_000);
      await provision();
    }
    lines = renderedLog();
    scopes = tokenizeAll(await loadGrammar(), lines);
    for (const [name, file] of Object.entries(REQUIRED_THEMES)) themes.push(theme(name, file));
    for (const [name, file] of Object.entries(OTHER_THEMES)) if (fs.existsSync(path.join(themesDir(), file))) themes.push(theme(name, file));
  });

  /** The scopes at the first occurrence of `text` on the line that holds `lineText`. */
  const at = (lineText: string, text: string, skip = 0): string[] => {
    const index = lines.findIndex((l, i) => i >= skip && l.includes(lineText));
    assert.ok(index >= 0, `no line holds ${lineText}:\n${lines.join('\n')}`);
    const column = (lines[index] as string).indexOf(text);
    assert.ok(column >= 0, `${text} is not in ${lines[index]}`);
    return scopes[index]?.[column] ?? [];
  };
  const innermost = (lineText: string, text: string) => at(lineText, text).at(-1) ?? '';

  it('gives each part of a line the scope it means', () => {
    assert.match(innermost('/cart', '12:00:00.000'), /^comment\.line\.timestamp/);
    assert.match(innermost('/cart', 'GET'), /^entity\.name\.function\.method/);
    assert.match(innermost('/cart', '200'), /^markup\.inserted\.status/);
    assert.match(innermost('/cart', '/cart'), /^variable\.other\.path/);
    assert.match(innermost('/cart', '(serverless)'), /^comment\.line\.source/);
    assert.match(innermost('POST   500', '500'), /^markup\.deleted\.status/);
    assert.match(innermost('GET    502', '502'), /^markup\.deleted\.status/);
    assert.match(innermost('/wp-login.php', '404'), /^markup\.changed\.status/);
    assert.match(innermost('TypeError', 'error'), /^markup\.deleted\.level/);
    assert.match(innermost('TypeError', 'TypeError'), /^markup\.deleted\.error/);
    assert.match(innermost('at POST', '/var/task'), /^markup\.underline\.link\.frame/, 'the frame is a link');
    assert.ok(at('at POST', 'at POST').includes('markup.deleted.error.vercel-runtime-log'), "a stack's further lines belong to its error");
    assert.match(innermost('upstream image', 'warning'), /^markup\.changed\.level/);
    assert.match(innermost('upstream image', '⨯'), /^markup\.changed\.warning/);
    assert.match(innermost('upstream image', 'https://'), /^markup\.underline\.link/);
    assert.match(innermost('rendered the cart', 'info'), /^comment\.line\.level/);
    assert.equal(innermost('rendered the cart', 'rendered'), 'text.log.vercel-runtime', 'an info line is plain text');
    assert.match(innermost('geo: DE', '[middleware]'), /^comment\.line\.source/);
    assert.match(innermost('Log limit reached', '── Vercel'), /^entity\.name\.type\.notice/);
    assert.match(innermost('Live: new lines', '── Live'), /^entity\.name\.type\.notice/);
    assert.match(innermost('Could not follow', '⚠'), /^markup\.changed\.warning\.state/);
    assert.equal(innermost('checkout: 2', 'checkout'), 'text.log.vercel-runtime', 'after an error, the next request is not red');
  });

  it('colours errors and 5xx like an error, warnings and 4xx like a warning, and nothing else red in any default theme', () => {
    assert.ok(themes.length >= 4);
    const failures: string[] = [];
    for (const t of themes) {
      const red = styleOf(t, [...at('TypeError', 'TypeError')]).foreground;
      const yellow = styleOf(t, at('upstream image', '⨯')).foreground;
      if (styleOf(t, at('POST   500', '500')).foreground !== red) failures.push(`${t.name}: 500 is not the colour of an error`);
      if (styleOf(t, at('at POST', '/var/task')).foreground !== red) failures.push(`${t.name}: a frame is not the colour of its error`);
      if (styleOf(t, at('/wp-login.php', '404')).foreground !== yellow) failures.push(`${t.name}: 404 is not the colour of a warning`);
      if (yellow === red) failures.push(`${t.name}: warnings look like errors`);
      for (const [line, text, what] of [
        ['/cart', '12:00:00.000', 'a time'],
        ['/cart', 'GET', 'a method'],
        ['/cart', '200', 'a 2xx'],
        ['/cart', '/cart', 'a path'],
        ['/cart', '(serverless)', 'a source'],
        ['rendered the cart', 'rendered', 'an info line'],
        ['rendered the cart', 'info', 'a level'],
        ['Log limit reached', 'Vercel', 'a notice'],
        ['Live: new lines', 'Live', 'the state line'],
        ['checkout: 2', 'checkout', 'the line after an error'],
      ] as const) {
        if (styleOf(t, at(line, text)).foreground === red) failures.push(`${t.name}: ${what} is the colour of an error`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
