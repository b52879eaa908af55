/**
 * "Vercel: Instant Rollback…": points production back at an earlier READY
 * production deployment (`POST /v9/projects/{id}/rollback/{deploymentId}`)
 * and follows the job until production has moved. Never retried; two clicks
 * send one request.
 */
import * as vscode from 'vscode';
import { canRollback } from '../deployments/capabilities';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { moveProduction, nameOf, OncePerKey, subjectFromArg, type MoveResult, type Subject } from './lifecycle';

export type RollbackResult = MoveResult;

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

function rollback(subject: Subject, deps: CommandDeps): Promise<RollbackResult> {
  const name = nameOf(subject.deployment);
  return moveProduction(
    subject,
    {
      type: 'rollback',
      question: vscode.l10n.t('Roll back production to "{0}"?', name),
      detail: vscode.l10n.t('The production domains will point to this earlier deployment. Later production deployments will not take over until one is promoted.'),
      button: vscode.l10n.t('Roll Back'),
      request: (projectId, deploymentId, teamId) => deps.client.rollbackDeployment(projectId, deploymentId, { teamId }),
      refused: vscode.l10n.t('Could not roll back'),
      following: vscode.l10n.t('Rolling production back to "{0}"…', name),
      lost: vscode.l10n.t('Could not follow the rollback'),
      outcome: {
        done: vscode.l10n.t('Production is rolled back to "{0}". Promote a deployment to let new ones take over again.', name),
        failed: vscode.l10n.t('Vercel could not roll back to "{0}"; production did not change.', name),
        stopped: vscode.l10n.t('Stopped following the rollback to "{0}"; Vercel goes on with it.', name),
      },
    },
    deps,
  );
}
