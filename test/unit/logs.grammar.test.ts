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
import { provision } from '../harness/provision';
import { OTHER_THEMES, REQUIRED_THEMES, styleOf, theme, themesDir, type Theme } from './grammarThemes';

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
