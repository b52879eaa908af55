/**
 * How a deployment looks, as plain data: labels, icons, colours, capability
 * tokens. Pure (no vscode import), shared by the tree, the status bar and the
 * quick picks, and unit-tested in Node. Words a person reads are translated
 * by the callers, which own `vscode.l10n`.
 */
import { isInProgress, isKnown, LIST_READY_STATES, readyStateOf, type DeploymentListItem } from '../api/schemas';
import type { ViewState } from '../constants';
import { actionTokens, canShowRuntimeLogs, isCurrent, type ProductionView } from './capabilities';
import { formatAge, formatRelative } from '../util/time';

export type ListReadyState = (typeof LIST_READY_STATES)[number];

export interface StateVisual {
  /** Codicon id, as in `$(id)`. */
  readonly icon: string;
  /** Theme colour id. */
  readonly color: string;
  readonly known: boolean;
}

/**
 * A different glyph for every state, so colour is never the only signal
 * (high-contrast themes draw many of these colours alike): Error is a
 * crossed circle, Canceled a slashed one.
 */
export const STATE_VISUALS = {
  QUEUED: { icon: 'watch', color: 'testing.iconQueued', known: true },
  INITIALIZING: { icon: 'sync~spin', color: 'charts.blue', known: true },
  BUILDING: { icon: 'loading~spin', color: 'charts.yellow', known: true },
  READY: { icon: 'pass-filled', color: 'testing.iconPassed', known: true },
  ERROR: { icon: 'error', color: 'testing.iconFailed', known: true },
  CANCELED: { icon: 'circle-slash', color: 'disabledForeground', known: true },
  BLOCKED: { icon: 'shield', color: 'charts.orange', known: true },
  DELETED: { icon: 'trash', color: 'disabledForeground', known: true },
} as const satisfies Record<ListReadyState, StateVisual>;

export const UNKNOWN_STATE_VISUAL: StateVisual = { icon: 'question', color: 'charts.purple', known: false };

export function stateVisual(state: string): StateVisual {
  return isKnown(LIST_READY_STATES, state) ? STATE_VISUALS[state] : UNKNOWN_STATE_VISUAL;
}

/** Status-bar codicons: a steady glyph except while work is under way. */
export const STATUS_BAR_ICONS = {
  QUEUED: 'watch',
  INITIALIZING: 'sync~spin',
  BUILDING: 'loading~spin',
  READY: 'check',
  ERROR: 'error',
  CANCELED: 'circle-slash',
  BLOCKED: 'shield',
  DELETED: 'trash',
} as const satisfies Record<ListReadyState, string>;

export function statusBarIcon(state: string): string {
  return isKnown(LIST_READY_STATES, state) ? STATUS_BAR_ICONS[state] : 'question';
}

type Meta = Readonly<Record<string, string>> | undefined;

function firstOf(meta: Meta, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = meta?.[key];
    if (value !== undefined && value !== '') {
      return value;
    }
  }
  return undefined;
}

export function commitMessage(d: { meta?: Meta }): string | undefined {
  return firstOf(d.meta, ['githubCommitMessage', 'gitlabCommitMessage', 'bitbucketCommitMessage']);
}

export function branchOf(d: { meta?: Meta }): string | undefined {
  return firstOf(d.meta, ['githubCommitRef', 'gitlabCommitRef', 'bitbucketCommitRef']);
}

export function commitShaOf(d: { meta?: Meta }): string | undefined {
  return firstOf(d.meta, ['githubCommitSha', 'gitlabCommitSha', 'bitbucketCommitSha']);
}

export function commitAuthorOf(d: { meta?: Meta }): string | undefined {
  return firstOf(d.meta, [
    'githubCommitAuthorName',
    'githubCommitAuthorLogin',
    'gitlabCommitAuthorName',
    'gitlabCommitAuthorLogin',
    'bitbucketCommitAuthorName',
  ]);
}

/** The first non-empty line, shortened to `max` characters. */
export function firstLine(text: string, max = 80): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `dpl_AbCdEfGh1234` → `AbCdEfGh1`: short enough for a tab or a sentence, as the dashboard shortens ids. */
export function shortId(id: string): string {
  return id.replace(/^dpl_/, '').slice(0, 9);
}

/** The first line of its commit message, at most `max` characters; '' when it has none. */
export function commitLine(d: { meta?: Meta }, max: number): string {
  const message = commitMessage(d);
  return message === undefined ? '' : firstLine(message, max);
}

/** The first line of its commit message, else its short id: how a person tells deployments apart in a sentence. */
export function deploymentName(d: { readonly uid: string; meta?: Meta }, max = 60): string {
  return commitLine(d, max) || shortId(d.uid);
}

/** First line of the commit message, else the deployment's host. */
export function deploymentLabel(d: DeploymentListItem): string {
  const message = commitMessage(d);
  const line = message === undefined ? '' : firstLine(message);
  return line !== '' ? line : d.url;
}

export function isProduction(d: { target?: string | null | undefined }): boolean {
  return d.target === 'production';
}

/**
 * Capability tokens for `contextValue`; menus match them with
 * `viewItem =~ /\bcancellable\b/`, so order never matters.
 */
export function contextValueOf(d: DeploymentListItem): string {
  const tokens = ['deployment'];
  if (isInProgress(readyStateOf(d))) {
    tokens.push('cancellable');
  }
  if (readyStateOf(d) === 'ERROR') {
    // Its build log is one click away (Show Build Logs inline).
    tokens.push('failed');
  }
  if (canShowRuntimeLogs(d)) {
    // Show Runtime Logs in its menu.
    tokens.push('hasRuntimeLogs');
  }
  if (d.url !== '') {
    tokens.push('hasUrl');
  }
  if (d.inspectorUrl) {
    tokens.push('hasInspector');
  }
  if (isProduction(d)) {
    tokens.push('production');
  }
  return tokens.join(' ');
}

export interface ViewInputs {
  readonly signedIn: boolean | undefined;
  readonly linkedProjects: number;
  readonly anyLoaded: boolean;
  readonly anyDeployments: boolean;
  readonly anyError: boolean;
  readonly rateLimited: boolean;
  /** A filter narrows the list: an empty list then means "nothing matches", not "no deployments". */
  readonly filtered?: boolean;
}

/** What the view shows when it has no rows to show; `ready` when it has some. */
export function viewStateOf(i: ViewInputs): ViewState {
  if (i.signedIn === undefined) {
    return 'loading';
  }
  if (!i.signedIn) {
    return 'signedOut';
  }
  if (i.linkedProjects === 0) {
    return 'noProject';
  }
  if (i.anyDeployments) {
    return 'ready';
  }
  if (i.rateLimited) {
    return 'rateLimited';
  }
  if (i.anyError) {
    return 'error';
  }
  if (!i.anyLoaded) {
    return 'loading';
  }
  return i.filtered === true ? 'filteredEmpty' : 'empty';
}

/** How long a build took, or has been running: the tooltip, status bar and pickers say it in words. */
export interface BuildTiming {
  /** `running`: still queued or building, for `ms`; `finished`: took `ms` to reach its state. */
  readonly phase: 'running' | 'finished';
  readonly state: string;
  readonly ms: number;
}

/** The times a build is counted from: a list item's or a full deployment's (whose `created` is `createdAt`). */
export interface BuildTimes {
  readonly created: number;
  readonly buildingAt?: number | undefined;
  readonly ready?: number | undefined;
  readonly canceledAt?: unknown;
  readonly buildErrorAt?: unknown;
}

/**
 * When a build started (or was created, while queued) and, once it is over,
 * ended: a cancel at its cancel, a failure when the build failed (else when
 * it was marked ready), anything else finished when ready. No end while it
 * runs, nor when the end it names is missing or before the start.
 */
export function buildSpan(d: BuildTimes, state: string): { readonly start: number; readonly end: number | undefined } {
  const start = state === 'QUEUED' || state === 'INITIALIZING' ? d.created : (d.buildingAt ?? d.created);
  const candidates = state === 'CANCELED' ? [d.canceledAt] : state === 'ERROR' ? [d.buildErrorAt, d.ready] : isInProgress(state) ? [] : [d.ready];
  const end = candidates.find((t): t is number => typeof t === 'number' && Number.isFinite(t) && t >= start);
  return { start, end };
}

/**
 * A running build counts from when it started building (or was created, while
 * queued); a finished one from the start of its build to its end. States
 * without an end time (an ERROR list item without one, BLOCKED) have no timing.
 */
export function buildTiming(d: BuildTimes & { readonly readyState?: string | undefined; readonly state?: string | undefined }, now: number): BuildTiming | undefined {
  const state = readyStateOf(d);
  const { start, end } = buildSpan(d, state);
  if (state === 'QUEUED' || state === 'INITIALIZING' || state === 'BUILDING') {
    return { phase: 'running', state, ms: now - start };
  }
  if ((state === 'READY' || state === 'ERROR' || state === 'CANCELED') && end !== undefined) {
    return { phase: 'finished', state, ms: end - start };
  }
  return undefined;
}

/** Everything a deployment row shows, as data: two equal models draw the same row. */
export interface RowModel {
  readonly state: string;
  /** First line of the commit message, else the host. */
  readonly title: string;
  /** Compact age: "5m". */
  readonly age: string;
  /** "5 minutes ago", for the accessible label. */
  readonly ago: string;
  readonly branch: string | undefined;
  readonly target: string | null | undefined;
  readonly production: boolean;
  /** It serves production right now. */
  readonly current: boolean;
  /** The domains it serves, when current. */
  readonly servedDomains: readonly string[];
  readonly contextValue: string;
  /** What only the tooltip shows; part of the model so that a change there refreshes the row. */
  readonly detail: string;
}

export function rowModel(
  d: DeploymentListItem,
  now: number,
  locale: string,
  production?: (ProductionView & { readonly domains?: readonly string[] }) | undefined,
): RowModel {
  const current = isCurrent(d, production);
  return {
    state: readyStateOf(d),
    title: deploymentLabel(d),
    age: formatAge(d.created, now, locale),
    ago: formatRelative(d.created, now, locale),
    branch: branchOf(d),
    target: d.target,
    production: isProduction(d),
    current,
    servedDomains: current ? (production?.domains ?? []) : [],
    contextValue: [contextValueOf(d), ...actionTokens(d, production)].join(' '),
    detail: JSON.stringify([
      d.url,
      d.inspectorUrl,
      commitMessage(d),
      commitShaOf(d),
      commitAuthorOf(d),
      d.creator,
      d.buildingAt,
      d.ready,
      (d as { canceledAt?: unknown }).canceledAt,
      d.errorCode,
      d.errorMessage,
      d.readySubstate,
    ]),
  };
}
