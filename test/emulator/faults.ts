/**
 * Injected failures, so tests can see how a client copes with what the real
 * API does on a bad day: errors, rate limits, slow answers, broken JSON and
 * dropped connections.
 *
 * Matching rule: a fault matches a request when its `method` (if given) equals
 * the request method, case-insensitively, and the request's path, without the
 * query string, starts with the fault's `path` (if given). So `/v6/deployments`
 * matches the list, and `/v13/deployments/` every single-deployment lookup.
 * Faults are tried in the order they were added; the first that matches is
 * used and its `count` goes down by one. Control requests (`/_emulator/…`)
 * are never faulted.
 */

export interface FaultSpec {
  method?: string;
  path?: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  malformed?: boolean;
  drop?: boolean;
  /** How many matching requests it affects; default 1, 0 = until cleared. */
  count?: number;
}

export interface Fault extends FaultSpec {
  /** Matching requests still to affect; Infinity when `count` was 0. */
  remaining: number;
}

/** Validates a fault from the control API; returns the problem as text, or the fault. */
export function parseFault(body: unknown): Fault | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'a fault is a JSON object';
  const b = body as Record<string, unknown>;
  const optional = (key: string, type: 'string' | 'number' | 'boolean' | 'object'): string | undefined => {
    const v = b[key];
    if (v === undefined) return undefined;
    if (type === 'object' ? typeof v !== 'object' || v === null || Array.isArray(v) : typeof v !== type) return `"${key}" must be a ${type}`;
    return undefined;
  };
  const problem =
    optional('method', 'string') ??
    optional('path', 'string') ??
    optional('status', 'number') ??
    optional('headers', 'object') ??
    optional('delayMs', 'number') ??
    optional('malformed', 'boolean') ??
    optional('drop', 'boolean') ??
    optional('count', 'number');
  if (problem) return problem;
  const status = b['status'] as number | undefined;
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599)) return '"status" must be an HTTP status code';
  const count = (b['count'] as number | undefined) ?? 1;
  if (!Number.isInteger(count) || count < 0) return '"count" must be a whole number, 0 meaning until cleared';
  const headers = b['headers'] as Record<string, unknown> | undefined;
  if (headers && Object.values(headers).some((v) => typeof v !== 'string')) return 'header values must be strings';
  return { ...(b as FaultSpec), remaining: count === 0 ? Infinity : count };
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  clear(): void {
    this.faults = [];
  }

  get size(): number {
    return this.faults.length;
  }

  /** The fault for this request, if any, already counted as used. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => (f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) && (f.path === undefined || path.startsWith(f.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

const ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'gone',
  429: 'rate_limited',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** Rate-limit window the emulator pretends to enforce when a 429 fault leaves details out. */
const RATE_LIMIT_TOTAL = 100;
const DEFAULT_RETRY_AFTER_S = 1;

/**
 * The headers and body a faulted response gets: what the fault says, with a
 * realistic error body and, for 429, the rate-limit headers Vercel sends
 * filled in wherever the fault leaves them out.
 */
export function faultResponse(fault: Fault, now: number): { status: number; headers: Record<string, string>; body: unknown } {
  const status = fault.status ?? 200;
  const headers: Record<string, string> = { ...fault.headers };
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  let body = fault.body;
  if (status === 429) {
    const retryAfter = Number(Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1] ?? DEFAULT_RETRY_AFTER_S);
    const resetMs = now + (Number.isFinite(retryAfter) ? retryAfter : DEFAULT_RETRY_AFTER_S) * 1000;
    const reset = Math.ceil(resetMs / 1000);
    if (!has('retry-after')) headers['Retry-After'] = String(DEFAULT_RETRY_AFTER_S);
    if (!has('x-ratelimit-limit')) headers['X-RateLimit-Limit'] = String(RATE_LIMIT_TOTAL);
    if (!has('x-ratelimit-remaining')) headers['X-RateLimit-Remaining'] = '0';
    if (!has('x-ratelimit-reset')) headers['X-RateLimit-Reset'] = String(reset);
    body ??= {
      error: {
        code: 'rate_limited',
        message: `Rate limit exceeded. Try again in ${Math.max(1, Math.round((resetMs - now) / 1000))} seconds.`,
        limit: { remaining: 0, reset, resetMs, total: RATE_LIMIT_TOTAL },
      },
    };
  } else if (body === undefined && status >= 400) {
    body = { error: { code: ERROR_CODES[status] ?? 'error', message: `Injected fault: HTTP ${status}` } };
  }
  return { status, headers, body };
}

/** JSON that starts like a real answer and stops mid-string, as a cut connection through a proxy might leave it. */
export const MALFORMED_BODY = '{"deployments":[{"uid":"dpl_';
