/**
 * "Vercel: Filter Runtime Logs…" (also the runtime log's title bar): which
 * levels, sources and status classes, a part of the path and a text, one
 * step each, every step starting from the filter in force. It applies to the
 * history (asked of Vercel where request-logs takes it) and to the stream,
 * and the tab's title says it. Given a filter as its second argument (a
 * keybinding, a test), it applies it as is.
 */
import * as vscode from 'vscode';
import { Commands, RUNTIME_LOG_SCHEME } from '../constants';
import { toDeploymentRef, type DeploymentRef } from '../deployments/ref';
import { refOfRuntimeLogUri } from './fileSystem';
import { FILTER_LEVELS, FILTER_SOURCES, isFiltered, NO_FILTER, STATUS_CLASSES, toFilter, type FilterLevel, type FilterSource, type RuntimeLogFilter, type StatusClass } from './filter';

export interface FilterRuntimeLogsDeps {
  /** The filter of a deployment's open log. */
  readonly filterOf: (ref: DeploymentRef) => RuntimeLogFilter;
  readonly setFilter: (ref: DeploymentRef, filter: RuntimeLogFilter) => Promise<void>;
}

/** How filter values read in the picker and the tab's title. */
export function filterWords(): { levels: Record<FilterLevel, string>; sources: Record<FilterSource, string> } {
  return {
    levels: { error: vscode.l10n.t('errors'), warning: vscode.l10n.t('warnings'), info: vscode.l10n.t('info') },
    sources: { serverless: vscode.l10n.t('functions'), edge: vscode.l10n.t('edge'), middleware: vscode.l10n.t('middleware'), static: vscode.l10n.t('static') },
  };
}

type Toggle = vscode.QuickPickItem & ({ readonly level: FilterLevel } | { readonly source: FilterSource } | { readonly status: StatusClass });

const STEPS = 3;

async function askFilter(now: RuntimeLogFilter): Promise<RuntimeLogFilter | undefined> {
  const title = (step: number) => `${vscode.l10n.t('Filter Runtime Logs')} (${step}/${STEPS})`;
  const words = filterWords();
  const separator = (label: string): vscode.QuickPickItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items: (Toggle | vscode.QuickPickItem)[] = [
    separator(vscode.l10n.t('Level')),
    ...FILTER_LEVELS.map((level) => ({ label: words.levels[level], level, picked: now.levels.includes(level) })),
    separator(vscode.l10n.t('Source')),
    ...FILTER_SOURCES.map((source) => ({ label: words.sources[source], source, picked: now.sources.includes(source) })),
    separator(vscode.l10n.t('Status')),
    ...STATUS_CLASSES.map((status) => ({ label: status, status, picked: now.statuses.includes(status) })),
  ];
  const picked = await vscode.window.showQuickPick(items as Toggle[], {
    title: title(1),
    placeHolder: vscode.l10n.t('Only these levels, sources and statuses (none chosen in a group: all of it)'),
    canPickMany: true,
  });
  if (!picked) return undefined;
  const path = await vscode.window.showInputBox({
    title: title(2),
    prompt: vscode.l10n.t('Only requests whose path contains (empty: any path)'),
    placeHolder: '/api/checkout',
    value: now.path,
  });
  if (path === undefined) return undefined;
  const text = await vscode.window.showInputBox({
    title: title(3),
    prompt: vscode.l10n.t('Only lines containing this text (empty: any text)'),
    placeHolder: 'TypeError',
    value: now.text,
  });
  if (text === undefined) return undefined;
  return {
    levels: picked.flatMap((p) => ('level' in p ? [p.level] : [])),
    sources: picked.flatMap((p) => ('source' in p ? [p.source] : [])),
    statuses: picked.flatMap((p) => ('status' in p ? [p.status] : [])),
    path: path.trim(),
    text: text.trim(),
  };
}

/** A filter given as an argument (a keybinding, a test): an object with a filter's fields and nothing else. */
function isFilterArgument(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => ['levels', 'sources', 'statuses', 'path', 'text'].includes(k));
}

/** The runtime log a command is about: its argument (a ref, the editor title's URI), else the active editor's. */
export function runtimeLogRef(arg: unknown): DeploymentRef | undefined {
  if (arg instanceof vscode.Uri) return refOfRuntimeLogUri(arg);
  const ref = toDeploymentRef(arg);
  if (ref) return ref;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === RUNTIME_LOG_SCHEME ? refOfRuntimeLogUri(active) : undefined;
}

export function registerFilterRuntimeLogs(context: vscode.ExtensionContext, deps: FilterRuntimeLogsDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.filterRuntimeLogs, async (arg?: unknown, given?: unknown) => {
      const ref = runtimeLogRef(arg);
      if (!ref) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a runtime log first (Vercel: Show Runtime Logs), then filter it.'));
        return false;
      }
      // The editor title passes (uri, { groupId, editorIndex }): only a filter's own fields make a filter argument.
      const filter = given === null ? NO_FILTER : isFilterArgument(given) ? toFilter(given) : await askFilter(deps.filterOf(ref));
      if (!filter) return false;
      await deps.setFilter(ref, isFiltered(filter) ? filter : NO_FILTER);
      return true;
    }),
  );
}
