/**
 * Lifecycle actions on the emulated account: redeploy, promote, Instant
 * Rollback and delete, and which deployment serves production.
 *
 * As on Vercel, production is served by the newest READY production
 * deployment, unless a promote or a rollback said otherwise: a rollback pins
 * production until a promote (newer production builds then no longer take
 * the domains); a promote pins it until a newer production build is READY.
 * Promote and rollback are jobs: `lastAliasRequest` goes pending →
 * in-progress → succeeded (or failed, when the control API asked for it) and
 * production moves only when the job succeeds.
 */
import {
  findDeployment,
  insert,
  newRecord,
  nextCreated,
  type DeploymentRecord,
  type Project,
  type World,
} from './data';
import type { Lifecycle } from './lifecycle';
import { toFullDeployment, toProject } from './render';

type Json = Record<string, unknown>;

export type AliasJobStatus = 'pending' | 'in-progress' | 'succeeded' | 'failed';

export interface AliasRequest {
  fromDeploymentId: string | null;
  toDeploymentId: string;
  jobStatus: AliasJobStatus;
  requestedAt: number;
  type: 'promote' | 'rollback';
}

/** A refusal the server turns into Vercel's error body. */
export class ActionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a route answers: a JSON body, or none (`undefined`, as promote and rollback answer). */
export interface ActionAnswer {
  status: number;
  body: unknown;
}

interface ProductionState {
  /** Set by the last promote or rollback that succeeded. */
  pinnedId?: string;
  /** When that job succeeded: only production deployments made after it take the domains over, as on Vercel. */
  pinnedAt?: number;
  /** A rollback is in effect: new production builds do not take the domains until a promote. */
  rolledBack: boolean;
  lastAliasRequest: AliasRequest | null;
}

export interface JobTiming {
  /** When a job leaves `pending`. */
  startMs: number;
  /** When it settles. */
  settleMs: number;
}

const DEFAULT_TIMING: JobTiming = { startMs: 300, settleMs: 1000 };

const badRequest = (message: string) => new ActionError(400, 'bad_request', message);
const notFound = (message: string) => new ActionError(404, 'not_found', message);

export class Actions {
  /** Keyed by the record: a reset builds new projects, so old state falls away with them. */
  private readonly production = new WeakMap<Project, ProductionState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Alias jobs still to fail, as asked by `POST /_emulator/alias-fault`. */
  private failingJobs = 0;

  constructor(
    private readonly world: () => World,
    private readonly lifecycle: Lifecycle,
    private readonly timing: JobTiming = DEFAULT_TIMING,
  ) {}

  /** The deployment serving the project's production domains now. */
  currentProduction(p: Project): DeploymentRecord | undefined {
    const world = this.world();
    const state = this.production.get(p);
    const pinned = state?.pinnedId === undefined ? undefined : world.byId.get(state.pinnedId);
    if (pinned && state?.rolledBack) return pinned;
    const newest = world.deployments.find(
      (d) =>
        d.project === p && d.target === 'production' && d.readyState === 'READY' && (!pinned || d.created > (state?.pinnedAt ?? pinned.created)),
    );
    return newest ?? pinned;
  }

  /**
   * `POST /v13/deployments` with a `deploymentId`: the source built again as a
   * new deployment. Without `forceNew` Vercel may hand back a recent identical
   * one; the emulator always builds (the request log keeps the query).
   */
  redeploy(body: Json, source: (id: string) => DeploymentRecord): ActionAnswer {
    const from = body['deploymentId'];
    if (typeof from !== 'string' || from === '') {
      // Only redeploys are emulated: a deployment from uploaded files needs `files`.
      throw badRequest('Invalid request: missing required property `files` (or `deploymentId` to redeploy).');
    }
    const name = body['name'];
    if (typeof name !== 'string' || name === '') throw badRequest('Invalid request: missing required property `name`.');
    const target = body['target'];
    if (target !== undefined && target !== null && target !== 'production' && target !== 'staging') {
      throw badRequest('Invalid request: `target` should be "production", "staging" or a custom environment.');
    }
    const meta = body['meta'] ?? {};
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta) || Object.values(meta).some((v) => typeof v !== 'string')) {
      throw badRequest('Invalid request: `meta` should be an object of strings.');
    }
    const original = source(from);
    const world = this.world();
    const now = Date.now();
    const r = newRecord(world, world.later, original.project, nextCreated(world, now), { branchBias: 0, creator: world.user });
    // Vercel keeps the source's Git metadata: same commit, branch and message.
    r.meta = { ...original.meta, ...(meta as Record<string, string>), originalDeploymentId: original.id };
    r.target = target === 'production' ? 'production' : null;
    r.source = 'redeploy';
    r.outcome = 'READY';
    insert(world, r);
    this.lifecycle.advance(r, now);
    return { status: 200, body: toFullDeployment(r) };
  }

  /** `POST /v10/projects/{id}/promote/{deploymentId}`. */
  promote(p: Project, deploymentId: string): ActionAnswer {
    const r = this.deploymentOf(p, deploymentId);
    if (r.readyState !== 'READY') {
      throw badRequest(`Deployment ${r.id} is not ready (it is ${r.readyState}). Only READY deployments can be promoted.`);
    }
    if (r.target !== 'production') {
      throw badRequest(
        `Deployment ${r.id} is a preview deployment and cannot be promoted directly. Create a production deployment from it instead.`,
      );
    }
    const state = this.stateOf(p);
    if (this.currentProduction(p) === r && !state.rolledBack) {
      throw badRequest(`Deployment ${r.id} is already the current production deployment.`);
    }
    this.startJob(p, r, 'promote');
    return { status: 201, body: undefined };
  }

  /** `POST /v9/projects/{id}/rollback/{deploymentId}` (the SDK says `/v1/…`). */
  rollback(p: Project, deploymentId: string): ActionAnswer {
    const r = this.deploymentOf(p, deploymentId);
    if (r.target !== 'production') {
      throw badRequest(
        `Cannot rollback to deployment ${r.id}: it is not a production deployment. Only production deployments can be used for Instant Rollback.`,
      );
    }
    if (r.readyState !== 'READY') {
      throw badRequest(
        `Cannot rollback to deployment ${r.id}: it is not ready (it is ${r.readyState}). Only READY deployments can be used for Instant Rollback.`,
      );
    }
    if (this.currentProduction(p) === r) {
      throw badRequest(`Cannot rollback to deployment ${r.id}: it is already the current production deployment.`);
    }
    this.startJob(p, r, 'rollback');
    return { status: 201, body: undefined };
  }

  /** `DELETE /v13/deployments/{id}`. */
  remove(r: DeploymentRecord): ActionAnswer {
    if (this.currentProduction(r.project) === r) {
      throw badRequest(`Cannot delete deployment ${r.id}: it is the current production deployment. Promote another deployment first.`);
    }
    const world = this.world();
    world.deployments = world.deployments.filter((d) => d !== r);
    world.byId.delete(r.id);
    // Its build timers may still fire; they then move a record nobody can see.
    delete r.plan;
    return { status: 200, body: { uid: r.id, state: 'DELETED' } };
  }

  /** The next `count` promote or rollback jobs fail instead of moving production. */
  failNextJobs(count: number): void {
    this.failingJobs = count;
  }

  /** `GET /v9/projects/{id}`: the project, with what serves production and, with rollbackInfo, the last job. */
  project(p: Project, rollbackInfo: boolean): Json {
    const world = this.world();
    const state = this.production.get(p);
    const current = this.currentProduction(p);
    const body: Json = {
      ...toProject(p, world),
      defaultResourceConfig: { functionDefaultRegions: ['iad1'], functionDefaultTimeout: 300, fluid: true },
      resourceConfig: { functionDefaultRegions: ['iad1'], functionDefaultTimeout: 300, fluid: true },
      deploymentExpiration: { expirationDays: 180, expirationDaysProduction: 365, deploymentsToKeep: 10 },
      latestDeployments: world.deployments.filter((d) => d.project === p).slice(0, 3).map((d) => this.projectDeployment(d)),
      targets: current ? { production: this.projectDeployment(current) } : {},
      live: current !== undefined,
      lastRollbackTarget: state?.rolledBack && state.pinnedId ? { deploymentId: state.pinnedId } : null,
    };
    if (rollbackInfo) body['lastAliasRequest'] = state?.lastAliasRequest ? { ...state.lastAliasRequest } : null;
    return body;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** A deployment as a project embeds it (`targets.production`, `latestDeployments`). */
  private projectDeployment(r: DeploymentRecord): Json {
    const p = r.project;
    const ready = r.readyState === 'READY';
    const current = this.currentProduction(p) === r;
    const out: Json = {
      id: r.id,
      name: p.name,
      url: r.url,
      deploymentHostname: r.url.replace(/\.vercel\.app$/, ''),
      createdAt: r.created,
      createdIn: 'sfo1',
      creator: { uid: r.creator.uid, email: r.creator.email, username: r.creator.username, githubLogin: r.creator.githubLogin },
      plan: p.plan,
      private: true,
      readyState: r.readyState,
      type: 'LAMBDAS',
      target: r.target,
      meta: { ...r.meta },
      alias: current ? [...p.productionDomains] : [],
      aliasAssigned: current ? (r.ready ?? null) : null,
      aliasError: null,
      ...(p.team ? { teamId: p.team.id } : { userId: p.accountId }),
    };
    if (r.buildingAt !== undefined) out['buildingAt'] = r.buildingAt;
    if (ready && r.ready !== undefined) out['readyAt'] = r.ready;
    if (r.readySubstate !== undefined) out['readySubstate'] = r.readySubstate;
    return out;
  }

  private deploymentOf(p: Project, id: string): DeploymentRecord {
    const r = findDeployment(this.world(), id);
    if (!r || r.project !== p) throw notFound('Deployment not found');
    return r;
  }

  private stateOf(p: Project): ProductionState {
    let state = this.production.get(p);
    if (!state) {
      state = { rolledBack: false, lastAliasRequest: null };
      this.production.set(p, state);
    }
    return state;
  }

  private startJob(p: Project, to: DeploymentRecord, type: AliasRequest['type']): void {
    const state = this.stateOf(p);
    const running = state.lastAliasRequest;
    if (running && (running.jobStatus === 'pending' || running.jobStatus === 'in-progress')) {
      throw new ActionError(409, 'conflict', `A ${running.type} of this project is already in progress. Try again when it has finished.`);
    }
    const job: AliasRequest = {
      fromDeploymentId: this.currentProduction(p)?.id ?? null,
      toDeploymentId: to.id,
      jobStatus: 'pending',
      requestedAt: Date.now(),
      type,
    };
    const fails = this.failingJobs > 0;
    if (fails) this.failingJobs -= 1;
    state.lastAliasRequest = job;
    this.after(this.timing.startMs, () => {
      job.jobStatus = 'in-progress';
    });
    this.after(this.timing.settleMs, () => {
      if (fails || !this.world().byId.has(to.id)) {
        job.jobStatus = 'failed';
        return;
      }
      state.pinnedId = to.id;
      state.pinnedAt = Date.now();
      state.rolledBack = type === 'rollback';
      job.jobStatus = 'succeeded';
    });
  }

  private after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
