/** What a person is told when a promote or rollback job is over, with "Open" when production moved. */
import vscode = require('vscode');
import type { FollowResult } from '../deployments/aliasJob';
import type { CommandDeps } from './deps';
import { productionUrl, type Subject } from './lifecycle';
import { openHttpUrl } from './resolve';

export function announceJob(
  result: FollowResult | 'stopped',
  subject: Subject,
  texts: { readonly done: string; readonly failed: string; readonly stopped: string },
  deps: CommandDeps,
): void {
  const outcome = result === 'stopped' ? 'stopped' : result.outcome;
  deps.log.info(`Alias job for ${subject.ref.id}: ${outcome}${result === 'stopped' ? '' : ` after ${result.reads} look(s)`}`);
  switch (outcome) {
    case 'succeeded': {
      const open = vscode.l10n.t('Open');
      void vscode.window
        .showInformationMessage(texts.done, open)
        .then((picked) => (picked === open ? openHttpUrl(productionUrl(subject, deps)) : undefined));
      return;
    }
    case 'failed':
    case 'skipped':
      void vscode.window.showErrorMessage(texts.failed);
      return;
    case 'superseded':
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Another promote or rollback of this project started meanwhile; the view shows what serves production now.'),
      );
      return;
    case 'unknown':
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Vercel has not finished moving production yet; the view shows it once it has.'),
      );
      return;
    case 'stopped':
      void vscode.window.showInformationMessage(texts.stopped);
      return;
  }
}
