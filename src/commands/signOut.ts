import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';

/** Removes the token from SecretStorage; every window clears its deployments. */
export function registerSignOut(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.signOut, async () => {
      await deps.tokens.clear();
      await deps.session.accounts.clear();
      deps.log.info('Signed out');
      vscode.window.setStatusBarMessage(vscode.l10n.t('Signed out of Vercel'), 3000);
    }),
  );
}
