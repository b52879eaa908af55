/**
 * The `vercel-log` grammar against the colour themes VS Code ships: a
 * success line, a step and a file name must never take the colour of an
 * error line. The grammar is run over rendered log lines by a small
 * TextMate tokenizer (match, begin/end, captures, includes: what the grammar
 * uses), and each token's colour is resolved the way VS Code resolves theme
 * rules (the most specific selector per scope, inner scopes over outer ones).
 * The theme files are the ones of the code-server the integration tests run,
 * found (or installed) through the harness's cache.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runtimePaths } from '../harness/paths';
import { provision } from '../harness/provision';

interface Capture {
  readonly name?: string;
}
interface GrammarRule {
  readonly include?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly contentName?: string;
  readonly captures?: Record<string, Capture>;
  readonly beginCaptures?: Record<string, Capture>;
  readonly endCaptures?: Record<string, Capture>;
  readonly patterns?: readonly GrammarRule[];
}
interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly GrammarRule[];
  readonly repository: Record<string, GrammarRule>;
}

const GRAMMAR_FILE = path.resolve(__dirname, '..', '..', 'syntaxes', 'vercel-log.tmLanguage.json');

function themesDir(): string {
  return path.join(runtimePaths().codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'theme-defaults', 'themes');
}

/** The default themes a person picks from, by the labels VS Code shows; the first four must be there. */
const REQUIRED_THEMES = {
  'Dark Modern': 'dark_modern.json',
  'Light Modern': 'light_modern.json',
  'Dark High Contrast': 'hc_black.json',
  'Light High Contrast': 'hc_light.json',
} as const;
const OTHER_THEMES = { 'Dark+': 'dark_plus.json', 'Light+': 'light_plus.json', 'Dark 2026': '2026-dark.json', 'Light 2026': '2026-light.json' } as const;

// ---- a TextMate tokenizer for one line -------------------------------------------------------

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    // `d` for the capture groups' offsets.
    re = new RegExp(source, 'dg');
    compiled.set(source, re);
  }
  return re;
}

function execAt(source: string, line: string, from: number): RegExpExecArray | null {
  const re = regex(source);
  re.lastIndex = from;
  return re.exec(line);
}

/** The rules a list stands for once includes are followed. */
function expand(grammar: Grammar, rules: readonly GrammarRule[], seen = new Set<string>()): GrammarRule[] {
  const out: GrammarRule[] = [];
  for (const rule of rules) {
    if (rule.include !== undefined) {
      if (rule.include === '$self') {
        out.push(...expand(grammar, grammar.patterns, seen));
        continue;
      }
      assert.ok(rule.include.startsWith('#'), `unsupported include ${rule.include}`);
      const key = rule.include.slice(1);
      const target = grammar.repository[key];
      assert.ok(target, `the grammar includes #${key}, which its repository does not hold`);
      if (seen.has(key)) continue;
      out.push(...expand(grammar, [target], new Set([...seen, key])));
    } else if (rule.match === undefined && rule.begin === undefined) {
      out.push(...expand(grammar, rule.patterns ?? [], seen));
    } else {
      out.push(rule);
    }
  }
  return out;
}

/** Per character of the line, its scopes from the outermost in. */
function tokenize(grammar: Grammar, line: string): string[][] {
  const scopes: string[][] = Array.from({ length: line.length }, () => [grammar.scopeName]);
  const paint = (from: number, to: number, stack: readonly string[]) => {
    for (let i = from; i < to; i++) scopes[i] = [...stack];
  };
  const paintCaptures = (match: RegExpExecArray, captures: Record<string, Capture> | undefined, stack: readonly string[]) => {
    if (!captures || !match.indices) return;
    for (const [group, capture] of Object.entries(captures)) {
      const span = match.indices[Number(group)];
      if (span && capture.name) paint(span[0], span[1], [...stack, capture.name]);
    }
  };

  /** Scans from `pos` with `rules`, until `end` matches (its end is answered) or the line ends. */
  const scan = (rules: readonly GrammarRule[], pos: number, stack: readonly string[], end: string | undefined): number => {
    const candidates = expand(grammar, rules);
    while (pos <= line.length) {
      let best: { rule: GrammarRule; match: RegExpExecArray } | undefined;
      for (const rule of candidates) {
        const match = execAt((rule.match ?? rule.begin) as string, line, pos);
        if (match && (!best || match.index < best.match.index)) best = { rule, match };
      }
      const endMatch = end === undefined ? null : execAt(end, line, pos);
      // An end that matches no later than any pattern closes the region (TextMate's default).
      if (endMatch && (!best || endMatch.index <= best.match.index)) {
        paint(pos, endMatch.index + endMatch[0].length, stack);
        return endMatch.index + endMatch[0].length;
      }
      if (!best) {
        paint(pos, line.length, stack);
        return line.length;
      }
      const { rule, match } = best;
      paint(pos, match.index, stack);
      const after = match.index + match[0].length;
      const own = rule.name ? [...stack, rule.name] : [...stack];
      paint(match.index, after, own);
      if (rule.match !== undefined) {
        paintCaptures(match, rule.captures, own);
        // A match of nothing moves on by one character, as TextMate does, or this would not end.
        pos = after === match.index ? after + 1 : after;
        if (after === match.index && match.index < line.length) paint(match.index, match.index + 1, stack);
        continue;
      }
      paintCaptures(match, rule.beginCaptures ?? rule.captures, own);
      const inner = rule.contentName ? [...own, rule.contentName] : own;
      pos = scan(rule.patterns ?? [], after, inner, rule.end);
      if (pos >= line.length) return line.length;
    }
    return line.length;
  };
  scan(grammar.patterns, 0, [grammar.scopeName], undefined);
  return scopes;
}

// ---- theme rules, resolved as VS Code does -------------------------------------------------------

interface ThemeRule {
  readonly scope?: string | readonly string[];
  readonly settings: { readonly foreground?: string; readonly fontStyle?: string };
}
interface Theme {
  readonly name: string;
  readonly rules: readonly ThemeRule[];
  readonly foreground: string;
}

/** Theme files are JSON with comments and trailing commas. */
function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as unknown;
}

interface ThemeFile {
  readonly name?: string;
  readonly include?: string;
  readonly type?: string;
  readonly colors?: Record<string, string>;
  readonly tokenColors?: readonly ThemeRule[] | string;
}

function loadTheme(file: string): { rules: ThemeRule[]; foreground: string | undefined; type: string | undefined } {
  const json = parseJsonc(fs.readFileSync(file, 'utf8')) as ThemeFile;
  const base = json.include !== undefined ? loadTheme(path.join(path.dirname(file), json.include)) : { rules: [], foreground: undefined, type: undefined };
  assert.ok(json.tokenColors === undefined || Array.isArray(json.tokenColors), `${file}: tokenColors in a separate file is not read here`);
  return {
    rules: [...base.rules, ...((json.tokenColors as readonly ThemeRule[] | undefined) ?? [])],
    foreground: json.colors?.['editor.foreground'] ?? base.foreground,
    type: json.type ?? base.type,
  };
}

/** VS Code's editor foreground when a theme leaves it out. */
const DEFAULT_FOREGROUND: Record<string, string> = { dark: '#d4d4d4', light: '#000000', hc: '#ffffff', hcLight: '#292929' };

function theme(name: string, file: string): Theme {
  const loaded = loadTheme(path.join(themesDir(), file));
  const kind = file.startsWith('hc_light') ? 'hcLight' : file.startsWith('hc_') ? 'hc' : (loaded.type ?? (file.includes('light') ? 'light' : 'dark'));
  return { name, rules: loaded.rules, foreground: normalize(loaded.foreground ?? DEFAULT_FOREGROUND[kind] ?? '#000000') };
}

function normalize(color: string): string {
  let c = color.trim().toLowerCase();
  if (/^#[0-9a-f]{3,4}$/.test(c)) c = `#${[...c.slice(1)].map((d) => d + d).join('')}`;
  // A fully opaque alpha says nothing more.
  if (/^#[0-9a-f]{8}$/.test(c) && c.endsWith('ff')) c = c.slice(0, 7);
  return c;
}

function selectorsOf(rule: ThemeRule): string[] {
  if (rule.scope === undefined) return [];
  const list = typeof rule.scope === 'string' ? rule.scope.split(',') : [...rule.scope];
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

function scopeMatches(selector: string, scope: string): boolean {
  return scope === selector || scope.startsWith(`${selector}.`);
}

/** How well `selector` (`a.b c.d`) fits the scope at `depth` of `stack`; undefined when it does not. */
function fit(selector: string, stack: readonly string[], depth: number): [number, number] | undefined {
  const parts = selector.split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  if (parts.some((p) => p === '>' || p.startsWith('-'))) return undefined;
  if (!scopeMatches(last, stack[depth] ?? '')) return undefined;
  let at = depth - 1;
  for (let k = parts.length - 2; k >= 0; k--) {
    while (at >= 0 && !scopeMatches(parts[k] ?? '', stack[at] ?? '')) at--;
    if (at < 0) return undefined;
    at--;
  }
  return [last.split('.').length, parts.length];
}

/** The foreground and font style of a token with these scopes. */
function styleOf(t: Theme, stack: readonly string[]): { foreground: string; fontStyle: string } {
  let foreground = t.foreground;
  let fontStyle = '';
  for (let depth = 0; depth < stack.length; depth++) {
    let bestColor: { score: [number, number]; index: number; value: string } | undefined;
    let bestStyle: { score: [number, number]; index: number; value: string } | undefined;
    t.rules.forEach((rule, index) => {
      for (const selector of selectorsOf(rule)) {
        const score = fit(selector, stack, depth);
        if (!score) continue;
        const better = (b: { score: [number, number]; index: number } | undefined) =>
          !b || score[0] > b.score[0] || (score[0] === b.score[0] && (score[1] > b.score[1] || (score[1] === b.score[1] && index >= b.index)));
        if (rule.settings.foreground !== undefined && better(bestColor)) bestColor = { score, index, value: rule.settings.foreground };
        if (rule.settings.fontStyle !== undefined && better(bestStyle)) bestStyle = { score, index, value: rule.settings.fontStyle };
      }
    });
    if (bestColor) foreground = normalize(bestColor.value);
    if (bestStyle) fontStyle = bestStyle.value.trim();
  }
  return { foreground, fontStyle };
}

// ---- the checks -------------------------------------------------------------------------------

/** Lines as the document shows them, with the time column. */
const LINES = {
  error: '13:15:02.120 Error: Command "npm run build" exited with 1',
  typeError: "13:15:02.121 Type error: Property 'total' does not exist on type 'Cart'.",
  buildCompleted: '13:15:02.122 Build Completed in /vercel/output [42s]',
  deploying: '13:15:02.123 Deploying outputs...',
  deployed: '13:15:02.124 Deployment completed',
  checked: '13:15:02.125 ✓ Compiled successfully',
  step: '13:15:02.126 Cloning github.com/acme/shop (Branch: main, Commit: 1a2b3c4)',
  command: '13:15:02.127 Running "npm run build"',
  file: '13:15:02.128 ./src/logtest/cart.ts:6:27',
  tscFile: '13:15:02.129 src/index.ts(2,7): see the line above',
} as const;

/** What part of a line is looked at: the start of this text in it. */
const PROBES: readonly { readonly what: string; readonly line: keyof typeof LINES; readonly at: string; readonly success?: true }[] = [
  { what: 'the Build Completed line', line: 'buildCompleted', at: 'Build Completed', success: true },
  { what: 'the Deploying outputs line', line: 'deploying', at: 'Deploying', success: true },
  { what: 'the Deployment completed line', line: 'deployed', at: 'Deployment', success: true },
  { what: 'a ✓ line', line: 'checked', at: 'Compiled', success: true },
  { what: 'a step', line: 'step', at: 'Cloning' },
  { what: 'the word Running', line: 'command', at: 'Running' },
  { what: 'the command', line: 'command', at: '"npm' },
  { what: "Next.js's file line", line: 'file', at: './src' },
  { what: 'cart.ts in that line', line: 'file', at: 'cart.ts' },
  { what: "tsc's file name", line: 'tscFile', at: 'src/index.ts' },
];

function scopesAt(grammar: Grammar, line: keyof typeof LINES, text: string): string[] {
  const full = LINES[line];
  const at = full.indexOf(text);
  assert.ok(at >= 0, `${text} is not in ${full}`);
  return tokenize(grammar, full)[at] ?? [];
}

describe('logs: the vercel-log grammar in the default themes', function () {
  let grammar: Grammar;
  const themes: Theme[] = [];

  before(async function () {
    grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Grammar;
    if (!fs.existsSync(path.join(themesDir(), REQUIRED_THEMES['Light Modern']))) {
      // The themes come with the code-server the integration tests run; install it as they would.
      this.timeout(30 * 60_000);
      await provision();
    }
    for (const [name, file] of Object.entries(REQUIRED_THEMES)) {
      assert.ok(fs.existsSync(path.join(themesDir(), file)), `${file} is not in ${themesDir()}`);
      themes.push(theme(name, file));
    }
    for (const [name, file] of Object.entries(OTHER_THEMES)) if (fs.existsSync(path.join(themesDir(), file))) themes.push(theme(name, file));
  });

  it('compiles every pattern as a JavaScript regex (what this tokenizer runs)', () => {
    const sources: string[] = [];
    const walk = (rule: GrammarRule) => {
      for (const s of [rule.match, rule.begin, rule.end]) if (s !== undefined) sources.push(s);
      for (const child of rule.patterns ?? []) walk(child);
    };
    for (const rule of [...grammar.patterns, ...Object.values(grammar.repository)]) walk(rule);
    assert.ok(sources.length >= 8, `only ${sources.length} patterns`);
    for (const s of sources) assert.doesNotThrow(() => regex(s), s);
  });

  it('gives each probe the kind of scope it means', () => {
    const innermost = (line: keyof typeof LINES, at: string) => scopesAt(grammar, line, at).at(-1) ?? '';
    assert.match(innermost('error', 'Error'), /^markup\.deleted\./);
    assert.match(innermost('typeError', 'Type error'), /^markup\.deleted\./);
    assert.match(innermost('error', '13:15'), /^comment\./, 'the time column');
    for (const probe of PROBES) {
      const scope = innermost(probe.line, probe.at);
      assert.notEqual(scope, grammar.scopeName, `${probe.what} has a scope of its own`);
      assert.doesNotMatch(scope, /^markup\.deleted/, `${probe.what} is not an error`);
      if (probe.success) assert.match(scope, /^markup\.inserted\./, `${probe.what} is a success`);
    }
  });

  it('never colours a success, a step or a file name like an error line', () => {
    assert.ok(themes.length >= 4);
    const failures: string[] = [];
    for (const t of themes) {
      const errors = [styleOf(t, scopesAt(grammar, 'error', 'Error')), styleOf(t, scopesAt(grammar, 'typeError', 'Type'))];
      for (const probe of PROBES) {
        const style = styleOf(t, scopesAt(grammar, probe.line, probe.at));
        for (const error of errors) {
          if (style.foreground === error.foreground) failures.push(`${t.name}: ${probe.what} is ${style.foreground}, the colour of an error`);
        }
      }
    }
    assert.deepEqual([...new Set(failures)], []);
  });

  it('shows successes in the colour of inserted text, which no default theme gives to errors', () => {
    for (const t of themes) {
      const error = styleOf(t, scopesAt(grammar, 'error', 'Error')).foreground;
      const inserted = styleOf(t, [grammar.scopeName, 'markup.inserted']).foreground;
      assert.notEqual(inserted, error, `${t.name}: inserted and deleted text look alike`);
      for (const probe of PROBES.filter((p) => p.success)) {
        assert.equal(styleOf(t, scopesAt(grammar, probe.line, probe.at)).foreground, inserted, `${t.name}: ${probe.what}`);
      }
    }
  });

  it('resolves theme rules the way VS Code does (checked on the rules the old grammar tripped over)', () => {
    const light = themes.find((t) => t.name === 'Light Modern');
    const dark = themes.find((t) => t.name === 'Dark Modern');
    assert.ok(light && dark);
    // Light+'s Markdown heading is bold maroon and its strings are the red of deleted text: the colours #21.8 saw.
    assert.deepEqual(styleOf(light, [grammar.scopeName, 'markup.heading.step.vercel-log']), { foreground: '#800000', fontStyle: 'bold' });
    assert.equal(styleOf(light, [grammar.scopeName, 'string.unquoted.path.vercel-log']).foreground, styleOf(light, [grammar.scopeName, 'markup.deleted.error.vercel-log']).foreground);
    assert.equal(styleOf(dark, [grammar.scopeName, 'string.unquoted.path.vercel-log']).foreground, styleOf(dark, [grammar.scopeName, 'markup.deleted.error.vercel-log']).foreground);
    // An inner scope without a colour keeps its parent's: a path inside an error line stays red.
    const inError = styleOf(light, [grammar.scopeName, 'markup.deleted.error.vercel-log', 'markup.underline.link.path.vercel-log']);
    assert.equal(inError.foreground, styleOf(light, [grammar.scopeName, 'markup.deleted.error.vercel-log']).foreground);
    assert.match(inError.fontStyle, /underline/);
  });
});
