/**
 * Every id the extension contributes, in one place. The `vercelDeployments`
 * prefix is ours alone, so this extension can sit beside other Vercel
 * extensions without clashes. Keep in step with package.json `contributes`.
 */
export const EXTENSION_ID = 'vercel-deployments.vercel-deployments';

export const Commands = {
  setToken: 'vercelDeployments.setToken',
  signOut: 'vercelDeployments.signOut',
  refresh: 'vercelDeployments.refresh',
  loadMore: 'vercelDeployments.loadMore',
  cancel: 'vercelDeployments.cancel',
  openUrl: 'vercelDeployments.openUrl',
  openInspector: 'vercelDeployments.openInspector',
  copyUrl: 'vercelDeployments.copyUrl',
  copyId: 'vercelDeployments.copyId',
  showDetails: 'vercelDeployments.showDetails',
  openJson: 'vercelDeployments.openJson',
  revealLatest: 'vercelDeployments.revealLatest',
  showLog: 'vercelDeployments.showLog',
  filter: 'vercelDeployments.filter',
  clearFilter: 'vercelDeployments.clearFilter',
  showLogs: 'vercelDeployments.showLogs',
  toggleLogTimestamps: 'vercelDeployments.toggleLogTimestamps',
  retryLogs: 'vercelDeployments.retryLogs',
  showRuntimeLogs: 'vercelDeployments.showRuntimeLogs',
  filterRuntimeLogs: 'vercelDeployments.filterRuntimeLogs',
  /** The runtime log's "Load older…" lens. */
  loadOlderRuntimeLogs: 'vercelDeployments.loadOlderRuntimeLogs',
  /** The runtime log's Retry lens, after Vercel refused or kept failing. */
  retryRuntimeLogs: 'vercelDeployments.retryRuntimeLogs',
  collapseAll: 'vercelDeployments.collapseAll',
  redeploy: 'vercelDeployments.redeploy',
  promote: 'vercelDeployments.promote',
  /** The Deployments view's title bar entry of promote: always asks which deployment. */
  promoteFromTitle: 'vercelDeployments.promoteFromTitle',
  rollback: 'vercelDeployments.rollback',
  delete: 'vercelDeployments.delete',
  linkProject: 'vercelDeployments.linkProject',
  unlinkProject: 'vercelDeployments.unlinkProject',
  /** Deploys a linked folder's files (palette, view title, Explorer context menu of a linked folder). */
  deploy: 'vercelDeployments.deploy',
  /** Deploys a branch's commit on the remote through the project's Git integration. */
  deployBranch: 'vercelDeployments.deployBranch',
} as const;

/** The Environment Variables view's commands (all in the features bundle). */
export const EnvCommands = {
  refresh: 'vercelDeployments.env.refresh',
  copyValue: 'vercelDeployments.env.copyValue',
  reveal: 'vercelDeployments.env.reveal',
  pull: 'vercelDeployments.env.pull',
  compare: 'vercelDeployments.env.compare',
  add: 'vercelDeployments.env.add',
  edit: 'vercelDeployments.env.edit',
  remove: 'vercelDeployments.env.remove',
} as const;

export const Views = {
  container: 'vercelDeployments',
  deployments: 'vercelDeployments.deployments',
  environment: 'vercelDeployments.environment',
} as const;

/** Context keys read by `when` clauses in package.json. */
export const ContextKeys = {
  signedIn: 'vercelDeployments.signedIn',
  hasLinkedProject: 'vercelDeployments.hasLinkedProject',
  /** One of {@link ViewState}. */
  viewState: 'vercelDeployments.viewState',
  /** A filter narrows the Deployments view. */
  filtered: 'vercelDeployments.filtered',
  /** More than one project is linked: the view has project roots to collapse. */
  multiProject: 'vercelDeployments.multiProject',
  /** Production is rolled back: the view offers promote. */
  rolledBack: 'vercelDeployments.rolledBack',
  /** The active build log failed to load: its title bar offers Retry. */
  logFailed: 'vercelDeployments.logFailed',
  /** The linked folders' paths (`resourcePath in …`): the Explorer offers Deploy… on them. */
  linkedFolders: 'vercelDeployments.linkedFolders',
  /** The active runtime log is filtered. */
  runtimeLogFiltered: 'vercelDeployments.runtimeLogFiltered',
  /** The active runtime log stopped on a refusal or repeated failures: its title bar offers Retry. */
  runtimeLogFailed: 'vercelDeployments.runtimeLogFailed',
} as const;

/** What the deployments view shows when it has no rows; drives `viewsWelcome`. */
export type ViewState = 'signedOut' | 'noProject' | 'loading' | 'empty' | 'filteredEmpty' | 'error' | 'rateLimited' | 'ready';

export const Settings = {
  section: 'vercelDeployments',
  apiUrl: 'apiUrl',
  pageSize: 'pageSize',
  activeInterval: 'refresh.activeIntervalSeconds',
  idleInterval: 'refresh.idleIntervalSeconds',
  confirmCancel: 'confirmCancel',
  statusBarEnabled: 'statusBar.enabled',
  /** `"branch"` (default) or `"project"`: what the status bar follows. */
  statusBarFollow: 'statusBar.follow',
  /** `"branch"` (default), `"all"` or `"off"`: which finished builds notify. */
  notifications: 'notifications',
  /** Build logs start each line with its time. */
  logTimestamps: 'logs.timestamps',
  /** `"latestFailed"` (default) or `"off"`: build problems in the Problems panel. */
  buildProblems: 'buildProblems',
  /** `"errors"` (default) or `"off"`: errors of open runtime logs in the Problems panel. */
  runtimeProblems: 'runtimeProblems',
} as const;

export const DEFAULT_API_URL = 'https://api.vercel.com';

/** Id of the AuthenticationProvider that puts the Vercel account in VS Code's Accounts menu. */
export const AUTH_PROVIDER_ID = 'vercel';

/** Key of the token in `context.secrets`. */
export const SECRET_TOKEN_KEY = 'vercelDeployments.token';

export const WEBVIEW_DETAILS = 'vercelDeployments.details';
export const JSON_DOCUMENT_SCHEME = 'vercel-deployment';
/** Scheme of the Deployments view's row addresses, which carry the production badge (FileDecorationProvider). */
export const ROW_URI_SCHEME = 'vercel-deployments-row';

/** The read-only, in-memory documents Compare Environment shows beside a local file. */
export const ENV_COMPARE_SCHEME = 'vercel-env';

/** Build logs: the URI scheme of their read-only documents and the language those documents are in. */
export const LOG_SCHEME = 'vercel-log';
export const LOG_LANGUAGE = 'vercel-log';

/** Runtime logs: the URI scheme of their read-only documents and their language. */
export const RUNTIME_LOG_SCHEME = 'vercel-runtime-log';
export const RUNTIME_LOG_LANGUAGE = 'vercel-runtime-log';

/** Where the build writes the deployment's JSON Schema, relative to the extension root (package.json's jsonValidation points here). */
export const DEPLOYMENT_SCHEMA_FILE = 'media/dist/deployment.schema.json';
