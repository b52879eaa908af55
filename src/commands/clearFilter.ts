import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { FilterState } from '../deployments/filterState';

/** Vercel: Clear Filter — the Deployments view lists everything again. */
export function registerClearFilter(context: vscode.ExtensionContext, deps: { readonly filters: FilterState }): void {
  context.subscriptions.push(vscode.commands.registerCommand(Commands.clearFilter, () => deps.filters.set({})));
}
