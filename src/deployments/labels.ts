/**
 * Words a person reads about deployments and failures, translated. The pure
 * presentation module decides what to show; this one says it in the user's
 * language.
 */
import * as vscode from 'vscode';
import { VercelApiError, VercelError, VercelNetworkError, VercelSchemaError, VercelTimeoutError } from '../api/errors';
import { formatDuration } from '../util/time';
import type { BuildTiming } from './presentation';

export function stateLabel(state: string): string {
  switch (state) {
    case 'QUEUED':
      return vscode.l10n.t('Queued');
    case 'INITIALIZING':
      return vscode.l10n.t('Initializing');
    case 'BUILDING':
      return vscode.l10n.t('Building');
    case 'READY':
      return vscode.l10n.t('Ready');
    case 'ERROR':
      return vscode.l10n.t('Error');
    case 'CANCELED':
      return vscode.l10n.t('Canceled');
    case 'BLOCKED':
      return vscode.l10n.t('Blocked');
    case 'DELETED':
      return vscode.l10n.t('Deleted');
    default:
      return vscode.l10n.t('unknown ({0})', state);
  }
}

/** "Built in 1m 42s", "Building for 38s", "Failed after 2m 3s". */
export function buildTimingText(timing: BuildTiming, locale: string): string {
  return buildTimingTemplate(timing.state).split('{0}').join(formatDuration(timing.ms, locale));
}

/**
 * "Built in {0}", "Building for {0}", …, with `{0}` where the duration goes:
 * the details webview fills it in itself, counting on while the build runs.
 */
export function buildTimingTemplate(state: string): string {
  switch (state) {
    case 'QUEUED':
      return vscode.l10n.t('Queued for {0}', '{0}');
    case 'INITIALIZING':
      return vscode.l10n.t('Initializing for {0}', '{0}');
    case 'BUILDING':
      return vscode.l10n.t('Building for {0}', '{0}');
    case 'READY':
      return vscode.l10n.t('Built in {0}', '{0}');
    case 'ERROR':
      return vscode.l10n.t('Failed after {0}', '{0}');
    case 'CANCELED':
      return vscode.l10n.t('Canceled after {0}', '{0}');
    default:
      return '{0}';
  }
}

export function targetLabel(target: string | null | undefined): string {
  switch (target) {
    case 'production':
      return vscode.l10n.t('Production');
    case 'staging':
      return vscode.l10n.t('Staging');
    case null:
    case undefined:
      return vscode.l10n.t('Preview');
    default:
      return target;
  }
}

/** A failure in words fit for a notification; never holds the token. */
export function errorText(error: unknown): string {
  if (error instanceof VercelApiError) {
    if (error.apiMessage) {
      return error.apiMessage;
    }
    if (error.isRateLimited) {
      return vscode.l10n.t('Vercel rate limit reached (HTTP {0})', error.status);
    }
    if (error.status === 401 || error.status === 403) {
      return vscode.l10n.t('Not authorized (HTTP {0})', error.status);
    }
    if (error.status === 404) {
      return vscode.l10n.t('Not found (HTTP {0})', error.status);
    }
    return vscode.l10n.t('Vercel answered HTTP {0}', error.status);
  }
  if (error instanceof VercelNetworkError) {
    if (error.refusedByBrowser) return vscode.l10n.t("Vercel's API refused a request from the browser");
    return vscode.l10n.t('Cannot reach Vercel ({0})', error.message.replace(/^Network error: /, ''));
  }
  if (error instanceof VercelTimeoutError) {
    return vscode.l10n.t('Vercel did not answer within {0} s', Math.round(error.timeoutMs / 1000));
  }
  if (error instanceof VercelSchemaError) {
    return error.path === ''
      ? vscode.l10n.t('Unexpected response from {0}: {1}', error.endpoint, error.reason)
      : vscode.l10n.t('Unexpected response from {0}: {1}: {2}', error.endpoint, error.path, error.reason);
  }
  if (error instanceof VercelError) {
    return error.kind === 'signedOut' ? vscode.l10n.t('Not signed in to Vercel') : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Finishes a tooltip built with `appendText`, which escapes Markdown but not
 * `<`: raw angle brackets become entities, so text such as
 * `<img src=x onerror=…>` in a commit message shows literally.
 */
export function sealMarkdown(md: vscode.MarkdownString): vscode.MarkdownString {
  md.value = md.value.replace(/</g, '&lt;');
  return md;
}
