import * as vscode from 'vscode';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import type { CommandDeps } from './deps';
import { revealDeployment } from '../deployments/reveal';

/** Appends the next older page of a project's deployments (the "Load more…" row). */
export function registerLoadMore(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.loadMore, async (arg?: unknown) => {
      const key = projectKeyOf(arg) ?? deps.store.projects[0]?.project.key;
      if (key === undefined) {
        return;
      }
      try {
        const before = deps.store.get(key)?.deployments.length ?? 0;
        await deps.store.loadMore(key);
        // The "Load more…" row is gone or moved down: focus goes to the first row it brought.
        const first = deps.store.get(key)?.deployments[before];
        if (first) {
          await revealDeployment(deps.deploymentsView, deps.deploymentsTree, first.uid);
        }
      } catch (error) {
        deps.log.error(`Could not load more deployments: ${errorText(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not load more deployments: {0}', errorText(error)));
      }
    }),
  );
}

function projectKeyOf(arg: unknown): string | undefined {
  if (typeof arg === 'object' && arg !== null && 'projectKey' in arg && typeof arg.projectKey === 'string') {
    return arg.projectKey;
  }
  return typeof arg === 'string' ? arg : undefined;
}
