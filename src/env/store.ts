/**
 * The variables of each linked project, without values: what the
 * Environment Variables view shows. One list request per project when the
 * view first asks, again only on Refresh or after a change; never polled.
 * Free of the `vscode` module, so tests and benchmarks drive it in Node.
 */
import type { VercelClient } from '../api/client';
import type { EnvVar } from '../api/envSchemas';
import { Emitter } from '../deployments/emitter';
import type { LinkedProject } from '../workspace/linkFiles';

export interface ProjectEnv {
  readonly project: LinkedProject;
  /** Undefined until the first list arrived. */
  readonly envs: readonly EnvVar[] | undefined;
  readonly loading: boolean;
  /** Why the last list failed (the list before it, if any, stays). */
  readonly error: unknown;
}

export class EnvStore {
  private readonly entries = new Map<string, ProjectEnv>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  /** Bumped on clear(): an answer to a request sent before it is dropped. */
  private generation = 0;

  constructor(private readonly client: Pick<VercelClient, 'env'>) {}

  get projects(): readonly ProjectEnv[] {
    return [...this.entries.values()];
  }

  get(key: string): ProjectEnv | undefined {
    return this.entries.get(key);
  }

  /** Keeps what is known of projects still linked; a new one is loaded when the view asks. */
  setProjects(projects: readonly LinkedProject[]): void {
    const next = new Map<string, ProjectEnv>();
    for (const project of projects) {
      const known = this.entries.get(project.key);
      next.set(project.key, known ? { ...known, project } : { project, envs: undefined, loading: false, error: undefined });
    }
    this.entries.clear();
    for (const [key, entry] of next) this.entries.set(key, entry);
    this.changed.fire();
  }

  /** Lists the project's variables unless known already (or `force`); one request at a time per project. */
  load(key: string, force = false): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return Promise.resolve();
    const running = this.pending.get(key);
    if (running) return running;
    if (entry.envs !== undefined && !force) return Promise.resolve();
    const generation = this.generation;
    this.update(key, { loading: true });
    const { projectId, teamId } = entry.project;
    const request = this.client.env
      .list(projectId, { teamId })
      .then(
        (envs) => generation === this.generation && this.update(key, { envs, loading: false, error: undefined }),
        (error: unknown) => generation === this.generation && this.update(key, { loading: false, error }),
      )
      .then(() => undefined)
      .finally(() => this.pending.delete(key));
    this.pending.set(key, request);
    return request;
  }

  loadAll(force = false): Promise<void> {
    return Promise.all([...this.entries.keys()].map((key) => this.load(key, force))).then(() => undefined);
  }

  /** Forgets every list (sign-out): the next look loads again. */
  clear(): void {
    this.generation++;
    this.pending.clear();
    for (const [key, entry] of this.entries) this.entries.set(key, { project: entry.project, envs: undefined, loading: false, error: undefined });
    this.changed.fire();
  }

  private update(key: string, patch: Partial<ProjectEnv>): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.set(key, { ...entry, ...patch });
    this.changed.fire();
    return true;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
