/**
 * What the details commands act on: a deployment named by a ref (tree item,
 * status bar, quick pick) or one already fetched, such as the response of a
 * cancel, which is shown as it is instead of being fetched again. The
 * argument is read by toDeploymentTarget, like every command's; only here is
 * a handed response parsed through the full schema.
 */
import { deploymentSchema, type Deployment } from '../api/deployment';
import { toDeploymentTarget, type DeploymentTarget } from '../deployments/ref';

export type DetailsTarget = DeploymentTarget<Deployment>;

/** Reads a details command's argument; undefined when it names no deployment (the command then asks). */
export function toDetailsTarget(arg: unknown): DetailsTarget | undefined {
  return toDeploymentTarget(arg, parseDeployment);
}

/** A handed response that breaks the schema is not shown as it is: it is fetched again by its id. */
function parseDeployment(value: unknown): Deployment | undefined {
  const parsed = deploymentSchema().safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
