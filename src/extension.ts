/**
 * Composition root: builds the one client, the one store and the scheduler,
 * then lets each part register itself. Every disposable goes into
 * `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { VercelClient } from './api/client';
import { TokenStore } from './auth/tokenStore';
import { registerCancel } from './commands/cancel';
import { registerDelete } from './commands/delete';
import { registerPromote } from './commands/promote';
import { registerRedeploy } from './commands/redeploy';
import { registerRollback } from './commands/rollback';
import { registerClearFilter } from './commands/clearFilter';
import { registerCollapseAll } from './commands/collapseAll';
import { registerFilter } from './commands/filter';
import { registerCopyId } from './commands/copyId';
import { registerCopyUrl } from './commands/copyUrl';
import type { CommandDeps } from './commands/deps';
import { registerLoadMore } from './commands/loadMore';
import { registerOpenInspector } from './commands/openInspector';
import { registerOpenUrl } from './commands/openUrl';
import { pickDeployment } from './commands/pickDeployment';
import { registerRefresh } from './commands/refresh';
import { registerRevealLatest } from './commands/revealLatest';
import { registerSetToken } from './commands/setToken';
import { registerShowLog } from './commands/showLog';
import { registerSignOut } from './commands/signOut';
import { registerLinkProject } from './commands/linkProject';
import { registerUnlinkProject } from './commands/unlinkProject';
import { VercelAuthenticationProvider } from './auth/authProvider';
import { Commands, DEFAULT_API_URL, Settings, Views } from './constants';
import { registerDetails } from './details';
import type { DetailsPanels } from './details/panel';
import { registerLogs, type LogsApi } from './logs';
import { RefreshScheduler } from './deployments/scheduler';
import { DeploymentStore } from './deployments/store';
import { describeFilter, filterQuery } from './deployments/filter';
import { FILTER_STATE_KEY, FilterState } from './deployments/filterState';
import { stateLabel } from './deployments/labels';
import { ProductionBadges } from './deployments/decorations';
import { DeploymentsTreeProvider, DeploymentsViewState } from './deployments/treeProvider';
import type { DeploymentsTreeNode } from './deployments/treeItems';
import { GitState } from './git/gitState';
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
  /** The filter as kept in the workspace state (what a reload reads back). */
  readonly filterMemento: () => unknown;
  readonly tree: DeploymentsTreeProvider;
  readonly view: vscode.TreeView<DeploymentsTreeNode>;
  readonly viewState: DeploymentsViewState;
  /** Resolves once the first look at token and link files is done. */
  readonly ready: Promise<void>;
  readonly logs: LogsApi;
  /** The details panels: what their headers show, and messages as if from their webviews. */
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

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Vercel Deployments'), { log: true });
  const tokens = new TokenStore(context.secrets);
  const client = new VercelClient({
    origin: apiOrigin,
    token: () => tokens.get(),
    onRequest: (r) => log.debug(`${r.method} ${r.endpoint} → ${r.status} in ${r.ms} ms${r.attempt > 0 ? ` (retry ${r.attempt})` : ''}`),
  });
  const links = new LinkedProjects(log);
  const git = new GitState(log);
  const filters = new FilterState(context.workspaceState);
  /** The signed-in user's id, asked of Vercel only when a filter wants "mine". */
  let userId: string | undefined;
  let statusBar: DeployStatusBar | undefined;
  const store = new DeploymentStore(client, {
    pageSize: () => Math.min(100, Math.max(1, setting(Settings.pageSize, 20))),
    query: (project) => filterQuery(filters.filter, { currentBranch: git.of(project)?.branch, userId }),
    branchWanted: () => statusBar?.followed(),
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
  const auth: { signedIn: boolean | undefined; account: string | undefined } = { signedIn: undefined, account: undefined };
  const tree = new DeploymentsTreeProvider(store, links, auth);
  // Collapse All is a view/title command of ours, shown only when there are project roots to collapse.
  const view = vscode.window.createTreeView(Views.deployments, { treeDataProvider: tree, showCollapseAll: false });
  context.subscriptions.push(new ProductionBadges(tree));
  const viewState = new DeploymentsViewState(view, store, auth, scheduler);
  statusBar = new DeployStatusBar(store, links, auth, git);
  context.subscriptions.push(log, tokens, links, store, scheduler, tree, view, statusBar);
  const notifier = new BuildNotifier({ store, git, log });
  context.subscriptions.push(git, notifier, filters);
  viewState.filter = {
    active: () => filters.active,
    description: () =>
      describeFilter(filters.filter, { currentBranch: store.projects.map((p) => git.of(p.project)?.branch).find((b) => b !== undefined) }, {
        production: vscode.l10n.t('Production'),
        preview: vscode.l10n.t('Preview'),
        me: vscode.l10n.t('Mine'),
        currentBranch: vscode.l10n.t('current branch'),
        state: stateLabel,
      }).join(' · '),
  };
  /** A new filter (or a new current branch under a "current branch" filter) is another query: its first page replaces the lists. */
  const requery = async () => {
    if (filters.filter.author === 'me' && userId === undefined && auth.signedIn) {
      try {
        userId = (await client.getUser()).id;
      } catch (error) {
        log.warn(`filter: could not learn who is signed in: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    store.resetLists();
    viewState.update();
    if (auth.signedIn) await scheduler.requery();
  };
  let lastBranches = '';
  context.subscriptions.push(
    filters.onDidChange(() => void requery()),
    git.onDidChange(() => {
      const branches = store.projects.map((p) => git.of(p.project)?.branch ?? '').join('\n');
      if (branches === lastBranches) return;
      lastBranches = branches;
      if (filters.filter.branch?.kind === 'current') void requery();
      else if (auth.signedIn) void scheduler.refreshNow();
    }),
  );

  const redraw = () => {
    tree.refresh();
    viewState.update();
  };
  context.subscriptions.push(
    store.onDidChange(redraw),
    scheduler.onDidChange(() => viewState.update()),
    links.onDidChange((snapshot) => {
      store.setProjects(snapshot.projects);
      git.setProjects(snapshot.projects);
      if (auth.signedIn) {
        void scheduler.refreshNow();
      }
    }),
    vscode.window.onDidChangeWindowState((state) => scheduler.setFocused(state.focused)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.refresh`)) {
        scheduler.reschedule();
      }
      if (e.affectsConfiguration(`${Settings.section}.${Settings.apiUrl}`) || e.affectsConfiguration(`${Settings.section}.${Settings.pageSize}`)) {
        void scheduler.refreshNow();
      }
    }),
  );

  /** Follows the token: signed in polls, signed out forgets every deployment. */
  const onToken = async () => {
    const signedIn = await tokens.hasToken();
    auth.signedIn = signedIn;
    if (signedIn) {
      // Learns who is signed in (one /v2/user per token), for the Accounts menu and broken links.
      void accounts.getSessions();
      scheduler.start();
    } else {
      scheduler.stop();
      store.clear();
      notifier.reset();
      userId = undefined;
    }
    redraw();
    statusBar.update();
  };
  context.subscriptions.push(tokens.onDidChange(() => void onToken()));

  const deps: CommandDeps = {
    client,
    store,
    scheduler,
    links,
    tokens,
    log,
    reveal: async (id) => {
      const node = tree.nodeFor(id);
      if (!node) {
        return false;
      }
      await view.reveal(node, { select: true, focus: true });
      return true;
    },
  };
  for (const register of [
    registerSetToken,
    registerSignOut,
    registerRefresh,
    registerLoadMore,
    registerCancel,
    registerRedeploy,
    registerPromote,
    registerRollback,
    registerDelete,
    registerCollapseAll,
    registerOpenUrl,
    registerOpenInspector,
    registerCopyUrl,
    registerCopyId,
    registerRevealLatest,
    registerShowLog,
  ]) {
    register(context, deps);
  }
  registerFilter(context, { filters, store, git });
  registerClearFilter(context, { filters });
  const linkDeps = { ...deps, git, state: context.workspaceState };
  registerLinkProject(context, linkDeps);
  registerUnlinkProject(context, linkDeps);
  const accounts = new VercelAuthenticationProvider({
    tokens,
    client,
    log,
    signIn: () => vscode.commands.executeCommand<boolean>(Commands.setToken),
    signOut: () => vscode.commands.executeCommand(Commands.signOut),
    onAccount: (label) => {
      if (label !== auth.account) {
        auth.account = label;
        redraw();
      }
    },
  });
  context.subscriptions.push(accounts);
  const details = registerDetails(context, { client, log, tokens, store, pickDeployment: () => pickDeployment(store) });
  const logs = registerLogs(context, {
    client,
    store,
    links,
    tokens,
    log,
    pickDeployment: () => pickDeployment(store, { placeHolder: vscode.l10n.t('Select a deployment to show its build logs') }),
  });

  scheduler.setFocused(vscode.window.state.focused);
  const ready = (async () => {
    if (filters.filter.author === 'me' && (await tokens.hasToken())) {
      userId = await client.getUser().then((u) => u.id, () => undefined);
    }
    const snapshot = await links.refresh();
    store.setProjects(snapshot.projects);
    git.setProjects(snapshot.projects);
    await onToken();
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
    filterMemento: () => context.workspaceState.get(FILTER_STATE_KEY),
    tree,
    view,
    viewState,
    ready,
    logs,
    details,
  };
}

export function deactivate(): void {}
