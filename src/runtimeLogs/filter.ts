/**
 * What a runtime log shows: levels, sources, status classes, a part of the
 * path and a text. One filter applies to the history (sent to Vercel where
 * request-logs takes it, the rest checked here) and to every streamed line,
 * and names itself for the tab. Pure; no `vscode`.
 */

export const FILTER_LEVELS = ['error', 'warning', 'info'] as const;
export type FilterLevel = (typeof FILTER_LEVELS)[number];

/** What ran the request: functions, edge functions, middleware, or files served as they are. */
export const FILTER_SOURCES = ['serverless', 'edge', 'middleware', 'static'] as const;
export type FilterSource = (typeof FILTER_SOURCES)[number];

export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface RuntimeLogFilter {
  /** Empty: every level. */
  readonly levels: readonly FilterLevel[];
  readonly sources: readonly FilterSource[];
  readonly statuses: readonly StatusClass[];
  /** Case-insensitive part of the request's path; '' for any. */
  readonly path: string;
  /** Case-insensitive text of a line (or of the path); '' for any. */
  readonly text: string;
}

export const NO_FILTER: RuntimeLogFilter = { levels: [], sources: [], statuses: [], path: '', text: '' };

export function isFiltered(f: RuntimeLogFilter): boolean {
  return f.levels.length > 0 || f.sources.length > 0 || f.statuses.length > 0 || f.path.trim() !== '' || f.text.trim() !== '';
}

/** request-logs' source for ours. */
const API_SOURCES: Readonly<Record<FilterSource, string>> = {
  serverless: 'serverless',
  edge: 'edge-function',
  middleware: 'edge-middleware',
  static: 'static',
};

/** The stream's sources that each of ours stands for. */
const STREAM_SOURCES: Readonly<Record<FilterSource, readonly string[]>> = {
  serverless: ['serverless'],
  edge: ['edge-function'],
  middleware: ['edge-middleware'],
  static: ['request', 'static'],
};

/** Levels Vercel has besides ours, and which of ours they count as. */
function levelClass(level: string): FilterLevel | undefined {
  switch (level) {
    case 'error':
    case 'fatal':
      return 'error';
    case 'warning':
    case 'warn':
      return 'warning';
    case 'info':
    case 'debug':
    case 'trace':
      return 'info';
    default:
      return undefined;
  }
}

/** What request-logs is sent, as the CLI sends it; what it cannot take (a path, a status set) is checked by {@link rowMatches}. */
export interface HistoryFilterQuery {
  readonly levels?: readonly string[];
  readonly sources?: readonly string[];
  /** One class (`5xx`): request-logs takes one code or class. */
  readonly statusCode?: string;
  readonly search?: string;
}

export function historyQuery(f: RuntimeLogFilter): HistoryFilterQuery {
  const levels = f.levels.flatMap((l) => (l === 'error' ? ['error', 'fatal'] : [l]));
  const sources = f.sources.map((s) => API_SOURCES[s]);
  const search = f.text.trim();
  return {
    ...(levels.length > 0 && { levels }),
    ...(sources.length > 0 && { sources }),
    ...(f.statuses.length === 1 && { statusCode: f.statuses[0] }),
    ...(search !== '' && { search }),
  };
}

/** What a filter is checked against: a request (method, path, status, source) and, for a line, its level and text. */
export interface Candidate {
  readonly path: string;
  /** 0 or less: no status. */
  readonly status: number;
  /** The stream's or request-logs' source. */
  readonly source: string;
}

function statusMatches(f: RuntimeLogFilter, status: number): boolean {
  if (f.statuses.length === 0) return true;
  if (!(status >= 100 && status < 600)) return false;
  return f.statuses.includes(`${Math.floor(status / 100)}xx` as StatusClass);
}

function sourceMatches(f: RuntimeLogFilter, source: string): boolean {
  return f.sources.length === 0 || f.sources.some((s) => STREAM_SOURCES[s].includes(source) || API_SOURCES[s] === source);
}

function includes(haystack: string, needle: string): boolean {
  const n = needle.trim().toLowerCase();
  return n === '' || haystack.toLowerCase().includes(n);
}

/** Whether a request passes the parts of the filter about requests (path, status, source). */
export function requestMatches(f: RuntimeLogFilter, c: Candidate): boolean {
  return includes(c.path, f.path) && statusMatches(f, c.status) && sourceMatches(f, c.source);
}

/** A history row: its request passes, and (with levels or a text) one of its lines does, or the path holds the text. */
export function rowMatches(f: RuntimeLogFilter, c: Candidate, lines: readonly { readonly level: string; readonly message: string }[]): boolean {
  if (!requestMatches(f, c)) return false;
  // A request that logged nothing counts as info, as Vercel and the CLI count it.
  const levels = lines.length === 0 ? ['info'] : lines.map((l) => l.level);
  if (f.levels.length > 0 && !levels.some((l) => f.levels.includes(levelClass(l) as FilterLevel))) return false;
  return f.text.trim() === '' || includes(c.path, f.text) || lines.some((l) => includes(l.message, f.text));
}

/** A streamed line: its request passes, its level is one asked for, and it (or its path) holds the text. */
export function lineMatches(f: RuntimeLogFilter, c: Candidate, level: string, message: string): boolean {
  if (!requestMatches(f, c)) return false;
  if (f.levels.length > 0 && !f.levels.includes(levelClass(level) as FilterLevel)) return false;
  return includes(message, f.text) || includes(c.path, f.text);
}

/** The filter in a few words, for the tab's title and the picker: "errors · 5xx · /api · “price”". */
export function describeFilter(f: RuntimeLogFilter, words: { readonly levels: Readonly<Record<FilterLevel, string>>; readonly sources: Readonly<Record<FilterSource, string>> }): string {
  const parts: string[] = [];
  if (f.levels.length > 0) parts.push(f.levels.map((l) => words.levels[l]).join(', '));
  if (f.sources.length > 0) parts.push(f.sources.map((s) => words.sources[s]).join(', '));
  if (f.statuses.length > 0) parts.push(f.statuses.join(', '));
  if (f.path.trim() !== '') parts.push(f.path.trim());
  if (f.text.trim() !== '') parts.push(`“${f.text.trim()}”`);
  return parts.join(' · ');
}

/** A filter read back from anywhere (a command's argument, stored state): only known values pass. */
export function toFilter(value: unknown): RuntimeLogFilter {
  if (typeof value !== 'object' || value === null) return NO_FILTER;
  const o = value as Record<string, unknown>;
  const pick = <T extends string>(key: string, known: readonly T[]): T[] => (Array.isArray(o[key]) ? (o[key] as unknown[]).filter((v): v is T => known.includes(v as T)) : []);
  const text = (key: string) => (typeof o[key] === 'string' ? (o[key] as string).slice(0, 200) : '');
  return {
    levels: [...new Set(pick('levels', FILTER_LEVELS))],
    sources: [...new Set(pick('sources', FILTER_SOURCES))],
    statuses: [...new Set(pick('statuses', STATUS_CLASSES))],
    path: text('path'),
    text: text('text'),
  };
}
