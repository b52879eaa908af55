/**
 * Where a feature attaches the provider of a read-only file system whose
 * scheme was registered at activation (src/lazy.ts registers a stand-in, so
 * VS Code can ask for a document before the features bundle is loaded). The
 * features below the composition root see only this, never lazy.ts.
 */
import type * as vscode from 'vscode';

export interface FileSystemSlots {
  attach(scheme: string, provider: vscode.FileSystemProvider): vscode.Disposable;
}

/**
 * Where a feature attaches the provider of a tree view made at activation:
 * src/lazy.ts makes the view with a stand-in provider that loads the features
 * bundle only when VS Code first asks for the view's rows (when a person
 * expands it). The feature gets the view itself, for its events.
 */
export interface TreeSlots {
  attachTree<T>(viewId: string, provider: vscode.TreeDataProvider<T>): vscode.TreeView<T>;
}
