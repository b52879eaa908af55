/**
 * Cancels a queued or building deployment: PATCH /v12/deployments/{id}/cancel.
 * Safe (a modal names what is canceled, production says so plainly; while it
 * is open the deployment is read again, so a build that ended meanwhile is
 * reported and nothing is sent) and instant (the row turns CANCELED from the
 * response). Never retried on its own; two clicks send one request.
 */
import * as vscode from 'vscode';
import { VercelApiError } from '../api/errors';
import { isInProgress, readyStateOf, type DeploymentListItem } from '../api/schemas';
import type { Deployment } from '../api/deployment';
import { Commands, Settings } from '../constants';
import { errorText, stateLabel, targetLabel } from '../deployments/labels';
import { branchOf, deploymentLabel, isProduction } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { CommandDeps } from './deps';
import { deploymentFromArg } from './resolve';
import { applyDeployment } from '../deployments/storeEdits';

/** After a cancel, one look a little later lets the store settle (the build may have finished meanwhile). */
const SETTLE_DELAY_MS = 2000;

export function registerCancel(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const inFlight = new Map<string, Promise<Deployment | undefined>>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.cancel, async (arg?: unknown) => {
      const ref = await deploymentFromArg(arg, deps, {
        filter: (d) => isInProgress(readyStateOf(d)),
        placeHolder: vscode.l10n.t('Select a deployment to cancel'),
        emptyMessage: vscode.l10n.t('No deployment is queued or building.'),
      });
      if (!ref) {
        return undefined;
      }
      const running = inFlight.get(ref.id);
      if (running) {
        return running;
      }
      const attempt = cancelOne(ref, deps).finally(() => inFlight.delete(ref.id));
      inFlight.set(ref.id, attempt);
      return attempt;
    }),
  );
}

async function cancelOne(ref: DeploymentRef, deps: CommandDeps): Promise<Deployment | undefined> {
  const listed = deps.store.find(ref.id)?.deployment;
  const name = listed ? deploymentLabel(listed) : ref.id;
  // Read while the confirmation is open: the list may be a poll old.
  const current = reread(ref, deps);
  if (!(await confirm(ref, listed, name))) {
    return undefined;
  }
  const fresh = await current;
  if (fresh && !isInProgress(readyStateOf(fresh))) {
    applyDeployment(deps.store, fresh);
    deps.log.info(`Did not cancel ${ref.id}: it is already ${fresh.readyState}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Deployment "{0}" already finished ({1}); nothing was canceled.', name, stateLabel(readyStateOf(fresh))),
    );
    return undefined;
  }
  try {
    const full = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Canceling deployment…') },
      () => deps.client.cancelDeployment(ref.id, { teamId: ref.teamId }),
    );
    applyDeployment(deps.store, full);
    deps.log.info(`Canceled ${ref.id}: now ${full.readyState}`);
    setTimeout(() => void deps.scheduler.refreshNow(), SETTLE_DELAY_MS);
    const details = vscode.l10n.t('Show Details');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Canceled deployment "{0}".', name), details)
      .then((choice) =>
        choice === details
          ? vscode.commands.executeCommand(Commands.showDetails, { deployment: full, teamId: ref.teamId })
          : undefined,
      );
    return full;
  } catch (error) {
    deps.log.error(`Could not cancel ${ref.id}: ${errorText(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not cancel deployment: {0}', errorText(error)));
    if (error instanceof VercelApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
      // Vercel says it can't be canceled: the row is likely out of date, so look at it once.
      void refreshOne(ref, deps);
    }
    return undefined;
  }
}

async function confirm(ref: DeploymentRef, listed: DeploymentListItem | undefined, name: string): Promise<boolean> {
  const ask = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.confirmCancel, true);
  if (!ask) {
    return true;
  }
  const facts = listed
    ? [branchOf(listed), targetLabel(listed.target), stateLabel(readyStateOf(listed))].filter((p) => p !== undefined)
    : [ref.id];
  const production = listed !== undefined && isProduction(listed);
  const detail = production
    ? vscode.l10n.t('This is a PRODUCTION deployment. {0}', facts.join(' · '))
    : facts.join(' · ');
  const cancelDeployment: vscode.MessageItem = { title: vscode.l10n.t('Cancel Deployment') };
  // The dialog's own dismiss button, so it never reads "Cancel" beside "Cancel Deployment".
  const keepBuilding: vscode.MessageItem = { title: vscode.l10n.t('Keep Building'), isCloseAffordance: true };
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Cancel deployment "{0}"?', name),
    { modal: true, detail },
    cancelDeployment,
    keepBuilding,
  );
  return choice === cancelDeployment;
}

/** The deployment as Vercel has it now; undefined when it cannot be read (the cancel then says why, if it fails). */
async function reread(ref: DeploymentRef, deps: CommandDeps): Promise<Deployment | undefined> {
  try {
    return await deps.client.getDeployment(ref.id, { teamId: ref.teamId });
  } catch (error) {
    deps.log.warn(`Could not read ${ref.id} before canceling it: ${errorText(error)}`);
    return undefined;
  }
}

async function refreshOne(ref: DeploymentRef, deps: CommandDeps): Promise<void> {
  try {
    applyDeployment(deps.store, await deps.client.getDeployment(ref.id, { teamId: ref.teamId }));
  } catch (error) {
    deps.log.warn(`Could not reload ${ref.id}: ${errorText(error)}`);
  }
}
