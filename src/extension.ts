import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Composition root: filled in as the parts land.
}

export function deactivate(): void {}
