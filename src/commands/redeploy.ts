/**
 * "Vercel: Redeploy…": builds a finished deployment again as a new one
 * (`POST /v13/deployments?forceNew=1`, as `vercel redeploy` does), with or
 * without the build cache. The new deployment is put at the top of the tree
 * from the answer at once. Never retried; two clicks send one request.
 */
import * as vscode from 'vscode';
import type { Deployment } from '../api/deployment';
import { Commands } from '../constants';
import { canRedeploy } from '../deployments/capabilities';
import { isProduction } from '../deployments/presentation';
import type { CommandDeps } from './deps';
import { confirm, factsOf, nameOf, OncePerKey, reportFailure, subjectFromArg, type Subject } from './lifecycle';
import { insertDeployment } from '../deployments/storeEdits';

/** One look a little later lets the poll see the new build and follow it at the active pace. */
const SETTLE_DELAY_MS = 2000;

export function registerRedeploy(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const once = new OncePerKey<Deployment | undefined>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.redeploy, async (arg?: unknown) => {
      const subject = await subjectFromArg(arg, deps, {
        qualifies: (d) => canRedeploy(d),
        placeHolder: vscode.l10n.t('Select a deployment to redeploy'),
        emptyMessage: vscode.l10n.t('No finished deployment to redeploy.'),
      });
      return subject ? once.run(subject.ref.id, () => redeploy(subject, deps)) : undefined;
    }),
  );
}

async function redeploy(subject: Subject, deps: CommandDeps): Promise<Deployment | undefined> {
  const d = subject.deployment;
  const name = nameOf(d);
  const rolledBack = subject.project.production?.rolledBack === true;
  const target = isProduction(d)
    ? rolledBack
      ? vscode.l10n.t(
          'This is a PRODUCTION deployment. Production is rolled back, so the new deployment will not take the production domains until it is promoted.',
        )
      : vscode.l10n.t('This is a PRODUCTION deployment: the new deployment will take the production domains when it is ready.')
    : vscode.l10n.t('The new deployment is a preview, built from the same commit.');
  const withCache = vscode.l10n.t('Redeploy');
  const withoutCache = vscode.l10n.t('Redeploy without Build Cache');
  const choice = await confirm(vscode.l10n.t('Redeploy "{0}"?', name), `${target}\n\n${factsOf(d)}`, withCache, withoutCache);
  if (choice === undefined) {
    return undefined;
  }
  try {
    const created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Redeploying…') },
      () =>
        deps.client.createDeployment(
          { deploymentId: d.uid, name: d.name, target: d.target ?? undefined, action: 'redeploy', withCache: choice === withCache },
          { teamId: subject.ref.teamId },
        ),
    );
    insertDeployment(deps.store, created);
    deps.log.info(`Redeployed ${d.uid} as ${created.id} (${created.readyState}, build cache ${choice === withCache ? 'kept' : 'skipped'})`);
    setTimeout(() => void deps.scheduler.refreshNow(), SETTLE_DELAY_MS);
    const details = vscode.l10n.t('Show Details');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Redeploying "{0}" as {1}.', name, created.url), details)
      .then((picked) =>
        picked === details ? vscode.commands.executeCommand(Commands.showDetails, { deployment: created, teamId: subject.ref.teamId }) : undefined,
      );
    return created;
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not redeploy'), error, subject, deps);
    return undefined;
  }
}
