import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { deploymentFromArg, linksOf, openHttpUrl } from './resolve';

/** Opens the deployment's page on vercel.com (its inspector): logs, output, domains. */
export function registerOpenInspector(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openInspector, async (arg?: unknown) => {
      const ref = await deploymentFromArg(arg, deps, {
        placeHolder: vscode.l10n.t('Select a deployment to inspect on vercel.com'),
        filter: (d) => d.inspectorUrl !== null,
      });
      const links = ref && (await linksOf(ref, deps));
      if (!links) {
        return;
      }
      if (links.inspectorUrl === null || !(await openHttpUrl(links.inspectorUrl))) {
        void vscode.window.showWarningMessage(vscode.l10n.t('This deployment has no inspector page.'));
      }
    }),
  );
}
