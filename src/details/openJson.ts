/**
 * "Vercel: Open Deployment JSON": the response as a read-only JSON document,
 * with VS Code's JSON language features driven by the deployment's schema.
 * Takes the same arguments as Show Deployment Details, and asks for any other.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentDocuments } from './jsonDocument';
import { toDetailsTarget } from './target';

export interface OpenJsonDeps {
  readonly documents: DeploymentDocuments;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
  readonly log: vscode.LogOutputChannel;
}

export function registerOpenJson(context: vscode.ExtensionContext, deps: OpenJsonDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openJson, async (arg?: unknown) => {
      let target = toDetailsTarget(arg);
      if (!target) {
        const ref = await deps.pickDeployment();
        target = ref ? { ref } : undefined;
      }
      if (!target) return;
      try {
        await deps.documents.open(target);
      } catch (error) {
        deps.log.error(`Could not open the JSON of ${target.ref.id}: ${errorText(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open deployment JSON: {0}', errorText(error)));
      }
    }),
  );
}
