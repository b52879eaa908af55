/**
 * Loading the features bundle in Node's extension host: a require of the
 * file beside the activation bundle (esbuild.mjs keeps it as it is).
 * src/lazyLoad.web.ts does the same in the browser's web worker host.
 */
import type * as vscode from 'vscode';

export type FeaturesModule = typeof import('./features');

export function loadFeaturesModule(_context: vscode.ExtensionContext): FeaturesModule | Promise<FeaturesModule> {
  return require('./features.js') as FeaturesModule;
}
