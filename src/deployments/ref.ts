/**
 * What a command needs to act on one deployment, whoever invoked it: a tree
 * node, the status bar, a notification button, or a quick pick.
 */
export interface DeploymentRef {
  /** `dpl_…` id (a list item's `uid`). */
  readonly id: string;
  /** Team scope of the deployment's project; undefined for personal projects. */
  readonly teamId?: string | undefined;
}

/** Anything that can name a deployment: tree nodes implement this. */
export interface HasDeploymentRef {
  readonly deploymentRef: DeploymentRef;
}

export function isDeploymentRef(value: unknown): value is DeploymentRef {
  if (typeof value !== 'object' || value === null || !('id' in value) || typeof value.id !== 'string') {
    return false;
  }
  return !('teamId' in value) || value.teamId === undefined || typeof value.teamId === 'string';
}

/** Reads a command argument as a deployment, or undefined when it names none. */
export function toDeploymentRef(arg: unknown): DeploymentRef | undefined {
  if (typeof arg === 'object' && arg !== null && 'deploymentRef' in arg) {
    return isDeploymentRef(arg.deploymentRef) ? arg.deploymentRef : undefined;
  }
  return isDeploymentRef(arg) ? arg : undefined;
}
