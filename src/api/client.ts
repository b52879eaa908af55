/**
 * The one Vercel REST client of a window. Every request goes through
 * {@link VercelClient.request}: it adds the bearer token (asked of the token
 * provider per request, so SecretStorage stays the only place it lives),
 * scopes to a team, times out, checks the content type, validates with the
 * zod schema and maps every failure to a typed {@link VercelError}.
 *
 * Idempotent GETs retry on 429/502/503/504 and network errors, honouring
 * Retry-After, at most `maxRetries` times; identical GETs in flight share one
 * request. Mutations (cancel, deploy, upload, redeploy, promote, rollback,
 * delete) are never retried: a lost answer may still have changed production.
 */
import type * as z from 'zod/mini';
import { ApiErrorBodySchema, DeploymentListSchema, ProjectSchema, UserResponseSchema, type DeploymentList, type Project, type User } from './schemas';
import type { DeletedDeployment, DeploymentEvent, ProjectList, Team, UploadedFile } from './actionSchemas';
import type { Deployment } from './deployment';
import { actionRequests, type ActionRequests, type AliasJobAccepted, type CreateDeploymentRequest } from './actionRequests';
import { envApi, type EnvApi } from './envApi';
import { deploymentSchema } from './deployment';
import { requestLogs, runtimeLogStream, type LogTransport, type RequestLogsQuery, type RuntimeLogItem } from './runtimeLogRequests';
import type { RequestLogs } from './runtimeLogSchemas';
import {
  VercelApiError,
  VercelError,
  VercelNetworkError,
  VercelSchemaError,
  VercelSignedOutError,
  VercelTimeoutError,
} from './errors';
import { sleep } from '../util/sleep';

export const DEFAULT_ORIGIN = 'https://api.vercel.com';
/** Where Vercel's dashboard endpoints (request logs) answer when the API is Vercel's own. */
export const DASHBOARD_ORIGIN = 'https://vercel.com';

/** Team scope of a request; neither field means the personal account. */
export interface Scope {
  readonly teamId?: string | undefined;
  readonly slug?: string | undefined;
}

export interface ListDeploymentsQuery extends Scope {
  readonly projectId: string;
  readonly limit?: number | undefined;
  /** `pagination.next` of the previous page. */
  readonly until?: number | undefined;
  readonly since?: number | undefined;
  /** readyStates to keep, e.g. `['BUILDING', 'QUEUED']`. */
  readonly state?: readonly string[] | undefined;
  /** `preview` asks for deployments whose target is null. */
  readonly target?: 'production' | 'preview' | 'staging' | undefined;
  /** Only deployments of this Git branch. */
  readonly branch?: string | undefined;
  /** Only deployments of this commit. */
  readonly sha?: string | undefined;
  /** Only deployments created by these users (ids, comma-separated by the API). */
  readonly users?: string | undefined;
}

export interface RequestRecord {
  readonly method: string;
  readonly endpoint: string;
  readonly status: number | 'network' | 'timeout';
  readonly ms: number;
  readonly attempt: number;
}

export interface VercelClientOptions {
  /** API origin; a function so a settings change applies to the next request. */
  readonly origin?: string | (() => string);
  /** Returns the token, or undefined when signed out. Called once per request. */
  readonly token: () => Promise<string | undefined>;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  /** A Retry-After longer than this is not waited out: the error goes to the caller. */
  readonly maxRetryDelayMs?: number;
  /** First backoff delay when the server gave no Retry-After; doubles each retry. */
  readonly baseRetryDelayMs?: number;
  /** Told about every HTTP exchange (never the token); for the log channel. */
  readonly onRequest?: (record: RequestRecord) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type { RequestLogsQuery, RuntimeLogItem };
export type { AliasJobAccepted, CreateDeploymentRequest, DeploymentFile, FilesDeploymentRequest, GitDeploymentRequest, GitMetadata, GitSource, RedeployRequest } from './actionRequests';

type Method = 'GET' | 'PATCH' | 'POST' | 'DELETE';

interface RequestOptions extends Scope {
  /** Another origin than the API's (the dashboard's, for request logs). */
  readonly origin?: string;
  readonly query?: Record<string, string | number | undefined>;
  /** Sent as JSON; bytes (a file upload) are sent as they are, as application/octet-stream. */
  readonly body?: unknown;
  /** More request headers (never Authorization). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  readonly retry?: boolean;
  /** Used instead of the stored token (to check a token before storing it). */
  readonly token?: string;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export class VercelClient {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private envRequests: EnvApi | undefined;
  private actionRequests: ActionRequests | undefined;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly baseRetryDelayMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: VercelClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.baseRetryDelayMs = options.baseRetryDelayMs ?? 500;
    this.sleep = options.sleep ?? sleep;
  }

  get origin(): string {
    const origin = typeof this.options.origin === 'function' ? this.options.origin() : this.options.origin;
    return (origin ?? DEFAULT_ORIGIN).replace(/\/+$/, '');
  }

  /**
   * Where the dashboard's endpoints answer (request logs): vercel.com when the
   * API is api.vercel.com, as the CLI derives it; any other origin (a proxy,
   * the emulator) as it is.
   */
  get dashboardOrigin(): string {
    const origin = this.origin;
    return origin === DEFAULT_ORIGIN ? DASHBOARD_ORIGIN : origin;
  }

  listDeployments(query: ListDeploymentsQuery, signal?: AbortSignal): Promise<DeploymentList> {
    return this.get('/v6/deployments', DeploymentListSchema(), {
      teamId: query.teamId,
      slug: query.slug,
      signal,
      query: {
        projectId: query.projectId,
        limit: query.limit,
        until: query.until,
        since: query.since,
        state: query.state && query.state.length > 0 ? query.state.join(',') : undefined,
        target: query.target,
        branch: query.branch,
        sha: query.sha,
        users: query.users,
      },
    });
  }

  /** By id (`dpl_…`) or by the deployment's hostname. */
  getDeployment(idOrUrl: string, scope: Scope = {}, signal?: AbortSignal): Promise<Deployment> {
    return this.get(`/v13/deployments/${encodeURIComponent(idOrUrl)}`, deploymentSchema(), { ...scope, signal });
  }

  /** Cancels a queued or building deployment; answers with the full, now CANCELED, deployment. */
  cancelDeployment(id: string, scope: Scope = {}, signal?: AbortSignal): Promise<Deployment> {
    return this.actions.cancelDeployment(id, scope, signal);
  }

  async getUser(signal?: AbortSignal): Promise<User> {
    return (await this.get('/v2/user', UserResponseSchema(), { signal })).user;
  }

  /** Checks a token before it is stored: the user it belongs to, or Vercel's refusal. */
  async verifyToken(token: string, signal?: AbortSignal): Promise<User> {
    return (await this.request('GET', '/v2/user', UserResponseSchema(), { signal, token, retry: false })).user;
  }

  /** Every team of the user: follows `pagination.next` (as `until`) until the last page. */
  listTeams(signal?: AbortSignal): Promise<Team[]> {
    return this.actions.listTeams(signal);
  }

  /** One page of projects of the personal account or a team, newest first; `search` matches names. */
  listProjects(query: Scope & { search?: string; limit?: number; from?: number | string }, signal?: AbortSignal): Promise<ProjectList> {
    return this.actions.listProjects(query, signal);
  }

  /** With `rollbackInfo`, the project also tells how far the latest promote or rollback is (`lastAliasRequest`). */
  getProject(idOrName: string, scope: Scope & { rollbackInfo?: boolean } = {}, signal?: AbortSignal): Promise<Project> {
    return this.get(`/v9/projects/${encodeURIComponent(idOrName)}`, ProjectSchema(), {
      teamId: scope.teamId,
      slug: scope.slug,
      signal,
      query: { rollbackInfo: scope.rollbackInfo === true ? 'true' : undefined },
    });
  }

  /**
   * Creates a deployment; answers it (QUEUED). Three kinds:
   * - a redeploy builds a deployment again as a new one: `forceNew=1` as the
   *   CLI sends it; as in `@vercel/client`, a forced build keeps the build
   *   cache only with `withCache=1`;
   * - from files already uploaded ({@link uploadFile}): a file Vercel lacks
   *   makes a {@link VercelApiError} with code `missing_files` whose
   *   `missingFiles` lists the digests to upload before sending it again;
   * - from a commit of the project's linked repository (`gitSource`).
   */
  createDeployment(request: CreateDeploymentRequest, scope: Scope = {}, signal?: AbortSignal): Promise<Deployment> {
    return this.actions.createDeployment(request, scope, signal);
  }

  /**
   * Uploads one file's bytes for a deployment (`POST /v2/files`), keyed by
   * their SHA-1 (`x-now-digest`) and size (`x-now-size`), as the CLI does.
   * Vercel answers 200 whether it had the file or not. Never retried.
   */
  uploadFile(bytes: Uint8Array<ArrayBuffer>, sha: string, scope: Scope = {}, signal?: AbortSignal): Promise<UploadedFile> {
    return this.actions.uploadFile(bytes, sha, scope, signal);
  }

  /** Points production at a READY production deployment; the move itself is a job (`lastAliasRequest`). */
  promoteDeployment(projectId: string, deploymentId: string, scope: Scope = {}, signal?: AbortSignal): Promise<AliasJobAccepted> {
    return this.actions.promoteDeployment(projectId, deploymentId, scope, signal);
  }

  /** Instant Rollback to an earlier READY production deployment; a job, like promote. */
  rollbackDeployment(projectId: string, deploymentId: string, scope: Scope = {}, signal?: AbortSignal): Promise<AliasJobAccepted> {
    return this.actions.rollbackDeployment(projectId, deploymentId, scope, signal);
  }

  deleteDeployment(id: string, scope: Scope = {}, signal?: AbortSignal): Promise<DeletedDeployment> {
    return this.actions.deleteDeployment(id, scope, signal);
  }

  /** The requests above (src/api/actionRequests.ts, in the features bundle), made on first use. */
  private get actions(): ActionRequests {
    return (this.actionRequests ??= actionRequests({
      request: (method, path, schema, options) => this.request(method, path, schema, options),
      status: (method, path, options) => this.requestStatus(method, path, options),
      stream: (path, options) => this.fetchOnce('GET', this.url(path, options, options.query), path, options.signal, 0, false, undefined, undefined),
    }));
  }

  /** A project's environment variables (src/api/envApi.ts, built on first use): list, value, create, edit, remove, pull. */
  get env(): EnvApi {
    return (this.envRequests ??= envApi((method, path, schema, options) => this.request(method, path, schema, options)));
  }

  /** The build log so far; `since` (ms) keeps the events created at or after it. */
  getDeploymentEvents(id: string, options?: Scope & { follow?: false; since?: number; signal?: AbortSignal }): Promise<DeploymentEvent[]>;
  /** The build log as it is written, until the build ends. Keep-alive lines (no `created`) are skipped. */
  getDeploymentEvents(id: string, options: Scope & { follow: true; since?: number; signal?: AbortSignal }): AsyncIterable<DeploymentEvent>;
  getDeploymentEvents(
    id: string,
    options: Scope & { follow?: boolean; since?: number; signal?: AbortSignal } = {},
  ): Promise<DeploymentEvent[]> | AsyncIterable<DeploymentEvent> {
    return options.follow === true ? this.actions.followDeploymentEvents(id, options) : this.actions.deploymentEvents(id, options);
  }

  /**
   * One page of a project's request logs (`GET /api/logs/request-logs` on the
   * dashboard's origin, with the same token): requests newest first, each with
   * the lines its functions printed, and whether older pages follow.
   */
  getRequestLogs(query: RequestLogsQuery, signal?: AbortSignal): Promise<RequestLogs> {
    return requestLogs(this.transport, query, signal);
  }

  /**
   * A deployment's runtime logs as they are written (`GET /v1/projects/{projectId}/deployments/{deploymentId}/runtime-logs`),
   * until Vercel ends the stream (after some minutes) or the signal does. One
   * attempt: whoever follows decides when to connect again. Keep-alives are
   * skipped; a line that cannot be read is reported and the stream goes on.
   */
  followRuntimeLogs(projectId: string, deploymentId: string, options: Scope & { signal?: AbortSignal } = {}): AsyncIterable<RuntimeLogItem> {
    return runtimeLogStream(this.transport, projectId, deploymentId, options);
  }

  /** What the runtime-log requests (a module loaded on first use) may do with this client's exchanges. */
  private readonly transport: LogTransport = {
    dashboardOrigin: () => this.dashboardOrigin,
    get: (path, schema, options) => this.get(path, schema, options),
    open: (path, options) => this.fetchOnce('GET', this.url(path, options, {}), path, options.signal, 0, false, undefined, undefined, {}, options.accept),
  };

  private get<S extends z.ZodMiniType>(path: string, schema: S, options: RequestOptions): Promise<z.infer<S>> {
    return this.request('GET', path, schema, options);
  }

  /** A mutation whose answer has no body worth reading: its status is the answer. */
  private async requestStatus(method: Method, path: string, options: RequestOptions): Promise<number> {
    const url = this.url(path, options, options.query ?? {});
    const response = await this.fetchOnce(method, url, path, options.signal, 0, true, options.token, options.body, options.headers);
    await response.body?.cancel();
    return response.status;
  }

  private async request<S extends z.ZodMiniType>(
    method: Method,
    path: string,
    schema: S,
    options: RequestOptions,
  ): Promise<z.infer<S>> {
    const body = await this.sharedBody(method, path, options);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw VercelSchemaError.fromZod(`${method} ${path}`, parsed.error);
    }
    return parsed.data;
  }

  /**
   * Identical GETs in flight share one exchange; each caller parses the body
   * with its own schema. A caller with its own signal may abort, which must
   * not cancel a request others share, so it gets an exchange of its own.
   */
  private sharedBody(method: Method, path: string, options: RequestOptions): Promise<unknown> {
    if (method !== 'GET' || options.signal || options.token !== undefined) {
      return this.bodyWithRetries(method, path, options);
    }
    const key = this.url(path, options, options.query ?? {});
    const existing = this.inFlight.get(key);
    if (existing) {
      return existing;
    }
    const pending = this.bodyWithRetries(method, path, options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, pending);
    return pending;
  }

  private async bodyWithRetries(method: Method, path: string, options: RequestOptions): Promise<unknown> {
    const url = this.url(path, options, options.query ?? {});
    const retry = options.retry ?? method === 'GET';
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.fetchOnce(method, url, path, options.signal, attempt, true, options.token, options.body, options.headers);
        return await readJson(response, `${method} ${path}`);
      } catch (error) {
        const delay = retry && attempt < this.maxRetries ? this.retryDelay(error, attempt) : undefined;
        if (delay === undefined) {
          throw error;
        }
        await this.sleep(delay, options.signal);
      }
    }
  }

  /** How long to wait before retrying after `error`, or undefined to give up. */
  private retryDelay(error: unknown, attempt: number): number | undefined {
    if (error instanceof VercelApiError && RETRYABLE_STATUS.has(error.status)) {
      const asked = error.retryAfterMs;
      if (asked !== undefined) {
        return asked <= this.maxRetryDelayMs ? asked : undefined;
      }
      return this.backoff(attempt);
    }
    // A request the browser refused is refused again: the next poll asks, at its own pace.
    if (error instanceof VercelNetworkError && !error.refusedByBrowser) {
      return this.backoff(attempt);
    }
    return undefined;
  }

  private backoff(attempt: number): number {
    const base = this.baseRetryDelayMs * 2 ** attempt;
    return Math.min(this.maxRetryDelayMs, base + Math.random() * base * 0.25);
  }

  /** One HTTP exchange; resolves only with a 2xx response, otherwise throws a VercelError. */
  private async fetchOnce(
    method: string,
    url: string,
    path: string,
    signal: AbortSignal | undefined,
    attempt: number,
    timeLimited: boolean,
    tokenOverride: string | undefined,
    body: unknown,
    headers: Readonly<Record<string, string>> = {},
    accept = 'application/json',
  ): Promise<Response> {
    const token = tokenOverride ?? (await this.options.token());
    if (token === undefined || token === '') {
      throw new VercelSignedOutError();
    }
    const endpoint = `${method} ${path}`;
    const timeout = timeLimited ? AbortSignal.timeout(this.timeoutMs) : undefined;
    const signals = [signal, timeout].filter((s): s is AbortSignal => s !== undefined);
    const started = Date.now();
    const record = (status: RequestRecord['status']) =>
      this.options.onRequest?.({ method, endpoint: path, status, ms: Date.now() - started, attempt });
    let response: Response;
    try {
      // Bytes are a file upload; the uploader reads them into a fresh ArrayBuffer (never a shared one).
      const bytes = body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : undefined;
      response = await fetch(url, {
        method,
        headers: {
          ...headers,
          Authorization: `Bearer ${token}`,
          Accept: accept,
          ...(body === undefined ? {} : { 'Content-Type': bytes ? 'application/octet-stream' : 'application/json' }),
        },
        ...(body === undefined ? {} : { body: bytes ?? JSON.stringify(body) }),
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw signal.reason;
      }
      if (timeout?.aborted) {
        record('timeout');
        throw new VercelTimeoutError(this.timeoutMs);
      }
      record('network');
      throw new VercelNetworkError(networkReason(error), { cause: error, refusedByBrowser: refusedByBrowser(error) });
    }
    record(response.status);
    if (!response.ok) {
      throw await toApiError(response, endpoint);
    }
    return response;
  }

  private url(path: string, scope: Scope & { readonly origin?: string }, query: Record<string, string | number | undefined>): string {
    const url = new URL((scope.origin ?? this.origin) + path);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }
    if (scope.teamId) {
      url.searchParams.set('teamId', scope.teamId);
    } else if (scope.slug) {
      url.searchParams.set('slug', scope.slug);
    }
    return url.toString();
  }
}

async function readJson(response: Response, endpoint: string): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    await response.body?.cancel();
    throw new VercelSchemaError(endpoint, '', `expected JSON, got ${type === '' ? 'no content type' : type}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new VercelNetworkError(networkReason(error), { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new VercelSchemaError(endpoint, '', 'the body is not valid JSON');
  }
}

async function toApiError(response: Response, endpoint: string): Promise<VercelApiError> {
  let code: string | undefined;
  let message: string | undefined;
  let invalidToken: boolean | undefined;
  let missing: readonly string[] | undefined;
  let rateLimit: { remaining?: number; reset?: number; total?: number } | undefined;
  try {
    const parsed = ApiErrorBodySchema().safeParse(JSON.parse(await response.text()));
    if (parsed.success) {
      ({ code, message, invalidToken, missing } = parsed.data.error);
      const limit = parsed.data.error.limit;
      if (limit) {
        rateLimit = { remaining: limit.remaining, reset: limit.reset, total: limit.total };
      }
    }
  } catch {
    // A body that is not Vercel's error JSON still leaves the status to report.
  }
  return new VercelApiError(response.status, code, message, {
    invalidToken,
    retryAfterMs: retryAfterMs(response.headers, response.status, rateLimit?.reset),
    rateLimit,
    endpoint,
    missing,
  });
}

/** Retry-After (seconds or an HTTP date), else x-ratelimit-reset (epoch seconds) on a 429. */
export function retryAfterMs(headers: Headers, status: number, bodyReset?: number, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) {
      return Math.max(0, seconds * 1000);
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return Math.max(0, date - now);
    }
  }
  if (status !== 429) {
    return undefined;
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? bodyReset);
  if (Number.isFinite(reset) && reset > 0) {
    // Vercel sends the reset as epoch seconds.
    return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

/** A web worker has no `process`; Node's extension host does. */
const IN_BROWSER = typeof (globalThis as { process?: unknown }).process === 'undefined';

/** A browser's fetch fails with a bare TypeError for CORS and for being offline; online, it is the former. */
function refusedByBrowser(error: unknown): boolean {
  if (!IN_BROWSER || !(error instanceof TypeError)) return false;
  const online = (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine;
  return online !== false;
}

function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}

export { VercelError };
