/**
 * What the documents that grow while they are open share (build logs,
 * runtime logs): a read-only file system whose file is one deployment's text
 * as it is now. Each time the text changes, one change event makes VS Code
 * read it again, which it applies as an edit (the view keeps its place). The
 * text is rendered once per version and kept, since VS Code reads it again
 * after every change event, and on every stat.
 *
 * A deployment may be open under several URIs (the label part of the path
 * titles the tab and may differ): each is told about every change.
 */
import * as vscode from 'vscode';
import { ReadonlyFileSystem, type GuardedFileSystem } from './readonlyFileSystem';

/** A document's text as one version of it renders. */
export interface LiveText {
  readonly text: string;
  /** Lines shown above the content's own first line (a notice, an error). */
  readonly headerLines: number;
}

interface Rendered extends LiveText {
  readonly version: string;
  readonly bytes: Uint8Array;
  readonly ctime: number;
  readonly mtime: number;
}

const encoder = new TextEncoder();

export abstract class LiveTextFileSystem extends ReadonlyFileSystem implements GuardedFileSystem {
  private readonly rendered = new Map<string, Rendered>();
  /** The URIs each document was read under, for change events. */
  private readonly uris = new Map<string, Map<string, vscode.Uri>>();

  /** The document a URI names (a deployment id), or undefined when it names none. */
  protected abstract idOf(uri: vscode.Uri): string | undefined;
  /** Makes sure there is something to show: starts loading, waits for the first content. */
  protected abstract prepare(uri: vscode.Uri, id: string): Promise<void>;
  /** Changes whenever the text would: a document is rendered again only when this differs. */
  protected abstract versionOf(id: string): string;
  protected abstract render(id: string): LiveText;

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const r = await this.read(uri);
    return { type: vscode.FileType.File, ctime: r.ctime, mtime: r.mtime, size: r.bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.read(uri)).bytes;
  }

  /** Lines the document shows above its content's first line. */
  headerLines(id: string): number {
    return this.rendered.get(id)?.headerLines ?? 0;
  }

  /** Every URI a document was opened under. */
  urisOf(id: string): readonly vscode.Uri[] {
    return [...(this.uris.get(id)?.values() ?? [])];
  }

  served(uri: vscode.Uri): string | undefined {
    const id = this.idOf(uri);
    return id === undefined ? undefined : this.rendered.get(id)?.text;
  }

  touch(uri: vscode.Uri): void {
    const id = this.idOf(uri);
    const before = id === undefined ? undefined : this.rendered.get(id);
    if (id === undefined || !before) return;
    this.rendered.set(id, { ...before, mtime: this.nextMtime() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Renders every document again (a setting that changes how they look) and tells VS Code. */
  refreshAll(): void {
    this.rendered.clear();
    for (const id of this.uris.keys()) this.announce(id);
  }

  /** Forgets a document closed for good. */
  forget(id: string): void {
    this.rendered.delete(id);
    this.uris.delete(id);
  }

  /** Tells VS Code about this URI whenever its document changes. */
  track(uri: vscode.Uri): void {
    const id = this.idOf(uri);
    if (id === undefined) return;
    let known = this.uris.get(id);
    if (!known) {
      known = new Map();
      this.uris.set(id, known);
    }
    known.set(uri.toString(), uri);
  }

  /** Says that a document changed: VS Code reads it again under every URI it has it open. */
  announce(id: string): void {
    const uris = this.uris.get(id);
    if (!uris || uris.size === 0) return;
    this.changed.fire([...uris.values()].map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
  }

  private async read(uri: vscode.Uri): Promise<Rendered> {
    const id = this.idOf(uri);
    if (id === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    this.track(uri);
    await this.prepare(uri, id);
    const version = this.versionOf(id);
    const before = this.rendered.get(id);
    if (before && before.version === version) return before;
    const { text, headerLines } = this.render(id);
    const mtime = this.nextMtime();
    const rendered: Rendered = { version, text, headerLines, bytes: encoder.encode(text), ctime: before?.ctime ?? mtime, mtime };
    this.rendered.set(id, rendered);
    return rendered;
  }
}
