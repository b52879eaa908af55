/**
 * Runtime logs as documents: `vercel-runtime-log:/dpl_…/<label>.log?teamId=…`,
 * served read-only on the base the build logs use (util/liveTextFileSystem.ts):
 * each time the follower's model changes, one change event makes VS Code
 * read the text again. The first line is always the log's state (loading,
 * live, reconnecting, paused, why it stopped), so what the lines below point
 * at never moves when the state does.
 */
import * as vscode from 'vscode';
import { VercelApiError } from '../api/errors';
import { RUNTIME_LOG_SCHEME } from '../constants';
import { refOfLogPath } from '../deployments/documentPath';
import { errorText } from '../deployments/labels';
import type { DeploymentRef } from '../deployments/ref';
import { formatTime } from '../util/time';
import { LiveTextFileSystem, type LiveText } from '../util/liveTextFileSystem';
import type { RuntimeLogFollower, RuntimeLogFollowers } from './follower';

/** The state line above the log. */
export const HEADER_LINES = 1;

export function refOfRuntimeLogUri(uri: vscode.Uri): DeploymentRef | undefined {
  return uri.scheme === RUNTIME_LOG_SCHEME ? refOfLogPath(uri.path, uri.query) : undefined;
}

export class RuntimeLogFileSystem extends LiveTextFileSystem {
  private readonly subscription: { dispose(): void };

  constructor(private readonly followers: RuntimeLogFollowers) {
    super();
    this.subscription = followers.onDidChange((f) => this.announce(f.ref.id));
  }

  protected idOf(uri: vscode.Uri): string | undefined {
    return refOfRuntimeLogUri(uri)?.id;
  }

  protected async prepare(uri: vscode.Uri): Promise<void> {
    const ref = refOfRuntimeLogUri(uri);
    if (!ref) return;
    const follower = this.followers.get(ref);
    // Only a log never started starts here: VS Code reads again after every change, and a closed,
    // paused or failed log must not start over by itself (focus, Retry and Show Runtime Logs do that).
    if (follower.status === 'loading' && !follower.running) follower.start();
    await follower.firstContent;
  }

  protected versionOf(id: string): string {
    return String(this.followers.find(id)?.version ?? -1);
  }

  protected render(id: string): LiveText {
    const follower = this.followers.find(id);
    if (!follower) return { text: '', headerLines: 0 };
    // An empty last line: where the caret waits for what comes next, on no word (VS Code would highlight every occurrence of one).
    const body = follower.model.lines.length > 0 ? `${follower.model.render()}\n` : '';
    return { text: `${headerOf(follower)}\n${body}`, headerLines: HEADER_LINES };
  }

  override dispose(): void {
    this.subscription.dispose();
    super.dispose();
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 500);
}

/** Why Vercel refused, and what to do about it. */
function failure(error: unknown): string {
  if (error instanceof VercelApiError && error.status === 403) {
    return vscode.l10n.t(
      '⚠ Vercel refused this deployment\'s runtime logs (HTTP 403: {0}): the plan or your role in the team may not include them. Check the project\'s Logs on vercel.com, or use Retry above.',
      oneLine(errorText(error)),
    );
  }
  if (error instanceof VercelApiError && (error.status === 404 || error.status === 410)) {
    return vscode.l10n.t(
      '⚠ Vercel has no runtime logs for this deployment (HTTP {0}: {1}): it may have been deleted, or your token cannot see it. Use Retry above, or Vercel: Set Token.',
      error.status,
      oneLine(errorText(error)),
    );
  }
  return vscode.l10n.t('⚠ Could not follow the runtime logs: {0}. Use Retry above or in the editor title to try again.', oneLine(errorText(error)));
}

/** The log's first line: its state, and what is missing from it (history, a READY deployment). */
export function headerOf(follower: RuntimeLogFollower): string {
  const locale = vscode.env.language;
  let state: string;
  switch (follower.status) {
    case 'failed':
      return failure(follower.error);
    case 'loading':
      state = vscode.l10n.t('── Loading the last hour…');
      break;
    case 'live':
      state = follower.model.lines.length === 0 ? vscode.l10n.t('── Live: no requests in the last hour yet; new lines appear below as functions write them.') : vscode.l10n.t('── Live: new lines appear below as functions write them.');
      break;
    case 'reconnecting':
      state =
        follower.retryAt !== undefined
          ? vscode.l10n.t('── Reconnecting: following again at {0}; lines written meanwhile will be caught up.', formatTime(follower.retryAt, locale))
          : vscode.l10n.t('── Reconnecting…');
      break;
    case 'paused':
      state = vscode.l10n.t('⏸ Paused at {0} while the window was in the background: focus it to catch up and follow again.', formatTime(follower.pausedAt ?? Date.now(), locale));
      break;
    case 'stopped':
      state = vscode.l10n.t('── Stopped: Show Runtime Logs follows it again.');
      break;
  }
  const notes: string[] = [];
  if (follower.historyError !== undefined) notes.push(vscode.l10n.t('History is unavailable ({0}): lines start from when the log was opened.', oneLine(errorText(follower.historyError))));
  const readyState = follower.readyState;
  if (readyState !== undefined && readyState !== 'READY') notes.push(vscode.l10n.t('This deployment is {0}: its functions log once it is READY.', readyState));
  return notes.length > 0 ? `${state} ${notes.join(' ')}` : state;
}
