/**
 * What serves a project's production domains, as read from the project
 * (`GET /v9/projects/{id}`): the store keeps it per project and the project
 * cache remembers it across windows.
 */
import type { AliasRequest, Project } from '../api/schemas';

/** Which deployment serves the project's production domains, from the project (`GET /v9/projects/{id}`). */
export interface ProductionState {
  /** `targets.production.id`; undefined when nothing serves production. */
  readonly deploymentId: string | undefined;
  /** When it was created, to tell earlier deployments (rollback targets) from later ones. */
  readonly createdAt: number | undefined;
  /** The domains it serves. */
  readonly domains: readonly string[];
  /** Rolled back: new production deployments do not take the domains until one is promoted. */
  readonly rolledBack: boolean;
  /** The latest promote or rollback and how far its job is. */
  readonly aliasJob: AliasRequest | null;
}

/** What the tree needs of a project: which deployment serves production, and whether that is a rollback. */
export function productionOf(project: Project): ProductionState {
  const target = project.targets?.['production'] ?? undefined;
  return {
    deploymentId: target?.id,
    createdAt: target?.createdAt,
    domains: target?.alias ?? [],
    rolledBack: project.lastRollbackTarget !== undefined && project.lastRollbackTarget !== null,
    aliasJob: project.lastAliasRequest ?? null,
  };
}
