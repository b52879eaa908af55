/**
 * Just enough of the `vscode` module for the extension's activate() to run in
 * plain Node. Used only by the benchmarks: start-up (row 2, in a fresh child
 * process per sample), and the first paint, cancel and lifecycle-action rows
 * (4, 6 and 8), which host the production bundle in-process against the
 * emulator. A modal is answered with its first button (`confirmModals`), and
 * `withProgress` runs its task with a token that is never cancelled: enough
 * for redeploy, delete, promote and rollback to run as a person confirming.
 *
 * Anything the shim does not implement answers with a harmless stub (a
 * callable that returns a disposable) and is recorded in `shimControl.missing`,
 * so a new API call in the extension shows up in the report instead of
 * breaking the benchmark.
 *
 * The `vscode` object is as large as the real one: every top-level name of
 * @types/vscode (vscodeNames.ts) is an own key, those the shim does not
 * implement as stubs, so copying its keys (an `import * as vscode` through
 * esbuild's interop helpers) costs what it costs in VS Code. Reading such a
 * name is not recorded (a key copy reads them all); using it is: a property
 * of it, a call, a `new`.
 *
 * No dependencies besides Node: esbuild bundles this file into the start-up
 * child as it is.
 */
import { promises as fsp } from 'node:fs';
import Module from 'node:module';
import * as nodePath from 'node:path';
import { VSCODE_TOP_LEVEL_NAMES } from './vscodeNames';

// ---------------------------------------------------------------------------
// Stubs for what is not implemented
// ---------------------------------------------------------------------------

/** Names that module loaders, inspectors and awaiters probe for: they must stay undefined. */
const PROBES = new Set(['then', 'default', '__esModule', 'toJSON', 'constructor', 'prototype', 'inspect', 'nodeType', 'length', 'name']);

function stub(path: string): unknown {
  const target = function stubbed(): void {};
  return new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol' || PROBES.has(key)) return undefined;
      if (key in Function.prototype) return Reflect.get(t, key);
      if (key === 'dispose') return () => undefined;
      shimControl.missing.add(`${path}.${key}`);
      return stub(`${path}.${key}`);
    },
    apply() {
      shimControl.missing.add(`${path}()`);
      return new Disposable(() => undefined);
    },
    construct() {
      shimControl.missing.add(`new ${path}()`);
      return new Disposable(() => undefined);
    },
  });
}

/** Gives `object` a prototype that answers unknown names with recorded stubs. */
function withFallback<T extends object>(object: T, path: string): T {
  const fallback = new Proxy(
    {},
    {
      get(t, key, receiver) {
        if (typeof key === 'symbol' || PROBES.has(key)) return undefined;
        if (key in Object.prototype) return Reflect.get(t, key, receiver);
        shimControl.missing.add(`${path}.${key}`);
        return stub(`${path}.${key}`);
      },
    },
  );
  Object.setPrototypeOf(object, fallback);
  return object;
}

// ---------------------------------------------------------------------------
// Classes and enums
// ---------------------------------------------------------------------------

export class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => {
      for (const item of items) item.dispose();
    });
  }

  private done = false;

  constructor(private readonly callOnDispose: () => unknown) {}

  dispose(): void {
    if (this.done) return;
    this.done = true;
    this.callOnDispose();
  }
}

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];

  readonly event = (listener: Listener<T>, thisArgs?: unknown, disposables?: { dispose(): unknown }[]): Disposable => {
    const bound: Listener<T> = thisArgs === undefined ? listener : (e) => listener.call(thisArgs, e);
    this.listeners.push(bound);
    const subscription = new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== bound);
    });
    disposables?.push(subscription);
    return subscription;
  };

  fire(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }

  dispose(): void {
    this.listeners = [];
  }
}

interface UriParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

export class Uri implements UriParts {
  static file(fsPath: string): Uri {
    return new Uri({ scheme: 'file', authority: '', path: fsPath.replace(/\\/g, '/'), query: '', fragment: '' });
  }

  static parse(value: string): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!m) return new Uri({ scheme: 'file', authority: '', path: value, query: '', fragment: '' });
    return new Uri({ scheme: m[1] ?? '', authority: m[2] ?? '', path: m[3] ?? '', query: m[4] ?? '', fragment: m[5] ?? '' });
  }

  static from(parts: Partial<UriParts> & { scheme: string }): Uri {
    return new Uri({ authority: '', path: '', query: '', fragment: '', ...parts });
  }

  static joinPath(base: Uri, ...segments: string[]): Uri {
    return base.with({ path: nodePath.posix.join(base.path || '/', ...segments) });
  }

  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;

  private constructor(parts: UriParts) {
    this.scheme = parts.scheme;
    this.authority = parts.authority;
    this.path = parts.path;
    this.query = parts.query;
    this.fragment = parts.fragment;
  }

  get fsPath(): string {
    return this.path;
  }

  with(change: Partial<UriParts>): Uri {
    return new Uri({ ...this.parts(), ...change });
  }

  private parts(): UriParts {
    return { scheme: this.scheme, authority: this.authority, path: this.path, query: this.query, fragment: this.fragment };
  }

  toString(): string {
    const authority = this.authority !== '' || this.scheme === 'file' ? `//${this.authority}` : '';
    return `${this.scheme}:${authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }

  toJSON(): UriParts {
    return this.parts();
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  isTrusted: boolean | { enabledCommands: readonly string[] } | undefined;
  supportHtml = false;
  baseUri: Uri | undefined;

  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}

  appendText(text: string): MarkdownString {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
    return this;
  }

  appendMarkdown(value: string): MarkdownString {
    this.value += value;
    return this;
  }

  appendCodeblock(code: string, language = ''): MarkdownString {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;

export class TreeItem {
  id?: string;
  iconPath?: unknown;
  description?: string | boolean;
  tooltip?: unknown;
  command?: unknown;
  contextValue?: string;
  resourceUri?: Uri;
  accessibilityInformation?: unknown;
  label?: unknown;

  constructor(
    labelOrUri: unknown,
    public collapsibleState: number = TreeItemCollapsibleState.None,
  ) {
    if (labelOrUri instanceof Uri) this.resourceUri = labelOrUri;
    else this.label = labelOrUri;
  }
}

export class FileSystemError extends Error {
  static FileNotFound(what?: unknown): FileSystemError {
    return new FileSystemError(`FileNotFound: ${String(what)}`, 'FileNotFound');
  }

  constructor(
    message: string,
    readonly code = 'Unknown',
  ) {
    super(message);
  }
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };

  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

const enums = {
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ExtensionKind: { UI: 1, Workspace: 2 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  UIKind: { Desktop: 1, Web: 2 },
  EndOfLine: { LF: 1, CRLF: 2 },
} as const;

// ---------------------------------------------------------------------------
// What the benchmark controls and reads
// ---------------------------------------------------------------------------

/** The parts of a TreeDataProvider the benchmark calls. */
export interface TreeDataProviderLike {
  getChildren(element?: unknown): unknown;
  getTreeItem(element: unknown): unknown;
}

export interface StatusBarItemStub {
  readonly id: string | undefined;
  name: string | undefined;
  text: string;
  tooltip: unknown;
  command: unknown;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

export interface ShownMessage {
  readonly kind: 'info' | 'warning' | 'error';
  readonly message: string;
}

const windowState = new EventEmitter<{ focused: boolean; active: boolean }>();
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const secretsChanged = new EventEmitter<{ key: string }>();
const emitters = [windowState, configurationChanged, secretsChanged];

export const shimControl = {
  /** Setting values by full key (`vercelDeployments.apiUrl`), as the user's global settings. */
  settings: new Map<string, unknown>(),
  secrets: new Map<string, string>(),
  /** Absolute paths of the open workspace folders. */
  folders: [] as string[],
  /** What `workspace.findFiles` answers, absolute paths. */
  files: [] as string[],
  /**
   * The branch checked out in every open folder, as the built-in Git
   * extension (`vscode.git`) reports it; undefined: no Git extension at all.
   */
  gitBranch: undefined as string | undefined,
  focused: true,
  /** Whether a modal warning is answered with its first button, as a person confirming. */
  confirmModals: true,
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  contextKeys: new Map<string, unknown>(),
  trees: new Map<string, TreeDataProviderLike>(),
  statusBarItems: [] as StatusBarItemStub[],
  messages: [] as ShownMessage[],
  /** Lines written to output channels, newest last (bounded). */
  log: [] as string[],
  /** APIs the extension used that the shim only stubs. */
  missing: new Set<string>(),

  setFocused(focused: boolean): void {
    this.focused = focused;
    windowState.fire({ focused, active: focused });
  },

  /** Back to a window with nothing open, signed out, default settings. */
  reset(): void {
    this.settings.clear();
    this.secrets.clear();
    this.folders = [];
    this.files = [];
    this.gitBranch = undefined;
    this.focused = true;
    this.confirmModals = true;
    this.commands.clear();
    this.contextKeys.clear();
    this.trees.clear();
    this.statusBarItems = [];
    this.messages = [];
    this.log = [];
    this.missing.clear();
    for (const e of emitters) e.dispose();
  },
};

// ---------------------------------------------------------------------------
// Namespaces
// ---------------------------------------------------------------------------

function formatMessage(template: string, args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

const l10n = withFallback(
  {
    bundle: undefined,
    uri: undefined,
    t(message: string | { message: string; args?: readonly unknown[] | Record<string, unknown> }, ...args: unknown[]): string {
      if (typeof message === 'string') return formatMessage(message, args);
      const given = message.args;
      return formatMessage(message.message, Array.isArray(given) ? given : []);
    },
  },
  'vscode.l10n',
);

function logChannel(name: string) {
  const write = (level: string) => (message: unknown, ...rest: unknown[]) => {
    shimControl.log.push(`[${name}] ${level} ${String(message)}${rest.length > 0 ? ` ${rest.map(String).join(' ')}` : ''}`);
    if (shimControl.log.length > 500) shimControl.log.shift();
  };
  return withFallback(
    {
      name,
      logLevel: enums.LogLevel.Info,
      onDidChangeLogLevel: new EventEmitter<number>().event,
      trace: write('trace'),
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      append: write('append'),
      appendLine: write('line'),
      replace: write('replace'),
      clear: () => undefined,
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
    },
    `OutputChannel(${name})`,
  );
}

function statusBarItem(id: string | undefined, alignment: unknown, priority: unknown): StatusBarItemStub {
  const item: StatusBarItemStub = withFallback(
    {
      id,
      alignment,
      priority,
      name: undefined,
      text: '',
      tooltip: undefined,
      command: undefined,
      color: undefined,
      backgroundColor: undefined,
      accessibilityInformation: undefined,
      visible: false,
      show() {
        item.visible = true;
      },
      hide() {
        item.visible = false;
      },
      dispose() {
        item.visible = false;
        shimControl.statusBarItems = shimControl.statusBarItems.filter((i) => i !== item);
      },
    },
    'StatusBarItem',
  );
  shimControl.statusBarItems.push(item);
  return item;
}

function isProvider(value: unknown): value is TreeDataProviderLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    'getChildren' in value &&
    typeof value.getChildren === 'function' &&
    'getTreeItem' in value &&
    typeof value.getTreeItem === 'function'
  );
}

function treeView(id: string, options: { treeDataProvider?: unknown } | undefined) {
  const provider = options?.treeDataProvider;
  if (isProvider(provider)) shimControl.trees.set(id, provider);
  return withFallback(
    {
      visible: true,
      selection: [] as unknown[],
      message: undefined as string | undefined,
      title: undefined as string | undefined,
      description: undefined as string | undefined,
      badge: undefined as unknown,
      onDidChangeSelection: new EventEmitter<unknown>().event,
      onDidChangeVisibility: new EventEmitter<unknown>().event,
      onDidExpandElement: new EventEmitter<unknown>().event,
      onDidCollapseElement: new EventEmitter<unknown>().event,
      onDidChangeCheckboxState: new EventEmitter<unknown>().event,
      reveal: () => Promise.resolve(),
      dispose: () => {
        shimControl.trees.delete(id);
      },
    },
    `TreeView(${id})`,
  );
}

function showMessage(kind: ShownMessage['kind']) {
  return (message: string, ...rest: unknown[]): Promise<unknown> => {
    shimControl.messages.push({ kind, message });
    const options = rest[0];
    const modal = typeof options === 'object' && options !== null && 'modal' in options && options.modal === true;
    const items = rest.filter((r) => typeof r === 'string' || (typeof r === 'object' && r !== null && 'title' in r));
    return Promise.resolve(modal && shimControl.confirmModals ? items[0] : undefined);
  };
}

const noEvent = () => new EventEmitter<unknown>().event;

const window = withFallback(
  {
    get state() {
      return { focused: shimControl.focused, active: shimControl.focused };
    },
    onDidChangeWindowState: windowState.event,
    activeTextEditor: undefined,
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: noEvent(),
    onDidChangeVisibleTextEditors: noEvent(),
    createOutputChannel: (name: string) => logChannel(name),
    createTreeView: (id: string, options?: { treeDataProvider?: unknown }) => treeView(id, options),
    registerTreeDataProvider: (id: string, provider: unknown) => {
      treeView(id, { treeDataProvider: provider });
      return new Disposable(() => shimControl.trees.delete(id));
    },
    createStatusBarItem: (idOrAlignment?: unknown, alignmentOrPriority?: unknown, priority?: unknown) =>
      typeof idOrAlignment === 'string'
        ? statusBarItem(idOrAlignment, alignmentOrPriority, priority)
        : statusBarItem(undefined, idOrAlignment, alignmentOrPriority),
    showInformationMessage: showMessage('info'),
    showWarningMessage: showMessage('warning'),
    showErrorMessage: showMessage('error'),
    setStatusBarMessage: () => new Disposable(() => undefined),
    withProgress: <R>(_options: unknown, task: (progress: { report(value: unknown): void }, token: unknown) => Thenable<R> | R) =>
      Promise.resolve(task({ report: () => undefined }, new CancellationTokenSource().token)),
    showQuickPick: () => Promise.resolve(undefined),
    showInputBox: () => Promise.resolve(undefined),
    showTextDocument: () => Promise.resolve(undefined),
    registerWebviewPanelSerializer: () => new Disposable(() => undefined),
    registerUriHandler: () => new Disposable(() => undefined),
  },
  'vscode.window',
);

interface Inspected {
  key: string;
  defaultValue?: unknown;
  globalValue?: unknown;
}

function configuration(section: string | undefined) {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  return withFallback(
    {
      get<T>(key: string, fallback?: T): T | undefined {
        const k = full(key);
        return shimControl.settings.has(k) ? (shimControl.settings.get(k) as T) : fallback;
      },
      has: (key: string) => shimControl.settings.has(full(key)),
      inspect(key: string): Inspected {
        const k = full(key);
        return shimControl.settings.has(k) ? { key: k, globalValue: shimControl.settings.get(k) } : { key: k };
      },
      update(key: string, value: unknown): Promise<void> {
        const k = full(key);
        if (value === undefined) shimControl.settings.delete(k);
        else shimControl.settings.set(k, value);
        configurationChanged.fire({ affectsConfiguration: (s: string) => k === s || k.startsWith(`${s}.`) });
        return Promise.resolve();
      },
    },
    `WorkspaceConfiguration(${section ?? ''})`,
  );
}

function fileWatcher() {
  return withFallback(
    {
      ignoreCreateEvents: false,
      ignoreChangeEvents: false,
      ignoreDeleteEvents: false,
      onDidCreate: noEvent(),
      onDidChange: noEvent(),
      onDidDelete: noEvent(),
      dispose: () => undefined,
    },
    'FileSystemWatcher',
  );
}

const fs = withFallback(
  {
    async readFile(uri: Uri): Promise<Uint8Array> {
      try {
        return new Uint8Array(await fsp.readFile(uri.fsPath));
      } catch {
        throw FileSystemError.FileNotFound(uri.toString());
      }
    },
    async stat(uri: Uri): Promise<{ type: number; ctime: number; mtime: number; size: number }> {
      try {
        const s = await fsp.stat(uri.fsPath);
        return { type: s.isDirectory() ? enums.FileType.Directory : enums.FileType.File, ctime: s.ctimeMs, mtime: s.mtimeMs, size: s.size };
      } catch {
        throw FileSystemError.FileNotFound(uri.toString());
      }
    },
  },
  'vscode.workspace.fs',
);

const workspace = withFallback(
  {
    get workspaceFolders() {
      const folders = shimControl.folders;
      return folders.length === 0 ? undefined : folders.map((f, index) => ({ uri: Uri.file(f), name: nodePath.basename(f), index }));
    },
    get name() {
      return shimControl.folders[0] === undefined ? undefined : nodePath.basename(shimControl.folders[0]);
    },
    isTrusted: true,
    textDocuments: [],
    fs,
    getConfiguration: (section?: string) => configuration(section),
    onDidChangeConfiguration: configurationChanged.event,
    onDidChangeWorkspaceFolders: noEvent(),
    onDidOpenTextDocument: noEvent(),
    onDidCloseTextDocument: noEvent(),
    onDidChangeTextDocument: noEvent(),
    onDidSaveTextDocument: noEvent(),
    createFileSystemWatcher: () => fileWatcher(),
    findFiles: (_include: unknown, _exclude?: unknown, max?: number) =>
      Promise.resolve(shimControl.files.slice(0, max ?? Infinity).map((f) => Uri.file(f))),
    registerTextDocumentContentProvider: () => new Disposable(() => undefined),
    openTextDocument: () => Promise.resolve(stub('TextDocument')),
  },
  'vscode.workspace',
);

const commands = withFallback(
  {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown, thisArg?: unknown): Disposable {
      if (shimControl.commands.has(id)) throw new Error(`command '${id}' already exists`);
      shimControl.commands.set(id, thisArg === undefined ? handler : handler.bind(thisArg));
      return new Disposable(() => shimControl.commands.delete(id));
    },
    async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
      if (id === 'setContext') {
        shimControl.contextKeys.set(String(args[0]), args[1]);
        return undefined;
      }
      const handler = shimControl.commands.get(id);
      return handler ? handler(...args) : undefined;
    },
    getCommands: () => Promise.resolve([...shimControl.commands.keys()]),
  },
  'vscode.commands',
);

const env = withFallback(
  {
    language: 'en',
    appName: 'Visual Studio Code',
    appHost: 'desktop',
    appRoot: '',
    uriScheme: 'vscode',
    machineId: 'bench-machine',
    sessionId: 'bench-session',
    uiKind: enums.UIKind.Desktop,
    remoteName: undefined,
    shell: '/bin/sh',
    isTelemetryEnabled: false,
    onDidChangeTelemetryEnabled: noEvent(),
    clipboard: { readText: () => Promise.resolve(''), writeText: () => Promise.resolve() },
    openExternal: () => Promise.resolve(true),
    asExternalUri: (uri: Uri) => Promise.resolve(uri),
  },
  'vscode.env',
);

const languages = withFallback(
  {
    setTextDocumentLanguage: (document: unknown) => Promise.resolve(document),
  },
  'vscode.languages',
);

/** The built-in Git extension's API as far as src/git reads it: one repository per open folder, on `shimControl.gitBranch`. */
function gitExtension() {
  const branch = shimControl.gitBranch;
  const repositories = shimControl.folders.map((folder) =>
    withFallback(
      {
        rootUri: Uri.file(folder),
        state: withFallback({ HEAD: { name: branch, commit: undefined }, remotes: [], onDidChange: noEvent() }, 'GitRepositoryState'),
        log: () => Promise.resolve([]),
      },
      'GitRepository',
    ),
  );
  const api = withFallback(
    {
      state: 'initialized',
      onDidChangeState: noEvent(),
      repositories,
      onDidOpenRepository: noEvent(),
      onDidCloseRepository: noEvent(),
      getRepository: (uri: Uri) => repositories.find((r) => uri.fsPath === r.rootUri.fsPath || uri.fsPath.startsWith(`${r.rootUri.fsPath}/`)) ?? null,
    },
    'GitApi',
  );
  const exports = withFallback({ enabled: true, onDidChangeEnablement: noEvent(), getAPI: () => api }, 'GitExtension');
  return { id: 'vscode.git', isActive: true, exports, activate: () => Promise.resolve(exports) };
}

const extensions = withFallback(
  {
    all: [],
    getExtension: (id: string) => (id === 'vscode.git' && shimControl.gitBranch !== undefined ? gitExtension() : undefined),
    onDidChange: noEvent(),
  },
  'vscode.extensions',
);

const implemented = {
  version: '1.90.0',
  Disposable,
  EventEmitter,
  Uri,
  ThemeColor,
  ThemeIcon,
  MarkdownString,
  TreeItem,
  TreeItemCollapsibleState,
  FileSystemError,
  CancellationTokenSource,
  ...enums,
  l10n,
  window,
  workspace,
  commands,
  env,
  languages,
  extensions,
};

/** Every real top-level name the shim does not implement, as a stub that records its use. */
const stubbed = Object.fromEntries(VSCODE_TOP_LEVEL_NAMES.filter((name) => !(name in implemented)).map((name) => [name, stub(`vscode.${name}`)]));

/** The object `require('vscode')` returns while the shim is installed: as many keys as the real one. */
export const vscodeApi = withFallback({ ...stubbed, ...implemented }, 'vscode');

/** How many top-level names the shim's `vscode` has, and how many of them it implements. */
export const shimSize = { keys: Object.keys(vscodeApi).length, implemented: Object.keys(implemented).length };

// ---------------------------------------------------------------------------
// Extension context and installation
// ---------------------------------------------------------------------------

/** A Memento in memory; values are stored as JSON, as VS Code keeps them across windows. */
export function memento() {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    update: (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    },
    setKeysForSync: () => undefined,
  };
}

export type ShimMemento = ReturnType<typeof memento>;

/** What a window keeps between openings: a later context handed the same states opens "warm". */
export interface WindowState {
  readonly globalState: ShimMemento;
  readonly workspaceState: ShimMemento;
}

/** A minimal ExtensionContext: what an extension host hands activate(). */
export function extensionContext(extensionPath: string, storagePath: string, state: WindowState = { globalState: memento(), workspaceState: memento() }) {
  const extensionUri = Uri.file(extensionPath);
  return withFallback(
    {
      subscriptions: [] as { dispose(): unknown }[],
      extensionUri,
      extensionPath,
      asAbsolutePath: (relative: string) => nodePath.join(extensionPath, relative),
      storageUri: Uri.file(nodePath.join(storagePath, 'workspace')),
      globalStorageUri: Uri.file(nodePath.join(storagePath, 'global')),
      logUri: Uri.file(nodePath.join(storagePath, 'log')),
      storagePath: nodePath.join(storagePath, 'workspace'),
      globalStoragePath: nodePath.join(storagePath, 'global'),
      logPath: nodePath.join(storagePath, 'log'),
      extensionMode: enums.ExtensionMode.Production,
      globalState: state.globalState,
      workspaceState: state.workspaceState,
      secrets: {
        get: (key: string) => Promise.resolve(shimControl.secrets.get(key)),
        store: (key: string, value: string) => {
          shimControl.secrets.set(key, value);
          secretsChanged.fire({ key });
          return Promise.resolve();
        },
        delete: (key: string) => {
          shimControl.secrets.delete(key);
          secretsChanged.fire({ key });
          return Promise.resolve();
        },
        keys: () => Promise.resolve([...shimControl.secrets.keys()]),
        onDidChange: secretsChanged.event,
      },
      extension: {
        id: 'vercel-deployments.vercel-deployments',
        extensionUri,
        extensionPath,
        isActive: true,
        packageJSON: {},
        extensionKind: enums.ExtensionKind.Workspace,
        exports: undefined,
        activate: () => Promise.resolve(undefined),
      },
    },
    'ExtensionContext',
  );
}

export type ShimContext = ReturnType<typeof extensionContext>;

/** The module id under which `require('vscode')` finds the shim. */
const SHIM_ID = nodePath.join(__dirname, '__vscode_shim__.js');
let installed = false;

/** Makes `require('vscode')` answer {@link vscodeApi} in this process from now on. */
export function installVscodeShim(): void {
  if (installed) return;
  const resolve: unknown = Reflect.get(Module, '_resolveFilename');
  if (typeof resolve !== 'function') throw new Error('Module._resolveFilename is not available in this Node');
  Reflect.set(Module, '_resolveFilename', function resolveWithShim(this: unknown, request: unknown, ...rest: unknown[]): unknown {
    return request === 'vscode' ? SHIM_ID : Reflect.apply(resolve, this, [request, ...rest]);
  });
  const shimModule = new Module(SHIM_ID);
  shimModule.filename = SHIM_ID;
  shimModule.exports = vscodeApi;
  shimModule.loaded = true;
  require.cache[SHIM_ID] = shimModule;
  installed = true;
}
