import * as vscode from 'vscode';
import { Commands } from '../constants';
import { toDeploymentRef, type DeploymentRef } from '../deployments/ref';
import { refOfLogUri } from './logFileSystem';

export interface RetryLogsDeps {
  readonly retry: (ref: DeploymentRef) => void;
}

/** Loads a build log again after it failed: the log's code lens, its title bar, or the palette (the active log). */
export function registerRetryLogs(context: vscode.ExtensionContext, deps: RetryLogsDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.retryLogs, (arg?: unknown) => {
      const active = vscode.window.activeTextEditor?.document.uri;
      const ref = toDeploymentRef(arg) ?? (arg instanceof vscode.Uri ? refOfLogUri(arg) : undefined) ?? (active && refOfLogUri(active));
      if (ref) deps.retry(ref);
    }),
  );
}
