/**
 * What was last read of each linked project (which deployment serves
 * production, its domains, a rollback, the Root Directory), kept in the
 * workspace state so that a window paints Current from it at once and reads
 * the project again only after its first list has arrived. Free of `vscode`
 * (a Memento is passed in) so it is unit-tested in plain Node.
 */
import type { ProductionState } from './production';

export const PROJECT_CACHE_KEY = 'vercelDeployments.projects';

/** At most this many projects are remembered: a workspace links a few. */
export const PROJECT_CACHE_LIMIT = 20;

export interface CachedProject {
  readonly production: ProductionState;
  readonly rootDirectory: string | null;
  /** When it was read (ms since epoch): the oldest go first past the limit. */
  readonly at: number;
}

interface MementoLike {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

function isCached(value: unknown): value is CachedProject {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const production = v['production'] as Record<string, unknown> | null | undefined;
  return (
    typeof v['at'] === 'number' &&
    (v['rootDirectory'] === null || typeof v['rootDirectory'] === 'string') &&
    typeof production === 'object' &&
    production !== null &&
    Array.isArray(production['domains']) &&
    typeof production['rolledBack'] === 'boolean'
  );
}

export class ProjectCache {
  constructor(
    private readonly memento: MementoLike,
    private readonly now: () => number = Date.now,
  ) {}

  private all(): Record<string, CachedProject> {
    const stored: unknown = this.memento.get(PROJECT_CACHE_KEY);
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter(([, v]) => isCached(v))) as Record<string, CachedProject>;
  }

  get(projectKey: string): CachedProject | undefined {
    return this.all()[projectKey];
  }

  set(projectKey: string, production: ProductionState, rootDirectory: string | null): Thenable<void> {
    const entries = Object.entries({ ...this.all(), [projectKey]: { production, rootDirectory, at: this.now() } })
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, PROJECT_CACHE_LIMIT);
    return this.memento.update(PROJECT_CACHE_KEY, Object.fromEntries(entries));
  }
}
