import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';

/** Shows or hides the time column of build logs (`vercelDeployments.logs.timestamps`), where the setting is set. */
export function registerToggleLogTimestamps(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.toggleLogTimestamps, async () => {
      const config = vscode.workspace.getConfiguration(Settings.section);
      const inspected = config.inspect<boolean>(Settings.logTimestamps);
      const on = config.get<boolean>(Settings.logTimestamps, true);
      const target =
        inspected?.workspaceFolderValue !== undefined
          ? vscode.ConfigurationTarget.WorkspaceFolder
          : inspected?.workspaceValue !== undefined
            ? vscode.ConfigurationTarget.Workspace
            : vscode.ConfigurationTarget.Global;
      await config.update(Settings.logTimestamps, !on, target);
    }),
  );
}
