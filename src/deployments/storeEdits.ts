/**
 * An action's answer written into the store at once, before the next poll:
 * a deployment just created at the top of its project, a deleted one taken
 * out, a full deployment (a cancel's answer) over its row. Only actions
 * (the features bundle) write these, so they live apart from the store.
 */
import type { Deployment } from '../api/deployment';
import type { DeploymentListItem } from '../api/schemas';
import { listItemOf, type DeploymentStore, type ProjectDeployments } from './store';

const holds = (id: string) => (state: ProjectDeployments) => state.deployments.some((d) => d.uid === id) || state.latest.some((d) => d.uid === id);

/** Puts a deployment just created (a redeploy's or a deploy's answer) at the top of its project's list. */
export function insertDeployment(store: DeploymentStore, full: Deployment): boolean {
  const item = listItemOf(full);
  return store.edit(
    (state) => state.project.projectId === full.projectId,
    (list) => [item, ...list.filter((d) => d.uid !== item.uid)],
  );
}

/** Takes a deleted deployment out of the list. */
export function removeDeployment(store: DeploymentStore, id: string): boolean {
  return store.edit(holds(id), (list) => list.filter((d) => d.uid !== id));
}

/** Writes a full deployment (say, a cancel response) over the list item with the same id, in place. */
export function applyDeployment(store: DeploymentStore, full: Deployment): boolean {
  return store.edit(holds(full.id), (list) => list.map((d) => (d.uid === full.id ? mergeFull(d, full) : d)));
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
