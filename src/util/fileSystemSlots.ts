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
