/**
 * The two runtime-log endpoints, as methods of the one client
 * (VercelClient.getRequestLogs, .followRuntimeLogs) whose bodies load on
 * first use: in the activation bundle this module is a stand-in
 * (esbuild.mjs), so a window that never opens a runtime log carries none of
 * it. The client hands over its exchanges (token, team scope, retries,
 * timeouts, typed errors) as a {@link LogTransport}.
 */
import type * as z from 'zod/mini';
import { VercelSchemaError } from './errors';
import { chunksOf, readNdjson } from './ndjson';
import { requestLogsSchema, runtimeLogLineSchema, type RequestLogs, type RuntimeLogLine } from './runtimeLogSchemas';

interface ExchangeOptions {
  readonly teamId?: string | undefined;
  readonly slug?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** What the client lends these requests. */
export interface LogTransport {
  /** Where the dashboard's endpoints answer: vercel.com for api.vercel.com, else the API's own origin. */
  dashboardOrigin(): string;
  /** A GET parsed with `schema`, with the client's retries and sharing. */
  get<S extends z.ZodMiniType>(path: string, schema: S, options: ExchangeOptions & { readonly origin?: string; readonly query?: Record<string, string | number | undefined> }): Promise<z.infer<S>>;
  /** One exchange without a time limit (a stream), resolving with a 2xx response or throwing a VercelError. */
  open(path: string, options: ExchangeOptions & { readonly accept: string }): Promise<Response>;
}

/**
 * What `GET /api/logs/request-logs` is asked, as the CLI's `vercel logs`
 * asks it. Times in ms; `page` counts from 0, newest first.
 */
export interface RequestLogsQuery {
  readonly teamId?: string | undefined;
  readonly slug?: string | undefined;
  readonly projectId: string;
  /** The project's account: the team's id, or the user's. */
  readonly ownerId: string;
  readonly deploymentId?: string | undefined;
  readonly page?: number | undefined;
  readonly startDate: number;
  readonly endDate: number;
  /** `error`, `warning`, `info`, `fatal`. */
  readonly levels?: readonly string[] | undefined;
  /** A code (`500`) or a class (`5xx`). */
  readonly statusCode?: string | undefined;
  /** `serverless`, `edge-function`, `edge-middleware`, `static`. */
  readonly sources?: readonly string[] | undefined;
  readonly search?: string | undefined;
  readonly environment?: string | undefined;
  readonly requestId?: string | undefined;
  readonly branch?: string | undefined;
}

/** What the runtime-logs stream brings: a line, or one that could not be read (the stream goes on). */
export type RuntimeLogItem =
  | { readonly kind: 'line'; readonly line: RuntimeLogLine }
  | { readonly kind: 'invalid'; readonly reason: string };

/** What the runtime-logs stream is asked for: one JSON object per line. */
const STREAM_ACCEPT = 'application/stream+json';

export function requestLogs(transport: LogTransport, query: RequestLogsQuery, signal?: AbortSignal): Promise<RequestLogs> {
  const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.join(',') : undefined);
  return transport.get('/api/logs/request-logs', requestLogsSchema(), {
    origin: transport.dashboardOrigin(),
    teamId: query.teamId,
    slug: query.slug,
    signal,
    query: {
      projectId: query.projectId,
      ownerId: query.ownerId,
      page: query.page ?? 0,
      startDate: Math.floor(query.startDate),
      endDate: Math.ceil(query.endDate),
      deploymentId: query.deploymentId,
      environment: query.environment,
      level: list(query.levels),
      statusCode: query.statusCode,
      source: list(query.sources),
      search: query.search !== undefined && query.search.trim() !== '' ? query.search.trim() : undefined,
      requestId: query.requestId,
      branch: query.branch,
    },
  });
}

export async function* runtimeLogStream(
  transport: LogTransport,
  projectId: string,
  deploymentId: string,
  options: { readonly teamId?: string | undefined; readonly slug?: string | undefined; readonly signal?: AbortSignal | undefined },
): AsyncGenerator<RuntimeLogItem> {
  const path = `/v1/projects/${encodeURIComponent(projectId)}/deployments/${encodeURIComponent(deploymentId)}/runtime-logs`;
  const endpoint = `GET ${path}`;
  const response = await transport.open(path, { ...options, accept: STREAM_ACCEPT });
  const type = response.headers.get('content-type') ?? '';
  // A sign-in page or a proxy's error page is no log: say so instead of showing its HTML line by line.
  if (type !== '' && !/^application\/(?:stream\+json|json|x-ndjson)\b/i.test(type)) {
    await response.body?.cancel();
    throw new VercelSchemaError(endpoint, '', `expected a stream of JSON lines, got ${type}`);
  }
  if (!response.body) return;
  const schema = runtimeLogLineSchema();
  for await (const item of readNdjson(chunksOf(response.body))) {
    if (item.kind === 'invalid') {
      yield { kind: 'invalid', reason: item.reason === 'json' ? 'a line is not JSON' : `a line of ${item.length} characters` };
      continue;
    }
    const parsed = schema.safeParse(item.value);
    if (!parsed.success) {
      yield { kind: 'invalid', reason: VercelSchemaError.fromZod(endpoint, parsed.error).message };
      continue;
    }
    // An object that says nothing (no time, no text) keeps the connection alive.
    if (parsed.data.timestampInMs === undefined && parsed.data.message === undefined) continue;
    yield { kind: 'line', line: parsed.data };
  }
}
