/**
 * How a deployment looks, as plain data: labels, icons, colours, capability
 * tokens. Pure (no vscode import), shared by the tree, the status bar and the
 * quick picks, and unit-tested in Node. Words a person reads are translated
 * by the callers, which own `vscode.l10n`.
 */
import { isInProgress, isKnown, LIST_READY_STATES, readyStateOf, type DeploymentListItem } from '../api/schemas';
import type { ViewState } from '../constants';

export type ListReadyState = (typeof LIST_READY_STATES)[number];

export interface StateVisual {
  /** Codicon id, as in `$(id)`. */
  readonly icon: string;
  /** Theme colour id. */
  readonly color: string;
  readonly known: boolean;
}

export const STATE_VISUALS = {
  QUEUED: { icon: 'loading~spin', color: 'testing.iconQueued', known: true },
  INITIALIZING: { icon: 'loading~spin', color: 'charts.blue', known: true },
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
  QUEUED: 'loading~spin',
  INITIALIZING: 'loading~spin',
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

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

/** "3 minutes ago", in the given locale. */
export function relativeTime(ms: number, now: number, locale = 'en'): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
    formatters.set(locale, formatter);
  }
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'second') {
      return formatter.format(Math.round(diff / size), unit);
    }
  }
  return formatter.format(0, 'second');
}

export interface ViewInputs {
  readonly signedIn: boolean | undefined;
  readonly linkedProjects: number;
  readonly anyLoaded: boolean;
  readonly anyDeployments: boolean;
  readonly anyError: boolean;
  readonly rateLimited: boolean;
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
  return i.anyLoaded ? 'empty' : 'loading';
}
