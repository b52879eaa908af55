/**
 * The one place deployments live. The tree and the status bar read it, the
 * scheduler and commands write it; one poll serves every reader. Free of the
 * `vscode` module so it can be driven in plain Node by tests and benchmarks.
 */
import type { VercelClient } from '../api/client';
import { VercelApiError, VercelError, VercelNetworkError } from '../api/errors';
import { isInProgress, readyStateOf, type Deployment, type DeploymentListItem } from '../api/schemas';
import type { LinkedProject } from '../workspace/linkFiles';
import { Emitter } from './emitter';

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

type ListClient = Pick<VercelClient, 'listDeployments'>;

export class DeploymentStore {
  private readonly changed = new Emitter<void>();
  /** Fires after any change of what the store holds. */
  readonly onDidChange = this.changed.event;
  private states = new Map<string, ProjectDeployments>();
  private running: Promise<RefreshOutcome> | undefined;
  private generation = 0;

  constructor(
    private readonly client: ListClient,
    private readonly options: { readonly pageSize: () => number; readonly now?: () => number },
  ) {}

  get projects(): readonly ProjectDeployments[] {
    return [...this.states.values()];
  }

  get hasProjects(): boolean {
    return this.states.size > 0;
  }

  get inProgress(): boolean {
    return this.projects.some((p) => p.deployments.some((d) => isInProgress(readyStateOf(d))));
  }

  /** Follows the linked projects: keeps what is known of those that stay. */
  setProjects(projects: readonly LinkedProject[]): void {
    const next = new Map<string, ProjectDeployments>();
    for (const project of projects) {
      const existing = this.states.get(project.key);
      next.set(project.key, existing ? { ...existing, project } : emptyState(project));
    }
    this.states = next;
    this.changed.fire();
  }

  /** Forgets every deployment (sign out), keeping the projects. */
  clear(): void {
    this.generation++;
    this.running = undefined;
    for (const [key, state] of this.states) {
      this.states.set(key, emptyState(state.project));
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
        try {
          const page = await this.client.listDeployments({
            projectId: p.project.projectId,
            teamId: p.project.teamId,
            limit: this.options.pageSize(),
          });
          return { key: p.project.key, page, error: undefined };
        } catch (error) {
          return { key: p.project.key, page: undefined, error: asVercelError(error) };
        }
      }),
    );
    const errors: VercelError[] = [];
    let retryAfterMs: number | undefined;
    if (generation === this.generation) {
      for (const { key, page, error } of results) {
        const state = this.states.get(key);
        if (!state) {
          continue;
        }
        if (page) {
          this.states.set(key, {
            ...state,
            ...mergeFirstPage(state, page.deployments, page.pagination.next),
            loaded: true,
            error: undefined,
            lastSuccessAt: this.now(),
          });
        } else if (error) {
          errors.push(error);
          if (error instanceof VercelApiError && error.retryAfterMs !== undefined) {
            retryAfterMs = Math.max(retryAfterMs ?? 0, error.retryAfterMs);
          }
          this.states.set(key, { ...state, error });
        }
      }
      this.changed.fire();
    }
    return { ok: errors.length === 0, errors, retryAfterMs, inProgress: this.inProgress };
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
        projectId: state.project.projectId,
        teamId: state.project.teamId,
        limit: this.options.pageSize(),
        until: state.next,
      });
      const current = this.states.get(projectKey);
      if (current && generation === this.generation) {
        const known = new Set(current.deployments.map((d) => d.uid));
        this.states.set(projectKey, {
          ...current,
          deployments: [...current.deployments, ...page.deployments.filter((d) => !known.has(d.uid))],
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

  /**
   * Writes a full deployment (say, a cancel response) over the list item with
   * the same id, in place, without a reload.
   */
  applyDeployment(full: Deployment): boolean {
    for (const [key, state] of this.states) {
      const index = state.deployments.findIndex((d) => d.uid === full.id);
      if (index < 0) {
        continue;
      }
      const deployments = [...state.deployments];
      const old = deployments[index];
      if (!old) {
        continue;
      }
      deployments[index] = mergeFull(old, full);
      this.states.set(key, { ...state, deployments });
      this.changed.fire();
      return true;
    }
    return false;
  }

  find(id: string): DeploymentHit | undefined {
    for (const project of this.states.values()) {
      const deployment = project.deployments.find((d) => d.uid === id);
      if (deployment) {
        return { project, deployment };
      }
    }
    return undefined;
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

function emptyState(project: LinkedProject): ProjectDeployments {
  return { project, deployments: [], next: null, loaded: false, loadingMore: false, error: undefined, lastSuccessAt: undefined };
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

/** A list item updated from the full object of the same deployment. */
export function mergeFull(item: DeploymentListItem, full: Deployment): DeploymentListItem {
  return {
    ...item,
    readyState: full.readyState,
    state: full.readyState,
    url: full.url,
    inspectorUrl: full.inspectorUrl,
    ...(full.readySubstate !== undefined ? { readySubstate: full.readySubstate } : {}),
    ...(full.ready !== undefined ? { ready: full.ready } : {}),
    ...(full.buildingAt !== undefined ? { buildingAt: full.buildingAt } : {}),
    ...(full.canceledAt !== undefined ? { canceledAt: full.canceledAt } : {}),
    ...(full.errorCode !== undefined ? { errorCode: full.errorCode } : {}),
    ...(full.errorMessage !== undefined ? { errorMessage: full.errorMessage } : {}),
  };
}

export function asVercelError(error: unknown): VercelError {
  if (error instanceof VercelError) {
    return error;
  }
  return new VercelNetworkError(error instanceof Error ? error.message : String(error), { cause: error });
}
