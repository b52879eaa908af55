/**
 * What a command needs to act on one deployment, whoever invoked it: a tree
 * node, the status bar, a notification button, the details panel, or a quick
 * pick; and the one reader of a command's argument that every command uses.
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

/**
 * What a command acts on: a deployment named by a ref, and, when the command
 * was handed the full response (cancel and redeploy hand theirs on as
 * `{ deployment, teamId }`), that response, to show as it is.
 */
export interface DeploymentTarget<D = never> {
  readonly ref: DeploymentRef;
  /** The response the command was handed, as `parse` read it; undefined means "fetch it". */
  readonly deployment?: D | undefined;
}

export function isDeploymentRef(value: unknown): value is DeploymentRef {
  if (!isPlainObject(value) || !('id' in value) || typeof value.id !== 'string' || value.id === '') {
    return false;
  }
  return !('teamId' in value) || value.teamId === undefined || typeof value.teamId === 'string';
}

/**
 * Reads a command's argument. It names a deployment as a tree node (its
 * `deploymentRef`), as a ref `{ id, teamId? }`, or as `{ deployment, teamId? }`;
 * anything else (nothing from the palette, the null or focused row a view's
 * title bar passes, a project row, a Uri) names none, and the command asks.
 *
 * Only with `parse` is a handed response read beyond its id: the full
 * deployment schema is large, and a command that needs only the ref (build
 * logs, copy, open) must not pay for it.
 */
export function toDeploymentTarget<D = never>(arg: unknown, parse?: (value: unknown) => D | undefined): DeploymentTarget<D> | undefined {
  const ref = refOf(arg);
  if (ref) return { ref };
  if (!isPlainObject(arg) || !('deployment' in arg) || !isPlainObject(arg.deployment)) return undefined;
  const handed = arg.deployment;
  const id = 'id' in handed && typeof handed.id === 'string' && handed.id !== '' ? handed.id : undefined;
  if (id === undefined) return undefined;
  const teamId = 'teamId' in arg && typeof arg.teamId === 'string' ? arg.teamId : teamOf(handed);
  const deployment = parse?.(handed);
  return deployment === undefined ? { ref: { id, teamId } } : { ref: { id, teamId }, deployment };
}

/** The deployment a command's argument names, by id only (toDeploymentTarget without a parser). */
export function toDeploymentRef(arg: unknown): DeploymentRef | undefined {
  return toDeploymentTarget(arg)?.ref;
}

/** The ref of a tree node, or a ref itself. */
function refOf(arg: unknown): DeploymentRef | undefined {
  // First: tree nodes also carry a `deployment` (their list item), which is not the full response.
  if (typeof arg === 'object' && arg !== null && 'deploymentRef' in arg) {
    return isDeploymentRef(arg.deploymentRef) ? arg.deploymentRef : undefined;
  }
  return isDeploymentRef(arg) ? arg : undefined;
}

/** A response's own team (`team.id`), when it names one. */
function teamOf(deployment: object): string | undefined {
  const team = 'team' in deployment ? deployment.team : undefined;
  return isPlainObject(team) && 'id' in team && typeof team.id === 'string' ? team.id : undefined;
}

/**
 * A literal or parsed JSON (what the status bar, a notification, a command
 * link or the webview passes), not an instance: a tree row or a Uri has an
 * `id` or fields of its own that are not a deployment's.
 */
function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
