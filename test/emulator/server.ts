/**
 * A local stand-in for the Vercel REST API: a real HTTP server on 127.0.0.1
 * with seeded data, builds that progress on timers, injectable faults and a
 * request log. Tests and benchmarks start it in-process with
 * {@link startEmulator}; other processes run it through cli.ts.
 *
 * Routes and the control API are described in README.md beside this file.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import {
  LIST_STATES,
  applyState,
  createWorld,
  findDeployment,
  findProject,
  insert,
  isInProgress,
  newRecord,
  nextCreated,
  type DeploymentRecord,
  type Person,
  type Project,
  type Source,
  type Team,
  type World,
} from './data';
import { EVENT_SHAPES, FAILURE_KINDS, appendLines, eventId, eventsFor, parseLogLines, selectEvents, type EventShape, type FailureKind } from './events';
import { FaultQueue, MALFORMED_BODY, faultResponse, parseFault } from './faults';
import { Lifecycle } from './lifecycle';
import { ActionError, Actions, type ActionAnswer } from './actions';
import { DeployError, Deploys, MAX_FILE_BYTES } from './deploys';
import { toFullDeployment, toListItem, toTeam, toUser } from './render';
import { EnvError, EnvVars } from './env';
import {
  HISTORY_LEVELS,
  HISTORY_SOURCES,
  appendPosted,
  linesBetween,
  parsePostedLogs,
  REQUEST_LOGS_PAGE_SIZE,
  requestLogRows,
  seededLinesBetween,
  streamLinesOf,
  type RuntimeLogLine,
} from './runtimeLogs';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
  seed?: string | number;
  /** How long a build takes from QUEUED to READY/ERROR; default 60000. */
  buildMs?: number;
  /** Queue a new deployment on the team project this often; default 0 = never. */
  newEveryMs?: number;
  /** Deployments of the team project; default 160. */
  deploymentCount?: number;
  /** How often an open follow stream looks for new log lines; default 25. Lines appended through the control API never wait for it. */
  followPollMs?: number;
  /** How many API requests the request log keeps (the newest); default {@link REQUEST_LOG_LIMIT}. */
  requestLogLimit?: number;
  /** How long a runtime-logs stream stays open before the server ends it, as Vercel's does; default 5 minutes. */
  runtimeLogStreamMs?: number;
  /** How far back a runtime-logs stream starts: the lines of this many ms before it opened come first; default 30 s. */
  runtimeLogBacklogMs?: number;
  /** A runtime-logs stream that has sent nothing for this long sends an empty line (a keep-alive); default 15 s; 0 = never. */
  runtimeLogKeepAliveMs?: number;
}

export interface EmulatorInfo {
  url: string;
  token: string;
  teamId: string;
  teamSlug: string;
  projectId: string;
  projectName: string;
  personalProjectId: string;
}

export interface RunningEmulator {
  info: EmulatorInfo;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'emulator-token';
export const DEFAULT_SEED = 'vercel-emulator';
const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 1_000_000;
/** A build log given through the control API may be a benchmark's 200,000 lines. */
const MAX_LOG_BODY_BYTES = 256_000_000;
/**
 * How many API requests the request log keeps by default: the newest. Room
 * for an hour of a 5-second poll many times over, about 2 MB.
 */
export const REQUEST_LOG_LIMIT = 10_000;
/** How often an open follow stream looks for new log lines, unless the options say otherwise. */
const FOLLOW_POLL_MS = 25;
const RUNTIME_LOG_STREAM_MS = 5 * 60_000;
const RUNTIME_LOG_BACKLOG_MS = 30_000;
const RUNTIME_LOG_KEEP_ALIVE_MS = 15_000;
/** What Vercel's runtime-logs stream says its body is: one JSON object per line. */
const STREAM_TYPE = 'application/stream+json';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  time: number;
  /** Which injected fault answered, if one did. */
  fault?: 'status' | 'malformed' | 'drop' | 'delay';
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  entry?: RequestLogEntry;
}

type Handler = (ctx: Ctx, params: string[]) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const notFound = (message: string) => new HttpError(404, 'not_found', message);
const badRequest = (message: string) => new HttpError(400, 'bad_request', message);

/** What a browser may send across origins (the client's headers, the file upload's) and read back (rate limits). */
const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, x-now-digest, x-now-size';
const CORS_EXPOSED_HEADERS = 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';

function sendJson(ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  sendRaw(ctx, status, text, headers);
}

function sendRaw(ctx: Ctx, status: number, text: string, headers: Record<string, string> = {}): void {
  if (ctx.entry) ctx.entry.status = status;
  ctx.res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'private, no-cache',
    ...headers,
  });
  ctx.res.end(text);
}

/** An action's answer; promote and rollback answer with no body. */
function answer(ctx: Ctx, a: ActionAnswer): void {
  if (a.body === undefined) sendRaw(ctx, a.status, '');
  else sendJson(ctx, a.status, a.body);
}

function sendError(ctx: Ctx, error: HttpError): void {
  sendJson(ctx, error.status, { error: { code: error.code, message: error.message, ...error.extra } });
}

function isLoopback(socket: Socket): boolean {
  const address = socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The query as logged: nothing that looks like a credential, even if a client put one there by mistake. */
function loggableQuery(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = /token|secret|auth|password/i.test(key) ? '[redacted]' : value;
  return query;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(badRequest('Request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(badRequest('Request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** The raw bytes of a request (a file upload); a body over `maxBytes` is refused. */
function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(new HttpError(413, 'file_too_large', `The file is larger than ${maxBytes} bytes.`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function integerParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`Invalid query parameter \`${name}\`: expected an integer, got "${raw}"`);
  return Number(raw);
}

function commaList(url: URL, ...names: string[]): string[] | undefined {
  const values = names.flatMap((n) => url.searchParams.getAll(n)).flatMap((v) => v.split(','));
  const cleaned = values.map((v) => v.trim()).filter((v) => v !== '');
  return cleaned.length > 0 ? cleaned : undefined;
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badRequest(`"${key}" must be a string`);
  return v;
}

/** Whose resources a request asks for: the user's own, or a team's via `teamId`/`slug`. */
type Scope = { kind: 'personal' } | { kind: 'team'; team: Team };

class Emulator {
  world: World;
  readonly lifecycle: Lifecycle;
  readonly actions: Actions;
  readonly deploys: Deploys;
  env: EnvVars;
  readonly faults = new FaultQueue();
  log: RequestLogEntry[] = [];
  /** Known once the server listens. */
  url = '';
  private readonly streams = new Set<() => void>();
  /** Open follow streams, so lines appended through the control API go out at once. */
  private readonly logWatchers = new Set<{ record: DeploymentRecord; pump: () => void }>();
  /** Open runtime-logs streams: lines posted through the control API go down each at once. */
  private readonly runtimeWatchers = new Set<{ record: DeploymentRecord; openedAt: number; send: (lines: readonly RuntimeLogLine[]) => void }>();
  private readonly routes: Route[];
  private readonly control: Route[];

  constructor(
    private readonly options: Required<
      Pick<
        EmulatorOptions,
        'seed' | 'buildMs' | 'newEveryMs' | 'deploymentCount' | 'followPollMs' | 'requestLogLimit' | 'runtimeLogStreamMs' | 'runtimeLogBacklogMs' | 'runtimeLogKeepAliveMs'
      >
    >,
    readonly token: string,
  ) {
    this.world = this.buildWorld();
    this.lifecycle = new Lifecycle(this.world, options.newEveryMs);
    this.actions = new Actions(() => this.world, this.lifecycle);
    this.deploys = new Deploys(() => this.world, this.lifecycle);
    this.env = new EnvVars(this.world, options.seed);
    this.routes = [
      { method: 'GET', pattern: /^\/v(?:6|7)\/deployments\/?$/, handler: (c) => this.listDeployments(c) },
      { method: 'GET', pattern: /^\/v13\/deployments\/([^/]+)\/?$/, handler: (c, [id]) => this.getDeployment(c, id) },
      { method: 'PATCH', pattern: /^\/v12\/deployments\/([^/]+)\/cancel\/?$/, handler: (c, [id]) => this.cancelDeployment(c, id) },
      { method: 'GET', pattern: /^\/v3\/(?:now\/)?deployments\/([^/]+)\/events\/?$/, handler: (c, [id]) => this.events(c, id) },
      { method: 'GET', pattern: /^\/v11\/deployments\/([^/]+)\/builds\/?$/, handler: (c, [id]) => this.builds(c, id) },
      { method: 'GET', pattern: /^\/v2\/user\/?$/, handler: (c) => sendJson(c, 200, { user: toUser(this.world.user, this.world.team) }) },
      { method: 'GET', pattern: /^\/(?:v1\/|v2\/)?teams\/?$/, handler: (c) => this.listTeams(c) },
      { method: 'GET', pattern: /^\/(?:v1\/|v2\/)?teams\/([^/]+)\/?$/, handler: (c, [id]) => this.getTeam(c, id) },
      { method: 'GET', pattern: /^\/v9\/projects\/([^/]+)\/?$/, handler: (c, [id]) => this.getProject(c, id) },
      { method: 'GET', pattern: /^\/v10\/projects\/?$/, handler: (c) => this.listProjects(c) },
      // Runtime logs: runtimeLogs.ts.
      {
        method: 'GET',
        pattern: /^\/v1\/projects\/([^/]+)\/deployments\/([^/]+)\/runtime-logs\/?$/,
        handler: (c, [project, id]) => this.runtimeLogs(c, project, id),
      },
      { method: 'GET', pattern: /^\/api\/logs\/request-logs\/?$/, handler: (c) => this.requestLogs(c) },
      // Lifecycle actions: actions.ts.
      {
        method: 'POST',
        pattern: /^\/v13\/deployments\/?$/,
        handler: async (c) => {
          this.scope(c.url);
          // A deployment's file list is about 150 bytes a file: room for tens of thousands of files.
          const body = asObject(await readBody(c.req, 64_000_000), 'The body');
          if (body['deploymentId'] !== undefined) {
            answer(c, this.actions.redeploy(body, (id) => this.deploymentInScope(c, id)));
          } else if (body['gitSource'] !== undefined) {
            answer(c, this.deploys.createFromGit(body, this.projectOfCreate(c, body)));
          } else {
            // The body is checked before the project is looked up, as Vercel does.
            if (!Array.isArray(body['files'])) throw badRequest('Invalid request: missing required property `files` (or `gitSource`, or `deploymentId` to redeploy).');
            answer(c, this.deploys.createFromFiles(body, this.projectOfCreate(c, body)));
          }
        },
      },
      // Deploying files: deploys.ts.
      {
        method: 'POST',
        pattern: /^\/v2\/(?:now\/)?files\/?$/,
        handler: async (c) => {
          this.scope(c.url);
          const bytes = await readRawBody(c.req, MAX_FILE_BYTES);
          const digest = header(c.req, 'x-now-digest') ?? header(c.req, 'x-vercel-digest');
          answer(c, this.deploys.upload({ digest, size: header(c.req, 'x-now-size') ?? header(c.req, 'content-length') }, bytes));
        },
      },
      {
        method: 'POST',
        pattern: /^\/v10\/projects\/([^/]+)\/promote\/([^/]+)\/?$/,
        handler: (c, [project, id]) => answer(c, this.actions.promote(this.projectInScope(c, project), id ?? '')),
      },
      {
        method: 'POST',
        pattern: /^\/v(?:1|9)\/projects\/([^/]+)\/rollback\/([^/]+)\/?$/,
        handler: (c, [project, id]) => answer(c, this.actions.rollback(this.projectInScope(c, project), id ?? '')),
      },
      { method: 'DELETE', pattern: /^\/v13\/deployments\/([^/]+)\/?$/, handler: (c, [id]) => answer(c, this.actions.remove(this.deploymentInScope(c, id))) },
      // Environment variables: env.ts.
      { method: 'GET', pattern: /^\/v10\/projects\/([^/]+)\/env\/?$/, handler: (c, [p]) => sendJson(c, 200, this.env.list(this.projectInScope(c, p), c.url.searchParams)) },
      { method: 'GET', pattern: /^\/v1\/projects\/([^/]+)\/env\/([^/]+)\/?$/, handler: (c, [p, id]) => sendJson(c, 200, this.env.get(this.projectInScope(c, p), id ?? '')) },
      {
        method: 'POST',
        pattern: /^\/v10\/projects\/([^/]+)\/env\/?$/,
        handler: async (c, [p]) => {
          const project = this.projectInScope(c, p);
          const created = this.env.create(project, await readBody(c.req), c.url.searchParams.get('upsert') === 'true', Date.now());
          sendJson(c, created.status, created.body);
        },
      },
      {
        method: 'PATCH',
        pattern: /^\/v(?:9|10)\/projects\/([^/]+)\/env\/([^/]+)\/?$/,
        handler: async (c, [p, id]) => {
          const project = this.projectInScope(c, p);
          sendJson(c, 200, this.env.edit(project, id ?? '', await readBody(c.req), Date.now()));
        },
      },
      { method: 'DELETE', pattern: /^\/v(?:9|10)\/projects\/([^/]+)\/env\/([^/]+)\/?$/, handler: (c, [p, id]) => sendJson(c, 200, this.env.remove(this.projectInScope(c, p), id ?? '')) },
      {
        method: 'GET',
        pattern: /^\/v3\/env\/pull\/([^/]+)(?:\/([^/]+)(?:\/([^/]+))?)?\/?$/,
        handler: (c, [p, target, branch]) =>
          sendJson(c, 200, this.env.pull(this.projectInScope(c, p), target === undefined || target === '' ? 'development' : target, branch === undefined || branch === '' ? undefined : branch)),
      },
    ];
    this.control = [
      { method: 'GET', pattern: /^\/_emulator\/info\/?$/, handler: (c) => sendJson(c, 200, this.info()) },
      { method: 'POST', pattern: /^\/_emulator\/deployments\/?$/, handler: (c) => this.controlCreate(c) },
      { method: 'POST', pattern: /^\/_emulator\/deployments\/([^/]+)\/state\/?$/, handler: (c, [id]) => this.controlState(c, id) },
      { method: 'POST', pattern: /^\/_emulator\/deployments\/([^/]+)\/events\/?$/, handler: (c, [id]) => this.controlAppendEvents(c, id) },
      { method: 'POST', pattern: /^\/_emulator\/deployments\/([^/]+)\/runtime-logs\/?$/, handler: (c, [id]) => this.controlAppendRuntimeLogs(c, id) },
      {
        method: 'GET',
        pattern: /^\/_emulator\/runtime-logs\/streams\/?$/,
        handler: (c) => sendJson(c, 200, { open: [...this.runtimeWatchers].map((w) => ({ deploymentId: w.record.id, openedAt: w.openedAt })) }),
      },
      { method: 'POST', pattern: /^\/_emulator\/faults\/?$/, handler: (c) => this.controlAddFault(c) },
      { method: 'POST', pattern: /^\/_emulator\/alias-fault\/?$/, handler: (c) => this.controlAliasFault(c) },
      {
        method: 'DELETE',
        pattern: /^\/_emulator\/faults\/?$/,
        handler: (c) => {
          this.faults.clear();
          sendJson(c, 200, { cleared: true });
        },
      },
      { method: 'GET', pattern: /^\/_emulator\/requests\/?$/, handler: (c) => sendJson(c, 200, this.log) },
      {
        method: 'GET',
        pattern: /^\/_emulator\/files\/?$/,
        handler: (c) => sendJson(c, 200, { files: [...this.deploys.files.values()], creates: this.deploys.creates }),
      },
      {
        method: 'GET',
        pattern: /^\/_emulator\/deployments\/([^/]+)\/files\/?$/,
        handler: (c, [id]) => {
          const r = findDeployment(this.world, id ?? '');
          if (!r) throw notFound('Deployment not found');
          sendJson(c, 200, { files: r.files ?? null });
        },
      },
      { method: 'POST', pattern: /^\/_emulator\/projects\/([^/]+)\/link\/?$/, handler: (c, [id]) => this.controlLink(c, id) },
      {
        method: 'DELETE',
        pattern: /^\/_emulator\/requests\/?$/,
        handler: (c) => {
          this.log = [];
          sendJson(c, 200, { cleared: true });
        },
      },
      {
        method: 'POST',
        pattern: /^\/_emulator\/reset\/?$/,
        handler: (c) => {
          this.reset();
          sendJson(c, 200, { reset: true });
        },
      },
    ];
  }

  private buildWorld(): World {
    return createWorld({
      seed: this.options.seed,
      now: Date.now(),
      buildMs: this.options.buildMs,
      deploymentCount: this.options.deploymentCount,
    });
  }

  info(): EmulatorInfo {
    const w = this.world;
    return {
      url: this.url,
      token: this.token,
      teamId: w.team.id,
      teamSlug: w.team.slug,
      projectId: w.teamProject.id,
      projectName: w.teamProject.name,
      personalProjectId: w.personalProject.id,
    };
  }

  start(): void {
    this.lifecycle.start();
  }

  stop(): void {
    this.lifecycle.stop();
    this.actions.stop();
    for (const end of [...this.streams]) end();
  }

  reset(): void {
    for (const end of [...this.streams]) end();
    this.world = this.buildWorld();
    this.lifecycle.replaceWorld(this.world);
    this.deploys.reset();
    this.env = new EnvVars(this.world, this.options.seed);
    this.faults.clear();
    this.log = [];
  }

  // -------------------------------------------------------------------------
  // Dispatch
  // -------------------------------------------------------------------------

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const ctx: Ctx = { req, res, url };
    // Browsers (the web extension host) ask across origins: answered as Vercel is believed to (README, "CORS").
    if (req.headers.origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
      if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
        // A preflight is the browser's, not the client's: not in the request log.
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
          'Access-Control-Max-Age': '86400',
        });
        res.end();
        return;
      }
    }
    try {
      if (url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/')) {
        // Belt and braces: the server only listens on loopback anyway.
        if (!isLoopback(req.socket)) throw notFound('The requested route does not exist');
        await this.dispatch(ctx, method, this.control, false);
        return;
      }
      const entry: RequestLogEntry = { method, path: url.pathname, query: loggableQuery(url), status: 0, time: Date.now() };
      this.log.push(entry);
      // A long npm start must not grow without limit: keep the newest.
      const limit = this.options.requestLogLimit;
      if (this.log.length > limit) this.log.splice(0, this.log.length - limit);
      ctx.entry = entry;
      res.on('close', () => {
        if (entry.status === 0 && res.headersSent) entry.status = res.statusCode;
      });
      if (await this.applyFault(ctx, method)) return;
      await this.dispatch(ctx, method, this.routes, true);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendError(ctx, error);
      else if (error instanceof DeployError) sendError(ctx, new HttpError(error.status, error.code, error.message, error.extra));
      else if (error instanceof ActionError) sendError(ctx, new HttpError(error.status, error.code, error.message));
      else if (error instanceof EnvError) sendError(ctx, new HttpError(error.status, error.code, error.message, error.extra));
      else sendError(ctx, new HttpError(500, 'internal_server_error', `Emulator error: ${String(error)}`));
    }
  }

  private async dispatch(ctx: Ctx, method: string, routes: Route[], authenticate: boolean): Promise<void> {
    for (const route of routes) {
      const match = route.pattern.exec(ctx.url.pathname);
      if (!match || route.method !== method) continue;
      if (authenticate) this.authenticate(ctx.req);
      const params = match.slice(1).map((p) => decodeURIComponent(p ?? ''));
      await route.handler(ctx, params);
      return;
    }
    throw notFound('The requested route does not exist');
  }

  private authenticate(req: IncomingMessage): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1] || !sameToken(match[1], this.token)) {
      throw new HttpError(403, 'forbidden', 'Not authorized', { invalidToken: true });
    }
  }

  /** Answers the request from a matching fault; false when it should be handled normally (after any delay). */
  private async applyFault(ctx: Ctx, method: string): Promise<boolean> {
    const fault = this.faults.take(method, ctx.url.pathname);
    if (!fault) return false;
    const entry = ctx.entry;
    if (fault.delayMs && fault.delayMs > 0) {
      if (entry) entry.fault = 'delay';
      await new Promise<void>((resolve) => setTimeout(resolve, fault.delayMs).unref());
      if (ctx.res.destroyed) return true;
    }
    if (fault.drop) {
      if (entry) entry.fault = 'drop';
      ctx.req.socket.destroy();
      return true;
    }
    if (fault.malformed) {
      if (entry) entry.fault = 'malformed';
      sendRaw(ctx, fault.status ?? 200, MALFORMED_BODY, fault.headers);
      return true;
    }
    if (fault.status !== undefined) {
      if (entry) entry.fault = 'status';
      const answer = faultResponse(fault, Date.now());
      if (answer.body === undefined) sendRaw(ctx, answer.status, '', answer.headers);
      else sendJson(ctx, answer.status, answer.body, answer.headers);
      return true;
    }
    // A delay-only fault (or one that only adds headers) lets the real answer through.
    for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.res.setHeader(name, value);
    return false;
  }

  // -------------------------------------------------------------------------
  // Scope: the team's resources need teamId or slug, the user's need none.
  // -------------------------------------------------------------------------

  private scope(url: URL): Scope {
    const teamId = url.searchParams.get('teamId');
    const slug = url.searchParams.get('slug');
    if (!teamId && !slug) return { kind: 'personal' };
    const team = this.world.teams.find((t) => (!teamId || t.id === teamId) && (!slug || t.slug === slug));
    if (!team) throw new HttpError(403, 'forbidden', 'You are not a member of the team given by teamId/slug');
    return { kind: 'team', team };
  }

  /** Throws unless `project` is visible in `scope`; `missing` is the 404 text for a project outside it. */
  private checkAccess(project: Project, scope: Scope, missing: string): void {
    if (project.team && scope.kind !== 'team') {
      throw new HttpError(403, 'forbidden', `Not authorized: this resource belongs to a team, pass its teamId or slug`);
    }
    if (scope.kind === 'team' && project.team !== scope.team) throw notFound(missing);
  }

  /** The project a new deployment is for: `project` (id or name), else the one named `name`, in the request's scope. */
  private projectOfCreate(ctx: Ctx, body: Record<string, unknown>): Project {
    const ref = optionalString(body, 'project') ?? optionalString(body, 'name');
    if (ref === undefined || ref === '') throw badRequest('Invalid request: missing required property `name`.');
    const scope = this.scope(ctx.url);
    const project = findProject(this.world, ref);
    if (!project) {
      // Vercel creates a project for a new name; the emulator's accounts are fixed, so it says what it has.
      throw notFound(`Project "${ref}" not found`);
    }
    this.checkAccess(project, scope, `Project "${ref}" not found`);
    return project;
  }

  private deploymentInScope(ctx: Ctx, idOrUrl: string | undefined): DeploymentRecord {
    const scope = this.scope(ctx.url);
    const r = findDeployment(this.world, idOrUrl ?? '');
    if (!r) throw notFound('Deployment not found');
    this.checkAccess(r.project, scope, 'Deployment not found');
    return r;
  }

  // -------------------------------------------------------------------------
  // API routes
  // -------------------------------------------------------------------------

  private listDeployments(ctx: Ctx): void {
    const { url } = ctx;
    const scope = this.scope(url);
    const limit = integerParam(url, 'limit') ?? 20;
    if (limit < 1 || limit > 100) throw badRequest(`Invalid query parameter \`limit\`: must be between 1 and 100, got ${limit}`);
    const until = integerParam(url, 'until');
    const since = integerParam(url, 'since');

    const projectRefs = commaList(url, 'projectId', 'projectIds');
    let projects: Project[];
    if (projectRefs) {
      // An unknown project simply has no deployments, as far as the list is concerned.
      projects = projectRefs.map((ref) => findProject(this.world, ref)).filter((p): p is Project => p !== undefined);
      for (const p of projects) this.checkAccess(p, scope, 'Project not found');
    } else {
      projects = this.world.projects.filter((p) => p.team === (scope.kind === 'team' ? scope.team : null));
    }

    const states = commaList(url, 'state')?.map((s) => s.toUpperCase());
    const unknownState = states?.find((s) => !(LIST_STATES as readonly string[]).includes(s));
    if (unknownState) throw badRequest(`Invalid query parameter \`state\`: unknown state "${unknownState}"`);
    const target = url.searchParams.get('target');
    if (target !== null && !['production', 'preview', 'staging'].includes(target)) {
      throw badRequest('Invalid query parameter `target`: must be "production", "staging" or "preview"');
    }
    const app = url.searchParams.get('app');
    const branch = url.searchParams.get('branch');
    const sha = url.searchParams.get('sha');
    const users = commaList(url, 'users');

    const matching = this.world.deployments.filter(
      (d) =>
        projects.includes(d.project) &&
        (!states || states.includes(d.readyState)) &&
        (target === null || (target === 'preview' ? d.target === null : d.target === target)) &&
        (!app || d.project.name === app) &&
        (!branch || d.meta['githubCommitRef'] === branch) &&
        (!sha || d.meta['githubCommitSha'] === sha) &&
        (!users || users.includes(d.creator.uid)),
    );
    const window = matching.filter((d) => (until === undefined || d.created < until) && (since === undefined || d.created > since));
    // Going back with only `since` means the page just newer than it, not the newest page.
    const page = since !== undefined && until === undefined ? window.slice(-limit) : window.slice(0, limit);
    const first = page[0];
    const last = page[page.length - 1];
    const moreAfter = last !== undefined && matching.some((d) => d.created < last.created);
    sendJson(ctx, 200, {
      deployments: page.map(toListItem),
      pagination: { count: page.length, next: moreAfter && last ? last.created : null, prev: first ? first.created : null },
    });
  }

  private getDeployment(ctx: Ctx, idOrUrl: string | undefined): void {
    sendJson(ctx, 200, toFullDeployment(this.deploymentInScope(ctx, idOrUrl)));
  }

  private cancelDeployment(ctx: Ctx, id: string | undefined): void {
    const r = this.deploymentInScope(ctx, id);
    if (!isInProgress(r.readyState)) {
      const why =
        r.readyState === 'READY' || r.readyState === 'ERROR' || r.readyState === 'CANCELED'
          ? `it is already ${r.readyState}`
          : `it is ${r.readyState}; only QUEUED, INITIALIZING or BUILDING deployments can be canceled`;
      throw badRequest(`Cannot cancel deployment ${r.id}: ${why}`);
    }
    this.lifecycle.setState(r, 'CANCELED', Date.now());
    sendJson(ctx, 200, toFullDeployment(r));
  }

  private builds(ctx: Ctx, id: string | undefined): void {
    const r = this.deploymentInScope(ctx, id);
    sendJson(ctx, 200, { builds: r.readyState === 'READY' ? [{ id: r.buildId, use: '@vercel/next', readyState: 'READY', createdAt: r.buildingAt }] : [] });
  }

  private events(ctx: Ctx, idOrUrl: string | undefined): void {
    const r = this.deploymentInScope(ctx, idOrUrl);
    const { url } = ctx;
    const direction = url.searchParams.get('direction') ?? 'forward';
    if (direction !== 'forward' && direction !== 'backward') throw badRequest('Invalid query parameter `direction`: must be "forward" or "backward"');
    const limit = integerParam(url, 'limit') ?? -1;
    if (limit < -1) throw badRequest('Invalid query parameter `limit`: must be -1 (all) or more');
    const since = integerParam(url, 'since');
    const until = integerParam(url, 'until');
    const follow = ['1', 'true'].includes(url.searchParams.get('follow') ?? '');
    if (!follow) {
      const events = eventsFor(r, Date.now(), this.world.buildMs);
      sendJson(ctx, 200, selectEvents(events, { direction, limit, since, until }));
      return;
    }
    this.followEvents(ctx, r, since);
  }

  /** One JSON event per line, sent as the build prints them, until the build is over. */
  private followEvents(ctx: Ctx, r: DeploymentRecord, since: number | undefined): void {
    const { res } = ctx;
    if (ctx.entry) ctx.entry.status = 200;
    res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    // By id, not position: a line appended through the control API may come before lines the build prints later.
    const sent = new Set<string>();
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      clearInterval(poll);
      unsubscribe();
      this.streams.delete(end);
      this.logWatchers.delete(watcher);
      if (!res.writableEnded) res.end();
    };
    const pump = () => {
      if (done) return;
      for (const event of eventsFor(r, Date.now(), this.world.buildMs)) {
        const id = eventId(event);
        if (sent.has(id)) continue;
        sent.add(id);
        if (since === undefined || event.created >= since) res.write(`${JSON.stringify(event)}\n`);
      }
      if (!isInProgress(r.readyState)) end();
    };
    const poll = setInterval(pump, this.options.followPollMs);
    poll.unref();
    const unsubscribe = this.lifecycle.onChange((changed) => {
      if (changed === r) pump();
    });
    const watcher = { record: r, pump };
    this.logWatchers.add(watcher);
    this.streams.add(end);
    // The response's close, not the request's: a request "closes" once its (empty) body is read.
    res.on('close', end);
    pump();
  }

  /**
   * The runtime logs of a deployment as Vercel streams them: one JSON object
   * per line (`application/stream+json`), the last `runtimeLogBacklogMs`
   * first, then every line as it is written, until the server ends the
   * response after `runtimeLogStreamMs` (as Vercel's does), or the client
   * goes. Lines posted through the control API go out at once.
   */
  private runtimeLogs(ctx: Ctx, projectRef: string | undefined, id: string | undefined): void {
    const project = this.projectInScope(ctx, projectRef);
    const r = this.deploymentInScope(ctx, id);
    if (r.project !== project) throw notFound('Deployment not found');
    const { res } = ctx;
    if (ctx.entry) ctx.entry.status = 200;
    res.writeHead(200, { 'Content-Type': STREAM_TYPE, 'Cache-Control': 'no-cache' });
    res.flushHeaders();
    const openedAt = Date.now();
    // Seeded lines are sent up to this moment; posted ones as they come. Both by rowId, once.
    let sentUpTo = openedAt;
    const sent = new Set<string>();
    let lastWrite = openedAt;
    let done = false;
    const write = (lines: readonly RuntimeLogLine[]) => {
      if (done) return;
      let text = '';
      for (const line of lines) {
        if (line.rowId !== '') {
          if (sent.has(line.rowId)) continue;
          sent.add(line.rowId);
        }
        text += `${JSON.stringify(line)}\n`;
      }
      if (text === '') return;
      lastWrite = Date.now();
      res.write(text);
    };
    const end = () => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(limit);
      this.streams.delete(end);
      this.runtimeWatchers.delete(watcher);
      if (!res.writableEnded) res.end();
    };
    const pump = () => {
      const now = Date.now();
      if (now > sentUpTo) {
        write(seededLinesBetween(r, sentUpTo, now));
        sentUpTo = now;
      }
      const keepAlive = this.options.runtimeLogKeepAliveMs;
      if (!done && keepAlive > 0 && now - lastWrite >= keepAlive) {
        lastWrite = now;
        res.write('\n');
      }
    };
    const poll = setInterval(pump, this.options.followPollMs);
    poll.unref();
    const limit = setTimeout(end, this.options.runtimeLogStreamMs);
    limit.unref();
    const watcher = { record: r, openedAt, send: write };
    this.runtimeWatchers.add(watcher);
    this.streams.add(end);
    res.on('close', end);
    write(linesBetween(r, openedAt - this.options.runtimeLogBacklogMs, openedAt));
  }

  /**
   * `GET /api/logs/request-logs` (on vercel.com for Vercel, on this origin
   * here): one page of a project's requests, newest first, each with its log
   * lines, filtered as the CLI's `vercel logs` asks.
   */
  private requestLogs(ctx: Ctx): void {
    const { url } = ctx;
    const projectId = url.searchParams.get('projectId');
    const ownerId = url.searchParams.get('ownerId');
    if (!projectId) throw badRequest('Missing query parameter `projectId`');
    if (!ownerId) throw badRequest('Missing query parameter `ownerId`');
    const project = findProject(this.world, projectId);
    if (!project || project.accountId !== ownerId) throw notFound('Project not found');
    const now = Date.now();
    const endDate = integerParam(url, 'endDate') ?? now;
    const startDate = integerParam(url, 'startDate') ?? endDate - 24 * 60 * 60_000;
    const page = integerParam(url, 'page') ?? 0;
    if (page < 0) throw badRequest('Invalid query parameter `page`: must be 0 or more');
    const levels = commaList(url, 'level');
    const unknownLevel = levels?.find((l) => !(HISTORY_LEVELS as readonly string[]).includes(l));
    if (unknownLevel) throw badRequest(`Invalid query parameter \`level\`: unknown level "${unknownLevel}"`);
    const sources = commaList(url, 'source');
    const unknownSource = sources?.find((s) => !(HISTORY_SOURCES as readonly string[]).includes(s));
    if (unknownSource) throw badRequest(`Invalid query parameter \`source\`: unknown source "${unknownSource}"`);
    const statusCode = url.searchParams.get('statusCode') ?? undefined;
    if (statusCode !== undefined && !/^(?:\d{3}|[1-5]xx)$/i.test(statusCode)) throw badRequest('Invalid query parameter `statusCode`: a code (500) or a class (5xx)');
    const environment = url.searchParams.get('environment') ?? undefined;
    if (environment !== undefined && environment !== 'production' && environment !== 'preview') throw badRequest('Invalid query parameter `environment`: "production" or "preview"');
    const deploymentId = url.searchParams.get('deploymentId');
    const deployments = this.world.deployments.filter((d) => d.project === project && (deploymentId === null || d.id === deploymentId));
    const query = {
      startDate,
      endDate,
      environment,
      levels,
      statusCode,
      sources,
      search: url.searchParams.get('search') ?? undefined,
      requestId: url.searchParams.get('requestId') ?? undefined,
      branch: url.searchParams.get('branch') ?? undefined,
    };
    // Every deployment's matching rows, newest first, then the page asked for.
    const rows = deployments.flatMap((d) => requestLogRows(d, query, now)).sort((a, b) => b.time - a.time);
    const size = REQUEST_LOGS_PAGE_SIZE;
    sendJson(ctx, 200, { rows: rows.slice(page * size, (page + 1) * size).map((r) => r.row), hasMoreRows: rows.length > (page + 1) * size });
  }

  private teamBody(team: Team): Record<string, unknown> {
    return toTeam(team, this.world.user, team === this.world.team ? 'OWNER' : 'MEMBER');
  }

  /** Newest first by `createdAt`; `until`/`since` page by it, like the deployments list. */
  private listTeams(ctx: Ctx): void {
    const { url } = ctx;
    const limit = integerParam(url, 'limit') ?? 20;
    if (limit < 1 || limit > 100) throw badRequest(`Invalid query parameter \`limit\`: must be between 1 and 100, got ${limit}`);
    const until = integerParam(url, 'until');
    const since = integerParam(url, 'since');
    const all = [...this.world.teams].sort((a, b) => b.createdAt - a.createdAt);
    const window = all.filter((t) => (until === undefined || t.createdAt < until) && (since === undefined || t.createdAt > since));
    const page = since !== undefined && until === undefined ? window.slice(-limit) : window.slice(0, limit);
    const last = page.at(-1);
    const more = last !== undefined && all.some((t) => t.createdAt < last.createdAt);
    sendJson(ctx, 200, {
      teams: page.map((t) => this.teamBody(t)),
      pagination: { count: page.length, next: more ? last.createdAt : null, prev: page[0]?.createdAt ?? null },
    });
  }

  private getTeam(ctx: Ctx, idOrSlug: string | undefined): void {
    const team = this.world.teams.find((t) => t.id === idOrSlug || t.slug === idOrSlug);
    if (!team) throw notFound('Team not found');
    sendJson(ctx, 200, this.teamBody(team));
  }

  /**
   * The scope's projects, most recently updated first. `search` matches
   * names (case-insensitive substring); `from` (or `until`) is the previous
   * page's `pagination.next`: the page continues below that update time.
   */
  private listProjects(ctx: Ctx): void {
    const { url } = ctx;
    const scope = this.scope(url);
    const limit = integerParam(url, 'limit') ?? 20;
    if (limit < 1 || limit > 100) throw badRequest(`Invalid query parameter \`limit\`: must be between 1 and 100, got ${limit}`);
    const from = integerParam(url, 'from') ?? integerParam(url, 'until');
    const search = (url.searchParams.get('search') ?? '').trim().toLowerCase();
    const owner = scope.kind === 'team' ? scope.team : null;
    const bodies = this.world.projects
      .filter((p) => p.team === owner && p.name.toLowerCase().includes(search))
      .map((p) => this.actions.project(p, false))
      .sort((a, b) => Number(b['updatedAt']) - Number(a['updatedAt']));
    const page = bodies.filter((b) => from === undefined || Number(b['updatedAt']) < from).slice(0, limit);
    const last = page.at(-1);
    const more = last !== undefined && bodies.some((b) => Number(b['updatedAt']) < Number(last['updatedAt']));
    sendJson(ctx, 200, {
      projects: page,
      pagination: { count: page.length, next: more ? Number(last['updatedAt']) : null, prev: page.length > 0 ? Number(page[0]?.['updatedAt']) : null },
    });
  }

  private getProject(ctx: Ctx, idOrName: string | undefined): void {
    const project = this.projectInScope(ctx, idOrName);
    sendJson(ctx, 200, this.actions.project(project, ctx.url.searchParams.get('rollbackInfo') === 'true'));
  }

  private projectInScope(ctx: Ctx, idOrName: string | undefined): Project {
    const scope = this.scope(ctx.url);
    const project = findProject(this.world, idOrName ?? '');
    if (!project) throw notFound('Project not found');
    this.checkAccess(project, scope, 'Project not found');
    return project;
  }

  // -------------------------------------------------------------------------
  // Control API
  // -------------------------------------------------------------------------

  /** `{ link: {...} | null }`: the project's Git link from now on (null: none). */
  private async controlLink(ctx: Ctx, id: string | undefined): Promise<void> {
    const body = asObject(await readBody(ctx.req), 'The body');
    const project = findProject(this.world, id ?? '');
    if (!project) throw notFound('Project not found');
    const link = body['link'];
    if (link !== null && (typeof link !== 'object' || Array.isArray(link))) throw badRequest('"link" must be an object or null');
    project.link = link as Record<string, unknown> | null;
    sendJson(ctx, 200, { link: project.link });
  }

  private async controlCreate(ctx: Ctx): Promise<void> {
    const body = asObject(await readBody(ctx.req, MAX_LOG_BODY_BYTES), 'The body');
    const world = this.world;
    const now = Date.now();
    const projectRef = optionalString(body, 'projectId');
    const project = projectRef === undefined ? world.teamProject : findProject(world, projectRef);
    if (!project) throw badRequest(`Unknown projectId "${projectRef}"`);

    const created = body['created'] === undefined ? nextCreated(world, now) : Number(body['created']);
    if (!Number.isFinite(created)) throw badRequest('"created" must be a number (ms since epoch)');
    const r = newRecord(world, world.later, project, created, { branchBias: 0.4 });

    if ('target' in body) {
      const target = body['target'];
      if (target !== null && target !== 'production' && target !== 'preview') throw badRequest('"target" must be "production", "preview" or null');
      r.target = target === 'production' ? 'production' : null;
      // Keep the branch plausible for the target asked for.
      if (r.target === 'production') {
        r.meta['githubCommitRef'] = 'main';
        delete r.meta['githubPrId'];
        delete r.meta['branchAlias'];
      } else if (r.meta['githubCommitRef'] === 'main') {
        r.meta['githubCommitRef'] = 'feat/emulated';
      }
    }
    if (body['meta'] !== undefined) {
      const meta = asObject(body['meta'], '"meta"');
      for (const [key, value] of Object.entries(meta)) {
        if (typeof value !== 'string') throw badRequest(`"meta.${key}" must be a string`);
        r.meta[key] = value;
      }
    }
    const id = optionalString(body, 'id');
    if (id !== undefined) {
      if (!id.startsWith('dpl_') || world.byId.has(id)) throw badRequest('"id" must start with dpl_ and not be taken');
      r.id = id;
    }
    const host = optionalString(body, 'url');
    if (host !== undefined) r.url = host;
    const source = optionalString(body, 'source');
    if (source !== undefined) r.source = source as Source;
    if (body['creator'] !== undefined) r.creator = this.creatorFrom(asObject(body['creator'], '"creator"'), r.creator);
    const outcome = optionalString(body, 'outcome');
    if (outcome !== undefined) {
      if (outcome !== 'READY' && outcome !== 'ERROR') throw badRequest('"outcome" must be "READY" or "ERROR"');
      r.outcome = outcome;
    }
    if (body['extra'] !== undefined) r.extra = asObject(body['extra'], '"extra"');
    this.logFields(body, r);

    const state = optionalString(body, 'readyState') ?? 'QUEUED';
    applyState(r, state, Math.max(now, created), {
      errorCode: optionalString(body, 'errorCode'),
      errorMessage: optionalString(body, 'errorMessage'),
      readySubstate: optionalString(body, 'readySubstate'),
    });
    insert(world, r);
    if (body['advance'] === true) this.lifecycle.advance(r, Date.now());
    sendJson(ctx, 200, toFullDeployment(r));
  }

  private creatorFrom(given: Record<string, unknown>, fallback: Person): Person {
    const username = optionalString(given, 'username');
    const uid = optionalString(given, 'uid');
    const member = this.world.members.find((m) => m.username === username || m.uid === uid);
    const base = member ?? fallback;
    return {
      ...base,
      ...(uid !== undefined && { uid }),
      ...(username !== undefined && { username }),
      ...(optionalString(given, 'email') !== undefined && { email: optionalString(given, 'email') as string }),
      ...(optionalString(given, 'githubLogin') !== undefined && { githubLogin: optionalString(given, 'githubLogin') as string }),
    };
  }

  /** `events` (the whole log), `eventShape` and `buildFailure` of a created deployment. */
  private logFields(body: Record<string, unknown>, r: DeploymentRecord): void {
    const log = { appended: [] } as NonNullable<DeploymentRecord['log']>;
    if (body['events'] !== undefined) {
      const lines = parseLogLines(body['events'], '"events"');
      if (typeof lines === 'string') throw badRequest(lines);
      log.lines = lines;
    }
    const shape = optionalString(body, 'eventShape');
    if (shape !== undefined) {
      if (!EVENT_SHAPES.includes(shape as EventShape)) throw badRequest(`"eventShape" must be one of ${EVENT_SHAPES.join(', ')}`);
      log.shape = shape as EventShape;
    }
    const failure = optionalString(body, 'buildFailure');
    if (failure !== undefined) {
      if (!(FAILURE_KINDS as readonly string[]).includes(failure)) throw badRequest(`"buildFailure" must be one of ${FAILURE_KINDS.join(', ')}`);
      log.failure = failure as FailureKind;
    }
    if (log.lines || log.shape || log.failure) r.log = log;
  }

  /** Appends to the log and sends the lines down every open follow stream of the deployment now. */
  private async controlAppendEvents(ctx: Ctx, id: string | undefined): Promise<void> {
    const body = asObject(await readBody(ctx.req, MAX_LOG_BODY_BYTES), 'The body');
    const r = findDeployment(this.world, id ?? '');
    if (!r) throw notFound('Deployment not found');
    const lines = parseLogLines(body['events'], '"events"');
    if (typeof lines === 'string') throw badRequest(lines);
    appendLines(r, lines, Date.now(), this.world.buildMs);
    for (const watcher of this.logWatchers) if (watcher.record === r) watcher.pump();
    sendJson(ctx, 200, { appended: lines.length });
  }

  /**
   * Appends runtime log lines to a deployment: to its history at once, and
   * down every open runtime-logs stream of it before answering.
   */
  private async controlAppendRuntimeLogs(ctx: Ctx, id: string | undefined): Promise<void> {
    const body = asObject(await readBody(ctx.req, MAX_LOG_BODY_BYTES), 'The body');
    const r = findDeployment(this.world, id ?? '');
    if (!r) throw notFound('Deployment not found');
    const posted = parsePostedLogs(body['logs']);
    if (typeof posted === 'string') throw badRequest(posted);
    const { requests, delimiters } = appendPosted(r, posted, Date.now());
    const lines = [...requests.flatMap(streamLinesOf), ...delimiters];
    for (const watcher of this.runtimeWatchers) if (watcher.record === r) watcher.send(lines);
    sendJson(ctx, 200, { appended: posted.length });
  }

  private async controlState(ctx: Ctx, id: string | undefined): Promise<void> {
    const body = asObject(await readBody(ctx.req), 'The body');
    const r = findDeployment(this.world, id ?? '');
    if (!r) throw notFound('Deployment not found');
    const state = optionalString(body, 'readyState');
    if (!state) throw badRequest('"readyState" is required');
    this.lifecycle.setState(
      r,
      state,
      Date.now(),
      {
        errorCode: optionalString(body, 'errorCode'),
        errorMessage: optionalString(body, 'errorMessage'),
        readySubstate: optionalString(body, 'readySubstate'),
      },
      body['advance'] === true,
    );
    sendJson(ctx, 200, toFullDeployment(r));
  }

  private async controlAliasFault(ctx: Ctx): Promise<void> {
    const body = asObject(await readBody(ctx.req), 'The body');
    const count = body['count'] ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw badRequest('"count" must be a whole number');
    this.actions.failNextJobs(count);
    sendJson(ctx, 200, { failing: count });
  }

  private async controlAddFault(ctx: Ctx): Promise<void> {
    const fault = parseFault(await readBody(ctx.req));
    if (typeof fault === 'string') throw badRequest(fault);
    this.faults.add(fault);
    sendJson(ctx, 200, { queued: this.faults.size });
  }
}

/** Starts an emulator on 127.0.0.1; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const buildMs = options.buildMs ?? 60_000;
  const newEveryMs = options.newEveryMs ?? 0;
  const deploymentCount = options.deploymentCount ?? 160;
  const followPollMs = options.followPollMs ?? FOLLOW_POLL_MS;
  const requestLogLimit = options.requestLogLimit ?? REQUEST_LOG_LIMIT;
  const runtimeLogStreamMs = options.runtimeLogStreamMs ?? RUNTIME_LOG_STREAM_MS;
  const runtimeLogBacklogMs = options.runtimeLogBacklogMs ?? RUNTIME_LOG_BACKLOG_MS;
  const runtimeLogKeepAliveMs = options.runtimeLogKeepAliveMs ?? RUNTIME_LOG_KEEP_ALIVE_MS;
  const timings = { buildMs, newEveryMs, deploymentCount, followPollMs, requestLogLimit, runtimeLogStreamMs, runtimeLogBacklogMs, runtimeLogKeepAliveMs };
  for (const [name, value] of Object.entries(timings)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number >= 0`);
  }
  // setInterval treats anything longer as 1 ms.
  for (const [name, value] of Object.entries({ followPollMs, runtimeLogStreamMs })) {
    if (value > 2 ** 31 - 1) throw new RangeError(`${name} must be at most 2^31 - 1`);
  }
  const token = options.token ?? DEFAULT_TOKEN;
  const emulator = new Emulator({ seed: options.seed ?? DEFAULT_SEED, ...timings }, token);

  const server = createServer((req, res) => void emulator.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  emulator.start();
  const { port } = server.address() as AddressInfo;
  emulator.url = `http://127.0.0.1:${port}`;
  const info = emulator.info();

  let closing: Promise<void> | undefined;
  return {
    info,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        emulator.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
