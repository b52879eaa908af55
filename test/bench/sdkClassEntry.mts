/**
 * The same minimal extension entry as sdkEntry.mts, written the way the
 * @vercel/sdk README starts: the `Vercel` class, which reaches every API
 * group of the SDK, so a bundler keeps them all.
 *
 * Only the benchmark builds it; it is not part of the extension.
 */
import * as vscode from 'vscode';
import { Vercel } from '@vercel/sdk';

export function activate(context: vscode.ExtensionContext): void {
  const vercel = new Vercel({
    bearerToken: async () => (await context.secrets.get('sdkDemo.token')) ?? '',
    serverURL: vscode.workspace.getConfiguration('sdkDemo').get<string>('apiUrl'),
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('sdkDemo.list', (projectId: string, teamId?: string) =>
      vercel.deployments.getDeployments({ projectId, teamId, limit: 20 }),
    ),
    vscode.commands.registerCommand('sdkDemo.get', (idOrUrl: string, teamId?: string) =>
      vercel.deployments.getDeployment({ idOrUrl, teamId }),
    ),
    vscode.commands.registerCommand('sdkDemo.cancel', (id: string, teamId?: string) =>
      vercel.deployments.cancelDeployment({ id, teamId }),
    ),
  );
}

export function deactivate(): void {}
