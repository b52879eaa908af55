import * as vscode from 'vscode';
import { Commands } from '../constants';
import { toDeploymentRef } from '../deployments/ref';
import type { CommandDeps } from './deps';
import { revealDeployment } from '../deployments/reveal';

/**
 * The status bar's click: shows the deployment in the Deployments view and
 * selects it, so its actions are one click away.
 */
export function registerRevealLatest(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.revealLatest, async (arg?: unknown) => {
      const ref = toDeploymentRef(arg) ?? firstDeployment(deps);
      if (!ref) {
        return;
      }
      if (!(await revealDeployment(deps.deploymentsView, deps.deploymentsTree, ref.id))) {
        await vscode.commands.executeCommand(Commands.showDetails, ref);
      }
    }),
  );
}

function firstDeployment(deps: CommandDeps) {
  const first = deps.store.projects[0];
  const d = first?.deployments[0];
  return first && d ? { id: d.uid, teamId: first.project.teamId } : undefined;
}
