/**
 * The client's environment-variable requests (`client.env`): the same
 * `request` as every other call (token, team scope, time limit, typed
 * errors), built on first use. In the release it lives in the features
 * bundle: esbuild.mjs gives the activation bundle a stand-in whose envApi()
 * loads it, so a window that never opens the Environment Variables view pays
 * one getter for it. Reads of values and every change are sent once, never
 * retried: one click, one request.
 */
import { VercelApiError } from './errors';
import {
  EnvCreatedSchema,
  EnvListSchema,
  EnvPullSchema,
  EnvRemovedSchema,
  envsOf,
  EnvValueSchema,
  EnvVarSchema,
  type EnvCreated,
  type EnvInput,
  type EnvPatch,
  type EnvValue,
  type EnvVar,
} from './envSchemas';
import type * as z from './zod';

export interface Scope {
  readonly teamId?: string | undefined;
}

/** The client's one way to send a request (VercelClient's private `request`). */
export type Send = <S extends z.ZodMiniType>(
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE',
  path: string,
  schema: S,
  options: Scope & { query?: Record<string, string | undefined>; body?: unknown; retry?: boolean; signal?: AbortSignal | undefined },
) => Promise<z.infer<S>>;

export interface EnvListQuery extends Scope {
  readonly target?: string | undefined;
  /** Keeps the branch's own Preview variables and the general ones. */
  readonly gitBranch?: string | undefined;
  readonly customEnvironmentId?: string | undefined;
}

/** Where the `source` query names us, as `vercel env pull` names itself `vercel-cli:env:pull`. */
export const PULL_SOURCE = 'vscode-vercel-deployments:env:pull';

export class EnvApi {
  constructor(private readonly send: Send) {}

  /** A project's variables, without values (the schema drops them). */
  async list(projectId: string, query: EnvListQuery = {}, signal?: AbortSignal): Promise<EnvVar[]> {
    const { target, gitBranch, customEnvironmentId, teamId } = query;
    return envsOf(await this.send('GET', envPath(projectId), EnvListSchema(), { teamId, signal, query: { target, gitBranch, customEnvironmentId } }));
  }

  /** One variable's value, decrypted; a sensitive one answers an empty value and `decrypted: false`. */
  value(projectId: string, id: string, scope: Scope = {}): Promise<EnvValue> {
    return this.send('GET', `/v1/projects/${encodeURIComponent(projectId)}/env/${encodeURIComponent(id)}`, EnvValueSchema(), { ...scope, retry: false });
  }

  /** Creates one variable; without `upsert` a key its environments have already is a conflict (`isConflict`). */
  async create(projectId: string, input: EnvInput, upsert: boolean, scope: Scope = {}): Promise<EnvVar | undefined> {
    const path = envPath(projectId);
    const answer = await this.send('POST', path, EnvCreatedSchema(), { ...scope, retry: false, body: input, query: { upsert: upsert ? 'true' : undefined } });
    return createdOf(answer, `POST ${path}`);
  }

  edit(projectId: string, id: string, patch: EnvPatch, scope: Scope = {}): Promise<EnvVar> {
    return this.send('PATCH', oneEnvPath(projectId, id), EnvVarSchema(), { ...scope, retry: false, body: patch });
  }

  async remove(projectId: string, id: string, scope: Scope = {}): Promise<void> {
    await this.send('DELETE', oneEnvPath(projectId, id), EnvRemovedSchema(), { ...scope, retry: false });
  }

  /** What `vercel env pull` reads: `KEY: value` of one environment (and Preview branch); a sensitive value is empty. */
  async pull(projectId: string, target: string, gitBranch: string | undefined, scope: Scope = {}): Promise<Record<string, string>> {
    const parts = [projectId, target, ...(gitBranch ? [gitBranch] : [])].map(encodeURIComponent).join('/');
    return (await this.send('GET', `/v3/env/pull/${parts}`, EnvPullSchema(), { ...scope, retry: false, query: { source: PULL_SOURCE } })).env;
  }
}

export function envApi(send: Send): EnvApi {
  return new EnvApi(send);
}

function envPath(projectId: string): string {
  return `/v10/projects/${encodeURIComponent(projectId)}/env`;
}

function oneEnvPath(projectId: string, id: string): string {
  return `/v9/projects/${encodeURIComponent(projectId)}/env/${encodeURIComponent(id)}`;
}

/** The created variable; a refusal Vercel tucked into `failed` becomes the error it would have been. */
function createdOf(answer: EnvCreated, endpoint: string): EnvVar | undefined {
  const failure = answer.failed?.[0]?.error;
  if (failure) throw new VercelApiError(400, failure.code, failure.message, { endpoint });
  return Array.isArray(answer.created) ? answer.created[0] : answer.created;
}
