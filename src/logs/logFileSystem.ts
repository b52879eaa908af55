/**
 * Build logs as documents: `vercel-log:/dpl_…/<label>.log`, served by a file
 * system provider registered read-only, so no edit reaches them (typing,
 * `workspace.applyEdit`, save). Reading a log starts its follower; each time
 * the follower's model grows, one change event makes VS Code read the text
 * again, which it applies as an edit at the end (the view keeps its place).
 */
import * as vscode from 'vscode';
import { LOG_SCHEME } from '../constants';
import { errorText } from '../deployments/labels';
import type { DeploymentRef } from '../deployments/ref';
import type { LogFollower, LogFollowers } from './follower';
import { LogModel } from './model';
import { ReadonlyFileSystem, type GuardedFileSystem } from '../util/readonlyFileSystem';
import { refOfLogPath } from './uri';

interface Rendered {
  readonly version: number;
  readonly timestamps: boolean;
  readonly text: string;
  readonly bytes: Uint8Array;
  /** Lines above the log's own first line (an error or a waiting note). */
  readonly headerLines: number;
  readonly ctime: number;
  readonly mtime: number;
}

export interface LogFileSystemOptions {
  readonly timestamps: () => boolean;
}

const encoder = new TextEncoder();

export function refOfLogUri(uri: vscode.Uri): DeploymentRef | undefined {
  return uri.scheme === LOG_SCHEME ? refOfLogPath(uri.path, uri.query) : undefined;
}

export class LogFileSystem extends ReadonlyFileSystem implements GuardedFileSystem {
  private readonly rendered = new Map<string, Rendered>();
  /** The URIs each deployment's log was read under (labels may differ), for change events. */
  private readonly uris = new Map<string, Map<string, vscode.Uri>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  constructor(
    private readonly followers: LogFollowers,
    private readonly options: LogFileSystemOptions,
  ) {
    super();
    this.disposables.push({ dispose: followers.onDidChange((f) => this.announce(f.ref.id)).dispose });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const r = await this.read(uri);
    return { type: vscode.FileType.File, ctime: r.ctime, mtime: r.mtime, size: r.bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.read(uri)).bytes;
  }

  /** Lines the document shows above the model's first line. */
  headerLines(id: string): number {
    return this.rendered.get(id)?.headerLines ?? 0;
  }

  /** Every URI a deployment's log was opened under. */
  urisOf(id: string): readonly vscode.Uri[] {
    return [...(this.uris.get(id)?.values() ?? [])];
  }

  served(uri: vscode.Uri): string | undefined {
    const ref = refOfLogUri(uri);
    return ref && this.rendered.get(ref.id)?.text;
  }

  touch(uri: vscode.Uri): void {
    const ref = refOfLogUri(uri);
    const before = ref && this.rendered.get(ref.id);
    if (!ref || !before) return;
    this.rendered.set(ref.id, { ...before, mtime: this.nextMtime() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Renders again (timestamps toggled) and tells VS Code. */
  refreshAll(): void {
    this.rendered.clear();
    for (const id of this.uris.keys()) this.announce(id);
  }

  /** Forgets a log closed for good. */
  forget(id: string): void {
    this.rendered.delete(id);
    this.uris.delete(id);
  }

  /** Tells VS Code about this URI whenever its deployment's log changes. */
  track(uri: vscode.Uri): void {
    const ref = refOfLogUri(uri);
    if (!ref) return;
    let known = this.uris.get(ref.id);
    if (!known) {
      known = new Map();
      this.uris.set(ref.id, known);
    }
    known.set(uri.toString(), uri);
  }

  private async read(uri: vscode.Uri): Promise<Rendered> {
    const ref = refOfLogUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    this.track(uri);
    const follower = this.followers.get(ref);
    // Only a log never started starts here: VS Code reads again after every change, and a failed
    // or closed log must not start over by itself (Retry and Show Build Logs do that).
    if (follower.status === 'loading') follower.start();
    await follower.firstContent;
    return this.render(follower);
  }

  private render(follower: LogFollower): Rendered {
    const timestamps = this.options.timestamps();
    const id = follower.ref.id;
    const before = this.rendered.get(id);
    if (before && before.version === follower.version && before.timestamps === timestamps) return before;
    const header = headerOf(follower);
    const body = follower.model.lines.length > 0 ? follower.model.render({ timestamps, timeZone: this.timeZone }) : '';
    const text = header === undefined ? body : body === '' ? `${header}\n` : `${header}\n${body}`;
    const mtime = this.nextMtime();
    const rendered: Rendered = {
      version: follower.version,
      timestamps,
      text,
      bytes: encoder.encode(text),
      headerLines: header === undefined ? 0 : 1,
      ctime: before?.ctime ?? mtime,
      mtime,
    };
    this.rendered.set(id, rendered);
    return rendered;
  }

  private announce(id: string): void {
    const uris = this.uris.get(id);
    if (!uris || uris.size === 0) return;
    this.changed.fire([...uris.values()].map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
  }

  override dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    super.dispose();
  }
}

/** The line above the log: why it could not load, or why it is still empty. */
function headerOf(follower: LogFollower): string | undefined {
  const empty = follower.model.lines.length === 0;
  switch (follower.status) {
    case 'failed':
      return `⚠ ${vscode.l10n.t('Could not load the build log: {0}. Use Retry above or in the editor title to try again.', oneLine(errorText(follower.error)))}`;
    case 'following':
    case 'reconnecting':
    case 'loading':
      return empty ? vscode.l10n.t('Waiting for the build to write its first line…') : undefined;
    case 'done':
    case 'stopped':
      return empty ? vscode.l10n.t('This deployment has no build output.') : undefined;
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Columns a provider adds to a model column: the timestamp prefix, when shown. */
export function prefixWidth(timestamps: boolean): number {
  return LogModel.timestampPrefixWidth(timestamps);
}
