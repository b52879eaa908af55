/**
 * Build logs: the `vercel-log` documents and their follower, the language's
 * providers, the Problems panel, and the commands that open them. One call
 * wires it all into the extension.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { readyStateOf } from '../api/schemas';
import type { TokenStore } from '../auth/tokenStore';
import { registerRetryLogs } from './retryLogs';
import { registerShowLogs } from './showLogs';
import { registerToggleLogTimestamps } from './toggleLogTimestamps';
import { Commands, ContextKeys, LOG_LANGUAGE, LOG_SCHEME, Settings } from '../constants';
import type { DeploymentFolders } from '../deployments/deploymentFolders';
import { commitLine } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';
import type { FileSystemSlots } from '../util/fileSystemSlots';
import type { LinkedProject } from '../workspace/linkFiles';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { BuildProblems } from './diagnostics';
import { LogFollowers, type LogFollower } from './follower';
import { lineIndexOf } from './lineIndex';
import { LogFileSystem, prefixWidth, refOfLogUri } from './logFileSystem';
import { ProblemCache } from './problemCache';
import { registerLogProviders } from './providers';
import { registerReadonlyGuard } from '../util/readonlyFileSystem';
import { logPath, logQuery } from './uri';
import { WorkspaceFiles } from './workspaceFiles';
import { openTabUris, tabColumnOf } from '../util/editorTabs';

export interface LogsDeps {
  readonly client: VercelClient;
  readonly store: DeploymentStore;
  readonly links: LinkedProjects;
  readonly tokens: TokenStore;
  readonly log: vscode.LogOutputChannel;
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
  /** The log file system is registered at activation; its provider is attached here. */
  readonly fileSystems: FileSystemSlots;
  /** Where a deployment's files are in the workspace (shared with the runtime logs). */
  readonly folders: DeploymentFolders;
  /** The branch checked out in a linked project's folder: build problems are that branch's. */
  readonly currentBranch: (project: LinkedProject) => string | undefined;
}

/** What the integration tests read; not a public API. */
export interface LogsApi {
  readonly followers: LogFollowers;
  readonly problems: BuildProblems;
  /** Where the logs report what went wrong; tests watch its warnings. */
  readonly log: vscode.LogOutputChannel;
  open(ref: DeploymentRef): Promise<vscode.TextEditor>;
}

function timestampsOn(): boolean {
  return vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.logTimestamps, true);
}

export function registerLogs(context: vscode.ExtensionContext, deps: LogsDeps): LogsApi {
  const followers = new LogFollowers({
    client: deps.client,
    known: (id) => {
      const hit = deps.store.find(id);
      return hit ? { readyState: readyStateOf(hit.deployment), projectId: hit.project.project.projectId } : undefined;
    },
    log: deps.log,
  });
  const fileSystem = new LogFileSystem(followers, { timestamps: timestampsOn });
  const files = new WorkspaceFiles(deps.folders);
  const prefix = () => prefixWidth(timestampsOn());
  const documents = new LogDocuments(deps.store, followers, fileSystem, prefix);
  const problems = new BuildProblems(
    {
      store: deps.store,
      followers,
      files,
      logUri: (ref) => documents.uriOf(ref),
      headerLines: (id) => fileSystem.headerLines(id),
      prefixWidth: prefix,
      log: deps.log,
      cache: new ProblemCache(context.workspaceState),
      currentBranch: deps.currentBranch,
      openLogs: () => documents.openIds(),
    },
    (id) => documents.releaseUnlessOpen(id),
  );
  documents.isHeld = (id) => problems.holds(id);
  context.subscriptions.push(
    followers,
    fileSystem,
    documents,
    problems,
    deps.fileSystems.attach(LOG_SCHEME, fileSystem),
    registerReadonlyGuard(LOG_SCHEME, fileSystem),
    registerLogProviders({ followers, headerLines: (id) => fileSystem.headerLines(id), prefixWidth: prefix, files }),
    ...withProvider(new RetryLens(followers, fileSystem), (lens) => vscode.languages.registerCodeLensProvider({ scheme: LOG_SCHEME }, lens)),
    ...withProvider(new LiveDecorations(followers, fileSystem), (decorations) => vscode.window.registerFileDecorationProvider(decorations)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.logTimestamps}`)) fileSystem.refreshAll();
    }),
    deps.links.onDidChange(() => files.reset()),
    followSignOut(deps.tokens, deps.log, () => {
      problems.clear();
      files.reset();
    }),
    followers.onDidChange((follower) => {
      if (follower.status === 'failed') deps.log.error(`Could not load the build log of ${follower.ref.id}: ${describe(follower.error)}`);
    }),
  );
  registerShowLogs(context, { open: (ref) => documents.open(ref), pickDeployment: deps.pickDeployment, log: deps.log });
  registerToggleLogTimestamps(context);
  registerRetryLogs(context, { retry: (ref) => followers.find(ref.id)?.retry() });
  return { followers, problems, log: deps.log, open: (ref) => documents.open(ref) };
}

/**
 * Signing out closes the build logs with the details panels: they showed that account's
 * deployments, and a log left open would go on asking for what it can no longer read.
 * Logs a window restores while signed out close as well.
 */
function followSignOut(tokens: Pick<TokenStore, 'onDidChange' | 'hasToken'>, log: vscode.LogOutputChannel, forget: () => void): vscode.Disposable {
  const closeIfSignedOut = async () => {
    if (await tokens.hasToken()) return;
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === LOG_SCHEME);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
    forget();
  };
  const run = () => {
    closeIfSignedOut().catch((error: unknown) => log.error(`logs: could not close the build logs on sign out: ${describe(error)}`));
  };
  run();
  return tokens.onDidChange(run);
}

/** A provider and its registration: both go when the extension does (the provider holds a subscription and an emitter). */
function withProvider<T extends vscode.Disposable>(provider: T, register: (provider: T) => vscode.Disposable): vscode.Disposable[] {
  return [register(provider), provider];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The open log editors: one per deployment, in the language `vercel-log`,
 * at the bottom while the build is followed (unless the person scrolled up),
 * red and yellow lines kept, and the stream closed with the last tab.
 */
class LogDocuments implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Per editor: whether its last visible line was the document's last line. */
  private readonly atBottom = new WeakMap<vscode.TextEditor, boolean>();
  /** Looks, a moment after a log document closed, at whether it is gone for good. */
  private readonly closeChecks = new Set<ReturnType<typeof setTimeout>>();
  private readonly errorLines = vscode.window.createTextEditorDecorationType({
    color: new vscode.ThemeColor('errorForeground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.errorForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly warningLines = vscode.window.createTextEditorDecorationType({
    color: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  isHeld: (id: string) => boolean = () => false;

  constructor(
    private readonly store: DeploymentStore,
    private readonly followers: LogFollowers,
    private readonly fileSystem: LogFileSystem,
    /** Columns of the time prefix before each line's own text. */
    private readonly prefixWidth: () => number,
  ) {
    this.disposables.push(
      this.errorLines,
      this.warningLines,
      vscode.workspace.onDidOpenTextDocument((doc) => void this.ensureLanguage(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme === LOG_SCHEME) this.onGrown(e.document);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of editors) if (editor.document.uri.scheme === LOG_SCHEME) this.paint(editor);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (e.textEditor.document.uri.scheme === LOG_SCHEME) this.atBottom.set(e.textEditor, showsLastLine(e.textEditor, e.visibleRanges));
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
      followers.onDidChange((f) => {
        if (f.ref.id === this.activeId()) this.updateContext();
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabsClosed(e.closed)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const ref = refOfLogUri(doc.uri);
        // Setting the language closes and reopens a document at once: look again a moment later.
        if (!ref) return;
        const check = setTimeout(() => {
          this.closeChecks.delete(check);
          this.closedIfGone(ref.id);
        }, CLOSE_GRACE_MS);
        this.closeChecks.add(check);
      }),
    );
    for (const doc of vscode.workspace.textDocuments) void this.ensureLanguage(doc);
  }

  /** The URI of a deployment's log: the one an open tab shows, else one titled from the store. */
  uriOf(ref: DeploymentRef): vscode.Uri {
    const open = this.openUris().find((uri) => refOfLogUri(uri)?.id === ref.id);
    if (open) return open;
    const listed = this.store.find(ref.id)?.deployment;
    // An empty label titles the tab with the short id (logPath).
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: logPath(ref.id, listed ? commitLine(listed, 60) : ''), query: logQuery(ref.teamId) });
  }

  /** Opens the log, or shows the editor that already has it. */
  async open(ref: DeploymentRef): Promise<vscode.TextEditor> {
    const uri = this.uriOf(ref);
    const column = tabColumnOf(uri);
    // VS Code may still hold the document of a log closed a moment ago, and then does not read it again by itself.
    this.fileSystem.track(uri);
    this.followers.get(ref).start();
    const doc = await this.ensureLanguage(await vscode.workspace.openTextDocument(uri));
    const editor = await vscode.window.showTextDocument(doc, { preview: false, ...(column !== undefined ? { viewColumn: column } : {}) });
    if (column === undefined) this.placeCaret(editor);
    this.paint(editor);
    this.updateContext();
    return editor;
  }

  /** The model is kept for the Problems panel unless nothing needs it. */
  releaseUnlessOpen(id: string): void {
    if (!this.isOpen(id)) {
      this.followers.delete(id);
      this.fileSystem.forget(id);
    }
  }

  private async ensureLanguage(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
    if (doc.uri.scheme !== LOG_SCHEME || doc.languageId === LOG_LANGUAGE) return doc;
    return vscode.languages.setTextDocumentLanguage(doc, LOG_LANGUAGE);
  }

  /** A live log starts at its end; a failed one at its first problem; others at the top. */
  private placeCaret(editor: vscode.TextEditor): void {
    const follower = this.followerOf(editor.document);
    if (!follower) return;
    const doc = editor.document;
    let line: number | undefined;
    if (follower.live) line = doc.lineCount - 1;
    else {
      const first = follower.model.problems[0]?.logLine ?? follower.model.steps.find((s) => s.failed)?.startLine;
      if (first !== undefined) line = Math.min(doc.lineCount - 1, this.fileSystem.headerLines(follower.ref.id) + first);
    }
    if (line === undefined) return;
    const position = new vscode.Position(line, messageColumn(doc.lineAt(line).text, this.prefixWidth()));
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), follower.live ? vscode.TextEditorRevealType.Default : vscode.TextEditorRevealType.InCenter);
    this.atBottom.set(editor, line === doc.lineCount - 1);
  }

  private onGrown(doc: vscode.TextDocument): void {
    const follower = this.followerOf(doc);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== doc) continue;
      this.paint(editor);
      if (follower?.live && this.atBottom.get(editor) !== false) {
        const last = new vscode.Position(doc.lineCount - 1, 0);
        editor.revealRange(new vscode.Range(last, last), vscode.TextEditorRevealType.Default);
        this.atBottom.set(editor, true);
      }
    }
  }

  /** Colours the lines the build printed in red or yellow (its ANSI colours, or a problem found on them). */
  private paint(editor: vscode.TextEditor): void {
    const follower = this.followerOf(editor.document);
    if (!follower) return;
    const index = lineIndexOf(follower.model).severities();
    const header = this.fileSystem.headerLines(follower.ref.id);
    const last = editor.document.lineCount - 1;
    const ranges = (lines: readonly number[]): vscode.Range[] => {
      const out: vscode.Range[] = [];
      for (const line of lines) {
        const at = header + line;
        if (at > last) break;
        out.push(new vscode.Range(at, 0, at, Number.MAX_SAFE_INTEGER));
      }
      return out;
    };
    editor.setDecorations(this.errorLines, ranges(index.errorLines));
    editor.setDecorations(this.warningLines, ranges(index.warningLines));
  }

  private onTabsClosed(closed: readonly vscode.Tab[]): void {
    for (const tab of closed) {
      const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
      const ref = uri && refOfLogUri(uri);
      if (ref && !this.isOpen(ref.id)) this.closed(ref.id);
    }
  }

  private closedIfGone(id: string): void {
    const shown = vscode.workspace.textDocuments.some((doc) => refOfLogUri(doc.uri)?.id === id);
    if (!shown && !this.isOpen(id)) this.closed(id);
  }

  /** The last editor of a log closed: its stream closes with it. */
  private closed(id: string): void {
    const follower = this.followers.find(id);
    if (!follower) return;
    if (this.isHeld(id)) {
      // The Problems panel keeps the model; the stream still closes.
      follower.stop();
      return;
    }
    this.fileSystem.forget(id);
    this.followers.delete(id);
  }

  private openUris(): vscode.Uri[] {
    return openTabUris(LOG_SCHEME);
  }

  /** The deployments whose log has a tab open. */
  openIds(): string[] {
    return this.openUris().flatMap((uri) => refOfLogUri(uri)?.id ?? []);
  }

  private isOpen(id: string): boolean {
    return this.openUris().some((uri) => refOfLogUri(uri)?.id === id);
  }

  private followerOf(doc: vscode.TextDocument): LogFollower | undefined {
    const ref = refOfLogUri(doc.uri);
    return ref && this.followers.find(ref.id);
  }

  private activeId(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri && refOfLogUri(uri)?.id;
  }

  /** {@link ContextKeys.logFailed}: shows Retry in the active log's title bar. */
  private updateContext(): void {
    const id = this.activeId();
    const failed = id !== undefined && this.followers.find(id)?.status === 'failed';
    void vscode.commands.executeCommand('setContext', ContextKeys.logFailed, failed);
  }

  dispose(): void {
    for (const check of this.closeChecks) clearTimeout(check);
    this.closeChecks.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

const CLOSE_GRACE_MS = 1000;

/**
 * Where the caret goes on a line: the first character of the build's own text, past the time
 * column and its indent. At column 0 the caret would sit on the hour, and VS Code would
 * highlight that number on every line of the log.
 */
function messageColumn(text: string, prefixWidth: number): number {
  let column = Math.min(prefixWidth, text.length);
  while (column < text.length && (text.charCodeAt(column) === 0x20 || text.charCodeAt(column) === 0x09)) column++;
  return column;
}

function showsLastLine(editor: vscode.TextEditor, ranges: readonly vscode.Range[]): boolean {
  const last = ranges[ranges.length - 1];
  return last !== undefined && last.end.line >= editor.document.lineCount - 2;
}

/** "Retry" above the error line of a log that could not load. */
class RetryLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  private readonly failed = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly followers: LogFollowers,
    private readonly fileSystem: LogFileSystem,
  ) {
    // Only a change into or out of failure moves the lens; lines streaming in do not.
    this.subscription = followers.onDidChange((f) => {
      if ((f.status === 'failed') !== this.failed.has(f.ref.id)) {
        if (f.status === 'failed') this.failed.add(f.ref.id);
        else this.failed.delete(f.ref.id);
        this.changed.fire();
      }
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const ref = refOfLogUri(document.uri);
    const follower = ref && this.followers.find(ref.id);
    if (!ref || follower?.status !== 'failed' || this.fileSystem.headerLines(ref.id) === 0) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: vscode.l10n.t('$(refresh) Retry'),
        tooltip: vscode.l10n.t('Load the build log again'),
        command: Commands.retryLogs,
        arguments: [ref],
      }),
    ];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A dot on the tab of a log that is being followed live. */
class LiveDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly wasLive = new Map<string, boolean>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly followers: LogFollowers,
    private readonly fileSystem: LogFileSystem,
  ) {
    this.subscription = followers.onDidChange((f) => {
      if (this.wasLive.get(f.ref.id) === f.live) return;
      this.wasLive.set(f.ref.id, f.live);
      this.changed.fire([...this.fileSystem.urisOf(f.ref.id)]);
    });
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const ref = refOfLogUri(uri);
    const follower = ref && this.followers.find(ref.id);
    if (!follower?.live) return undefined;
    const decoration = new vscode.FileDecoration(
      '●',
      follower.status === 'reconnecting' ? vscode.l10n.t('Live build log: reconnecting…') : vscode.l10n.t('Live build log: following the build'),
      new vscode.ThemeColor('charts.green'),
    );
    decoration.propagate = false;
    return decoration;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
