/**
 * "Vercel: Promote to Production…": a READY production deployment is promoted
 * (`POST /v10/projects/{id}/promote/{deploymentId}`) and the job followed
 * until production has moved; a READY preview cannot be promoted as it is,
 * so, once explained and confirmed, it is built again for production as
 * `vercel promote` does. Never retried; two clicks send one request.
 */
import * as vscode from 'vscode';
import { canPromote } from '../deployments/capabilities';
import { isProduction } from '../deployments/presentation';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { confirm, domainLines, factsOf, moveProduction, nameOf, OncePerKey, reportFailure, subjectFromArg, type MoveResult, type Subject } from './lifecycle';
import { insertDeployment } from '../deployments/storeEdits';

export type PromoteResult = MoveResult | 'rebuilt';

export function registerPromote(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const once = new OncePerKey<PromoteResult>();
  const run = async (arg: unknown) => {
    const subject = await subjectFromArg(arg, deps, {
      qualifies: canPromote,
      placeHolder: vscode.l10n.t('Select a deployment to promote to production'),
      emptyMessage: vscode.l10n.t('No READY deployment can be promoted.'),
      // Production deployments first: promoting one moves the domains without a new build.
      rank: (d) => (isProduction(d) ? 0 : 1),
    });
    if (!subject) {
      return undefined;
    }
    return once.run(subject.ref.id, () => (isProduction(subject.deployment) ? promote(subject, deps) : rebuildForProduction(subject, deps)));
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.promote, (arg?: unknown) => run(arg)),
    // The view's title bar: VS Code hands a title action the row that has focus, which is not a choice; always ask.
    vscode.commands.registerCommand(Commands.promoteFromTitle, () => run(undefined)),
  );
}

function promote(subject: Subject, deps: CommandDeps): Promise<PromoteResult> {
  const name = nameOf(subject.deployment);
  return moveProduction(
    subject,
    {
      type: 'promote',
      question: vscode.l10n.t('Promote "{0}" to production?', name),
      detail: vscode.l10n.t('The production domains will point to this deployment. New production deployments take them again after this, as usual.'),
      button: vscode.l10n.t('Promote to Production'),
      request: (projectId, deploymentId, teamId) => deps.client.promoteDeployment(projectId, deploymentId, { teamId }),
      refused: vscode.l10n.t('Could not promote'),
      following: vscode.l10n.t('Promoting "{0}" to production…', name),
      lost: vscode.l10n.t('Could not follow the promotion'),
      outcome: {
        done: vscode.l10n.t('Production now serves "{0}".', name),
        failed: vscode.l10n.t('Vercel could not promote "{0}"; production did not change.', name),
        stopped: vscode.l10n.t('Stopped following the promotion of "{0}"; Vercel goes on with it.', name),
      },
    },
    deps,
  );
}

/** A preview is built again with the production target (`meta.action: "promote"`), as the CLI does. */
async function rebuildForProduction(subject: Subject, deps: CommandDeps): Promise<PromoteResult> {
  const d = subject.deployment;
  const name = nameOf(d);
  const button = vscode.l10n.t('Build for Production');
  const detail =
    vscode.l10n.t(
      'A preview deployment cannot be promoted as it is: it was built with preview settings and environment variables. Vercel will build the same commit again for production; the new deployment takes the production domains when it is ready.',
    ) + domainLines(subject.project.production);
  if ((await confirm(vscode.l10n.t('Promote preview "{0}" to production?', name), `${detail}\n\n${factsOf(d)}`, button)) !== button) {
    return undefined;
  }
  try {
    const created = await deps.client.createDeployment(
      { deploymentId: d.uid, name: d.name, target: 'production', action: 'promote', withCache: true },
      { teamId: subject.ref.teamId },
    );
    insertDeployment(deps.store, created);
    deps.log.info(`Building ${d.uid} again for production as ${created.id}`);
    setTimeout(() => void deps.scheduler.refreshNow(), 2000);
    void vscode.window.showInformationMessage(vscode.l10n.t('Building "{0}" for production as {1}.', name, created.url));
    return 'rebuilt';
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not promote'), error, subject, deps);
    return undefined;
  }
}
