/**
 * The activation bundle's side of the features bundle (dist/features.js):
 * nothing of build logs, the details panel, link/unlink/sign-in or the
 * lifecycle commands is loaded until a person uses one of them. Until then
 * their commands, file systems and panel serializer are stand-ins that load
 * the bundle on first use and hand over to what it registers.
 */
import * as vscode from 'vscode';
import type { FeatureServices, Features } from './features';
import type { FileSystemSlots, TreeSlots } from './util/fileSystemSlots';

type FeaturesModule = { readonly activateFeatures: (context: vscode.ExtensionContext, services: FeatureServices) => Features };


/** The bundle beside this one; esbuild.mjs keeps the require as it is. */
function loadBundle(): FeaturesModule {
  return require('./features.js') as FeaturesModule;
}

export class LazyFeatures implements FileSystemSlots, TreeSlots, vscode.Disposable {
  private features: Features | undefined;
  private readonly commandIds: string[] = [];
  private stubs: vscode.Disposable[] = [];
  private readonly slots = new Map<string, FileSystemSlot>();
  private readonly trees = new Map<string, (provider: vscode.TreeDataProvider<unknown>) => vscode.TreeView<unknown>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** When the bundle was loaded, and why: read by tests and benchmarks. */
  loadedFor: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly services: Omit<FeatureServices, 'fileSystems' | 'trees'>,
    private readonly load: () => FeaturesModule = loadBundle,
  ) {}

  get loaded(): boolean {
    return this.features !== undefined;
  }

  /** Loads and wires the features bundle once; every later call returns what it made. */
  get(reason: string): Features {
    if (this.features) return this.features;
    // The bundle registers the real commands under the same ids: the stand-ins go first.
    for (const stub of this.stubs.splice(0)) stub.dispose();
    try {
      this.features = this.load().activateFeatures(this.context, { ...this.services, fileSystems: this, trees: this });
    } catch (error) {
      this.registerStubs();
      throw error;
    }
    this.loadedFor = reason;
    this.services.log.debug(`Loaded the features bundle (${reason})`);
    return this.features;
  }

  /** Commands the bundle registers: a stand-in for each that loads it, then runs the real one with the same arguments. */
  commands(ids: readonly string[]): void {
    this.commandIds.push(...ids);
    if (!this.features) this.registerStubs();
  }

  private registerStubs(): void {
    for (const id of this.commandIds) {
      this.stubs.push(
        vscode.commands.registerCommand(id, (...args: unknown[]) => {
          this.get(`command ${id}`);
          return vscode.commands.executeCommand(id, ...args);
        }),
      );
    }
  }

  /** A read-only file system whose provider the bundle attaches (VS Code may ask for its documents at start-up). */
  fileSystem(scheme: string): void {
    const slot = new FileSystemSlot(() => this.get(`a ${scheme} document`));
    this.slots.set(scheme, slot);
    this.disposables.push(slot, vscode.workspace.registerFileSystemProvider(scheme, slot, { isReadonly: true, isCaseSensitive: true }));
  }

  attach(scheme: string, provider: vscode.FileSystemProvider): vscode.Disposable {
    const slot = this.slots.get(scheme);
    if (!slot) throw new Error(`no file system stand-in for ${scheme}`);
    return slot.attach(provider);
  }

  /**
   * A tree view whose rows come from the bundle, loaded when VS Code first
   * asks for them (a collapsed view never does). Kept to a few hundred bytes:
   * this is what a window that never opens the view pays for it.
   */
  treeView(viewId: string): void {
    const changed = new vscode.EventEmitter<unknown>();
    let provider: vscode.TreeDataProvider<unknown> | undefined;
    const view = vscode.window.createTreeView(viewId, {
      treeDataProvider: {
        onDidChangeTreeData: changed.event,
        getChildren: (element) => (provider ?? (this.get(`the ${viewId} view`), provider))?.getChildren(element),
        getTreeItem: (element) => (provider as vscode.TreeDataProvider<unknown>).getTreeItem(element),
      },
    });
    this.trees.set(viewId, (attached) => {
      provider = attached;
      attached.onDidChangeTreeData?.((e) => changed.fire(e));
      changed.fire(undefined);
      return view;
    });
    this.disposables.push(view, changed);
  }

  attachTree<T>(viewId: string, provider: vscode.TreeDataProvider<T>): vscode.TreeView<T> {
    return this.trees.get(viewId)?.(provider as vscode.TreeDataProvider<unknown>) as vscode.TreeView<T>;
  }

  /** A webview panel serializer: a panel restored after a reload loads the bundle. */
  serializer(viewType: string): void {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: (panel, state) => this.get(`a restored ${viewType} panel`).deserializeWebviewPanel(viewType, panel, state),
      }),
    );
  }

  dispose(): void {
    for (const d of [...this.stubs.splice(0), ...this.disposables.splice(0)]) d.dispose();
  }
}

/** Forwards to the provider the bundle attached, loading the bundle first. */
class FileSystemSlot implements vscode.FileSystemProvider, vscode.Disposable {
  private provider: vscode.FileSystemProvider | undefined;
  private subscription: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(private readonly ensure: () => void) {}

  attach(provider: vscode.FileSystemProvider): vscode.Disposable {
    this.subscription?.dispose();
    this.provider = provider;
    this.subscription = provider.onDidChangeFile((events) => this.changed.fire(events));
    return new vscode.Disposable(() => {
      if (this.provider !== provider) return;
      this.subscription?.dispose();
      this.subscription = undefined;
      this.provider = undefined;
    });
  }

  private target(): vscode.FileSystemProvider {
    if (!this.provider) this.ensure();
    if (!this.provider) throw vscode.FileSystemError.Unavailable();
    return this.provider;
  }

  watch(uri: vscode.Uri, options: { readonly recursive: boolean; readonly excludes: readonly string[] }): vscode.Disposable {
    return this.target().watch(uri, options);
  }

  stat(uri: vscode.Uri): vscode.FileStat | Thenable<vscode.FileStat> {
    return this.target().stat(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] | Thenable<[string, vscode.FileType][]> {
    return this.target().readDirectory(uri);
  }

  createDirectory(uri: vscode.Uri): void | Thenable<void> {
    return this.target().createDirectory(uri);
  }

  readFile(uri: vscode.Uri): Uint8Array | Thenable<Uint8Array> {
    return this.target().readFile(uri);
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): void | Thenable<void> {
    return this.target().writeFile(uri, content, options);
  }

  delete(uri: vscode.Uri, options: { readonly recursive: boolean }): void | Thenable<void> {
    return this.target().delete(uri, options);
  }

  rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): void | Thenable<void> {
    return this.target().rename(oldUri, newUri, options);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
