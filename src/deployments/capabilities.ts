/**
 * Which lifecycle actions a deployment allows, and whether it has runtime
 * logs, as capability tokens for `contextValue` (menus match
 * `viewItem =~ /\bpromotable\b/`) and as the filters of the palette's quick
 * picks. Pure: unit-tested in Node.
 */
import { isKnown, readyStateOf, type DeploymentListItem } from '../api/schemas';

export const ACTION_TOKENS = ['current', 'redeployable', 'promotable', 'rollbackable', 'deletable'] as const;
export type ActionToken = (typeof ACTION_TOKENS)[number];

/** What is known of the project's production; undefined until the project was read. */
export interface ProductionView {
  readonly deploymentId: string | undefined;
  readonly createdAt?: number | undefined;
  readonly rolledBack: boolean;
}

const FINISHED = ['READY', 'ERROR', 'CANCELED'] as const;

export function isCurrent(d: DeploymentListItem, production: ProductionView | undefined): boolean {
  return production?.deploymentId !== undefined && production.deploymentId === d.uid;
}

/** Any finished build can be built again. */
export function canRedeploy(d: DeploymentListItem): boolean {
  return isKnown(FINISHED, readyStateOf(d));
}

/**
 * A READY deployment that does not serve production yet; while rolled back,
 * the current one too (promoting it hands production back to new builds).
 * A preview is promoted by building it again for production.
 */
export function canPromote(d: DeploymentListItem, production: ProductionView | undefined): boolean {
  if (readyStateOf(d) !== 'READY') {
    return false;
  }
  return !isCurrent(d, production) || production?.rolledBack === true;
}

/** An earlier READY production deployment than the one serving production; only once that one is known. */
export function canRollback(d: DeploymentListItem, production: ProductionView | undefined): boolean {
  if (production?.deploymentId === undefined || isCurrent(d, production)) {
    return false;
  }
  if (d.target !== 'production' || readyStateOf(d) !== 'READY' || d.isRollbackCandidate === false) {
    return false;
  }
  return production.createdAt === undefined || d.created < production.createdAt;
}

/** A READY deployment serves requests, so its functions have runtime logs to show. */
export function canShowRuntimeLogs(d: DeploymentListItem): boolean {
  return readyStateOf(d) === 'READY';
}

/** Anything but what serves production; a production deployment only once production is known. */
export function canDelete(d: DeploymentListItem, production: ProductionView | undefined): boolean {
  if (isCurrent(d, production)) {
    return false;
  }
  return production !== undefined || d.target !== 'production';
}

export function actionTokens(d: DeploymentListItem, production: ProductionView | undefined): ActionToken[] {
  const tokens: ActionToken[] = [];
  if (isCurrent(d, production)) {
    tokens.push('current');
  }
  if (canRedeploy(d)) {
    tokens.push('redeployable');
  }
  if (canPromote(d, production)) {
    tokens.push('promotable');
  }
  if (canRollback(d, production)) {
    tokens.push('rollbackable');
  }
  if (canDelete(d, production)) {
    tokens.push('deletable');
  }
  return tokens;
}
