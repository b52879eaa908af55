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
import { extensionContext, installVscodeShim, shimControl, type ShimContext, type WindowState } from './vscodeShim';

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

export interface HostOptions {
  /** The global and workspace state of an earlier window (a warm open); fresh ones otherwise. */
  readonly state?: WindowState;
  /** The branch the built-in Git extension reports checked out in the folder; no Git extension otherwise. */
  readonly gitBranch?: string;
  /** The linked folder of an earlier window (with `state`, the same workspace opened again). */
  readonly workspace?: string;
  /** The API origin the extension is pointed at (a counting proxy); the emulator's otherwise. */
  readonly apiUrl?: string;
  /** Called as soon as activate() returned, before its `ready` settles (to watch the first paint). */
  readonly onActivated?: (api: ExtensionApi) => void;
}

/** Activates `bundle` on a fresh folder linked to the emulator's team project, signed in. */
export async function hostExtension(bundle: string, info: EmulatorInfo, scratch: string, options: HostOptions = {}): Promise<HostedExtension & { readonly workspace: string }> {
  installVscodeShim();
  shimControl.reset();
  const workspace = options.workspace ?? createLinkedWorkspace(fs.mkdtempSync(path.join(scratch, 'workspace-')), info);
  shimControl.folders = [workspace];
  shimControl.gitBranch = options.gitBranch;
  shimControl.files = [path.join(workspace, '.vercel', 'project.json')];
  shimControl.settings.set('vercelDeployments.apiUrl', options.apiUrl ?? info.url);
  shimControl.secrets.set(SECRET_TOKEN_KEY, info.token);

  // A fresh module instance per host: nothing carries over from an earlier activation.
  // The features bundle too: it reads the shared modules of the activation bundle that loaded it.
  delete require.cache[bundle];
  delete require.cache[path.join(path.dirname(bundle), 'features.js')];
  const extension: unknown = Module.createRequire(bundle)(bundle);
  const activate = exportedFunction(extension, 'activate');
  if (!activate) throw new Error(`${bundle} exports no activate()`);
  const context = extensionContext(path.dirname(bundle), fs.mkdtempSync(path.join(scratch, 'storage-')), options.state);
  const api = activate(context);
  if (!isExtensionApi(api)) throw new Error('activate() did not return the extension API (store, scheduler, ready)');
  options.onActivated?.(api);
  await api.ready;

  return {
    api,
    context,
    workspace,
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
