/**
 * The features bundle's entry (dist/features.js): what no window needs
 * before a person asks for it. src/lazy.ts loads it on the first command,
 * document, restored panel or build-problems refresh that needs it, and hands
 * it the services the activation bundle built; modules both bundles use are
 * read from the activation bundle (esbuild.mjs), never bundled twice.
 */
import * as vscode from 'vscode';
import { registerCancel } from './commands/cancel';
import { registerCollapseAll } from './commands/collapseAll';
import { registerCopyId } from './commands/copyId';
import { registerCopyUrl } from './commands/copyUrl';
import { registerDelete } from './commands/delete';
import { registerDeploy } from './commands/deploy';
import { registerDeployBranch } from './commands/deployBranch';
import type { CommandDeps } from './commands/deps';
import { registerFilter } from './commands/filter';
import { registerLinkProject } from './commands/linkProject';
import { registerOpenInspector } from './commands/openInspector';
import { registerOpenUrl } from './commands/openUrl';
import { pickDeployment } from './commands/pickDeployment';
import { registerPromote } from './commands/promote';
import { registerRedeploy } from './commands/redeploy';
import { registerLoadMore } from './commands/loadMore';
import { registerRevealLatest } from './commands/revealLatest';
import { registerRollback } from './commands/rollback';
import { registerSetToken } from './commands/setToken';
import { registerSignOut } from './commands/signOut';
import { registerUnlinkProject } from './commands/unlinkProject';
import { readyStateOf } from './api/schemas';
import { WEBVIEW_DETAILS } from './constants';
import { DeploymentFolders } from './deployments/deploymentFolders';
import type { FilterState } from './deployments/filterState';
import { registerDetails } from './details';
import { registerEnvironment, type EnvironmentApi } from './env';
import type { DetailsPanels } from './details/panel';
import type { GitState } from './git/gitState';
import { registerLogs, type LogsApi } from './logs';
import { registerRuntimeLogs, type RuntimeLogsApi } from './runtimeLogs';
import type { FileSystemSlots, TreeSlots } from './util/fileSystemSlots';

// The activation bundle's stand-in for src/api/deployment.ts calls these (esbuild.mjs, deferredModules).
export { deploymentSchema } from './api/deployment';
export { localeError } from './api/zodLocale';
export { actionRequests } from './api/actionRequests';
export { envApi } from './api/envApi';
export { requestLogs, runtimeLogStream } from './api/runtimeLogRequests';
export { chunksOf, readNdjson } from './api/ndjson';

export interface FeatureServices extends CommandDeps {
  readonly git: GitState;
  readonly filters: FilterState;
  readonly fileSystems: FileSystemSlots;
  /** Tells the build-finished notifications that this window started a deployment. */
  readonly startedHere: (id: string) => void;
  readonly trees: TreeSlots;
}

export interface Features {
  readonly logs: LogsApi;
  readonly runtimeLogs: RuntimeLogsApi;
  readonly details: DetailsPanels;
  readonly environment: EnvironmentApi;
  deserializeWebviewPanel(viewType: string, panel: vscode.WebviewPanel, state: unknown): Thenable<void>;
}

export function activateFeatures(context: vscode.ExtensionContext, services: FeatureServices): Features {
  for (const register of [
    registerSetToken,
    registerCancel,
    registerRedeploy,
    registerPromote,
    registerRollback,
    registerDelete,
    registerOpenUrl,
    registerOpenInspector,
    registerCopyUrl,
    registerCopyId,
    registerSignOut,
    registerRevealLatest,
    registerLoadMore,
    registerCollapseAll,
  ]) {
    register(context, services);
  }
  registerFilter(context, { filters: services.filters, store: services.store, git: services.git });
  const linkDeps = { ...services, state: context.workspaceState };
  registerLinkProject(context, linkDeps);
  registerUnlinkProject(context, linkDeps);
  const details = registerDetails(context, {
    client: services.client,
    log: services.log,
    tokens: services.tokens,
    store: services.store,
    fileSystems: services.fileSystems,
    pickDeployment: () => pickDeployment(services.store),
  });
  const folders = new DeploymentFolders({ store: services.store, links: services.links, client: services.client, log: services.log });
  const logs = registerLogs(context, {
    folders,
    client: services.client,
    store: services.store,
    links: services.links,
    tokens: services.tokens,
    log: services.log,
    fileSystems: services.fileSystems,
    currentBranch: (project) => services.git.of(project)?.branch,
    pickDeployment: () => pickDeployment(services.store, { placeHolder: vscode.l10n.t('Select a deployment to show its build logs') }),
  });
  const deployDeps = { ...services, logs: () => logs };
  registerDeploy(context, deployDeps);
  registerDeployBranch(context, deployDeps);
  const environment = registerEnvironment(context, {
    client: services.client,
    links: services.links,
    session: services.session,
    tokens: services.tokens,
    deployments: services.store,
    git: services.git,
    log: services.log,
    trees: services.trees,
  });
  const runtimeLogs = registerRuntimeLogs(context, {
    client: services.client,
    store: services.store,
    links: services.links,
    tokens: services.tokens,
    log: services.log,
    fileSystems: services.fileSystems,
    folders,
    pickDeployment: () =>
      pickDeployment(services.store, {
        placeHolder: vscode.l10n.t('Select a deployment to show its runtime logs'),
        // What is READY serves requests: those first, newest first within each.
        rank: (d) => (readyStateOf(d) === 'READY' ? 0 : 1),
      }),
  });
  return {
    logs,
    runtimeLogs,
    details,
    environment,
    deserializeWebviewPanel(viewType, panel, state) {
      if (viewType !== WEBVIEW_DETAILS) throw new Error(`no serializer for ${viewType}`);
      return details.deserializeWebviewPanel(panel, state);
    },
  };
}
