/**
 * "Vercel: Show Deployment Details": the deployment's response in a panel,
 * outlined through its schema. Takes a tree node, a ref (status bar), an
 * already-fetched deployment (`{ deployment, teamId }`, as the cancel
 * notification passes), or nothing (the palette), in which case it asks.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { DeploymentRef } from '../deployments/ref';
import type { DetailsPanels } from '../details/panel';
import { toDetailsTarget } from '../details/target';

export interface ShowDetailsDeps {
  readonly panels: DetailsPanels;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
}

export function registerShowDetails(context: vscode.ExtensionContext, deps: ShowDetailsDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showDetails, async (arg?: unknown) => {
      const target = toDetailsTarget(arg) ?? (arg === undefined ? await pick(deps) : undefined);
      if (!target) return;
      deps.panels.show(target);
    }),
  );
}

async function pick(deps: ShowDetailsDeps): Promise<{ ref: DeploymentRef } | undefined> {
  const ref = await deps.pickDeployment();
  return ref ? { ref } : undefined;
}
