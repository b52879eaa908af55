/**
 * "Vercel: Delete Deployment…": removes a deployment that does not serve
 * production (`DELETE /v13/deployments/{id}`); its row goes at once. A modal
 * names it and says it cannot be undone. Never retried; two clicks send one
 * request.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { canDelete } from '../deployments/capabilities';
import { isProduction } from '../deployments/presentation';
import type { CommandDeps } from './deps';
import { confirm, factsOf, nameOf, OncePerKey, reportFailure, subjectFromArg, type Subject } from './lifecycle';
import { removeDeployment } from '../deployments/storeEdits';

export function registerDelete(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const once = new OncePerKey<boolean>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.delete, async (arg?: unknown) => {
      const subject = await subjectFromArg(arg, deps, {
        qualifies: canDelete,
        placeHolder: vscode.l10n.t('Select a deployment to delete'),
        emptyMessage: vscode.l10n.t('No deployment can be deleted: the one serving production cannot.'),
      });
      return subject ? once.run(subject.ref.id, () => remove(subject, deps)) : false;
    }),
  );
}

async function remove(subject: Subject, deps: CommandDeps): Promise<boolean> {
  const d = subject.deployment;
  const name = nameOf(d);
  const warning = isProduction(d)
    ? vscode.l10n.t('This is a PRODUCTION deployment (not the one serving production now). It cannot be rolled back to once deleted.')
    : undefined;
  const detail = [
    vscode.l10n.t('This cannot be undone: the deployment, its URL {0} and its build logs are removed.', `https://${d.url}`),
    warning,
    factsOf(d),
  ]
    .filter((line) => line !== undefined)
    .join('\n\n');
  const button = vscode.l10n.t('Delete');
  if ((await confirm(vscode.l10n.t('Delete deployment "{0}"?', name), detail, button)) !== button) {
    return false;
  }
  try {
    const answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Deleting deployment…') },
      () => deps.client.deleteDeployment(d.uid, { teamId: subject.ref.teamId }),
    );
    removeDeployment(deps.store, d.uid);
    deps.log.info(`Deleted ${d.uid}: ${answer.state}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Deleted deployment "{0}".', name));
    return true;
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not delete deployment'), error, subject, deps);
    return false;
  }
}
