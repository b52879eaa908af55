/**
 * The obvious alternative of rows 1 and 2: a minimal extension entry that
 * lists, gets and cancels deployments with the official @vercel/sdk, written
 * the way its FUNCTIONS.md recommends for bundle size (VercelCore plus
 * standalone functions, so esbuild can drop the rest of the SDK).
 *
 * Only the benchmark builds it; it is not part of the extension. An .mts file
 * because the SDK is an ES module.
 */
import * as vscode from 'vscode';
import { VercelCore } from '@vercel/sdk/core.js';
import { deploymentsCancelDeployment } from '@vercel/sdk/funcs/deploymentsCancelDeployment.js';
import { deploymentsGetDeployment } from '@vercel/sdk/funcs/deploymentsGetDeployment.js';
import { deploymentsGetDeployments } from '@vercel/sdk/funcs/deploymentsGetDeployments.js';

type Result<T> = { ok: true; value: T } | { ok: false; error: unknown };

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

export function activate(context: vscode.ExtensionContext): void {
  const vercel = new VercelCore({
    bearerToken: async () => (await context.secrets.get('sdkDemo.token')) ?? '',
    serverURL: vscode.workspace.getConfiguration('sdkDemo').get<string>('apiUrl'),
  });
  context.subscriptions.push(
    vscode.commands.registerCommand('sdkDemo.list', async (projectId: string, teamId?: string) =>
      unwrap(await deploymentsGetDeployments(vercel, { projectId, teamId, limit: 20 })),
    ),
    vscode.commands.registerCommand('sdkDemo.get', async (idOrUrl: string, teamId?: string) =>
      unwrap(await deploymentsGetDeployment(vercel, { idOrUrl, teamId })),
    ),
    vscode.commands.registerCommand('sdkDemo.cancel', async (id: string, teamId?: string) =>
      unwrap(await deploymentsCancelDeployment(vercel, { id, teamId })),
    ),
  );
}

export function deactivate(): void {}
