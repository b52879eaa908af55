/**
 * Composition root: builds the one client, the one store and the scheduler,
 * then lets each part register itself. It holds only what the first paint
 * needs; build logs, the details panel, link/unlink/sign-in and the lifecycle
 * commands are in the features bundle, loaded on first use (src/lazy.ts).
 * Every disposable goes into `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { VercelClient } from './api/client';
import { AccountCache } from './auth/accountCache';
import { VercelAuthenticationProvider } from './auth/authProvider';
import { Session } from './auth/session';
import { TokenStore } from './auth/tokenStore';
import { registerClearFilter } from './commands/clearFilter';
import type { CommandDeps } from './commands/deps';
import { registerRefresh } from './commands/refresh';
import { registerShowLog } from './commands/showLog';
import { Commands, DEFAULT_API_URL, EnvCommands, JSON_DOCUMENT_SCHEME, LOG_SCHEME, RUNTIME_LOG_SCHEME, Settings, Views, WEBVIEW_DETAILS } from './constants';
import { ProductionBadges } from './deployments/decorations';
import { filterQuery } from './deployments/filter';
import { FILTER_STATE_KEY, FilterState } from './deployments/filterState';
import { registerFilterWiring } from './deployments/filterWiring';
import { ProjectCache } from './deployments/projectCache';
import { RefreshScheduler } from './deployments/scheduler';
import { DeploymentStore } from './deployments/store';
import type { DeploymentsTreeNode } from './deployments/treeItems';
import { DeploymentsTreeProvider, DeploymentsViewState } from './deployments/treeProvider';
import type { DetailsPanels } from './details/panel';
import { GitState } from './git/gitState';
import { LazyFeatures } from './lazy';
import type { LogsApi } from './logs';
import type { RuntimeLogsApi } from './runtimeLogs';
import { registerProblemsTrigger } from './logs/problemsTrigger';
import { BuildNotifier } from './notifications/buildNotifier';
import { DeployStatusBar } from './statusBar/deployStatusBar';
import { LinkedProjects } from './workspace/linkedProjects';

/** What activate() returns: read by the integration tests, not a public API. */
export interface ExtensionApi {
  readonly store: DeploymentStore;
  readonly scheduler: RefreshScheduler;
  readonly links: LinkedProjects;
  readonly statusBar: DeployStatusBar;
  readonly git: GitState;
  readonly notifier: BuildNotifier;
  readonly filters: FilterState;
  readonly session: Session;
  /** The filter as kept in the workspace state (what a reload reads back). */
  readonly filterMemento: () => unknown;
  readonly tree: DeploymentsTreeProvider;
  readonly view: vscode.TreeView<DeploymentsTreeNode>;
  readonly viewState: DeploymentsViewState;
  /** Resolves once the first look at token and link files is done. */
  readonly ready: Promise<void>;
  /** The features bundle: whether it is loaded, and why. */
  readonly features: LazyFeatures;
  /** Build logs (reading it loads the features bundle). */
  readonly logs: LogsApi;
  /** Runtime logs (reading it loads the features bundle). */
  readonly runtimeLogs: RuntimeLogsApi;
  /** The details panels: what their headers show, and messages as if from their webviews (reading it loads the features bundle). */
  readonly details: DetailsPanels;
}

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(Settings.section).get<T>(key, fallback);
}

/**
 * The API origin comes only from the user's own (application-scoped)
 * setting: a workspace's .vscode/settings.json must never redirect the token.
 */
function apiOrigin(): string {
  const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<string>(Settings.apiUrl);
  const value = inspected?.globalValue ?? DEFAULT_API_URL;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : DEFAULT_API_URL;
  } catch {
    return DEFAULT_API_URL;
  }
}

/** Commands whose code is in the features bundle. */
const LAZY_COMMANDS = [
  Commands.setToken,
  Commands.loadMore,
  Commands.linkProject,
  Commands.unlinkProject,
  Commands.cancel,
  Commands.redeploy,
  Commands.promote,
  Commands.promoteFromTitle,
  Commands.rollback,
  Commands.delete,
  Commands.showDetails,
  Commands.openJson,
  Commands.showLogs,
  Commands.toggleLogTimestamps,
  Commands.retryLogs,
  Commands.showRuntimeLogs,
  Commands.filterRuntimeLogs,
  Commands.loadOlderRuntimeLogs,
  Commands.retryRuntimeLogs,
  Commands.filter,
  Commands.openUrl,
  Commands.openInspector,
  Commands.copyUrl,
  Commands.copyId,
  Commands.signOut,
  Commands.revealLatest,
  Commands.collapseAll,
  Commands.deploy,
  Commands.deployBranch,
  ...Object.values(EnvCommands),
] as const;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Vercel Deployments'), { log: true });
  const tokens = new TokenStore(context.secrets);
  const session = new Session(tokens, new AccountCache(context.globalState));
  const client = new VercelClient({
    origin: apiOrigin,
    token: () => tokens.get(),
    onRequest: (r) => log.debug(`${r.method} ${r.endpoint} → ${r.status} in ${r.ms} ms${r.attempt > 0 ? ` (retry ${r.attempt})` : ''}`),
  });
  const links = new LinkedProjects(log);
  const git = new GitState(log);
  const filters = new FilterState(context.workspaceState);
  const store = new DeploymentStore(client, {
    pageSize: () => Math.min(100, Math.max(1, setting(Settings.pageSize, 20))),
    query: (project) => filterQuery(filters.filter, { currentBranch: git.of(project)?.branch, userId: session.userId }),
    projectCache: new ProjectCache(context.workspaceState),
  });
  const scheduler = new RefreshScheduler(
    async () => {
      const outcome = await store.refresh();
      for (const error of outcome.errors) {
        log.warn(`Refresh failed: ${error.message}`);
      }
      return outcome;
    },
    {
      activeMs: () => setting(Settings.activeInterval, 5) * 1000,
      idleMs: () => setting(Settings.idleInterval, 60) * 1000,
    },
  );
  const tree = new DeploymentsTreeProvider(store, links, session);
  // Collapse All is a view/title command of ours, shown only when there are project roots to collapse.
  const view = vscode.window.createTreeView(Views.deployments, { treeDataProvider: tree, showCollapseAll: false });
  const viewState = new DeploymentsViewState(view, store, session, scheduler);
  const statusBar = new DeployStatusBar(store, links, session, git);
  const notifier = new BuildNotifier({ store, git, log });
  context.subscriptions.push(log, tokens, session, links, git, filters, store, scheduler, tree, view, new ProductionBadges(tree), statusBar, notifier);

  const redraw = () => {
    tree.refresh();
    viewState.update();
  };
  registerFilterWiring(context, { filters, store, git, session, scheduler, viewState, client, log });
  context.subscriptions.push(
    store.onDidChange(redraw),
    scheduler.onDidChange(() => viewState.update()),
    links.onDidChange((snapshot) => {
      store.setProjects(snapshot.projects);
      git.setProjects(snapshot.projects);
      if (session.signedIn) void scheduler.refreshNow();
    }),
    vscode.window.onDidChangeWindowState((state) => scheduler.setFocused(state.focused)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.refresh`)) scheduler.reschedule();
      if (e.affectsConfiguration(`${Settings.section}.${Settings.apiUrl}`) || e.affectsConfiguration(`${Settings.section}.${Settings.pageSize}`)) {
        void scheduler.refreshNow();
      }
    }),
    // Signed in polls; signed out forgets every deployment.
    session.onDidChange(() => {
      if (session.signedIn) {
        scheduler.start();
      } else {
        scheduler.stop();
        store.clear();
        notifier.reset();
      }
      redraw();
      statusBar.update();
    }),
  );

  const deps: CommandDeps = {
    client,
    store,
    scheduler,
    links,
    tokens,
    session,
    log,
    deploymentsView: view,
    deploymentsTree: tree,
  };
  for (const register of [
    registerRefresh,
    registerShowLog,
  ]) {
    register(context, deps);
  }
  registerClearFilter(context, { filters });

  const features = new LazyFeatures(context, { ...deps, git, filters, startedHere: (id) => notifier.startedHere.add(id) });
  context.subscriptions.push(features);
  features.commands(LAZY_COMMANDS);
  features.fileSystem(LOG_SCHEME);
  features.fileSystem(RUNTIME_LOG_SCHEME);
  features.fileSystem(JSON_DOCUMENT_SCHEME);
  features.serializer(WEBVIEW_DETAILS);
  features.treeView(Views.environment);
  registerProblemsTrigger(context, { store, git, features });

  context.subscriptions.push(
    new VercelAuthenticationProvider({
      tokens,
      client,
      log,
      session,
      signIn: () => vscode.commands.executeCommand<boolean>(Commands.setToken),
      signOut: () => vscode.commands.executeCommand(Commands.signOut),
    }),
  );

  scheduler.setFocused(vscode.window.state.focused);
  const ready = (async () => {
    const snapshot = await links.refresh();
    store.setProjects(snapshot.projects);
    git.setProjects(snapshot.projects);
    await session.refresh();
  })();
  ready.catch((error: unknown) => log.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`));
  viewState.update();
  return {
    store,
    scheduler,
    links,
    statusBar,
    git,
    notifier,
    filters,
    session,
    filterMemento: () => context.workspaceState.get(FILTER_STATE_KEY),
    tree,
    view,
    viewState,
    ready,
    features,
    get logs() {
      return features.get('the extension API').logs;
    },
    get runtimeLogs() {
      return features.get('the extension API').runtimeLogs;
    },
    get details() {
      return features.get('the extension API').details;
    },
  };
}

export function deactivate(): void {}
