/**
 * The activation bundle's side of the features bundle (dist/features.js):
 * nothing of build logs, the details panel, link/unlink/sign-in or the
 * lifecycle commands is loaded until a person uses one of them. Until then
 * their commands, file systems and panel serializer are stand-ins that load
 * the bundle on first use and hand over to what it registers.
 */
import * as vscode from 'vscode';
import type { FeatureServices, Features } from './features';
import { loadFeaturesModule, type FeaturesModule } from './lazyLoad';
import type { FileSystemSlots, TreeSlots } from './util/fileSystemSlots';

export class LazyFeatures implements FileSystemSlots, TreeSlots, vscode.Disposable {
  private features: Features | undefined;
  private pending: Promise<Features> | undefined;
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
    /** Node requires the bundle (synchronously); a browser reads and evaluates it (src/lazyLoad.web.ts). */
    private readonly loadModule: (context: vscode.ExtensionContext) => FeaturesModule | Promise<FeaturesModule> = loadFeaturesModule,
  ) {}

  get loaded(): boolean {
    return this.features !== undefined;
  }

  /** Loads and wires the features bundle once; every later call returns what it made. */
  load(reason: string): Promise<Features> {
    if (this.features) return Promise.resolve(this.features);
    if (!this.pending) {
      const pending = (async () => this.activate(await this.loadModule(this.context), reason))();
      this.pending = pending;
      // A failed load may be tried again by the next command.
      pending.catch((error: unknown) => {
        this.pending = undefined;
        this.services.log.error(`Could not load the features bundle (${reason}): ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    return this.pending;
  }

  /**
   * The same, for callers that cannot wait (the extension's API that tests
   * read): only where the bundle loads synchronously, in Node.
   */
  get(reason: string): Features {
    if (this.features) return this.features;
    const module = this.loadModule(this.context);
    if (module instanceof Promise) {
      void module.catch(() => undefined);
      throw new Error('the features bundle loads asynchronously here: use load()');
    }
    return this.activate(module, reason);
  }

  private activate(module: FeaturesModule, reason: string): Features {
    if (this.features) return this.features;
    // The bundle registers the real commands under the same ids: the stand-ins go first.
    for (const stub of this.stubs.splice(0)) stub.dispose();
    try {
      this.features = module.activateFeatures(this.context, { ...this.services, fileSystems: this, trees: this });
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
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          await this.load(`command ${id}`);
          return vscode.commands.executeCommand(id, ...args);
        }),
      );
    }
  }

  /** A read-only file system whose provider the bundle attaches (VS Code may ask for its documents at start-up). */
  fileSystem(scheme: string): void {
    const slot = new FileSystemSlot(() => this.load(`a ${scheme} document`));
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
        getChildren: async (element) => {
          if (!provider) await this.load(`the ${viewId} view`);
          return provider?.getChildren(element);
        },
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
        deserializeWebviewPanel: async (panel, state) => (await this.load(`a restored ${viewType} panel`)).deserializeWebviewPanel(viewType, panel, state),
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

  constructor(private readonly ensure: () => Promise<unknown>) {}

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

  private async target(): Promise<vscode.FileSystemProvider> {
    if (!this.provider) await this.ensure();
    if (!this.provider) throw vscode.FileSystemError.Unavailable();
    return this.provider;
  }

  /** Watching starts once the provider is there; disposing before that cancels it. */
  watch(uri: vscode.Uri, options: { readonly recursive: boolean; readonly excludes: readonly string[] }): vscode.Disposable {
    if (this.provider) return this.provider.watch(uri, options);
    let watcher: vscode.Disposable | undefined;
    let disposed = false;
    void this.target().then(
      (provider) => {
        if (!disposed) watcher = provider.watch(uri, options);
      },
      () => undefined,
    );
    return new vscode.Disposable(() => {
      disposed = true;
      watcher?.dispose();
    });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return (await this.target()).stat(uri);
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.target()).readDirectory(uri);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    return (await this.target()).createDirectory(uri);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.target()).readFile(uri);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array, options: { readonly create: boolean; readonly overwrite: boolean }): Promise<void> {
    return (await this.target()).writeFile(uri, content, options);
  }

  async delete(uri: vscode.Uri, options: { readonly recursive: boolean }): Promise<void> {
    return (await this.target()).delete(uri, options);
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { readonly overwrite: boolean }): Promise<void> {
    return (await this.target()).rename(oldUri, newUri, options);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
