/**
 * Vercel: Filter Deployments… — target, state, branch and author, one step
 * each, every step starting from the filter in force. The filter goes to the
 * API (see src/deployments/filter.ts), so "Load more…" pages stay correct.
 * Given a filter as its argument (a keybinding, a test), it applies it as is.
 */
import * as vscode from 'vscode';
import { LIST_READY_STATES } from '../api/schemas';
import { Commands } from '../constants';
import { FilterSchema, isFilterArgument, type DeploymentFilter } from '../deployments/filter';
import type { FilterState } from '../deployments/filterState';
import { stateLabel } from '../deployments/labels';
import { branchOf } from '../deployments/presentation';
import { DeploymentStore } from '../deployments/store';
import type { GitState } from '../git/gitState';

export interface FilterDeps {
  readonly filters: FilterState;
  readonly store: DeploymentStore;
  readonly git: GitState;
}

interface Choice<T> extends vscode.QuickPickItem {
  readonly value: T;
}

const TOTAL_STEPS = 4;

function title(): string {
  return vscode.l10n.t('Filter Deployments');
}

async function pickOne<T>(step: number, placeHolder: string, items: Choice<T>[]): Promise<Choice<T> | undefined> {
  return vscode.window.showQuickPick(items, { title: `${title()} (${step}/${TOTAL_STEPS})`, placeHolder, ignoreFocusOut: false });
}

function currentBranches(deps: FilterDeps): string[] {
  const branches = new Set<string>();
  for (const p of deps.store.projects) {
    const branch = deps.git.of(p.project)?.branch;
    if (branch) branches.add(branch);
  }
  return [...branches];
}

function seenBranches(deps: FilterDeps): string[] {
  const seen = new Set<string>();
  for (const p of deps.store.projects) {
    for (const d of DeploymentStore.everything(p)) {
      const branch = branchOf(d);
      if (branch) seen.add(branch);
    }
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}

async function askFilter(deps: FilterDeps): Promise<DeploymentFilter | undefined> {
  const now = deps.filters.filter;
  const mark = (on: boolean) => (on ? vscode.l10n.t('current') : undefined);

  const target = await pickOne(1, vscode.l10n.t('Which deployments?'), [
    { label: vscode.l10n.t('Production and Preview'), value: undefined, description: mark(now.target === undefined) },
    { label: vscode.l10n.t('Production only'), value: 'production' as const, description: mark(now.target === 'production') },
    { label: vscode.l10n.t('Preview only'), value: 'preview' as const, description: mark(now.target === 'preview') },
  ]);
  if (!target) return undefined;

  const chosenStates = new Set(now.states ?? []);
  const states = await vscode.window.showQuickPick(
    LIST_READY_STATES.map((state) => ({ label: stateLabel(state), value: state, picked: chosenStates.has(state) })),
    { title: `${title()} (2/${TOTAL_STEPS})`, placeHolder: vscode.l10n.t('Only these states (none chosen: any state)'), canPickMany: true },
  );
  if (!states) return undefined;

  const current = currentBranches(deps);
  const branchItems: Choice<DeploymentFilter['branch'] | 'type'>[] = [
    { label: vscode.l10n.t('All branches'), value: undefined, description: mark(now.branch === undefined) },
    {
      label: vscode.l10n.t('Current branch'),
      value: { kind: 'current' },
      description: current.length > 0 ? current.join(', ') : vscode.l10n.t('no Git branch found'),
      detail: now.branch?.kind === 'current' ? vscode.l10n.t('current') : undefined,
    },
    ...seenBranches(deps).map((name) => ({
      label: name,
      value: { kind: 'name' as const, name },
      description: mark(now.branch?.kind === 'name' && now.branch.name === name),
    })),
    { label: vscode.l10n.t('Another branch…'), value: 'type' },
  ];
  const branch = await pickOne(3, vscode.l10n.t('Which branch?'), branchItems);
  if (!branch) return undefined;
  let branchValue: DeploymentFilter['branch'];
  if (branch.value === 'type') {
    const typed = await vscode.window.showInputBox({
      title: `${title()} (3/${TOTAL_STEPS})`,
      prompt: vscode.l10n.t('Branch name'),
      value: now.branch?.kind === 'name' ? now.branch.name : '',
      validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Type a branch name') : undefined),
    });
    if (typed === undefined) return undefined;
    branchValue = { kind: 'name', name: typed.trim() };
  } else {
    branchValue = branch.value;
  }

  const author = await pickOne(4, vscode.l10n.t('Whose deployments?'), [
    { label: vscode.l10n.t('Everyone\'s'), value: undefined, description: mark(now.author === undefined) },
    { label: vscode.l10n.t('Only mine'), value: 'me' as const, description: mark(now.author === 'me') },
  ]);
  if (!author) return undefined;

  return {
    ...(target.value ? { target: target.value } : {}),
    ...(states.length > 0 ? { states: states.map((s) => s.value) } : {}),
    ...(branchValue ? { branch: branchValue } : {}),
    ...(author.value ? { author: author.value } : {}),
  };
}

export function registerFilter(context: vscode.ExtensionContext, deps: FilterDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.filter, async (arg?: unknown) => {
      let filter: DeploymentFilter | undefined;
      if (isFilterArgument(arg)) {
        const parsed = FilterSchema().safeParse(arg);
        if (!parsed.success) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Could not filter deployments: the filter is not valid.'));
          return false;
        }
        filter = parsed.data;
      } else {
        filter = await askFilter(deps);
      }
      if (!filter) return false;
      await deps.filters.set(filter);
      return true;
    }),
  );
}
