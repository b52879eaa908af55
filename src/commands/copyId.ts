import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { deploymentFromArg } from './resolve';

/** Copies the deployment's id (`dpl_…`), as the Vercel CLI and API take it. */
export function registerCopyId(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.copyId, async (arg?: unknown) => {
      const ref = await deploymentFromArg(arg, deps, { placeHolder: vscode.l10n.t('Select a deployment to copy its id') });
      if (ref) {
        await vscode.env.clipboard.writeText(ref.id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', ref.id), 3000);
      }
    }),
  );
}
