/**
 * Runtime logs: what a READY deployment's functions print while people use
 * it. Like the build logs (events.ts) they are derived, not stored: the
 * traffic of a deployment is a function of its id and the clock, so the
 * same window always holds the same requests, history and live stream agree
 * line by line, and an hour or a day of history costs nothing until asked.
 *
 * The requests go to real routes of the demo workspace
 * (test/fixtures/demo-workspace): pages, its API routes, Next.js assets and
 * images, and the probes bots send. A few fail with a 500 whose stack names
 * the real line of the demo file that throws, found by its text as the build
 * failures find theirs (failures.ts), so a frame mapper pointed at that tree
 * lands on the code that explains the error.
 *
 * Two shapes leave here: the stream's lines (one object per log line, the
 * official SDK's `GetRuntimeLogsResponseBody`) and the request-logs
 * endpoint's rows (one per request, its log lines inside).
 */
import type { DeploymentRecord } from './data';
import { locate } from './failures';
import { Prng } from './prng';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** How long history is kept: a day, as on Vercel's Pro plan. */
export const RUNTIME_RETENTION_MS = 24 * HOUR;
/** Rows of request-logs per page. */
export const REQUEST_LOGS_PAGE_SIZE = 50;
/** Longest a seeded request logs after it began: a stream window reaches this far back for lines still to come. */
const MAX_REQUEST_SPAN_MS = 3 * SECOND;

/** The levels the SDK's schema knows for a stream line. */
export const RUNTIME_LEVELS = ['debug', 'error', 'fatal', 'info', 'trace', 'warning'] as const;
/** The sources the SDK's schema knows for a stream line. */
export const STREAM_SOURCES = ['delimiter', 'edge-function', 'edge-middleware', 'serverless', 'request'] as const;
/** A request's source in request-logs (and its `source` filter): where it ran; `static` for files served without a function. */
export const HISTORY_SOURCES = ['serverless', 'edge-function', 'edge-middleware', 'static'] as const;
/** Levels the request-logs `level` filter accepts, as the CLI validates them. */
export const HISTORY_LEVELS = ['error', 'warning', 'info', 'fatal'] as const;

export type StreamSource = (typeof STREAM_SOURCES)[number];
export type HistorySource = (typeof HISTORY_SOURCES)[number];

/** One line of the stream, exactly the fields of the SDK's `GetRuntimeLogsResponseBody`. */
export interface RuntimeLogLine {
  domain: string;
  level: string;
  message: string;
  messageTruncated: boolean;
  requestMethod: string;
  requestPath: string;
  responseStatusCode: number;
  rowId: string;
  source: string;
  timestampInMs: number;
}

/** What a function printed during a request. */
export interface RuntimeLog {
  rowId: string;
  level: string;
  message: string;
  messageTruncated: boolean;
  timestampInMs: number;
  /** The stream's source of this line (`serverless`, `edge-middleware`, …, or `delimiter`). */
  source: string;
}

/** One request, or one line printed outside any request (method, path and status empty). */
export interface RuntimeRequest {
  requestId: string;
  time: number;
  method: string;
  path: string;
  /** 0 when there is no status (a line without a request). */
  status: number;
  source: HistorySource;
  domain: string;
  cache: string;
  cacheReason: string;
  traceId: string;
  logs: RuntimeLog[];
}

/** What the control API added to a deployment's runtime logs. */
export interface RuntimeOverrides {
  appended: RuntimeRequest[];
  /** Delimiter rows (limits hit): sent down the stream, never kept in history. */
  delimiters: RuntimeLogLine[];
}

// ---------------------------------------------------------------------------
// Seeded traffic
// ---------------------------------------------------------------------------

/** Production is visited every few seconds; a preview now and then, by whoever reviews it. */
function intervalOf(r: DeploymentRecord): number {
  return r.target === 'production' ? 5 * SECOND : 20 * SECOND;
}

function domainOf(r: DeploymentRecord): string {
  return r.target === 'production' ? (r.project.productionDomains[0] ?? r.url) : r.url;
}

/** When traffic begins: the moment the deployment became READY. */
function trafficStart(r: DeploymentRecord): number | undefined {
  if (r.readyState !== 'READY') return undefined;
  return r.ready ?? r.created;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

interface Draft {
  method: string;
  path: string;
  status: number;
  source: HistorySource;
  cache: string;
  cacheReason: string;
  /** Each line: its level, text and how long after the request began it was printed. */
  logs: Array<{ level: string; message: string; afterMs: number; messageTruncated?: boolean }>;
}

const PRODUCTS = [
  { id: 'mug', name: 'Enamel mug', price: 1800, image: 'mug.jpg' },
  { id: 'tote', name: 'Canvas tote', price: 2400, image: 'tote.jpg' },
  { id: 'cap', name: 'Five-panel cap', price: 3200, image: 'cap.jpg' },
] as const;

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** A frame of the demo workspace: `/var/task/<file>:<line>:<column>` at the needle's first character. */
function frame(fn: string | undefined, file: string, needle: string): string {
  const spot = locate(file, needle);
  const where = `/var/task/${file}:${spot.line}:${spot.offset + 1}`;
  return fn === undefined ? `    at ${where}` : `    at ${fn} (${where})`;
}

/** `findProduct(productId)!` is undefined for an id the shop does not sell: the checkout's 500. */
function checkoutFailure(prng: Prng): string {
  const top = prng.chance(0.6)
    ? frame('POST', 'app/api/checkout/route.ts', 'price * quantity')
    : // The same error as the built route prints it when the deployment has no source maps.
      `    at POST (/var/task/.next/server/app/api/checkout/route.js:1:${prng.int(1200, 1500)})`;
  return [
    "TypeError: Cannot read properties of undefined (reading 'price')",
    top,
    '    at async AppRouteRouteModule.do (/var/task/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:10:34190)',
    '    at async AppRouteRouteModule.handle (/var/task/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:10:41286)',
    '    at async doRender (/var/task/node_modules/next/dist/server/base-server.js:1452:42)',
  ].join('\n');
}

/** lib/format.ts requires a module the shop never added: the home page's 500 on a cold start. */
function homeFailure(): string {
  return [
    "Error: Cannot find module './currencies'",
    'Require stack:',
    '- /var/task/.next/server/app/page.js',
    '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
    '    at require (node:internal/modules/helpers:177:18)',
    frame('Object.<anonymous>', 'lib/format.ts', "require('./currencies')"),
    `    at /var/task/.next/server/app/page.js:1:4512`,
    frame('Home', 'app/page.tsx', 'formatPrice(cart.total)'),
  ].join('\n');
}

const ASSETS = [
  '/_next/static/chunks/app/page-3f2a9c1b7d.js',
  '/_next/static/chunks/app/layout-8e1d07a4c2.js',
  '/_next/static/chunks/webpack-5b0f2e9d81.js',
  '/_next/static/css/app/layout-c41b9e.css',
  '/_next/static/chunks/app/cart/page-7a2c5d90e1.js',
];
const PROBES = ['/wp-login.php', '/.env', '/xmlrpc.php', '/wp-admin/setup-config.php'];

/** What one visit asks for, drawn from the shop's routes with weights a small shop sees. */
function draft(prng: Prng): Draft {
  const roll = prng.next();
  const fn = { source: 'serverless', cache: 'MISS', cacheReason: '' } as const;
  if (roll < 0.25) {
    if (prng.chance(0.03)) return { ...fn, method: 'GET', path: '/', status: 500, logs: [{ level: 'error', message: homeFailure(), afterMs: prng.int(40, 400) }] };
    return { ...fn, method: 'GET', path: '/', status: 200, logs: [] };
  }
  if (roll < 0.37) {
    return { ...fn, method: 'GET', path: '/cart', status: 200, logs: [] };
  }
  if (roll < 0.5) {
    const product = prng.pick(PRODUCTS);
    const quantity = prng.int(1, 3);
    if (prng.chance(0.2)) return { ...fn, method: 'POST', path: '/api/checkout', status: 500, logs: [{ level: 'error', message: checkoutFailure(prng), afterMs: prng.int(5, 60) }] };
    const message = `checkout: ${quantity} × ${product.name} = ${dollars(product.price * quantity)}`;
    return { ...fn, method: 'POST', path: '/api/checkout', status: 200, logs: [{ level: 'info', message, afterMs: prng.int(5, 60) }] };
  }
  if (roll < 0.56) {
    return { ...fn, method: 'GET', path: '/api/hello', status: 200, logs: [] };
  }
  if (roll < 0.66) {
    const product = prng.pick(PRODUCTS);
    const url = `https://images.example.com/${product.image}`;
    const path = `/_next/image?url=${encodeURIComponent(url)}&w=${prng.pick([320, 640, 750])}&q=75`;
    // next/image logs the upstream's failure and answers with the error.
    if (prng.chance(0.1)) return { ...fn, method: 'GET', path, status: 502, logs: [{ level: 'warning', message: `⨯ upstream image response failed for ${url} 504`, afterMs: prng.int(900, 2800) }] };
    return { ...fn, method: 'GET', path, status: 200, cache: prng.chance(0.7) ? 'HIT' : 'MISS', logs: [] };
  }
  if (roll < 0.93) {
    return { method: 'GET', path: prng.pick(ASSETS), status: 200, source: 'static', cache: 'HIT', cacheReason: '', logs: [] };
  }
  if (roll < 0.96) {
    return { method: 'GET', path: '/favicon.ico', status: 200, source: 'static', cache: 'HIT', cacheReason: '', logs: [] };
  }
  return { method: prng.pick(['GET', 'POST']), path: prng.pick(PROBES), status: 404, source: 'static', cache: 'MISS', cacheReason: '', logs: [] };
}

function requestOf(r: DeploymentRecord, prng: Prng, time: number, d: Draft): RuntimeRequest {
  const region = prng.pick(['iad1', 'iad1', 'fra1', 'sfo1', 'cdg1']);
  const requestId = `${region}::${prng.slug(5)}-${time}-${prng.hex(12)}`;
  return {
    requestId,
    time,
    method: d.method,
    path: d.path,
    status: d.status,
    source: d.source,
    domain: domainOf(r),
    cache: d.cache,
    cacheReason: d.cacheReason,
    traceId: prng.hex(32),
    logs: d.logs.map((log, i) => ({
      rowId: `${(time + log.afterMs).toString(36)}${prng.chars(10, LOWER_ALNUM)}${i}`,
      level: log.level,
      message: log.message,
      messageTruncated: log.messageTruncated ?? false,
      timestampInMs: time + log.afterMs,
      source: d.source === 'static' ? 'request' : d.source,
    })),
  };
}

/** The seeded requests that began in [from, to], oldest first. */
export function seededRequests(r: DeploymentRecord, from: number, to: number): RuntimeRequest[] {
  const start = trafficStart(r);
  if (start === undefined || to < start) return [];
  const interval = intervalOf(r);
  const first = Math.max(0, Math.floor((Math.max(from, start) - start) / interval) - 1);
  const last = Math.floor((to - start) / interval);
  const out: RuntimeRequest[] = [];
  for (let slot = first; slot <= last; slot++) {
    const prng = new Prng(`${r.id}:runtime:${slot}`);
    const time = start + slot * interval + Math.floor(prng.next() * interval);
    if (time < from || time > to) continue;
    out.push(requestOf(r, prng, time, draft(prng)));
  }
  return out;
}

// ---------------------------------------------------------------------------
// What the control API appends
// ---------------------------------------------------------------------------

/** One log as the control API takes it. */
export interface PostedLog {
  level: string;
  message: string;
  source?: string;
  requestMethod?: string;
  requestPath?: string;
  responseStatusCode?: number;
  timestampInMs?: number;
  messageTruncated?: boolean;
}

/** Reads `{ logs: [...] }` of the control route; a string says what is wrong. */
export function parsePostedLogs(value: unknown): PostedLog[] | string {
  if (!Array.isArray(value)) return '"logs" must be an array of { level, message, source?, requestMethod?, requestPath?, responseStatusCode?, timestampInMs? }';
  const out: PostedLog[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `"logs"[${i}] must be an object`;
    const o = item as Record<string, unknown>;
    if (!(RUNTIME_LEVELS as readonly unknown[]).includes(o['level'])) return `"logs"[${i}].level must be one of ${RUNTIME_LEVELS.join(', ')}`;
    if (typeof o['message'] !== 'string') return `"logs"[${i}].message must be a string`;
    if (o['source'] !== undefined && !(STREAM_SOURCES as readonly unknown[]).includes(o['source'])) return `"logs"[${i}].source must be one of ${STREAM_SOURCES.join(', ')}`;
    for (const key of ['requestMethod', 'requestPath'] as const) {
      if (o[key] !== undefined && typeof o[key] !== 'string') return `"logs"[${i}].${key} must be a string`;
    }
    for (const key of ['responseStatusCode', 'timestampInMs'] as const) {
      if (o[key] !== undefined && (typeof o[key] !== 'number' || !Number.isFinite(o[key]))) return `"logs"[${i}].${key} must be a number`;
    }
    if (o['messageTruncated'] !== undefined && typeof o['messageTruncated'] !== 'boolean') return `"logs"[${i}].messageTruncated must be a boolean`;
    out.push(o as unknown as PostedLog);
  }
  return out;
}

/**
 * Turns posted logs into requests (logs in a row that name the same method,
 * path and status are one request) and delimiter rows; dated `now` unless
 * they say otherwise, never the same rowId twice.
 */
export function appendPosted(r: DeploymentRecord, posted: readonly PostedLog[], now: number): { requests: RuntimeRequest[]; delimiters: RuntimeLogLine[] } {
  const store = (r.runtime ??= { appended: [], delimiters: [] });
  const prng = new Prng(`${r.id}:posted:${store.appended.length}:${store.delimiters.length}:${now}`);
  const requests: RuntimeRequest[] = [];
  const delimiters: RuntimeLogLine[] = [];
  let open: RuntimeRequest | undefined;
  for (const log of posted) {
    const time = Math.round(log.timestampInMs ?? now);
    const source = log.source ?? 'serverless';
    if (source === 'delimiter') {
      delimiters.push({
        domain: domainOf(r),
        level: log.level,
        message: log.message,
        messageTruncated: log.messageTruncated ?? false,
        requestMethod: log.requestMethod ?? '',
        requestPath: log.requestPath ?? '',
        responseStatusCode: log.responseStatusCode ?? 0,
        // An empty rowId is what marks a limit row, not a log line (as the CLI reads it).
        rowId: '',
        source,
        timestampInMs: time,
      });
      open = undefined;
      continue;
    }
    const method = log.requestMethod ?? '';
    const path = log.requestPath ?? '';
    const status = log.responseStatusCode ?? 0;
    const line: RuntimeLog = {
      rowId: `${time.toString(36)}${prng.chars(12, LOWER_ALNUM)}`,
      level: log.level,
      message: log.message,
      messageTruncated: log.messageTruncated ?? false,
      timestampInMs: time,
      source,
    };
    if (open && path !== '' && open.method === method && open.path === path && open.status === status) {
      open.logs.push(line);
      continue;
    }
    const historySource: HistorySource = source === 'request' ? 'static' : (source as HistorySource);
    open = {
      requestId: `iad1::${prng.slug(5)}-${time}-${prng.hex(12)}`,
      time,
      method,
      path,
      status,
      source: historySource,
      domain: domainOf(r),
      cache: 'MISS',
      cacheReason: '',
      traceId: prng.hex(32),
      logs: [line],
    };
    requests.push(open);
    if (path === '') open = undefined;
  }
  store.appended.push(...requests);
  store.delimiters.push(...delimiters);
  return { requests, delimiters };
}

// ---------------------------------------------------------------------------
// Reading: stream lines and history rows
// ---------------------------------------------------------------------------

/** Every request (seeded and appended) that began in [from, to], oldest first. */
export function requestsBetween(r: DeploymentRecord, from: number, to: number): RuntimeRequest[] {
  const appended = (r.runtime?.appended ?? []).filter((q) => q.time >= from && q.time <= to);
  const all = [...seededRequests(r, from, to), ...appended];
  return all.sort((a, b) => a.time - b.time);
}

/** A request's lines as the stream sends them: its logs, or one empty line that stands for a request that logged nothing. */
export function streamLinesOf(request: RuntimeRequest): RuntimeLogLine[] {
  const base = {
    domain: request.domain,
    requestMethod: request.method,
    requestPath: request.path,
    responseStatusCode: request.status,
  };
  if (request.logs.length === 0) {
    return [
      {
        ...base,
        level: 'info',
        message: '',
        messageTruncated: false,
        rowId: `${request.time.toString(36)}${request.traceId.slice(0, 12)}`,
        source: request.source === 'static' ? 'request' : request.source,
        timestampInMs: request.time,
      },
    ];
  }
  return request.logs.map((log) => ({
    ...base,
    level: log.level,
    message: log.message,
    messageTruncated: log.messageTruncated,
    rowId: log.rowId,
    source: log.source,
    timestampInMs: log.timestampInMs,
  }));
}

/** The seeded lines written in (from, to], in time order: what a live stream sends as the clock moves. */
export function seededLinesBetween(r: DeploymentRecord, fromExclusive: number, toInclusive: number): RuntimeLogLine[] {
  return seededRequests(r, fromExclusive - MAX_REQUEST_SPAN_MS, toInclusive)
    .flatMap(streamLinesOf)
    .filter((line) => line.timestampInMs > fromExclusive && line.timestampInMs <= toInclusive)
    .sort((a, b) => a.timestampInMs - b.timestampInMs);
}

/** Every line (appended ones and delimiter rows too) written in (from, to]: a stream's first look back. */
export function linesBetween(r: DeploymentRecord, fromExclusive: number, toInclusive: number): RuntimeLogLine[] {
  const appended = (r.runtime?.appended ?? []).flatMap(streamLinesOf);
  const delimiters = r.runtime?.delimiters ?? [];
  return [...seededLinesBetween(r, fromExclusive, toInclusive), ...[...appended, ...delimiters].filter((l) => l.timestampInMs > fromExclusive && l.timestampInMs <= toInclusive)].sort(
    (a, b) => a.timestampInMs - b.timestampInMs,
  );
}

export interface RequestLogsQuery {
  startDate: number;
  endDate: number;
  environment?: string | undefined;
  levels?: readonly string[] | undefined;
  /** `500` or a class, `5xx`. */
  statusCode?: string | undefined;
  sources?: readonly string[] | undefined;
  search?: string | undefined;
  requestId?: string | undefined;
  branch?: string | undefined;
}

function matches(request: RuntimeRequest, r: DeploymentRecord, q: RequestLogsQuery, visible: readonly RuntimeLog[]): boolean {
  if (q.environment !== undefined && q.environment !== (r.target === 'production' ? 'production' : 'preview')) return false;
  if (q.branch !== undefined && q.branch !== r.meta['githubCommitRef']) return false;
  if (q.requestId !== undefined && q.requestId !== request.requestId) return false;
  if (q.sources !== undefined && !q.sources.includes(request.source)) return false;
  if (q.levels !== undefined) {
    // A request that logged nothing counts as info, as the CLI shows it.
    const levels = visible.length === 0 ? ['info'] : visible.map((l) => l.level);
    if (!levels.some((l) => q.levels?.includes(l))) return false;
  }
  if (q.statusCode !== undefined) {
    const code = String(request.status);
    const wanted = q.statusCode.toLowerCase();
    if (/^\dxx$/.test(wanted) ? code.length !== 3 || code[0] !== wanted[0] : code !== wanted) return false;
  }
  if (q.search !== undefined && q.search !== '') {
    const needle = q.search.toLowerCase();
    if (!request.path.toLowerCase().includes(needle) && !visible.some((l) => l.message.toLowerCase().includes(needle))) return false;
  }
  return true;
}

/**
 * A deployment's request-logs rows, newest first: the requests that began in
 * [startDate, endDate] and match every filter given. A row holds the lines
 * written by then only: the rest of a request still running comes down the
 * stream, so history and stream never tell one line twice.
 */
export function requestLogRows(r: DeploymentRecord, q: RequestLogsQuery, now: number): Array<{ time: number; row: Record<string, unknown> }> {
  const from = Math.max(q.startDate, now - RUNTIME_RETENTION_MS);
  const to = Math.min(q.endDate, now);
  const out: Array<{ time: number; row: Record<string, unknown> }> = [];
  for (const request of requestsBetween(r, from, to)) {
    const logs = request.logs.filter((l) => l.timestampInMs <= to);
    if (matches(request, r, q, logs)) out.push({ time: request.time, row: historyRow(r, request, logs) });
  }
  return out.reverse();
}

function historyRow(r: DeploymentRecord, request: RuntimeRequest, logs: readonly RuntimeLog[]): Record<string, unknown> {
  return {
    requestId: request.requestId,
    timestamp: new Date(request.time).toISOString(),
    deploymentId: r.id,
    requestMethod: request.method,
    requestPath: request.path,
    statusCode: request.status,
    environment: r.target === 'production' ? 'production' : 'preview',
    branch: r.meta['githubCommitRef'] ?? null,
    cache: request.cache,
    cacheReason: request.cacheReason,
    traceId: request.traceId,
    domain: request.domain,
    logs: logs.map((l) => ({ level: l.level, message: l.message, messageTruncated: l.messageTruncated })),
    events: [{ source: request.source }],
  };
}
