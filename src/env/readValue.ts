/**
 * "Copy Value" and "Reveal Value" of a variable's row: the one request that
 * reads a value, sent only when a person asks. A sensitive variable says its
 * value cannot be read back, without asking Vercel.
 */
import * as vscode from 'vscode';
import type { EnvVar } from '../api/envSchemas';
import { EnvCommands } from '../constants';
import { reportEnvError, type EnvDeps } from './deps';
import type { VarNode } from './treeProvider';

function varNodeOf(arg: unknown): VarNode | undefined {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'var' ? (arg as VarNode) : undefined;
}

/** The value of a row's variable; undefined (said why) when it cannot be read. Reuses a value revealed now. */
async function readValue(node: VarNode, deps: EnvDeps, what: string): Promise<string | undefined> {
  if (node.env.type === 'sensitive') {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is sensitive: Vercel never gives its value back. Edit it to set a new one.', node.env.key));
    return undefined;
  }
  const shown = deps.tree.revealedValue(node.env.id);
  if (shown !== undefined) return shown;
  const project = deps.store.get(node.projectKey)?.project;
  if (!project) return undefined;
  try {
    const answer = await deps.client.env.value(project.projectId, node.env.id, { teamId: project.teamId });
    if (answer.decrypted === false && answer.type === 'sensitive') {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is sensitive: Vercel never gives its value back. Edit it to set a new one.', node.env.key));
      return undefined;
    }
    return answer.value;
  } catch (error) {
    await reportEnvError(what, error, deps);
    return undefined;
  }
}

function noRow(): undefined {
  void vscode.window.showInformationMessage(vscode.l10n.t('Select a variable in the Environment Variables view.'));
  return undefined;
}

export function registerReadValue(context: vscode.ExtensionContext, deps: EnvDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EnvCommands.copyValue, async (arg?: unknown): Promise<boolean> => {
      const node = varNodeOf(arg);
      if (!node) return noRow() ?? false;
      const value = await readValue(node, deps, vscode.l10n.t('Could not copy the value of {0}', node.env.key));
      if (value === undefined) return false;
      await vscode.env.clipboard.writeText(value);
      deps.log.info(`Copied the value of ${node.env.key} (${node.env.id})`);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the value of {0}', node.env.key), 3000);
      return true;
    }),
    vscode.commands.registerCommand(EnvCommands.reveal, async (arg?: unknown): Promise<boolean> => {
      const node = varNodeOf(arg);
      if (!node) return noRow() ?? false;
      const value = await readValue(node, deps, vscode.l10n.t('Could not reveal the value of {0}', node.env.key));
      if (value === undefined) return false;
      deps.tree.reveal(node.env.id, value);
      deps.log.info(`Revealed the value of ${node.env.key} (${node.env.id}) for 30 s`);
      return true;
    }),
  );
}

export type { EnvVar };
