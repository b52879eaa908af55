import * as vscode from 'vscode';
import { Commands, Views } from '../constants';

/**
 * Collapses the project roots. Ours rather than the view's built-in button,
 * whose presence is fixed when the view is created: this one shows only while
 * more than one project is linked, when there is something to collapse.
 */
export function registerCollapseAll(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.collapseAll, async () => {
      await vscode.commands.executeCommand(`${Views.deployments}.focus`);
      await vscode.commands.executeCommand('list.collapseAll');
    }),
  );
}
