/**
 * "Vercel: Show Build Logs": the deployment's build log as a read-only
 * `vercel-log` document, followed live while the build runs. Takes a tree
 * node, a ref (status bar, details panel) or `{ deployment, teamId }`, read
 * by id only; for anything else (the palette, a view's title bar) it asks.
 * One editor per deployment.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import { toDeploymentRef, type DeploymentRef } from '../deployments/ref';

export interface ShowLogsDeps {
  readonly open: (ref: DeploymentRef) => Promise<vscode.TextEditor>;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
  readonly log: vscode.LogOutputChannel;
}

export function registerShowLogs(context: vscode.ExtensionContext, deps: ShowLogsDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showLogs, async (arg?: unknown) => {
      const ref = toDeploymentRef(arg) ?? (await deps.pickDeployment());
      if (!ref) return undefined;
      try {
        return await deps.open(ref);
      } catch (error) {
        deps.log.error(`Could not open the build log of ${ref.id}: ${errorText(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the build log: {0}', errorText(error)));
        return undefined;
      }
    }),
  );
}
