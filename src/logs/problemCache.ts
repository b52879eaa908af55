/**
 * The build problems found in failed deployments' logs, kept in the
 * workspace state by deployment id, so that a window that opens again puts
 * them in the Problems panel without downloading any log. A finished
 * deployment's log never changes, so an entry never goes stale; the oldest
 * go past the limit. Only what the Problems panel shows is kept: never the
 * log's text, never a token. Free of `vscode` (a Memento is passed in).
 */
import type { BuildProblem, Severity } from './logTypes';

export const PROBLEM_CACHE_KEY = 'vercelDeployments.buildProblems';

/** Deployments remembered: a workspace shows the problems of a few. */
export const PROBLEM_CACHE_LIMIT = 50;

/** Problems kept per deployment: the Problems panel is no place for thousands, and the state stays small. */
export const PROBLEMS_PER_DEPLOYMENT = 200;

/** Longest message kept; tools' first lines are far shorter. */
const MAX_MESSAGE = 2000;

/** A problem as kept: the matcher's fields, and the length of the log line it was read from (for the link back to it). */
export interface StoredProblem extends BuildProblem {
  readonly logLineLength: number;
}

interface Entry {
  readonly id: string;
  readonly problems: readonly StoredProblem[];
  /** ms since epoch, when it was kept: past the limit the oldest go. */
  readonly at: number;
}

export interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

const TOOLS = new Set<string>(['next', 'tsc', 'eslint', 'vite', 'esbuild', 'webpack']);
const SEVERITIES = new Set<string>(['error', 'warning']);

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function isOptional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

/** What a stored problem must be to be shown again; anything else (an older shape, a hand edit) is dropped. */
function isStoredProblem(value: unknown): value is StoredProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['file'] === 'string' &&
    v['file'] !== '' &&
    isCount(v['line'], 1) &&
    isCount(v['column'], 1) &&
    typeof v['severity'] === 'string' &&
    SEVERITIES.has(v['severity']) &&
    typeof v['message'] === 'string' &&
    typeof v['tool'] === 'string' &&
    TOOLS.has(v['tool']) &&
    isCount(v['logLine'], 0) &&
    isCount(v['logLineLength'], 0) &&
    isOptional(v['endLine'], (x) => isCount(x, 1)) &&
    isOptional(v['endColumn'], (x) => isCount(x, 1)) &&
    isOptional(v['code'], (x) => typeof x === 'string') &&
    isOptional(v['search'], (x) => typeof x === 'string')
  );
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['id'] === 'string' && v['id'] !== '' && typeof v['at'] === 'number' && Array.isArray(v['problems']) && v['problems'].every(isStoredProblem);
}

/** Only the fields the Problems panel needs, so nothing else a problem may carry is written to disk. */
function stored(problem: BuildProblem, logLineLength: number): StoredProblem {
  const severity: Severity = problem.severity;
  return {
    file: problem.file,
    line: problem.line,
    column: problem.column,
    ...(problem.endLine !== undefined && problem.endColumn !== undefined ? { endLine: problem.endLine, endColumn: problem.endColumn } : {}),
    severity,
    message: problem.message.length > MAX_MESSAGE ? problem.message.slice(0, MAX_MESSAGE) : problem.message,
    ...(problem.code !== undefined ? { code: problem.code } : {}),
    tool: problem.tool,
    logLine: problem.logLine,
    ...(problem.search !== undefined ? { search: problem.search } : {}),
    logLineLength: Math.max(0, logLineLength),
  };
}

export class ProblemCache {
  constructor(
    private readonly memento: MementoLike,
    private readonly now: () => number = Date.now,
    private readonly limit = PROBLEM_CACHE_LIMIT,
  ) {}

  private entries(): Entry[] {
    const value: unknown = this.memento.get(PROBLEM_CACHE_KEY);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  }

  /** The problems kept for a deployment; undefined when its log was never read here. */
  get(id: string): readonly StoredProblem[] | undefined {
    return this.entries().find((e) => e.id === id)?.problems;
  }

  /** Keeps a finished deployment's problems (none is an answer too: that log is not read again either). */
  set(id: string, problems: readonly BuildProblem[], lineLength: (logLine: number) => number): Thenable<void> {
    const entry: Entry = { id, problems: problems.slice(0, PROBLEMS_PER_DEPLOYMENT).map((p) => stored(p, lineLength(p.logLine))), at: this.now() };
    const rest = this.entries().filter((e) => e.id !== id);
    const kept = [entry, ...rest].sort((a, b) => b.at - a.at).slice(0, this.limit);
    return this.memento.update(PROBLEM_CACHE_KEY, kept);
  }

  /** Sign Out: what was learnt of that account's builds goes with it. */
  clear(): Thenable<void> {
    return this.memento.update(PROBLEM_CACHE_KEY, undefined);
  }

  /** The ids kept, newest first (for tests). */
  ids(): string[] {
    return this.entries().map((e) => e.id);
  }
}
