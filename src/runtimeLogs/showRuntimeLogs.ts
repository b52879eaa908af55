/**
 * "Vercel: Show Runtime Logs": what a deployment's functions print, as a
 * read-only `vercel-runtime-log` document, the last hour then live. Takes a
 * tree node, a ref (status bar, details panel) or `{ deployment, teamId }`;
 * from the palette it asks, READY deployments first. One editor per
 * deployment: asking again shows the one open.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import { toDeploymentRef, type DeploymentRef } from '../deployments/ref';

export interface ShowRuntimeLogsDeps {
  readonly open: (ref: DeploymentRef) => Promise<vscode.TextEditor>;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
  readonly log: vscode.LogOutputChannel;
}

export function registerShowRuntimeLogs(context: vscode.ExtensionContext, deps: ShowRuntimeLogsDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showRuntimeLogs, async (arg?: unknown) => {
      const ref = toDeploymentRef(arg) ?? (await deps.pickDeployment());
      if (!ref) return undefined;
      try {
        return await deps.open(ref);
      } catch (error) {
        deps.log.error(`Could not open the runtime logs of ${ref.id}: ${errorText(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open the runtime logs: {0}', errorText(error)));
        return undefined;
      }
    }),
  );
}
