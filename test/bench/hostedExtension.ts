/**
 * The production bundle, activated in this process under the vscode shim and
 * pointed at the emulator, the way a window opened on a linked folder with a
 * stored token would run it. Rows 4 (first paint), 6 (cancel) and 8
 * (lifecycle actions) read the real tree provider, status bar item and
 * commands through it.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { SECRET_TOKEN_KEY } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { EmulatorInfo } from '../emulator/server';
import { createLinkedWorkspace } from '../harness/workspace';
import { extensionContext, installVscodeShim, shimControl, type ShimContext } from './vscodeShim';

export interface HostedExtension {
  readonly api: ExtensionApi;
  readonly context: ShimContext;
  /** The Deployments view's top-level nodes, asked for as VS Code asks when it draws the view. */
  treeRoots(): unknown[];
  /** The status-bar item's text while it is shown. */
  statusBarText(): string | undefined;
  executeCommand(id: string, ...args: unknown[]): Promise<unknown>;
  dispose(): void;
}

function isExtensionApi(value: unknown): value is ExtensionApi {
  return typeof value === 'object' && value !== null && 'store' in value && 'scheduler' in value && 'ready' in value;
}

function exportedFunction(module: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (typeof module !== 'object' || module === null || !(name in module)) return undefined;
  const value: unknown = Reflect.get(module, name);
  return typeof value === 'function' ? (...args: unknown[]) => Reflect.apply(value, module, args) : undefined;
}

/** Activates `bundle` on a fresh folder linked to the emulator's team project, signed in. */
export async function hostExtension(bundle: string, info: EmulatorInfo, scratch: string): Promise<HostedExtension> {
  installVscodeShim();
  shimControl.reset();
  const workspace = createLinkedWorkspace(fs.mkdtempSync(path.join(scratch, 'workspace-')), info);
  shimControl.folders = [workspace];
  shimControl.files = [path.join(workspace, '.vercel', 'project.json')];
  shimControl.settings.set('vercelDeployments.apiUrl', info.url);
  shimControl.secrets.set(SECRET_TOKEN_KEY, info.token);

  // A fresh module instance per host: nothing carries over from an earlier activation.
  delete require.cache[bundle];
  const extension: unknown = Module.createRequire(bundle)(bundle);
  const activate = exportedFunction(extension, 'activate');
  if (!activate) throw new Error(`${bundle} exports no activate()`);
  const context = extensionContext(path.dirname(bundle), fs.mkdtempSync(path.join(scratch, 'storage-')));
  const api = activate(context);
  if (!isExtensionApi(api)) throw new Error('activate() did not return the extension API (store, scheduler, ready)');
  await api.ready;

  return {
    api,
    context,
    treeRoots() {
      const provider = shimControl.trees.get('vercelDeployments.deployments');
      if (!provider) throw new Error('the Deployments view has no tree data provider');
      const roots = provider.getChildren(undefined);
      return Array.isArray(roots) ? roots : [];
    },
    statusBarText() {
      return shimControl.statusBarItems.find((item) => item.visible)?.text;
    },
    async executeCommand(id, ...args) {
      const handler = shimControl.commands.get(id);
      if (!handler) throw new Error(`command ${id} is not registered`);
      return handler(...args);
    },
    dispose() {
      for (const disposable of context.subscriptions.splice(0)) disposable.dispose();
      exportedFunction(extension, 'deactivate')?.();
    },
  };
}

/** Waits, without a fake clock, until `condition` holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Nodes that name a deployment (tree items implement `deploymentRef`). */
export function deploymentNodes(nodes: readonly unknown[]): { node: unknown; id: string }[] {
  return nodes.flatMap((node) => {
    if (typeof node !== 'object' || node === null || !('deploymentRef' in node)) return [];
    const ref: unknown = node.deploymentRef;
    if (typeof ref !== 'object' || ref === null || !('id' in ref) || typeof ref.id !== 'string') return [];
    return [{ node, id: ref.id }];
  });
}
