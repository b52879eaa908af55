/**
 * "Vercel: Instant Rollback…": points production back at an earlier READY
 * production deployment (`POST /v9/projects/{id}/rollback/{deploymentId}`)
 * and follows the job until production has moved. Never retried; two clicks
 * send one request.
 */
import vscode = require('vscode');
import type { FollowResult } from '../deployments/aliasJob';
import { canRollback } from '../deployments/capabilities';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { announceJob } from './jobOutcome';
import { confirm, domainLines, factsOf, followJob, nameOf, OncePerKey, reportFailure, subjectFromArg, type Subject } from './lifecycle';

export type RollbackResult = FollowResult['outcome'] | 'stopped' | undefined;

export function registerRollback(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const once = new OncePerKey<RollbackResult>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.rollback, async (arg?: unknown) => {
      const subject = await subjectFromArg(arg, deps, {
        qualifies: canRollback,
        placeHolder: vscode.l10n.t('Select an earlier production deployment to roll back to'),
        emptyMessage: vscode.l10n.t('No earlier READY production deployment to roll back to.'),
      });
      return subject ? once.run(subject.ref.id, () => rollback(subject, deps)) : undefined;
    }),
  );
}

async function rollback(subject: Subject, deps: CommandDeps): Promise<RollbackResult> {
  const d = subject.deployment;
  const name = nameOf(d);
  const production = subject.project.production;
  const button = vscode.l10n.t('Roll Back');
  const detail =
    vscode.l10n.t('The production domains will point to this earlier deployment. Later production deployments will not take over until one is promoted.') +
    domainLines(production);
  if ((await confirm(vscode.l10n.t('Roll back production to "{0}"?', name), `${detail}\n\n${factsOf(d)}`, button)) !== button) {
    return undefined;
  }
  const project = subject.project.project;
  const previous = production?.aliasJob;
  try {
    await deps.client.rollbackDeployment(project.projectId, d.uid, { teamId: project.teamId });
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not roll back'), error, subject, deps);
    return undefined;
  }
  deps.log.info(`Rollback to ${d.uid} requested`);
  try {
    const result = await followJob(subject, 'rollback', previous, vscode.l10n.t('Rolling production back to "{0}"…', name), deps);
    announceJob(
      result,
      subject,
      {
        done: vscode.l10n.t('Production is rolled back to "{0}". Promote a deployment to let new ones take over again.', name),
        failed: vscode.l10n.t('Vercel could not roll back to "{0}"; production did not change.', name),
        stopped: vscode.l10n.t('Stopped following the rollback to "{0}"; Vercel goes on with it.', name),
      },
      deps,
    );
    return result === 'stopped' ? 'stopped' : result.outcome;
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not follow the rollback'), error, subject, deps);
    return undefined;
  }
}
