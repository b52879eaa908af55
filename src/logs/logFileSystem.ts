/**
 * Build logs as documents: `vercel-log:/dpl_…/<label>.log`, served by a file
 * system provider registered read-only, so no edit reaches them (typing,
 * `workspace.applyEdit`, save). Reading a log starts its follower; each time
 * the follower's model grows, one change event makes VS Code read the text
 * again (util/liveTextFileSystem.ts, which the runtime logs share).
 */
import * as vscode from 'vscode';
import { LOG_SCHEME } from '../constants';
import { errorText } from '../deployments/labels';
import type { DeploymentRef } from '../deployments/ref';
import type { LogFollower, LogFollowers } from './follower';
import { LogModel } from './model';
import { LiveTextFileSystem, type LiveText } from '../util/liveTextFileSystem';
import { refOfLogPath } from './uri';

export interface LogFileSystemOptions {
  readonly timestamps: () => boolean;
}

export function refOfLogUri(uri: vscode.Uri): DeploymentRef | undefined {
  return uri.scheme === LOG_SCHEME ? refOfLogPath(uri.path, uri.query) : undefined;
}

export class LogFileSystem extends LiveTextFileSystem {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  constructor(
    private readonly followers: LogFollowers,
    private readonly options: LogFileSystemOptions,
  ) {
    super();
    this.disposables.push({ dispose: followers.onDidChange((f) => this.announce(f.ref.id)).dispose });
  }

  protected idOf(uri: vscode.Uri): string | undefined {
    return refOfLogUri(uri)?.id;
  }

  protected async prepare(uri: vscode.Uri): Promise<void> {
    const ref = refOfLogUri(uri);
    if (!ref) return;
    const follower = this.followers.get(ref);
    // Only a log never started starts here: VS Code reads again after every change, and a failed
    // or closed log must not start over by itself (Retry and Show Build Logs do that).
    if (follower.status === 'loading') follower.start();
    await follower.firstContent;
  }

  protected versionOf(id: string): string {
    return `${this.followers.find(id)?.version ?? -1}:${this.options.timestamps()}`;
  }

  protected render(id: string): LiveText {
    const follower = this.followers.find(id);
    if (!follower) return { text: '', headerLines: 0 };
    const header = headerOf(follower);
    const body = follower.model.lines.length > 0 ? follower.model.render({ timestamps: this.options.timestamps(), timeZone: this.timeZone }) : '';
    const text = header === undefined ? body : body === '' ? `${header}\n` : `${header}\n${body}`;
    return { text, headerLines: header === undefined ? 0 : 1 };
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
