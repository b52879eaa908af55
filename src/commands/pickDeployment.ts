/**
 * The palette's way to name a deployment when a command is run without a tree
 * node: a quick pick over the deployments the store already holds.
 */
import * as vscode from 'vscode';
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import { stateLabel, targetLabel } from '../deployments/labels';
import { branchOf, deploymentLabel, relativeTime, stateVisual } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';

interface PickItem extends vscode.QuickPickItem {
  readonly ref: DeploymentRef;
}

export interface PickOptions {
  readonly filter?: (d: DeploymentListItem) => boolean;
  readonly placeHolder?: string;
  /** Said instead of an empty pick. */
  readonly emptyMessage?: string;
}

export async function pickDeployment(store: DeploymentStore, options: PickOptions = {}): Promise<DeploymentRef | undefined> {
  const now = Date.now();
  const locale = vscode.env.language;
  const several = store.projects.length > 1;
  const items: PickItem[] = [];
  for (const project of store.projects) {
    for (const d of project.deployments) {
      if (options.filter && !options.filter(d)) {
        continue;
      }
      const state = readyStateOf(d);
      const parts = [stateLabel(state), branchOf(d), relativeTime(d.created, now, locale), targetLabel(d.target)];
      items.push({
        label: `$(${stateVisual(state).icon}) ${deploymentLabel(d)}`,
        description: parts.filter((p) => p !== undefined).join(' · '),
        detail: several ? (project.project.name ?? project.project.projectId) : d.url,
        ref: { id: d.uid, teamId: project.project.teamId },
      });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(options.emptyMessage ?? vscode.l10n.t('No deployments are listed yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: options.placeHolder ?? vscode.l10n.t('Select a deployment'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.ref;
}
