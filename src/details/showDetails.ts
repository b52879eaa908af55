/**
 * "Vercel: Show Deployment Details": the deployment's response in a panel,
 * outlined through its schema. Takes a tree node, a ref (status bar), an
 * already-fetched deployment (`{ deployment, teamId }`, as the cancel
 * notification passes); for anything else (the palette, the null or focused
 * row a view's title bar passes, a project row) it asks.
 *
 * A tree row opens the preview panel, which the next row replaces (browsing
 * leaves no trail of tabs); every other way in opens a panel to keep.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { DeploymentRef } from '../deployments/ref';
import type { DetailsPanels } from './panel';
import { toDetailsTarget } from './target';

export interface ShowDetailsDeps {
  readonly panels: DetailsPanels;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
}

/**
 * Whether the command was run by browsing: a deployment row of the tree (its
 * click, or its context menu), unless a second argument `{ preview: false }`
 * says otherwise (or `{ preview: true }` asks for it from elsewhere).
 */
export function opensPreview(arg: unknown, options: unknown): boolean {
  if (typeof options === 'object' && options !== null && 'preview' in options && typeof options.preview === 'boolean') {
    return options.preview;
  }
  return typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'deployment' && 'deploymentRef' in arg;
}

export function registerShowDetails(context: vscode.ExtensionContext, deps: ShowDetailsDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showDetails, async (arg?: unknown, options?: unknown) => {
      const target = toDetailsTarget(arg) ?? (await pick(deps));
      if (!target) return;
      deps.panels.show(target, { preview: opensPreview(arg, options) });
    }),
  );
}

async function pick(deps: ShowDetailsDeps): Promise<{ ref: DeploymentRef } | undefined> {
  const ref = await deps.pickDeployment();
  return ref ? { ref } : undefined;
}
