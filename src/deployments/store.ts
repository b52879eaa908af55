/**
 * The one place deployments live. The tree and the status bar read it, the
 * scheduler and commands write it; one poll serves every reader. Free of the
 * `vscode` module so it can be driven in plain Node by tests and benchmarks.
 */
import type { VercelClient } from '../api/client';
import { VercelApiError, VercelError, VercelNetworkError } from '../api/errors';
import { isInProgress, readyStateOf, type DeploymentListItem, type Project } from '../api/schemas';
import type { Deployment } from '../api/deployment';
import type { LinkedProject } from '../workspace/linkFiles';
import type { FilterQuery } from './filter';
import { branchOf } from './presentation';
import { Emitter } from './emitter';
import { productionOf, type ProductionState } from './production';
import type { ProjectCache } from './projectCache';

export interface ProjectDeployments {
  readonly project: LinkedProject;
  /** Newest first. */
  readonly deployments: readonly DeploymentListItem[];
  /** Cursor (`until`) of the next older page; null when everything is loaded. */
  readonly next: number | null;
  /** True once a list was fetched since the project appeared. */
  readonly loaded: boolean;
  /** A "Load more…" page is on its way. Polls say nothing while they run: the rows stay as they are. */
  readonly loadingMore: boolean;
  /** Why the last refresh of this project failed; the deployments above are then stale. */
  readonly error: VercelError | undefined;
  readonly lastSuccessAt: number | undefined;
  /** Undefined until the project was read once. */
  readonly production?: ProductionState | undefined;
  /**
   * The project's Root Directory setting (null: the repository's root), from
   * the same read; undefined until the project was read once.
   */
  readonly rootDirectory?: string | null | undefined;
  /**
   * The newest deployments of the branch someone follows (the status bar),
   * asked of the API only when the list above holds none of that branch.
   */
  readonly branchDeployments?: { readonly branch: string; readonly deployments: readonly DeploymentListItem[] } | undefined;
  /**
   * The project's newest deployments whatever the view's filter: what the
   * status bar, notifications, build problems, Current and the details header
   * read, so that a filter narrows the list and nothing else. The same list
   * as `deployments` while no filter is set; its own first page otherwise.
   */
  readonly latest: readonly DeploymentListItem[];
  /** True once `latest` was fetched since the project appeared (a filter change keeps it). */
  readonly latestLoaded: boolean;
  /**
   * The deployment serving production when neither list holds it (a rollback
   * to an old one, or a busy project): read once per id, so the view, the
   * details header and Current can name it.
   */
  readonly productionItem?: DeploymentListItem | undefined;
}

export interface BranchWanted {
  readonly projectKey: string;
  readonly branch: string;
}

export interface RefreshOutcome {
  readonly ok: boolean;
  readonly errors: readonly VercelError[];
  /** The longest wait a rate-limited answer asked for. */
  readonly retryAfterMs: number | undefined;
  /** Whether any listed deployment is still queued or building. */
  readonly inProgress: boolean;
}

export interface DeploymentHit {
  readonly project: ProjectDeployments;
  readonly deployment: DeploymentListItem;
}

/** The project is read only by clients that can (tests may pass a list-only client). */
type ListClient = Pick<VercelClient, 'listDeployments'> & Partial<Pick<VercelClient, 'getProject' | 'getDeployment'>>;

export class DeploymentStore {
  private readonly changed = new Emitter<void>();
  /** Fires after any change of what the store holds. */
  readonly onDidChange = this.changed.event;
  private states = new Map<string, ProjectDeployments>();
  private running: Promise<RefreshOutcome> | undefined;
  private generation = 0;
  /**
   * Projects whose production state must be read with the next poll: on
   * start, after an action, after a production deployment turned READY.
   * Other polls read the list alone.
   */
  private readonly projectStale = new Set<string>();
  /** Production deployments already asked for by id: each is read once, whatever the answer. */
  private readonly productionAsked = new Set<string>();

  constructor(
    private readonly client: ListClient,
    private readonly options: {
      readonly pageSize: () => number;
      readonly now?: () => number;
      /** The view's filter as list query parameters, per project (its current branch may differ). */
      readonly query?: (project: LinkedProject) => FilterQuery;
      /** What was last read of each project: painted at once, read again after the first list. */
      readonly projectCache?: Pick<ProjectCache, 'get' | 'set'>;
    },
  ) {}

  /** Projects painted from the cache: read again once their first list is in, not before it. */
  private readonly projectAfterList = new Set<string>();

  /** The branch whose newest deployment is wanted (the status bar's), if any. */
  private branchWanted: BranchWanted | undefined;

  /** Says which branch's newest deployment someone follows; the next poll asks for it when its page has none. */
  setBranchWanted(wanted: BranchWanted | undefined): void {
    this.branchWanted = wanted;
  }

  private queryOf(project: LinkedProject): FilterQuery {
    return this.options.query?.(project) ?? {};
  }

  /**
   * Drops the lists (the filter changed: their pages belong to another
   * query) and keeps what is known of the projects; the next refresh loads
   * the first page again.
   */
  resetLists(): void {
    this.generation++;
    this.running = undefined;
    for (const [key, state] of this.states) {
      this.states.set(key, {
        ...emptyState(state.project),
        production: state.production,
        rootDirectory: state.rootDirectory,
        latest: state.latest,
        latestLoaded: state.latestLoaded,
        productionItem: state.productionItem,
      });
    }
    this.changed.fire();
  }

  get projects(): readonly ProjectDeployments[] {
    return [...this.states.values()];
  }

  get hasProjects(): boolean {
    return this.states.size > 0;
  }

  /** Whether anything listed, or anything newest whatever the filter, is still queued or building. */
  get inProgress(): boolean {
    const running = (d: DeploymentListItem) => isInProgress(readyStateOf(d));
    return this.projects.some((p) => p.deployments.some(running) || p.latest.some(running));
  }

  /** Follows the linked projects: keeps what is known of those that stay. */
  setProjects(projects: readonly LinkedProject[]): void {
    const next = new Map<string, ProjectDeployments>();
    for (const project of projects) {
      const existing = this.states.get(project.key);
      const cached = existing ? undefined : this.options.projectCache?.get(project.key);
      next.set(project.key, existing ? { ...existing, project } : cached ? { ...emptyState(project), production: cached.production, rootDirectory: cached.rootDirectory } : emptyState(project));
      if (!existing) {
        (cached ? this.projectAfterList : this.projectStale).add(project.key);
      }
    }
    this.states = next;
    this.changed.fire();
  }

  /** Forgets every deployment (sign out), keeping the projects. */
  clear(): void {
    this.generation++;
    this.productionAsked.clear();
    this.running = undefined;
    for (const [key, state] of this.states) {
      this.states.set(key, emptyState(state.project));
      this.projectStale.add(key);
    }
    this.changed.fire();
  }

  /**
   * Fetches the newest page of every project. A refresh already running is
   * shared. A failure keeps the deployments already shown and records why.
   */
  refresh(): Promise<RefreshOutcome> {
    this.running ??= this.refreshAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refreshAll(): Promise<RefreshOutcome> {
    const generation = this.generation;
    const projects = this.projects;
    const results = await Promise.all(
      projects.map(async (p) => {
        const key = p.project.key;
        // The project goes along with the list when it is known to be stale, in parallel.
        const projectRead = this.projectStale.has(key) ? this.readProject(p) : undefined;
        try {
          const base = { projectId: p.project.projectId, teamId: p.project.teamId, limit: this.options.pageSize() };
          const query = this.queryOf(p.project);
          // A filter narrows the list only: the newest whatever the filter comes along, in parallel.
          const [page, unfiltered] = await Promise.all([
            this.client.listDeployments({ ...query, ...base }),
            isEmptyQuery(query) ? undefined : this.client.listDeployments(base),
          ]);
          const newest = unfiltered?.deployments ?? page.deployments;
          // A production build that turned READY may have taken the domains: look once more.
          const followUp = projectRead === undefined && p.latestLoaded && turnedReadyInProduction(p.latest, newest) ? this.readProject(p) : undefined;
          return { key, page, latest: unfiltered?.deployments, error: undefined, project: await (projectRead ?? followUp) };
        } catch (error) {
          return { key, page: undefined, latest: undefined, error: asVercelError(error), project: await projectRead };
        }
      }),
    );
    const errors: VercelError[] = [];
    let retryAfterMs: number | undefined;
    if (generation === this.generation) {
      for (const { key, page, latest, error, project } of results) {
        const state = this.states.get(key);
        if (!state) {
          continue;
        }
        if (project) {
          this.projectStale.delete(key);
          this.projectAfterList.delete(key);
        }
        const production = project ? productionOf(project) : state.production;
        const rootDirectory = project ? rootDirectoryOf(project) : state.rootDirectory;
        if (project && production && rootDirectory !== undefined) void this.options.projectCache?.set(key, production, rootDirectory);
        if (page) {
          const merged = mergeFirstPage(state, page.deployments, page.pagination.next);
          this.states.set(key, {
            ...state,
            ...merged,
            latest: latest ?? merged.deployments,
            latestLoaded: true,
            loaded: true,
            error: undefined,
            lastSuccessAt: this.now(),
            production,
            rootDirectory,
          });
        } else if (error) {
          errors.push(error);
          if (error instanceof VercelApiError && error.retryAfterMs !== undefined) {
            retryAfterMs = Math.max(retryAfterMs ?? 0, error.retryAfterMs);
          }
          this.states.set(key, { ...state, error, production, rootDirectory });
        }
      }
      await this.refreshBranch(generation);
      this.changed.fire();
      this.readProjectsAfterList(generation);
      // Naming the deployment production serves, when no list holds it, waits until the tree has painted.
      void this.readProductionItems(generation);
    }
    return { ok: errors.length === 0, errors, retryAfterMs, inProgress: this.inProgress };
  }

  /** Projects painted from the cache are read again once their list is in: a warm start costs one request before the paint. */
  private readProjectsAfterList(generation: number): void {
    const due = [...this.projectAfterList].map((key) => this.states.get(key)).filter((s): s is ProjectDeployments => s?.loaded === true);
    if (due.length === 0) return;
    for (const state of due) this.projectAfterList.delete(state.project.key);
    void Promise.all(
      due.map(async (state) => {
        const project = await this.readProject(state);
        if (project && generation === this.generation) this.applyProject(state.project.key, project);
        else if (!project) this.projectStale.add(state.project.key);
      }),
    );
  }

  /**
   * At most one extra request a poll: the followed branch's newest
   * deployments, only when the fresh first page holds none of that branch.
   */
  private async refreshBranch(generation: number): Promise<void> {
    const wanted = this.branchWanted;
    for (const [key, state] of this.states) {
      if (state.branchDeployments && (wanted?.projectKey !== key || state.branchDeployments.branch !== wanted.branch)) {
        this.states.set(key, { ...state, branchDeployments: undefined });
      }
    }
    if (!wanted) return;
    const state = this.states.get(wanted.projectKey);
    if (!state?.latestLoaded || state.latest.some((d) => branchOf(d) === wanted.branch)) {
      if (state?.branchDeployments) this.states.set(wanted.projectKey, { ...state, branchDeployments: undefined });
      return;
    }
    try {
      const page = await this.client.listDeployments({
        projectId: state.project.projectId,
        teamId: state.project.teamId,
        branch: wanted.branch,
        limit: 5,
      });
      const current = this.states.get(wanted.projectKey);
      if (current && generation === this.generation) {
        this.states.set(wanted.projectKey, { ...current, branchDeployments: { branch: wanted.branch, deployments: page.deployments } });
      }
    } catch {
      // The status bar then falls back to the project's newest, as it says; the next poll asks again.
    }
  }

  /** Reads, once per id, the production deployment that no list holds; a change is told once all are in. */
  private async readProductionItems(generation: number): Promise<void> {
    const getDeployment = this.client.getDeployment?.bind(this.client);
    if (!getDeployment) return;
    let read = false;
    await Promise.all(
      [...this.states].map(async ([key, state]) => {
        const id = state.production?.deploymentId;
        if (id === undefined || state.productionItem?.uid === id || this.productionAsked.has(id)) return;
        if (state.deployments.some((d) => d.uid === id) || state.latest.some((d) => d.uid === id)) return;
        this.productionAsked.add(id);
        try {
          const full = await getDeployment(id, { teamId: state.project.teamId });
          const current = this.states.get(key);
          if (current && generation === this.generation) {
            this.states.set(key, { ...current, productionItem: listItemOf(full) });
            read = true;
          }
        } catch {
          // Named without its commit until a later session reads it.
        }
      }),
    );
    if (read) this.changed.fire();
  }

  /**
   * The project, or undefined when it could not be read. A network or server
   * failure leaves it stale, for the next poll; a refusal (4xx) would only be
   * repeated, so it waits for the next reason to look (an action, a build).
   */
  private async readProject(p: ProjectDeployments): Promise<Project | undefined> {
    if (!this.client.getProject) {
      return undefined;
    }
    try {
      return await this.client.getProject(p.project.projectId, { teamId: p.project.teamId, rollbackInfo: true });
    } catch (error) {
      if (error instanceof VercelApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        this.projectStale.delete(p.project.key);
      }
      return undefined;
    }
  }

  /** Reads the production state of a project with its next poll (after an action). */
  markProjectStale(projectKey: string): void {
    this.projectStale.add(projectKey);
  }

  /** Writes a project just read (a promote or rollback being followed) into the store. */
  applyProject(projectKey: string, project: Project): void {
    const state = this.states.get(projectKey);
    if (!state) {
      return;
    }
    this.projectStale.delete(projectKey);
    const production = productionOf(project);
    const rootDirectory = rootDirectoryOf(project);
    this.states.set(projectKey, { ...state, production, rootDirectory });
    void this.options.projectCache?.set(projectKey, production, rootDirectory);
    this.changed.fire();
  }

  /**
   * Rewrites the lists of the first project `where` accepts with `edit` (an
   * action's answer written in at once: src/deployments/storeEdits.ts); the
   * next poll brings the lists' own version. False when no project matched.
   */
  edit(where: (state: ProjectDeployments) => boolean, edit: (list: readonly DeploymentListItem[]) => DeploymentListItem[]): boolean {
    for (const [key, state] of this.states) {
      if (!where(state)) continue;
      const deployments = edit(state.deployments);
      // The same list when unfiltered (latest === deployments): it stays one.
      this.states.set(key, { ...state, deployments, latest: state.latest === state.deployments ? deployments : edit(state.latest) });
      this.changed.fire();
      return true;
    }
    return false;
  }

  /** Appends the next older page of one project. */
  async loadMore(projectKey: string): Promise<void> {
    const state = this.states.get(projectKey);
    if (!state || state.next === null) {
      return;
    }
    const generation = this.generation;
    this.update(projectKey, { loadingMore: true });
    this.changed.fire();
    try {
      const page = await this.client.listDeployments({
        ...this.queryOf(state.project),
        projectId: state.project.projectId,
        teamId: state.project.teamId,
        limit: this.options.pageSize(),
        until: state.next,
      });
      const current = this.states.get(projectKey);
      if (current && generation === this.generation) {
        const known = new Set(current.deployments.map((d) => d.uid));
        const deployments = [...current.deployments, ...page.deployments.filter((d) => !known.has(d.uid))];
        this.states.set(projectKey, {
          ...current,
          deployments,
          latest: current.latest === current.deployments ? deployments : current.latest,
          next: page.pagination.next,
          loadingMore: false,
        });
      }
    } catch (error) {
      this.update(projectKey, { loadingMore: false });
      throw error;
    } finally {
      this.changed.fire();
    }
  }

  /** A deployment the store holds, listed under the filter or among the project's newest whatever the filter. */
  find(id: string): DeploymentHit | undefined {
    for (const project of this.states.values()) {
      const deployment =
        project.deployments.find((d) => d.uid === id) ??
        project.latest.find((d) => d.uid === id) ??
        (project.productionItem?.uid === id ? project.productionItem : undefined);
      if (deployment) {
        return { project, deployment };
      }
    }
    return undefined;
  }

  /** What the store holds of a project, filtered list and newest together, newest first, each once. */
  static everything(state: ProjectDeployments): DeploymentListItem[] {
    if (state.latest === state.deployments) return [...state.deployments];
    const seen = new Set<string>();
    return [...state.latest, ...state.deployments]
      .filter((d) => (seen.has(d.uid) ? false : (seen.add(d.uid), true)))
      .sort((a, b) => b.created - a.created);
  }

  get(projectKey: string): ProjectDeployments | undefined {
    return this.states.get(projectKey);
  }

  private update(key: string, patch: Partial<ProjectDeployments>): void {
    const state = this.states.get(key);
    if (state) {
      this.states.set(key, { ...state, ...patch });
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The folder of the repository the project builds from; null for the repository's root. */
export function rootDirectoryOf(project: Project): string | null {
  return typeof project.rootDirectory === 'string' && project.rootDirectory !== '' ? project.rootDirectory : null;
}

/** True when a production deployment is READY now that was not (or was not listed) before. */
export function turnedReadyInProduction(before: readonly DeploymentListItem[], after: readonly DeploymentListItem[]): boolean {
  if (before.length === 0) {
    // The first look: the project is read anyway.
    return false;
  }
  const previous = new Map(before.map((d) => [d.uid, readyStateOf(d)]));
  return after.some((d) => d.target === 'production' && readyStateOf(d) === 'READY' && previous.get(d.uid) !== 'READY');
}

/** A full deployment (a redeploy's answer) in the shape of a list item. */
export function listItemOf(full: Deployment): DeploymentListItem {
  return {
    uid: full.id,
    name: full.name,
    projectId: full.projectId,
    url: full.url,
    created: full.createdAt,
    createdAt: full.createdAt,
    state: full.readyState,
    readyState: full.readyState,
    type: full.type,
    creator: { uid: full.creator.uid, ...(full.creator.username !== undefined ? { username: full.creator.username } : {}) },
    inspectorUrl: full.inspectorUrl,
    meta: full.meta,
    ...(full.target !== undefined ? { target: full.target } : {}),
    ...(full.source !== undefined ? { source: full.source } : {}),
    ...(full.readySubstate !== undefined ? { readySubstate: full.readySubstate } : {}),
    ...(full.buildingAt !== undefined ? { buildingAt: full.buildingAt } : {}),
    ...(full.ready !== undefined ? { ready: full.ready } : {}),
  };
}

function emptyState(project: LinkedProject): ProjectDeployments {
  return { project, deployments: [], next: null, loaded: false, loadingMore: false, error: undefined, lastSuccessAt: undefined, latest: [], latestLoaded: false };
}

function isEmptyQuery(query: FilterQuery): boolean {
  return Object.values(query).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/**
 * The fresh first page replaces the newest part of the list; older pages the
 * user loaded stay below it, so a poll costs one request however far they scrolled.
 */
export function mergeFirstPage(
  state: Pick<ProjectDeployments, 'deployments' | 'next'>,
  page: readonly DeploymentListItem[],
  pageNext: number | null,
): Pick<ProjectDeployments, 'deployments' | 'next'> {
  const oldest = page[page.length - 1];
  if (pageNext === null || oldest === undefined) {
    return { deployments: [...page], next: pageNext };
  }
  const inPage = new Set(page.map((d) => d.uid));
  const older = state.deployments.filter((d) => d.created < oldest.created && !inPage.has(d.uid));
  if (older.length === 0) {
    return { deployments: [...page], next: pageNext };
  }
  return { deployments: [...page, ...older], next: state.next };
}

export function asVercelError(error: unknown): VercelError {
  if (error instanceof VercelError) {
    return error;
  }
  return new VercelNetworkError(error instanceof Error ? error.message : String(error), { cause: error });
}
