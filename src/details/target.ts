/**
 * What the details commands act on: a deployment named by a ref (tree item,
 * status bar, quick pick) or one already fetched, such as the response of a
 * cancel, which is shown as it is instead of being fetched again.
 */
import type { Deployment } from '../api/deployment';
import { deploymentSchema } from '../api/deployment';
import { toDeploymentRef, type DeploymentRef } from '../deployments/ref';

export interface DetailsTarget {
  readonly ref: DeploymentRef;
  /** The response to show; undefined means "fetch it". */
  readonly deployment?: Deployment | undefined;
}

/** The argument a command may be given with a fetched deployment: `{ deployment, teamId? }`. */
export interface FetchedDeploymentArg {
  readonly deployment: Deployment;
  readonly teamId?: string | undefined;
}

/** Reads a command argument; undefined when it names no deployment (the palette). */
export function toDetailsTarget(arg: unknown): DetailsTarget | undefined {
  // First: tree nodes also carry a `deployment` (their list item), which is not the full response.
  const ref = toDeploymentRef(arg);
  if (ref) return { ref };
  if (typeof arg === 'object' && arg !== null && 'deployment' in arg) {
    const teamId = 'teamId' in arg && typeof arg.teamId === 'string' ? arg.teamId : undefined;
    const parsed = deploymentSchema().safeParse(arg.deployment);
    if (parsed.success) {
      return { ref: { id: parsed.data.id, teamId: teamId ?? parsed.data.team?.id }, deployment: parsed.data };
    }
    // Not a deployment after all: fetch it by id, if it names one.
    const id = typeof arg.deployment === 'object' && arg.deployment !== null && 'id' in arg.deployment ? arg.deployment.id : undefined;
    return typeof id === 'string' && id !== '' ? { ref: { id, teamId } } : undefined;
  }
  return undefined;
}
