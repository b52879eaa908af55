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
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

/** Reads a command argument as a deployment, or undefined when it names none. */
export function toDeploymentRef(arg: unknown): DeploymentRef | undefined {
  if (typeof arg === 'object' && arg !== null && 'deploymentRef' in arg) {
    const ref = (arg as HasDeploymentRef).deploymentRef;
    return isDeploymentRef(ref) ? ref : undefined;
  }
  return isDeploymentRef(arg) ? arg : undefined;
}
