/**
 * Runtime logs: the `vercel-runtime-log` documents (what a deployment's
 * functions print, the last hour then live), their follower, the language's
 * providers, runtime errors in the Problems panel, and the commands. One call
 * wires it all into the extension; everything here is in the features
 * bundle, loaded the first time someone opens a runtime log.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { readyStateOf } from '../api/schemas';
import type { TokenStore } from '../auth/tokenStore';
import { Commands, ContextKeys, RUNTIME_LOG_LANGUAGE, RUNTIME_LOG_SCHEME } from '../constants';
import type { DeploymentFolders } from '../deployments/deploymentFolders';
import { logPath, logQuery } from '../deployments/documentPath';
import { commitLine, shortId } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';
import type { FileSystemSlots } from '../util/fileSystemSlots';
import { registerReadonlyGuard } from '../util/readonlyFileSystem';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { RuntimeProblems } from './diagnostics';
import { describeFilter, isFiltered, NO_FILTER, type RuntimeLogFilter } from './filter';
import { filterWords, registerFilterRuntimeLogs, runtimeLogRef } from './filterRuntimeLogs';
import { FrameFiles } from './frameFiles';
import { HEADER_LINES, RuntimeLogFileSystem, refOfRuntimeLogUri } from './fileSystem';
import { RuntimeLogFollowers, type RuntimeLogFollower } from './follower';
import { registerRuntimeLogProviders } from './providers';
import { registerShowRuntimeLogs } from './showRuntimeLogs';
import { openTabUris, tabColumnOf } from '../util/editorTabs';

export interface RuntimeLogsDeps {
  readonly client: VercelClient;
  readonly store: DeploymentStore;
  readonly links: LinkedProjects;
  readonly tokens: TokenStore;
  readonly log: vscode.LogOutputChannel;
  readonly fileSystems: FileSystemSlots;
  /** Where a deployment's files are in the workspace (shared with the build logs). */
  readonly folders: DeploymentFolders;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
}

/** What the integration tests and benchmarks read; not a public API. */
export interface RuntimeLogsApi {
  readonly followers: RuntimeLogFollowers;
  readonly problems: RuntimeProblems;
  open(ref: DeploymentRef): Promise<vscode.TextEditor>;
  setFilter(ref: DeploymentRef, filter: RuntimeLogFilter): Promise<void>;
  /** How long the window may be in the background before the logs pause (tests shorten it). */
  pauseAfterMs: number;
}

/** A window in the background this long stops following: nobody reads a log they cannot see, and streams cost. */
export const PAUSE_AFTER_MS = 5 * 60_000;

export function registerRuntimeLogs(context: vscode.ExtensionContext, deps: RuntimeLogsDeps): RuntimeLogsApi {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const followers = new RuntimeLogFollowers({
    client: deps.client,
    known: (id) => {
      const hit = deps.store.find(id);
      return hit ? { projectId: hit.project.project.projectId, ownerId: hit.project.project.orgId, readyState: readyStateOf(hit.deployment) } : undefined;
    },
    log: deps.log,
    timeZone,
  });
  const fileSystem = new RuntimeLogFileSystem(followers);
  const frames = new FrameFiles(deps.folders);
  const documents = new RuntimeLogDocuments(deps.store, followers, fileSystem);
  const problems = new RuntimeProblems({ followers, frames, store: deps.store, logUri: (ref) => documents.uriOf(ref), log: deps.log });
  context.subscriptions.push(
    followers,
    fileSystem,
    documents,
    problems,
    deps.fileSystems.attach(RUNTIME_LOG_SCHEME, fileSystem),
    registerReadonlyGuard(RUNTIME_LOG_SCHEME, fileSystem),
    registerRuntimeLogProviders({ followers, frames }),
    ...withProvider(new LiveDecorations(followers, fileSystem), (decorations) => vscode.window.registerFileDecorationProvider(decorations)),
    deps.links.onDidChange(() => frames.reset()),
    followSignOut(deps.tokens, deps.log, () => {
      followers.clear();
      problems.clear();
      frames.reset();
    }),
    vscode.commands.registerCommand(Commands.loadOlderRuntimeLogs, (arg?: unknown) => {
      const ref = runtimeLogRef(arg);
      return ref ? followers.find(ref.id)?.loadOlder() : undefined;
    }),
    vscode.commands.registerCommand(Commands.retryRuntimeLogs, (arg?: unknown) => {
      const ref = runtimeLogRef(arg);
      if (ref) followers.find(ref.id)?.retry();
    }),
  );
  registerShowRuntimeLogs(context, { open: (ref) => documents.open(ref), pickDeployment: deps.pickDeployment, log: deps.log });
  registerFilterRuntimeLogs(context, { filterOf: (ref) => followers.find(ref.id)?.filter ?? NO_FILTER, setFilter: (ref, filter) => documents.setFilter(ref, filter) });
  return {
    followers,
    problems,
    open: (ref) => documents.open(ref),
    setFilter: (ref, filter) => documents.setFilter(ref, filter),
    get pauseAfterMs() {
      return documents.pauseAfterMs;
    },
    set pauseAfterMs(ms: number) {
      documents.pauseAfterMs = ms;
    },
  };
}

/** Signing out closes the runtime logs: they showed that account's deployments and would go on asking for them. */
function followSignOut(tokens: Pick<TokenStore, 'onDidChange' | 'hasToken'>, log: vscode.LogOutputChannel, forget: () => void): vscode.Disposable {
  const closeIfSignedOut = async () => {
    if (await tokens.hasToken()) return;
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RUNTIME_LOG_SCHEME);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
    forget();
  };
  const run = () => {
    closeIfSignedOut().catch((error: unknown) => log.error(`runtime logs: could not close them on sign out: ${error instanceof Error ? error.message : String(error)}`));
  };
  run();
  return tokens.onDidChange(run);
}

function withProvider<T extends vscode.Disposable>(provider: T, register: (provider: T) => vscode.Disposable): vscode.Disposable[] {
  return [register(provider), provider];
}

const CLOSE_GRACE_MS = 1000;

/**
 * The open runtime logs: one editor per deployment, titled with its commit
 * and filter, at the bottom while live (unless the person scrolled up),
 * errors marked in the overview ruler, the stream closed with the last tab
 * and paused while the window is long in the background.
 */
class RuntimeLogDocuments implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly atBottom = new WeakMap<vscode.TextEditor, boolean>();
  private readonly closeChecks = new Set<ReturnType<typeof setTimeout>>();
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Logs paused because the window was in the background: they follow again when it is back. */
  private readonly pausedByFocus = new Set<string>();
  private readonly errorLines = vscode.window.createTextEditorDecorationType({
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.errorForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  pauseAfterMs = PAUSE_AFTER_MS;
  /** The context keys as last set, so a streaming log does not set them on every line. */
  private context: { filtered?: boolean; failed?: boolean } = {};

  constructor(
    private readonly store: DeploymentStore,
    private readonly followers: RuntimeLogFollowers,
    private readonly fileSystem: RuntimeLogFileSystem,
  ) {
    this.disposables.push(
      this.errorLines,
      vscode.workspace.onDidOpenTextDocument((doc) => void this.ensureLanguage(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === RUNTIME_LOG_SCHEME) this.onGrown(e.document);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) if (editor.document.uri.scheme === RUNTIME_LOG_SCHEME) this.paint(editor);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document.uri.scheme === RUNTIME_LOG_SCHEME) this.atBottom.set(e.textEditor, showsLastLine(e.textEditor, e.visibleRanges));
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      followers.onDidChange((f) => {
        if (f.ref.id === this.activeId()) this.updateContext();
      }),
      vscode.window.onDidChangeWindowState((state) => this.onFocus(state.focused)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsClosed(e.closed)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const ref = refOfRuntimeLogUri(doc.uri);
        if (!ref) return;
        // Setting the language closes and reopens a document at once: look again a moment later.
        const check = setTimeout(() => {
          this.closeChecks.delete(check);
          this.closedIfGone(ref.id);
        }, CLOSE_GRACE_MS);
        this.closeChecks.add(check);
      }),
    );
    for (const doc of vscode.workspace.textDocuments) void this.ensureLanguage(doc);
  }

  /** The URI of a deployment's runtime log: the one an open tab shows, else one titled from the store and the filter. */
  uriOf(ref: DeploymentRef, filter?: RuntimeLogFilter): vscode.Uri {
    if (filter === undefined) {
      const open = this.openUris().find((uri) => refOfRuntimeLogUri(uri)?.id === ref.id);
      if (open) return open;
    }
    const listed = this.store.find(ref.id)?.deployment;
    const commit = listed ? commitLine(listed, 32) : '';
    const shown = filter ?? this.followers.find(ref.id)?.filter ?? NO_FILTER;
    // A slash would be a path separator in the title: the fraction slash looks the same.
    const what = isFiltered(shown) ? vscode.l10n.t('runtime · {0}', describeFilter(shown, filterWords()).replace(/\//g, '\u2044')) : vscode.l10n.t('runtime');
    // Without a commit, the short id: "(runtime)" tells it from the build log's tab either way.
    const label = `${commit === '' ? shortId(ref.id) : commit} (${what})`;
    return vscode.Uri.from({ scheme: RUNTIME_LOG_SCHEME, path: logPath(ref.id, label), query: logQuery(ref.teamId) });
  }

  /** Opens the log, or shows the editor that already has it. */
  async open(ref: DeploymentRef): Promise<vscode.TextEditor> {
    const uri = this.uriOf(ref);
    const column = tabColumnOf(uri);
    this.fileSystem.track(uri);
    const follower = this.followers.get(ref);
    if (!follower.running && follower.status !== 'paused') follower.start();
    else if (follower.status === 'paused') follower.resume();
    const doc = await this.ensureLanguage(await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(doc, { preview: false, ...(column !== undefined ? { viewColumn: column } : {}) });
    if (column === undefined) this.toBottom(editor);
    this.paint(editor);
    this.updateContext();
    return editor;
  }

  /** Filters a log: its lines again from history, and its tab's title says what it shows. */
  async setFilter(ref: DeploymentRef, filter: RuntimeLogFilter): Promise<void> {
    const before = this.openUris().filter((uri) => refOfRuntimeLogUri(uri)?.id === ref.id);
    const follower = this.followers.get(ref);
    follower.setFilter(filter);
    const uri = this.uriOf(ref, filter);
    if (before.length === 0 || before.some((u) => u.toString() === uri.toString())) {
      this.updateContext();
      return;
    }
    // A new title is a new URI: open it where the old tab was, then close the old one (the follower stays).
    const column = tabColumnOf(before[0] as vscode.Uri);
    this.fileSystem.track(uri);
    const doc = await this.ensureLanguage(await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(doc, { preview: false, ...(column !== undefined ? { viewColumn: column } : {}) });
    const old = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && before.some((u) => u.toString() === (tab.input as vscode.TabInputText).uri.toString()));
    if (old.length > 0) await vscode.window.tabGroups.close(old, true);
    this.toBottom(editor);
    this.updateContext();
  }

  private async ensureLanguage(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
    if (doc.uri.scheme !== RUNTIME_LOG_SCHEME || doc.languageId === RUNTIME_LOG_LANGUAGE) return doc;
    return vscode.languages.setTextDocumentLanguage(doc, RUNTIME_LOG_LANGUAGE);
  }

  /** The newest line is at the bottom: a log opens there, the caret on the empty line below it. */
  private toBottom(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const line = doc.lineCount - 1;
    const position = new vscode.Position(line, doc.lineAt(line).text.length);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.Default);
    this.atBottom.set(editor, true);
  }

  private onGrown(doc: vscode.TextDocument): void {
    const follower = this.followerOf(doc);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== doc) continue;
      this.paint(editor);
      if (follower && this.atBottom.get(editor) !== false) {
        const last = new vscode.Position(doc.lineCount - 1, 0);
        editor.revealRange(new vscode.Range(last, last), vscode.TextEditorRevealType.Default);
        this.atBottom.set(editor, true);
      }
    }
  }

  /** Marks the error lines in the overview ruler: a 500 in 100,000 lines is one glance away. */
  private paint(editor: vscode.TextEditor): void {
    const follower = this.followerOf(editor.document);
    if (!follower) return;
    const last = editor.document.lineCount - 1;
    const ranges: vscode.Range[] = [];
    for (const error of follower.model.errors) {
      const at = HEADER_LINES + error.line;
      if (at > last) break;
      ranges.push(new vscode.Range(at, 0, at, 0));
    }
    editor.setDecorations(this.errorLines, ranges);
  }

  /** Long in the background, the logs stop following; back in front, they catch up and follow again. */
  private onFocus(focused: boolean): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    if (focused) {
      for (const id of this.pausedByFocus) this.followers.find(id)?.resume();
      this.pausedByFocus.clear();
      return;
    }
    this.pauseTimer = setTimeout(() => {
      this.pauseTimer = undefined;
      for (const follower of this.followers.all) {
        if (follower.status !== 'live' && follower.status !== 'reconnecting') continue;
        follower.pause();
        this.pausedByFocus.add(follower.ref.id);
      }
    }, this.pauseAfterMs);
  }

  private onTabsClosed(closed: readonly vscode.Tab[]): void {
    for (const tab of closed) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const ref = uri && refOfRuntimeLogUri(uri);
      if (ref && !this.isOpen(ref.id)) this.closed(ref.id);
    }
  }

  private closedIfGone(id: string): void {
    const shown = vscode.workspace.textDocuments.some((doc) => refOfRuntimeLogUri(doc.uri)?.id === id);
    if (!shown && !this.isOpen(id)) this.closed(id);
  }

  /** The last editor of a log closed: its stream closes with it, and its problems go. */
  private closed(id: string): void {
    if (!this.followers.find(id)) return;
    this.pausedByFocus.delete(id);
    this.fileSystem.forget(id);
    this.followers.delete(id);
  }

  private openUris(): vscode.Uri[] {
    return openTabUris(RUNTIME_LOG_SCHEME);
  }

  private isOpen(id: string): boolean {
    return this.openUris().some((uri) => refOfRuntimeLogUri(uri)?.id === id);
  }

  private followerOf(doc: vscode.TextDocument): RuntimeLogFollower | undefined {
    const ref = refOfRuntimeLogUri(doc.uri);
    return ref && this.followers.find(ref.id);
  }

  private activeId(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri && refOfRuntimeLogUri(uri)?.id;
  }

  /** {@link ContextKeys.runtimeLogFiltered} and {@link ContextKeys.runtimeLogFailed} of the active runtime log. */
  private updateContext(): void {
    const id = this.activeId();
    const follower = id === undefined ? undefined : this.followers.find(id);
    const filtered = follower !== undefined && isFiltered(follower.filter);
    const failed = follower?.status === 'failed';
    if (filtered !== this.context.filtered) void vscode.commands.executeCommand('setContext', ContextKeys.runtimeLogFiltered, filtered);
    if (failed !== this.context.failed) void vscode.commands.executeCommand('setContext', ContextKeys.runtimeLogFailed, failed);
    this.context = { filtered, failed };
  }

  dispose(): void {
    clearTimeout(this.pauseTimer);
    for (const check of this.closeChecks) clearTimeout(check);
    this.closeChecks.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function showsLastLine(editor: vscode.TextEditor, ranges: readonly vscode.Range[]): boolean {
  const last = ranges[ranges.length - 1];
  return last !== undefined && last.end.line >= editor.document.lineCount - 2;
}

/** A dot on the tab of a runtime log that is being followed live. */
class LiveDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly was = new Map<string, string>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly followers: RuntimeLogFollowers,
    private readonly fileSystem: RuntimeLogFileSystem,
  ) {
    this.subscription = followers.onDidChange((f) => {
      if (this.was.get(f.ref.id) === f.status) return;
      this.was.set(f.ref.id, f.status);
      this.changed.fire([...this.fileSystem.urisOf(f.ref.id)]);
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const ref = refOfRuntimeLogUri(uri);
    const follower = ref && this.followers.find(ref.id);
    if (!follower) return undefined;
    let decoration: vscode.FileDecoration;
    switch (follower.status) {
      case 'live':
      case 'loading':
        decoration = new vscode.FileDecoration('●', vscode.l10n.t('Live runtime log: following'), new vscode.ThemeColor('charts.green'));
        break;
      case 'reconnecting':
        decoration = new vscode.FileDecoration('●', vscode.l10n.t('Live runtime log: reconnecting…'), new vscode.ThemeColor('charts.yellow'));
        break;
      case 'paused':
        decoration = new vscode.FileDecoration('⏸', vscode.l10n.t('Runtime log paused while the window is in the background'));
        break;
      default:
        return undefined;
    }
    decoration.propagate = false;
    return decoration;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
