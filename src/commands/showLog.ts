import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';

/** Shows the extension's log: every request, refresh and failure (never the token). */
export function registerShowLog(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => deps.log.show(true)));
}
