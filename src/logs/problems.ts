/**
 * Errors and warnings of the tools a Vercel build runs (Next.js, tsc, ESLint,
 * Vite/Rollup, esbuild, webpack), read from the log one line at a time, and
 * the file references and URLs a person would click. Pure; no `vscode`.
 *
 * Every scan is hand-written or a regex without nested quantifiers, and looks
 * at no more than the first SCAN_LIMIT characters of a line: a log line is
 * untrusted input and may be 100,000 characters of `:` and digits.
 */
import type { BuildProblem, LogLine, Severity } from './logTypes';
import { afterPrintedTime } from '../util/timestamps';

/** Lines are only scanned this far; tools print locations at the start. */
export const SCAN_LIMIT = 4000;

type Tool = BuildProblem['tool'];

export interface FileRef {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  /** Offsets in the line text: the path and its location. */
  readonly start: number;
  readonly end: number;
}

interface Location {
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

const MAX_DIGITS = 9;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The number at `from` and the index after it; undefined when there is none or it is too long to be a line number. */
function readNumber(text: string, from: number, limit = text.length): { value: number; end: number } | undefined {
  let i = from;
  while (i < limit && isDigit(text.charCodeAt(i))) i++;
  if (i === from || i - from > MAX_DIGITS) return undefined;
  return { value: Number(text.slice(from, i)), end: i };
}

/** Start of the run of digits ending just before `end` (so `end` when there is none). */
function digitsBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && isDigit(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Splits `path:line:col` / `path:line` at its end (only digits are walked
 * back over, so this is linear). Numbers of 0 or too many digits are not
 * locations.
 */
function splitLocation(token: string): Location {
  const lastStart = digitsBefore(token, token.length);
  if (lastStart === token.length || lastStart === 0 || token.charCodeAt(lastStart - 1) !== 0x3a) return { path: token };
  const last = Number(token.slice(lastStart));
  if (token.length - lastStart > MAX_DIGITS || last === 0) return { path: token };
  const colon = lastStart - 1;
  const firstStart = digitsBefore(token, colon);
  if (firstStart < colon && firstStart > 0 && token.charCodeAt(firstStart - 1) === 0x3a && colon - firstStart <= MAX_DIGITS) {
    const line = Number(token.slice(firstStart, colon));
    if (line > 0) return { path: token.slice(0, firstStart - 1), line, column: last };
  }
  return { path: token.slice(0, colon), line: last };
}

/** The text after the last blank: tools print a location first, but a prefix (`npm ERR! `) may come before it. */
function lastToken(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.slice(Math.max(trimmed.lastIndexOf(' '), trimmed.lastIndexOf('\t')) + 1);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** What the regex `\s` matches. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Characters a printed path never holds: quotes, redirections, globs. */
const NOT_IN_PATH = new Set([0x22, 0x27, 0x60, 0x3c, 0x3e, 0x7c, 0x2a, 0x3f]);

/**
 * A file path as tools print them: no blanks or quotes, and a file name with an extension
 * (`.` then a letter and at most 9 more letters or digits, at the end). Hand-written rather
 * than regexes: it runs for every candidate token of every line, and this way it reads the
 * extension from the end first, which rejects most tokens after a character or two.
 */
export function looksLikeFile(path: string): boolean {
  const n = path.length;
  if (n === 0 || n > 1024) return false;
  let k = n;
  while (k > 0 && n - k < 11 && (isAsciiLetter(path.charCodeAt(k - 1)) || isDigit(path.charCodeAt(k - 1)))) k--;
  if (k === n || n - k > 10 || path.charCodeAt(k - 1) !== 0x2e || !isAsciiLetter(path.charCodeAt(k))) return false;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (isSpace(c) || NOT_IN_PATH.has(c)) return false;
  }
  return !path.includes('://');
}

/** A token that is only a path, perhaps with `:line:col`: the header line Next.js and ESLint print before a file's messages. */
function pathHeader(trimmed: string): Location | undefined {
  if (trimmed.length > 1024 || /\s/.test(trimmed)) return undefined;
  const location = splitLocation(trimmed);
  const path = location.path;
  if (!looksLikeFile(path)) return undefined;
  if (!(path.startsWith('./') || path.startsWith('../') || path.startsWith('/') || path.includes('/'))) return undefined;
  return location;
}

function ruleSplit(rest: string): { message: string; code?: string } {
  // ESLint puts the rule id last, after two or more blanks.
  const gap = rest.lastIndexOf('  ');
  if (gap > 0) {
    const rule = rest.slice(gap).trim();
    if (/^[@A-Za-z][\w@/.-]{0,100}$/.test(rule)) return { message: rest.slice(0, gap).trim(), code: rule };
  }
  return { message: rest.trim() };
}

/** `12:5  Error: message  rule` (Next.js's ESLint) or `  12:5  error  message  rule` (ESLint's stylish format). */
function eslintLine(trimmed: string): { line: number; column: number; severity: Severity; message: string; code?: string } | undefined {
  const line = readNumber(trimmed, 0);
  if (line === undefined || trimmed.charCodeAt(line.end) !== 0x3a) return undefined;
  const column = readNumber(trimmed, line.end + 1);
  if (column === undefined) return undefined;
  const rest = trimmed.slice(column.end).trimStart();
  const words: readonly [string, Severity][] = [
    ['Error:', 'error'],
    ['Warning:', 'warning'],
    ['error ', 'error'],
    ['warning ', 'warning'],
  ];
  for (const [word, severity] of words) {
    if (rest.startsWith(word)) {
      const { message, code } = ruleSplit(rest.slice(word.length));
      if (message === '') return undefined;
      const result = { line: line.value, column: Math.max(1, column.value), severity, message };
      return code === undefined ? result : { ...result, code };
    }
  }
  return undefined;
}

/** Messages Next.js prints under a `./file` line. */
const NEXT_MESSAGES = [
  'Type error:',
  'Module not found:',
  'Error:',
  'SyntaxError:',
  'Syntax error:',
  'TypeError:',
  'ReferenceError:',
  'Attempted import error:',
  'Module parse failed:',
  'Module build failed',
  'Unexpected token',
];

/** `webpack: 4:2-18`, `4:2-5:10`, `4:2` (0-based columns, end exclusive). */
function webpackRange(text: string): { line: number; column: number; endLine?: number; endColumn?: number } | undefined {
  const line = readNumber(text, 0);
  if (line === undefined || text.charCodeAt(line.end) !== 0x3a) return undefined;
  const column = readNumber(text, line.end + 1);
  if (column === undefined || line.value === 0) return undefined;
  const start = { line: line.value, column: column.value + 1 };
  if (text.charCodeAt(column.end) !== 0x2d) return start;
  const a = readNumber(text, column.end + 1);
  if (a === undefined) return start;
  if (text.charCodeAt(a.end) === 0x3a) {
    const b = readNumber(text, a.end + 1);
    if (b !== undefined && a.value >= line.value) return { ...start, endLine: a.value, endColumn: b.value + 1 };
    return start;
  }
  return { ...start, endLine: line.value, endColumn: a.value + 1 };
}

/**
 * webpack 5's module line under an `ERROR in <file>` header: `./src/index.ts 2:6-7` (a path, a blank and
 * a range), or the range alone (`2:19-40`) when the file is no module of the bundle.
 */
function moduleRange(trimmed: string): { line: number; column: number; endLine?: number; endColumn?: number } | undefined {
  const space = trimmed.indexOf(' ');
  if (space > 1024 || (space > 0 && !looksLikeFile(trimmed.slice(0, space)))) return undefined;
  const rest = space < 0 ? trimmed : trimmed.slice(space + 1);
  if (!/^\d{1,9}:\d{1,9}(?:-\d{1,9}(?::\d{1,9})?)?$/.test(rest)) return undefined;
  return webpackRange(rest);
}

/** ts-loader's `[tsl] ERROR in /vercel/path0/src/index.ts(2,7)` (TypeScript's 1-based line and column). */
function tsLoaderHeader(trimmed: string): Pending | undefined {
  let severity: Severity;
  let rest: string;
  if (trimmed.startsWith('[tsl] ERROR in ')) {
    severity = 'error';
    rest = trimmed.slice('[tsl] ERROR in '.length);
  } else if (trimmed.startsWith('[tsl] WARNING in ')) {
    severity = 'warning';
    rest = trimmed.slice('[tsl] WARNING in '.length);
  } else return undefined;
  rest = rest.trimEnd();
  const paren = rest.lastIndexOf('(');
  if (paren <= 0) return undefined;
  const at = /^\((\d{1,9}),(\d{1,9})\)$/.exec(rest.slice(paren));
  const path = rest.slice(0, paren);
  if (at === null || !looksLikeFile(path) || Number(at[1]) === 0) return undefined;
  return { location: { path, line: Number(at[1]), column: Math.max(1, Number(at[2])) }, severity };
}

/** The text between the quote at `from` and its closing quote. */
function quoted(text: string, from: number): { value: string; end: number } | undefined {
  const quote = text.charAt(from);
  if (quote !== '"' && quote !== "'") return undefined;
  const close = text.indexOf(quote, from + 1);
  if (close < 0) return undefined;
  return { value: text.slice(from + 1, close), end: close + 1 };
}

interface Pending {
  readonly location: Location;
  readonly severity: Severity;
  /** webpack's `Module build failed (from …):` line, when the loader's error is still to come. */
  readonly buildFailed?: { readonly message: string; readonly logLine: number };
}

/** Babel's `SyntaxError: /vercel/path0/src/a.js: Unexpected token, expected "," (4:4)` (columns from 0). */
function babelSyntaxError(trimmed: string): { line: number; column: number; message: string } | undefined {
  const match = /^(\w{0,40}Error): (\S{1,1024}): (.{1,2000}) \((\d{1,9}):(\d{1,9})\)$/.exec(trimmed);
  if (match === null || !looksLikeFile(match[2] ?? '') || Number(match[4]) === 0) return undefined;
  return { line: Number(match[4]), column: Number(match[5]) + 1, message: `${match[1]}: ${match[3]}` };
}

/**
 * Reads problems from a log one line at a time, keeping the little state the
 * multi-line shapes need (a `./file` header, esbuild's message before its
 * location, webpack's header before its message). Returns each problem once:
 * builds and tools repeat themselves.
 */
export class ProblemMatcher {
  private header: Location | undefined;
  private nextSection: Severity = 'error';
  private esbuild: { message: string; severity: Severity; linesLeft: number } | undefined;
  private webpack: Pending | undefined;
  private swcMessage: string | undefined;
  /** SWC's code frame under its location line: the caret line below a numbered line says where the error is. */
  private swcFrame: { location: Location; message: string; severity: Severity; logLine: number; codeLine?: number; linesLeft: number } | undefined;
  private vite: { message: string; linesLeft: number } | undefined;
  private last: { path: string; line: number } | undefined;
  private readonly seen = new Set<string>();

  push(line: LogLine, index: number): BuildProblem[] {
    const out: BuildProblem[] = [];
    this.match(line.text, index, out);
    return out;
  }

  private emit(out: BuildProblem[], problem: BuildProblem): void {
    if (problem.file === '' || problem.message === '' || !(problem.line >= 1)) return;
    const key = [problem.severity, problem.file, problem.line, problem.column, problem.message].join('\0');
    this.last = { path: problem.file, line: problem.line };
    if (this.seen.has(key)) return;
    this.seen.add(key);
    out.push(problem);
  }

  private problem(location: Location, severity: Severity, message: string, tool: Tool, logLine: number, code?: string): BuildProblem {
    const problem: BuildProblem = {
      file: location.path,
      line: location.line ?? 1,
      column: Math.max(1, location.column ?? 1),
      severity,
      message: message.trim(),
      tool,
      logLine,
    };
    const end = location.endLine !== undefined && location.endColumn !== undefined ? { endLine: location.endLine, endColumn: location.endColumn } : {};
    const search = location.line === undefined ? specifierIn(problem.message) : undefined;
    return { ...problem, ...end, ...(code === undefined ? {} : { code }), ...(search === undefined ? {} : { search }) };
  }

  private match(full: string, index: number, out: BuildProblem[]): void {
    const raw = full.length > SCAN_LIMIT ? full.slice(0, SCAN_LIMIT) : full;
    const text = raw.slice(afterPrintedTime(raw));
    const trimmed = text.trim();
    if (this.swcFrame !== undefined && this.swcFrameLine(text, trimmed, out)) return;
    if (trimmed === '') {
      // Blank lines end a file's block of messages; esbuild puts one between a message and its location.
      this.header = undefined;
      this.swcMessage = undefined;
      return;
    }

    if (this.esbuild !== undefined) {
      const pending = this.esbuild;
      if (trimmed.endsWith(':') && !/\s/.test(trimmed)) {
        const location = splitLocation(trimmed.slice(0, -1));
        if (location.column !== undefined && looksLikeFile(location.path)) {
          this.esbuild = undefined;
          // esbuild counts columns from 0.
          this.emit(out, this.problem({ ...location, column: location.column + 1 }, pending.severity, pending.message, 'esbuild', index));
          return;
        }
      }
      if (--pending.linesLeft <= 0) this.esbuild = undefined;
    }

    if (this.webpack !== undefined) {
      const pending = this.webpack;
      // webpack 5 prints the module and its range under a header that named only the file: `./src/index.ts 2:6-7`.
      if (pending.location.line === undefined) {
        const range = moduleRange(trimmed);
        if (range !== undefined) {
          this.webpack = { location: { ...pending.location, ...range }, severity: pending.severity };
          return;
        }
      }
      // ts-loader names the file again, with TypeScript's own line and column; its message follows.
      const tsl = tsLoaderHeader(trimmed);
      if (tsl !== undefined) {
        const same = tsl.location.line === pending.location.line && tsl.location.column === pending.location.column;
        const end = same && pending.location.endLine !== undefined && pending.location.endColumn !== undefined ? { endLine: pending.location.endLine, endColumn: pending.location.endColumn } : {};
        this.webpack = { location: { ...tsl.location, ...end }, severity: tsl.severity };
        return;
      }
      if (pending.buildFailed === undefined && trimmed.startsWith('Module build failed')) {
        // The loader's own error is the next line; Babel's names the line and column there.
        this.webpack = { ...pending, buildFailed: { message: trimmed, logLine: index } };
        return;
      }
      this.webpack = undefined;
      if (pending.buildFailed !== undefined) {
        const babel = babelSyntaxError(trimmed);
        if (babel !== undefined) {
          this.emit(out, this.problem({ path: pending.location.path, line: babel.line, column: babel.column }, pending.severity, babel.message, 'webpack', index));
          return;
        }
        this.emit(out, this.problem(pending.location, pending.severity, pending.buildFailed.message, 'webpack', pending.buildFailed.logLine));
        // Not Babel's line: it may be anything, so it is read as usual.
        this.match(full, index, out);
        return;
      }
      const ts = /^(TS\d{1,6}):\s*/.exec(trimmed);
      this.emit(
        out,
        ts !== null
          ? this.problem(pending.location, pending.severity, trimmed.slice(ts[0].length), 'webpack', index, ts[1])
          : this.problem(pending.location, pending.severity, trimmed, 'webpack', index),
      );
      return;
    }

    if (this.esbuildHeader(trimmed)) return;
    if (this.webpackHeader(trimmed)) return;
    if (trimmed.startsWith('[tsl] ')) {
      // ts-loader without webpack's header above it (webpack 4, or a header this did not take).
      const tsl = tsLoaderHeader(trimmed);
      if (tsl !== undefined) {
        this.webpack = tsl;
        return;
      }
    }

    if (trimmed.length < 100) {
      if (trimmed.includes('Failed to compile')) {
        this.nextSection = 'error';
        this.header = undefined;
        return;
      }
      if (trimmed.includes('Compiled with warnings')) {
        this.nextSection = 'warning';
        this.header = undefined;
        return;
      }
    }

    // Each shape is tried only when a substring it cannot do without is there: most lines match none.
    // (Searches start with a rare character: 'TS' rather than ' TS', which stops at every blank.)
    if (trimmed.includes('TS') && this.tsc(trimmed, index, out)) return;
    if (trimmed.includes('ING: ') || trimmed.includes('ROR: ')) {
      if (this.esbuildInline(trimmed, index, out)) return;
    }
    if (this.vite !== undefined && this.viteFile(trimmed, index, out)) return;
    if (this.rollup(trimmed, index, out)) return;
    if (this.swc(trimmed, index)) return;

    // Next.js marks some errors with ⨯ before the file.
    const bare = trimmed.startsWith('⨯ ') ? trimmed.slice(2) : trimmed;
    if (!bare.includes(' ') && !bare.includes('\t')) {
      const header = pathHeader(bare);
      if (header !== undefined) {
        this.header = header;
        return;
      }
    }

    if (this.header !== undefined) {
      const eslint = eslintLine(trimmed);
      if (eslint !== undefined) {
        const { severity, message, code } = eslint;
        this.emit(out, this.problem({ path: this.header.path, line: eslint.line, column: eslint.column }, severity, message, 'eslint', index, code));
        return;
      }
      const word = NEXT_MESSAGES.find((m) => trimmed.startsWith(m));
      if (word !== undefined) {
        const location = this.header;
        this.header = undefined;
        if (word === 'Error:' && trimmed === 'Error:') return; // SWC: the message and location follow, boxed.
        const severity = word === 'Type error:' || word.endsWith('Error:') ? 'error' : this.nextSection;
        this.emit(out, this.problem(location, severity, trimmed, 'next', index));
        return;
      }
      // A file's messages follow its line directly; anything else means the line was not a header.
      this.header = undefined;
    }
  }

  /** `✘ [ERROR] Could not resolve "x"`, `▲ [WARNING] …`: the location follows a few lines on. */
  private esbuildHeader(trimmed: string): boolean {
    let rest = trimmed;
    const first = rest.charAt(0);
    if ('✘✖X×▲⚠'.includes(first) && rest.charAt(1) === ' ') rest = rest.slice(2);
    let severity: Severity;
    if (rest.startsWith('[ERROR] ')) severity = 'error';
    else if (rest.startsWith('[WARNING] ')) severity = 'warning';
    else return false;
    const message = rest.slice(rest.indexOf(']') + 1).trim();
    this.esbuild = { message, severity, linesLeft: 4 };
    return true;
  }

  /** `ERROR in ./src/a.js 4:2-18`, `WARNING in ./src/a.js`, `ERROR in src/a.ts:4:2`: the message is the next line. */
  private webpackHeader(trimmed: string): boolean {
    let severity: Severity;
    let rest: string;
    if (trimmed.startsWith('ERROR in ')) {
      severity = 'error';
      rest = trimmed.slice('ERROR in '.length);
    } else if (trimmed.startsWith('WARNING in ')) {
      severity = 'warning';
      rest = trimmed.slice('WARNING in '.length);
    } else return false;
    const space = rest.indexOf(' ');
    const token = space < 0 ? rest : rest.slice(0, space);
    const colonForm = splitLocation(token);
    if (!looksLikeFile(colonForm.path) || !colonForm.path.includes('/')) return false;
    if (colonForm.line !== undefined) {
      this.webpack = { location: colonForm, severity };
      return true;
    }
    const range = space < 0 ? undefined : webpackRange(rest.slice(space + 1, space + 41));
    this.webpack = { location: { path: token, ...range }, severity };
    return true;
  }

  /** `src/index.ts(12,5): error TS2339: …` and the pretty `src/index.ts:12:5 - error TS2339: …`. */
  private tsc(trimmed: string, index: number, out: BuildProblem[]): boolean {
    for (const [marker, severity] of [
      ['): error TS', 'error'],
      ['): warning TS', 'warning'],
    ] as const) {
      const at = trimmed.indexOf(marker);
      if (at < 0) continue;
      const columnStart = digitsBefore(trimmed, at);
      if (columnStart === at || at - columnStart > MAX_DIGITS || trimmed.charCodeAt(columnStart - 1) !== 0x2c) continue;
      const lineStart = digitsBefore(trimmed, columnStart - 1);
      if (lineStart === columnStart - 1 || columnStart - 1 - lineStart > MAX_DIGITS || trimmed.charCodeAt(lineStart - 1) !== 0x28) continue;
      const path = lastToken(trimmed.slice(0, lineStart - 1));
      const line = Number(trimmed.slice(lineStart, columnStart - 1));
      const column = Number(trimmed.slice(columnStart, at));
      if (!looksLikeFile(path) || line === 0) continue;
      this.tscMessage(trimmed.slice(at + marker.length - 2), { path, line, column }, severity, index, out);
      return true;
    }
    for (const [marker, severity] of [
      [' - error TS', 'error'],
      [' - warning TS', 'warning'],
    ] as const) {
      const at = trimmed.indexOf(marker);
      if (at < 0) continue;
      const location = splitLocation(lastToken(trimmed.slice(0, at)));
      if (location.column === undefined || !looksLikeFile(location.path)) continue;
      this.tscMessage(trimmed.slice(at + marker.length - 2), location, severity, index, out);
      return true;
    }
    return false;
  }

  /** `TS2339: Property …` after the severity word. */
  private tscMessage(tail: string, location: Location, severity: Severity, index: number, out: BuildProblem[]): void {
    const colon = tail.indexOf(':');
    const code = colon > 0 ? tail.slice(0, colon) : undefined;
    const message = colon > 0 ? tail.slice(colon + 1) : tail;
    this.emit(out, this.problem(location, severity, message, 'tsc', index, code !== undefined && /^TS\d+$/.test(code) ? code : undefined));
  }

  /** esbuild's one-line form (as Vite prints it): `/vercel/path0/src/main.ts:3:7: ERROR: Expected ";" but found "x"`. */
  private esbuildInline(trimmed: string, index: number, out: BuildProblem[]): boolean {
    for (const [marker, severity] of [
      [': ERROR: ', 'error'],
      [': WARNING: ', 'warning'],
    ] as const) {
      const at = trimmed.indexOf(marker);
      if (at < 0) continue;
      const location = splitLocation(lastToken(trimmed.slice(0, at)));
      if (location.column === undefined || !looksLikeFile(location.path)) continue;
      this.emit(out, this.problem({ ...location, column: location.column + 1 }, severity, trimmed.slice(at + marker.length), 'esbuild', index));
      return true;
    }
    return false;
  }

  /**
   * `[vite]: Rollup failed to resolve import "x" from "/vercel/path0/src/main.ts".` and Rollup's own
   * `Could not resolve "./Foo" from "src/main.ts"`: no line is printed, so the problem sits on line 1.
   */
  private rollup(trimmed: string, index: number, out: BuildProblem[]): boolean {
    const first = trimmed.charAt(0);
    if (first === '[' || first === 'R') {
      if (trimmed.startsWith('[vite') || trimmed.startsWith('[plugin') || trimmed.startsWith('RollupError:') || trimmed.startsWith('[!] ')) {
        this.vite = { message: trimmed.replace(/^\[[^\]]{0,100}\]:?\s*/, ''), linesLeft: 3 };
      }
    }
    if (!trimmed.includes('resolve ')) return false;
    for (const phrase of ['Rollup failed to resolve import ', 'Could not resolve ']) {
      const at = trimmed.indexOf(phrase);
      if (at < 0) continue;
      const specifier = quoted(trimmed, at + phrase.length);
      if (specifier === undefined || !trimmed.startsWith(' from ', specifier.end)) continue;
      const from = specifier.end + ' from '.length;
      const inQuotes = quoted(trimmed, from);
      const path = inQuotes?.value ?? trimmed.slice(from).split(/[\s,]/, 1)[0] ?? '';
      if (!looksLikeFile(path)) continue;
      this.vite = undefined;
      this.emit(out, this.problem({ path }, 'error', trimmed.slice(at), 'vite', index));
      return true;
    }
    return false;
  }

  /** Vite's `file: /vercel/path0/src/style.css:3:1` under a plugin's message. */
  private viteFile(trimmed: string, index: number, out: BuildProblem[]): boolean {
    const pending = this.vite;
    if (pending === undefined) return false;
    if (--pending.linesLeft <= 0) this.vite = undefined;
    if (!trimmed.startsWith('file: ')) return false;
    this.vite = undefined;
    const location = splitLocation(trimmed.slice('file: '.length).trim());
    if (!looksLikeFile(location.path)) return true;
    // The same error was usually just reported with its own location (esbuild's line); one is enough.
    if (this.last !== undefined && this.last.path === location.path && this.last.line === location.line) return true;
    // Rollup counts columns from 0.
    const column = location.column === undefined ? undefined : location.column + 1;
    this.emit(out, this.problem({ ...location, ...(column === undefined ? {} : { column }) }, 'error', pending.message, 'vite', index));
    return true;
  }

  /** SWC, under Next.js's `Error:`: `  × Expected ',', got 'x'` then `   ╭─[/vercel/path0/app/page.tsx:5:1]` and its code frame. */
  private swc(trimmed: string, index: number): boolean {
    const first = trimmed.charAt(0);
    if ((first === '×' || first === 'x') && trimmed.charAt(1) === ' ') {
      this.swcMessage = trimmed.slice(2).trim();
      return true;
    }
    const message = this.swcMessage;
    if (message === undefined) return false;
    this.swcMessage = undefined;
    const open = trimmed.startsWith('╭─[') ? 3 : trimmed.startsWith(',-[') ? 3 : -1;
    if (open < 0 || !trimmed.endsWith(']')) return false;
    const location = splitLocation(trimmed.slice(open, -1));
    if (!looksLikeFile(location.path)) return false;
    this.header = undefined;
    this.swcFrame = { location, message, severity: this.nextSection, logLine: index, linesLeft: 40 };
    return true;
  }

  /**
   * A line of SWC's code frame (` 3 |   return <p>`, then `   :   ^^^^^^`, or `│` and `·` in its Unicode
   * form): the location line above names where the frame starts (Next.js 14 prints `:1:1`), the caret the
   * error. Answers whether the line was the frame's; a line that is not ends it, at the location line.
   */
  /** The end of the log: a problem still waiting for lines that will not come is reported as it stands. */
  finish(): BuildProblem[] {
    const out: BuildProblem[] = [];
    const frame = this.swcFrame;
    this.swcFrame = undefined;
    if (frame !== undefined) this.emit(out, this.problem(frame.location, frame.severity, frame.message, 'next', frame.logLine));
    const pending = this.webpack;
    this.webpack = undefined;
    if (pending?.buildFailed !== undefined) this.emit(out, this.problem(pending.location, pending.severity, pending.buildFailed.message, 'webpack', pending.buildFailed.logLine));
    return out;
  }

  private swcFrameLine(text: string, trimmed: string, out: BuildProblem[]): boolean {
    const frame = this.swcFrame;
    if (frame === undefined) return false;
    const fallback = () => {
      this.swcFrame = undefined;
      this.emit(out, this.problem(frame.location, frame.severity, frame.message, 'next', frame.logLine));
    };
    if (--frame.linesLeft < 0) {
      fallback();
      return false;
    }
    const numbered = /^\s{0,20}(\d{1,9}) [|│]/.exec(text);
    if (numbered !== null) {
      frame.codeLine = Number(numbered[1]);
      return true;
    }
    const first = trimmed.charAt(0);
    if ((first === ':' || first === '·') && frame.codeLine !== undefined) {
      const marker = text.indexOf(first);
      let at = marker + 1;
      while (at < text.length && text.charCodeAt(at) === 0x20) at++;
      const mark = text.charAt(at);
      if (mark === '^' || mark === '─' || mark === '┬' || mark === '▲') {
        this.swcFrame = undefined;
        // The code starts two columns after the bar, which the caret line's marker sits under.
        const column = at - (marker + 2) + 1;
        this.emit(out, this.problem({ path: frame.location.path, line: frame.codeLine, column: Math.max(1, column) }, frame.severity, frame.message, 'next', frame.logLine));
        return true;
      }
      return true;
    }
    if (trimmed.startsWith('`--') || trimmed.startsWith('╰─')) {
      fallback();
      return true;
    }
    fallback();
    return false;
  }
}

/** The module a "cannot resolve" message names: `Can't resolve './Foo'`, `failed to resolve import "x"`, `Could not resolve "./Foo"`. */
function specifierIn(message: string): string | undefined {
  for (const phrase of ["Can't resolve ", 'resolve import ', 'Could not resolve ']) {
    const at = message.indexOf(phrase);
    if (at < 0) continue;
    const value = quoted(message, at + phrase.length)?.value;
    if (value !== undefined && value.length > 0 && value.length <= 500) return value;
  }
  return undefined;
}

/**
 * Places a problem the tool gave no line for (it has `search`) on the first quoted occurrence of its
 * specifier in the file's text — the import that failed. Answers the problem unchanged when there is
 * nothing to look for or it is not found.
 */
export function locateInSource(problem: BuildProblem, source: string): BuildProblem {
  const search = problem.search;
  if (search === undefined || search === '' || typeof source !== 'string') return problem;
  let at = -1;
  for (const quote of ['"', "'", '`']) {
    const found = source.indexOf(quote + search + quote);
    if (found >= 0 && (at < 0 || found < at)) at = found;
  }
  if (at < 0) return problem;
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i >= 0 && i < at; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = at - lineStart + 1;
  return { ...problem, line, column, endLine: line, endColumn: column + search.length + 2 };
}

/** All problems in whole lines at once (for tests and one-off use). */
export function findProblems(lines: readonly string[]): BuildProblem[] {
  const matcher = new ProblemMatcher();
  const out: BuildProblem[] = [];
  lines.forEach((text, index) => out.push(...matcher.push({ text, created: 0, type: 'stdout' }, index)));
  out.push(...matcher.finish());
  return out;
}

/** ASCII characters a path token may hold (letters, digits and these), as a table: it is read for every character of a line. */
const ASCII_PATH = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) if (isAsciiLetter(c) || isDigit(c) || '_-.@/\\[]()+~$%!#,'.includes(String.fromCharCode(c))) ASCII_PATH[c] = 1;

function isPathChar(c: number): boolean {
  if (c < 0x80) return ASCII_PATH[c] === 1;
  // Letters of other scripts, not the symbols tools draw around paths (│ ╭ ✘ × ▲ …).
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && c !== 0xfeff;
}

/**
 * Whether a line can hold a file reference at all, decided with a few native searches and no regex:
 * every reference has a file name with an extension (`.` then an ASCII letter), and either a
 * directory (`/`, `\`) or a location (`:12`, `(12,5)`, webpack's `4:2`). Most build output
 * (progress, sizes, npm's chatter) fails one of the two and is never tokenized.
 */
export function mayHoldFileRef(text: string): boolean {
  if (typeof text !== 'string') return false;
  // The searches below stop at SCAN_LIMIT like the scan itself.
  const head = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  let dot = head.indexOf('.');
  while (dot >= 0 && !isAsciiLetter(head.charCodeAt(dot + 1))) dot = head.indexOf('.', dot + 1);
  if (dot < 0) return false;
  return head.includes('/') || head.includes(':') || head.includes('\\') || head.includes('(');
}

/** File references a person would click: './app/page.tsx:12:5', 'src/index.ts(12,5)', '/vercel/path0/app/page.tsx', 'src/main.ts:3:7:'. */
export function fileRefsIn(text: string): FileRef[] {
  if (!mayHoldFileRef(text)) return [];
  return scanFileRefs(text, true);
}

/** fileRefsIn without its shortcuts (the line pre-check, skipping tokens without an extension): what tests compare it with. */
export function fileRefsInFullScan(text: string): FileRef[] {
  if (typeof text !== 'string') return [];
  return scanFileRefs(text, false);
}

function scanFileRefs(text: string, skipTokensWithoutExtension: boolean): FileRef[] {
  const refs: FileRef[] = [];
  const limit = Math.min(text.length, SCAN_LIMIT);
  let i = 0;
  while (i < limit) {
    if (!isPathChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    // A reference's path lies inside its token and has an extension: a token without `.` and a letter cannot hold one.
    let extension = false;
    let c = text.charCodeAt(i);
    while (i < limit && isPathChar(c)) {
      i++;
      const next = i < limit ? text.charCodeAt(i) : -1;
      if (c === 0x2e && isAsciiLetter(next)) extension = true;
      c = next;
    }
    if (skipTokensWithoutExtension && !extension) continue;
    const ref = refFromToken(text, start, i, limit);
    if (ref !== undefined) refs.push(ref);
  }
  return refs;
}

function refFromToken(text: string, tokenStart: number, tokenEnd: number, limit: number): FileRef | undefined {
  let start = tokenStart;
  let end = tokenEnd;
  if (end - start >= 2 && text.startsWith('//', start)) return undefined;

  // tsc: src/index.ts(12,5)
  if (text.charCodeAt(end - 1) === 0x29) {
    const token = text.slice(start, end);
    const paren = token.lastIndexOf('(');
    if (paren > 0) {
      const tail = /^\((\d{1,9}),(\d{1,9})\)$/.exec(token.slice(paren));
      const path = token.slice(0, paren);
      if (tail !== null && looksLikeFile(path)) {
        return { path, line: Number(tail[1]), column: Number(tail[2]), start, end };
      }
    }
  }

  // Unbalanced brackets around the token are the sentence's, not the path's.
  let open = 0;
  let close = 0;
  let openSquare = 0;
  let closeSquare = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x28) open++;
    else if (c === 0x29) close++;
    else if (c === 0x5b) openSquare++;
    else if (c === 0x5d) closeSquare++;
  }
  let trimmedEnd = false;
  for (;;) {
    const last = text.charCodeAt(end - 1);
    if (end - start <= 1) break;
    if (last === 0x2e || last === 0x2c || last === 0x21) {
      end--;
      trimmedEnd = true;
    } else if (last === 0x29 && close > open) {
      close--;
      end--;
      trimmedEnd = true;
    } else if (last === 0x5d && closeSquare > openSquare) {
      closeSquare--;
      end--;
      trimmedEnd = true;
    } else break;
  }
  for (;;) {
    const first = text.charCodeAt(start);
    if (end - start <= 1) break;
    if (first === 0x28 && open > close) {
      open--;
      start++;
    } else if (first === 0x5b && openSquare > closeSquare) {
      openSquare--;
      start++;
    } else break;
  }
  const path = text.slice(start, end);
  if (!looksLikeFile(path)) return undefined;

  let line: number | undefined;
  let column: number | undefined;
  let refEnd = end;
  if (!trimmedEnd && text.charCodeAt(end) === 0x3a) {
    const l = readNumber(text, end + 1, limit);
    if (l !== undefined && l.value > 0) {
      line = l.value;
      refEnd = l.end;
      if (text.charCodeAt(l.end) === 0x3a) {
        const c = readNumber(text, l.end + 1, limit);
        if (c !== undefined) {
          column = c.value;
          refEnd = c.end;
        }
      }
    }
  } else if (!trimmedEnd && text.charCodeAt(end) === 0x20) {
    const before = text.slice(Math.max(0, start - 11), start);
    if (before.endsWith('ERROR in ') || before.endsWith('WARNING in ')) {
      const range = webpackRange(text.slice(end + 1, Math.min(limit, end + 40)));
      if (range !== undefined) {
        line = range.line;
        column = range.column;
      }
    }
  }
  if (line === undefined && !path.includes('/') && !path.includes('\\')) return undefined;
  const ref: FileRef = { path, start, end: refEnd };
  if (line === undefined) return ref;
  return column === undefined ? { ...ref, line } : { ...ref, line, column };
}

/** `https?://` URLs in a line, without the punctuation that ends a sentence. */
export function urlsIn(text: string): { readonly url: string; readonly start: number; readonly end: number }[] {
  const urls: { url: string; start: number; end: number }[] = [];
  if (typeof text !== 'string') return urls;
  const limit = Math.min(text.length, SCAN_LIMIT);
  let from = 0;
  while (from < limit) {
    const at = text.indexOf('http', from);
    if (at < 0 || at >= limit) break;
    const scheme = text.startsWith('https://', at) ? 8 : text.startsWith('http://', at) ? 7 : 0;
    const before = at > 0 ? text.charCodeAt(at - 1) : 0x20;
    const wordBefore = (before >= 0x61 && before <= 0x7a) || (before >= 0x41 && before <= 0x5a) || isDigit(before);
    if (scheme === 0 || wordBefore) {
      from = at + 4;
      continue;
    }
    let end = at + scheme;
    let open = 0;
    let close = 0;
    while (end < limit) {
      const c = text.charCodeAt(end);
      if (c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x60 || (c >= 0x7f && c <= 0x9f)) break;
      if (c === 0x28) open++;
      if (c === 0x29) close++;
      end++;
    }
    for (;;) {
      const last = text.charAt(end - 1);
      if ('.,;:!?'.includes(last) || (last === ')' && close > open) || last === ']') {
        if (last === ')') close--;
        end--;
      } else break;
    }
    if (end > at + scheme) urls.push({ url: text.slice(at, end), start: at, end });
    from = Math.max(end, at + scheme);
  }
  return urls;
}
