import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { deploymentFromArg, linksOf } from './resolve';

/** Copies the deployment's https URL. */
export function registerCopyUrl(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.copyUrl, async (arg?: unknown) => {
      const ref = await deploymentFromArg(arg, deps, { placeHolder: vscode.l10n.t('Select a deployment to copy its URL') });
      const links = ref && (await linksOf(ref, deps));
      if (links) {
        const url = `https://${links.url}`;
        await vscode.env.clipboard.writeText(url);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', url), 3000);
      }
    }),
  );
}
