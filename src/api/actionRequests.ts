/**
 * The bodies of the client's requests that only a person's action sends
 * (cancel, redeploy and deploy, uploads, promote, rollback, delete, the
 * build log's events, the account's teams and projects for linking). They
 * stay methods of the one VercelClient, whose exchanges (token, team scope,
 * retries, timeouts, typed errors) they use; in the activation bundle this
 * module is a stand-in (esbuild.mjs, deferredModules), so a window where
 * nobody acts carries none of it.
 */
import type * as z from 'zod/mini';
import { deploymentSchema, type Deployment } from './deployment';
import { VercelSchemaError } from './errors';
import { chunksOf, readNdjson, type NdjsonItem } from './ndjson';
import {
  DeletedDeploymentSchema,
  DeploymentEventListSchema,
  DeploymentEventSchema,
  ProjectListSchema,
  TeamListSchema,
  UploadedFileSchema,
  type DeletedDeployment,
  type DeploymentEvent,
  type ProjectList,
  type Team,
  type UploadedFile,
} from './actionSchemas';

type Method = 'GET' | 'PATCH' | 'POST' | 'DELETE';

/** Team scope of a request (client.ts's Scope). */
interface Scope {
  readonly teamId?: string | undefined;
  readonly slug?: string | undefined;
}

/** What a redeploy sends (`POST /v13/deployments`), as `vercel redeploy` and `vercel promote` do. */
export interface RedeployRequest {
  /** The deployment whose source and settings are built again. */
  readonly deploymentId: string;
  /** The project's name. */
  readonly name: string;
  /** `production` or `staging`; undefined builds a preview. */
  readonly target?: string | undefined;
  /** `redeploy`, or `promote` when a preview is rebuilt for production. */
  readonly action: 'redeploy' | 'promote';
  /** False builds from scratch, without the build cache. */
  readonly withCache: boolean;
}

/** One file of a deployment from files: its path in the deployment (`/`-separated) and its uploaded content's SHA-1. */
export interface DeploymentFile {
  readonly file: string;
  readonly sha: string;
  readonly size: number;
  /** The file's mode as the CLI sends it (`0o100644`, or `0o100755` when executable). */
  readonly mode: number;
}

/** What `vercel deploy` sends for a folder (`POST /v13/deployments` with `files`). */
export interface FilesDeploymentRequest {
  /** The project's name (the deployment's name). */
  readonly name: string;
  /** The project's id. */
  readonly project: string;
  /** `production`, or undefined for a preview. */
  readonly target?: 'production' | undefined;
  readonly files: readonly DeploymentFile[];
  readonly meta?: Readonly<Record<string, string>> | undefined;
  /**
   * The folder's Git state, as the CLI sends it from a repository: Vercel
   * shows the deployment with that branch and commit (its `…CommitRef` and
   * `…CommitSha` meta), so branch filters and the status bar find it.
   */
  readonly gitMetadata?: GitMetadata | undefined;
}

export interface GitMetadata {
  readonly commitRef?: string | undefined;
  readonly commitSha?: string | undefined;
  readonly remoteUrl?: string | undefined;
  readonly dirty?: boolean | undefined;
}

/**
 * A commit of the project's linked repository (`gitSource`), as the
 * dashboard's "Create Deployment" and the SDK send it: GitHub by `repoId`,
 * GitLab by `projectId`, Bitbucket by `repoUuid` (or `owner` + `slug`).
 */
export type GitSource =
  | { readonly type: 'github' | 'github-limited'; readonly repoId: string | number; readonly ref: string; readonly sha?: string | undefined }
  | { readonly type: 'gitlab'; readonly projectId: string | number; readonly ref: string; readonly sha?: string | undefined }
  | {
      readonly type: 'bitbucket';
      readonly repoUuid?: string | undefined;
      readonly workspaceUuid?: string | undefined;
      readonly owner?: string | undefined;
      readonly slug?: string | undefined;
      readonly ref: string;
      readonly sha?: string | undefined;
    };

export interface GitDeploymentRequest {
  readonly name: string;
  readonly project: string;
  readonly target?: 'production' | undefined;
  readonly gitSource: GitSource;
}

/** Every kind of `POST /v13/deployments` this client sends. */
export type CreateDeploymentRequest = RedeployRequest | FilesDeploymentRequest | GitDeploymentRequest;


/** 201 when done at once, 202 when queued (behind a rolling release). */
export type AliasJobAccepted = 201 | 202 | number;


interface ExchangeOptions extends Scope {
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  readonly retry?: boolean;
}

/** What the client lends these requests. */
export interface ActionExchange {
  /** One exchange parsed with `schema` (retried only when `retry` or a GET without it). */
  request<S extends z.ZodMiniType>(method: Method, path: string, schema: S, options: ExchangeOptions): Promise<z.infer<S>>;
  /** A mutation whose status is the answer. */
  status(method: Method, path: string, options: ExchangeOptions): Promise<number>;
  /** A GET without a time limit (a stream), resolving with a 2xx response. */
  stream(path: string, options: Scope & { readonly signal?: AbortSignal | undefined; readonly query: Record<string, string | number | undefined> }): Promise<Response>;
}

/** Teams are listed page by page; a server that never ends the list stops here. */
const MAX_TEAM_PAGES = 50;

export type ActionRequests = ReturnType<typeof actionRequests>;

export function actionRequests(exchange: ActionExchange) {
  const path = (template: TemplateStringsArray, ...ids: string[]) => template.reduce((out, part, i) => out + part + (i < ids.length ? encodeURIComponent(ids[i] as string) : ''), '');
  return {
    cancelDeployment(id: string, scope: Scope = {}, signal?: AbortSignal): Promise<Deployment> {
      return exchange.request('PATCH', path`/v12/deployments/${id}/cancel`, deploymentSchema(), { ...scope, signal, retry: false });
    },

    async listTeams(signal?: AbortSignal): Promise<Team[]> {
      const teams: Team[] = [];
      const seen = new Set<number>();
      let until: number | undefined;
      for (let page = 0; page < MAX_TEAM_PAGES; page++) {
        const body = await exchange.request('GET', '/v2/teams', TeamListSchema(), { signal, query: { limit: 100, until } });
        teams.push(...body.teams);
        const next = body.pagination?.next;
        // A cursor seen before would loop forever: a misbehaving server ends the list there.
        if (next === null || next === undefined || seen.has(next)) break;
        seen.add(next);
        until = next;
      }
      return teams;
    },

    listProjects(query: Scope & { search?: string; limit?: number; from?: number | string }, signal?: AbortSignal): Promise<ProjectList> {
      return exchange.request('GET', '/v10/projects', ProjectListSchema(), {
        teamId: query.teamId,
        slug: query.slug,
        signal,
        query: {
          limit: query.limit ?? 20,
          search: query.search !== undefined && query.search.trim() !== '' ? query.search.trim() : undefined,
          from: query.from,
        },
      });
    },

    createDeployment(request: CreateDeploymentRequest, scope: Scope = {}, signal?: AbortSignal): Promise<Deployment> {
      if ('files' in request || 'gitSource' in request) {
        const { name, project, target } = request;
        const source =
          'files' in request
            ? { files: request.files, ...(request.meta ? { meta: request.meta } : {}), ...(request.gitMetadata ? { gitMetadata: request.gitMetadata } : {}) }
            : { gitSource: request.gitSource };
        return exchange.request('POST', '/v13/deployments', deploymentSchema(), {
          ...scope,
          signal,
          retry: false,
          body: { name, project, ...(target ? { target } : {}), ...source },
        });
      }
      return exchange.request('POST', '/v13/deployments', deploymentSchema(), {
        ...scope,
        signal,
        retry: false,
        query: { forceNew: 1, withCache: request.withCache ? 1 : undefined },
        body: {
          deploymentId: request.deploymentId,
          name: request.name,
          ...(request.target ? { target: request.target } : {}),
          meta: { action: request.action },
        },
      });
    },

    uploadFile(bytes: Uint8Array<ArrayBuffer>, sha: string, scope: Scope = {}, signal?: AbortSignal): Promise<UploadedFile> {
      return exchange.request('POST', '/v2/files', UploadedFileSchema(), {
        ...scope,
        signal,
        retry: false,
        body: bytes,
        headers: { 'x-now-digest': sha, 'x-now-size': String(bytes.byteLength) },
      });
    },

    promoteDeployment(projectId: string, deploymentId: string, scope: Scope = {}, signal?: AbortSignal): Promise<AliasJobAccepted> {
      return exchange.status('POST', path`/v10/projects/${projectId}/promote/${deploymentId}`, { ...scope, signal, retry: false, body: {} });
    },

    rollbackDeployment(projectId: string, deploymentId: string, scope: Scope = {}, signal?: AbortSignal): Promise<AliasJobAccepted> {
      return exchange.status('POST', path`/v9/projects/${projectId}/rollback/${deploymentId}`, { ...scope, signal, retry: false, body: {} });
    },

    deleteDeployment(id: string, scope: Scope = {}, signal?: AbortSignal): Promise<DeletedDeployment> {
      return exchange.request('DELETE', path`/v13/deployments/${id}`, DeletedDeploymentSchema(), { ...scope, signal, retry: false });
    },

    deploymentEvents(id: string, options: Scope & { since?: number; signal?: AbortSignal }): Promise<DeploymentEvent[]> {
      return exchange.request('GET', path`/v3/deployments/${id}/events`, DeploymentEventListSchema(), {
        teamId: options.teamId,
        slug: options.slug,
        signal: options.signal,
        query: { direction: 'forward', limit: -1, since: options.since },
      });
    },

    async *followDeploymentEvents(id: string, options: Scope & { since?: number; signal?: AbortSignal }): AsyncIterable<DeploymentEvent> {
      const eventsPath = path`/v3/deployments/${id}/events`;
      // A followed stream may stay open for the whole build, so only the caller's signal ends it.
      const response = await exchange.stream(eventsPath, { ...options, query: { direction: 'forward', follow: 1, limit: -1, since: options.since } });
      if (!response.body) return;
      for await (const item of readNdjson(chunksOf(response.body))) {
        const event = eventOf(eventsPath, item);
        if (event) yield event;
      }
    },
  };
}

/** One streamed build event, or undefined for a keep-alive (an object without `created`). */
function eventOf(eventsPath: string, item: NdjsonItem): DeploymentEvent | undefined {
  const endpoint = `GET ${eventsPath}`;
  if (item.kind === 'invalid') {
    throw new VercelSchemaError(endpoint, '', item.reason === 'json' ? 'a streamed line is not valid JSON' : 'a streamed line is too long');
  }
  const json = item.value;
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && !('created' in json)) return undefined;
  const parsed = DeploymentEventSchema().safeParse(json);
  if (!parsed.success) throw VercelSchemaError.fromZod(endpoint, parsed.error);
  return parsed.data;
}
