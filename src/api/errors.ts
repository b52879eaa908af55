/**
 * Typed failures of the Vercel client. Each has a `userMessage` fit to show a
 * person (it is the Error's message too). None of them ever holds the token:
 * the client puts it only in the Authorization header, and these messages are
 * built from status codes, Vercel's own error text and field paths.
 */
import type * as z from 'zod/mini';

export abstract class VercelError extends Error {
  abstract readonly kind: 'api' | 'network' | 'timeout' | 'schema' | 'signedOut';

  get userMessage(): string {
    return this.message;
  }
}

export interface RateLimit {
  remaining?: number | undefined;
  reset?: number | undefined;
  total?: number | undefined;
}

/** Vercel answered with an HTTP error status. */
export class VercelApiError extends VercelError {
  readonly kind = 'api';

  constructor(
    readonly status: number,
    /** Vercel's machine-readable `error.code`, e.g. `forbidden`, `not_found`, `rate_limited`. */
    readonly code: string | undefined,
    /** Vercel's own `error.message`, when it sent one. */
    readonly apiMessage: string | undefined,
    readonly options: {
      readonly invalidToken?: boolean | undefined;
      /** How long Vercel asked us to wait before the next request (Retry-After / x-ratelimit-reset). */
      readonly retryAfterMs?: number | undefined;
      readonly rateLimit?: RateLimit | undefined;
      readonly endpoint?: string | undefined;
      /** With code `missing_files`: the digests Vercel does not have. */
      readonly missing?: readonly string[] | undefined;
    } = {},
  ) {
    super(apiMessage && apiMessage.length > 0 ? apiMessage : `${describeStatus(status)} (HTTP ${status})`);
    this.name = 'VercelApiError';
  }

  get invalidToken(): boolean {
    return this.options.invalidToken === true;
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }

  /** The SHA-1 digests a `missing_files` answer lists; empty for any other. */
  get missingFiles(): readonly string[] {
    return this.code === 'missing_files' ? (this.options.missing ?? []) : [];
  }

  get isRateLimited(): boolean {
    return this.status === 429 || this.code === 'rate_limited';
  }

  /** Vercel wants the person to sign in again (a fresh, stronger sign-in) before it answers, e.g. before revealing values. */
  get needsSignIn(): boolean {
    return REAUTH_CODES.includes(this.code ?? '');
  }

  /** The thing to create exists already (an environment variable's key for that environment). */
  get isConflict(): boolean {
    return this.status === 409 || CONFLICT_CODES.includes(this.code ?? '');
  }
}

const REAUTH_CODES = ['challenge_required', 'challenge_required_email_otp', 'user_auth_required'];
const CONFLICT_CODES = ['ENV_ALREADY_EXISTS', 'ENV_CONFLICT', 'EXISTING_KEY_AND_TARGET'];

/** The request never got an HTTP answer: offline, DNS, refused, reset. */
export class VercelNetworkError extends VercelError {
  readonly kind = 'network';
  /**
   * In a browser, a request that failed while the browser says it is online:
   * most likely Vercel's API refused it across origins (CORS), which no retry
   * changes. A browser does not tell the two apart any further.
   */
  readonly refusedByBrowser: boolean;

  constructor(reason: string, options?: { cause?: unknown; refusedByBrowser?: boolean }) {
    super(`Network error: ${reason}`, options);
    this.name = 'VercelNetworkError';
    this.refusedByBrowser = options?.refusedByBrowser ?? false;
  }
}

/** No answer within the client's time limit. */
export class VercelTimeoutError extends VercelError {
  readonly kind = 'timeout';

  constructor(readonly timeoutMs: number) {
    super(`Vercel did not answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'VercelTimeoutError';
  }
}

/** Vercel answered, but not with what the schema describes. */
export class VercelSchemaError extends VercelError {
  readonly kind = 'schema';

  constructor(
    readonly endpoint: string,
    /** Dotted path of the first offending field, e.g. `deployments[3].created`; empty for the whole body. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Unexpected response from ${endpoint}: ${path === '' ? reason : `${path}: ${reason}`}`);
    this.name = 'VercelSchemaError';
  }

  static fromZod(endpoint: string, error: z.core.$ZodError): VercelSchemaError {
    const first = error.issues[0];
    if (!first) {
      return new VercelSchemaError(endpoint, '', 'invalid body');
    }
    return new VercelSchemaError(endpoint, formatPath(first.path), first.message);
  }
}

/** A request needs a token and none is stored. */
export class VercelSignedOutError extends VercelError {
  readonly kind = 'signedOut';

  constructor() {
    super('Not signed in to Vercel');
    this.name = 'VercelSignedOutError';
  }
}

/** `["deployments", 3, "created"]` → `deployments[3].created`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
    }
  }
  return out;
}

function describeStatus(status: number): string {
  switch (status) {
    case 400:
      return 'Bad request';
    case 401:
    case 403:
      return 'Not authorized';
    case 404:
      return 'Not found';
    case 410:
      return 'Gone';
    case 429:
      return 'Rate limited';
    default:
      return status >= 500 ? 'Vercel had a server error' : 'Request failed';
  }
}
