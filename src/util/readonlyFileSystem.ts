/**
 * Read-only documents that stay read-only: the build logs (`vercel-log:`) and
 * the deployment JSON (`vercel-deployment:`) are served by file systems
 * registered read-only, which share what refuses writes here.
 *
 * A file system provider registered read-only stops typing, pasting and
 * saving, but VS Code still applies a `workspace.applyEdit` to the open
 * model. The guard takes such an edit back at once: the provider says the
 * file changed (a new mtime, the same bytes) and VS Code reads it again,
 * which puts the served text back.
 */
import * as vscode from 'vscode';

/** What both read-only file systems share: change events, mtimes that only grow, and refusals of every write. */
export abstract class ReadonlyFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  protected readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private lastMtime = 0;

  abstract stat(uri: vscode.Uri): Promise<vscode.FileStat>;
  abstract readFile(uri: vscode.Uri): Promise<Uint8Array>;

  /** Strictly increasing: VS Code reloads an open document only when its stat changes. */
  protected nextMtime(): number {
    this.lastMtime = Math.max(Date.now(), this.lastMtime + 1);
    return this.lastMtime;
  }

  watch(): vscode.Disposable {
    // Changes are announced by the file system itself; there is nothing to watch.
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(oldUri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

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
