import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { deploymentFromArg, linksOf, openHttpUrl } from './resolve';

/** Opens the deployment's own URL in the browser. */
export function registerOpenUrl(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openUrl, async (arg?: unknown) => {
      const ref = await deploymentFromArg(arg, deps, { placeHolder: vscode.l10n.t('Select a deployment to open') });
      const links = ref && (await linksOf(ref, deps));
      if (links) {
        await openHttpUrl(`https://${links.url}`);
      }
    }),
  );
}
