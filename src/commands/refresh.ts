import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';

/** Looks for link files again and fetches the newest deployments now. */
export function registerRefresh(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.refresh, async () => {
      await deps.links.refresh();
      if (await deps.tokens.hasToken()) {
        await deps.scheduler.refreshNow();
      }
    }),
  );
}
