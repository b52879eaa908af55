/**
 * The palette's way to name a deployment when a command is run without a tree
 * node: a quick pick over the deployments the store already holds. It is
 * live: a build that changes state while the picker is open changes there too.
 */
import * as vscode from 'vscode';
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import { buildTimingText, stateLabel, targetLabel } from '../deployments/labels';
import { branchOf, buildTiming, deploymentLabel, stateVisual } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import { DeploymentStore } from '../deployments/store';
import { formatAge } from '../util/time';

export interface PickItem extends vscode.QuickPickItem {
  readonly ref: DeploymentRef;
}

export interface PickOptions {
  readonly filter?: (d: DeploymentListItem) => boolean;
  readonly placeHolder?: string;
  /** Said instead of an empty pick. */
  readonly emptyMessage?: string;
  /** Lower ranks first; newest first within a rank. */
  readonly rank?: (d: DeploymentListItem) => number;
}

/** The picker's rows for what the store holds now. Icons go through `iconPath`, so no codicon name is read aloud. */
export function pickItems(store: DeploymentStore, options: PickOptions, now: number, locale: string): PickItem[] {
  const several = store.projects.length > 1;
  const items: PickItem[] = [];
  for (const project of store.projects) {
    // The view's filter narrows the list, not what a command can act on.
    const all = DeploymentStore.everything(project);
    const rank = options.rank;
    if (rank) all.sort((a, b) => rank(a) - rank(b));
    for (const d of all) {
      if (options.filter && !options.filter(d)) {
        continue;
      }
      const state = readyStateOf(d);
      const visual = stateVisual(state);
      const timing = buildTiming(d, now);
      const parts = [
        timing ? buildTimingText(timing, locale) : stateLabel(state),
        branchOf(d),
        formatAge(d.created, now, locale),
        targetLabel(d.target),
      ];
      items.push({
        label: deploymentLabel(d),
        iconPath: new vscode.ThemeIcon(visual.icon, new vscode.ThemeColor(visual.color)),
        description: parts.filter((p) => p !== undefined).join(' · '),
        detail: several ? (project.project.name ?? project.project.projectId) : d.url,
        ref: { id: d.uid, teamId: project.project.teamId },
      });
    }
  }
  return items;
}

export async function pickDeployment(store: DeploymentStore, options: PickOptions = {}): Promise<DeploymentRef | undefined> {
  const locale = vscode.env.language;
  const initial = pickItems(store, options, Date.now(), locale);
  if (initial.length === 0) {
    void vscode.window.showInformationMessage(options.emptyMessage ?? vscode.l10n.t('No deployments are listed yet.'));
    return undefined;
  }
  const pick = vscode.window.createQuickPick<PickItem>();
  pick.placeholder = options.placeHolder ?? vscode.l10n.t('Select a deployment');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = initial;
  const refresh = () => {
    // Keep the highlighted row where it was, by deployment rather than by position.
    const active = new Set(pick.activeItems.map((i) => i.ref.id));
    const items = pickItems(store, options, Date.now(), locale);
    pick.items = items;
    const stillActive = items.filter((i) => active.has(i.ref.id));
    if (stillActive.length > 0) {
      pick.activeItems = stillActive;
    }
  };
  return new Promise<DeploymentRef | undefined>((resolve) => {
    const subscriptions = [
      store.onDidChange(refresh),
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.ref ?? pick.activeItems[0]?.ref);
        pick.hide();
      }),
      pick.onDidHide(() => {
        resolve(undefined);
        for (const s of subscriptions) s.dispose();
        pick.dispose();
      }),
    ];
    pick.show();
  });
}
