/**
 * Read-only documents that stay read-only. A file system provider registered
 * read-only stops typing, pasting and saving, but VS Code still applies a
 * `workspace.applyEdit` to the open model. This takes such an edit back at
 * once: the provider says the file changed (a new mtime, the same bytes) and
 * VS Code reads it again, which puts the served text back.
 */
import * as vscode from 'vscode';

export interface GuardedFileSystem {
  /** The text last served for `uri`, or undefined when it serves none yet. */
  served(uri: vscode.Uri): string | undefined;
  /** Announces `uri` as changed with a new mtime, so VS Code reads it again. */
  touch(uri: vscode.Uri): void;
}

export function registerReadonlyGuard(scheme: string, fileSystem: GuardedFileSystem): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document.uri.scheme !== scheme || e.contentChanges.length === 0) return;
    const served = fileSystem.served(e.document.uri);
    if (served !== undefined && !showsServed(e.document, e.contentChanges, served)) fileSystem.touch(e.document.uri);
  });
}

/**
 * Whether the document now holds the served text. A reload arrives as one
 * change (the appended lines, as VS Code diffs the new text against the old),
 * so that change and the length are compared, not the whole of a 10 MB log.
 */
function showsServed(doc: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[], served: string): boolean {
  const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
  if (length !== served.length) return false;
  const [change] = changes;
  if (changes.length !== 1 || !change) return doc.getText() === served;
  return served.startsWith(change.text, change.rangeOffset);
}
