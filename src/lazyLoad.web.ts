/**
 * Loading the features bundle in the browser's web worker extension host
 * (vscode.dev, github.dev), where `require` knows only 'vscode': the bundle's
 * text is read from the extension's folder and evaluated the way the
 * extension host evaluates an extension (a CommonJS function), with a require
 * that gives it 'vscode' and the activation bundle's shared modules.
 */
import * as vscode from 'vscode';
import { provideDeferred } from './api/deferredStandIns';
import type { FeaturesModule } from './lazyLoad';

let coreModules: unknown;

/** The activation bundle's table of shared modules (esbuild.mjs, activationEntry, calls this at load). */
export function provideCoreModules(table: unknown): void {
  coreModules = table;
}

/** The extension's own files: over http(s) on vscode.dev, through the workspace's file systems elsewhere (a remote's). */
async function readOwnFile(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return vscode.workspace.fs.readFile(uri);
}

export async function loadFeaturesModule(context: vscode.ExtensionContext): Promise<FeaturesModule> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'features.js');
  const source = new TextDecoder().decode(await readOwnFile(uri));
  const module: { exports: unknown } = { exports: {} };
  const requireShim = (id: string): unknown => {
    if (id === 'vscode') return vscode;
    if (id === './extension.js') return { __modules: coreModules };
    throw new Error(`the features bundle asked for '${id}', which a browser cannot load`);
  };
  // The extension host evaluates extensions the same way (its CSP allows it); sourceURL names it in stack traces.
  const evaluate = new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${uri.toString(true)}`) as (
    module: { exports: unknown },
    exports: unknown,
    require: (id: string) => unknown,
  ) => void;
  evaluate(module, module.exports, requireShim);
  const loaded = module.exports as FeaturesModule;
  provideDeferred(loaded);
  return loaded;
}
