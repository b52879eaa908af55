/**
 * The details panels: one webview panel per deployment, re-focused when asked
 * for again, brought back after a window reload by the serializer.
 *
 * Browsing the tree leaves no trail of tabs: a panel opened from a tree row is
 * the preview, and the next row shown the same way takes its place (same
 * panel, new deployment, new title), as an editor's preview tab does. The
 * preview becomes a panel of its own (pinned) once the person works in it
 * (its webview says so), opens it again some other way, or double-clicks its
 * row. VS Code's webview API has no preview flag, so the semantics live here:
 * at most one preview at a time; restored panels are pinned. Like the
 * explorer's preview, it leaves the focus in the tree; a kept panel takes it.
 *
 * The panel keeps what it shows (the deployment, a load in flight, the last
 * error) and replays it whenever the webview says `ready`: the webview is not
 * kept alive while hidden (`retainContextWhenHidden` costs memory per panel),
 * so it starts afresh on every show and restores its own view state.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { isInProgress, readyStateOf } from '../api/schemas';
import type { Deployment } from '../api/deployment';
import { Commands, WEBVIEW_DETAILS } from '../constants';
import { buildTimingTemplate, errorText, stateLabel, targetLabel } from '../deployments/labels';
import { shortId } from '../deployments/presentation';
import type { DeploymentStore } from '../deployments/store';
import { parseWebviewMessage, refFromState } from './guards';
import { deploymentTitle, headerFacts, type HeaderContext } from './header';
import { createNonce, detailsHtml, PAGE_FILES } from './html';
import { safeHttpUrl, type Schema } from './outline';
import type { DeploymentHeader, HeaderAction, HostMessage, PanelRef, WebviewMessage } from './protocol';
import { webviewStrings } from './strings';
import type { DetailsTarget } from './target';

/** How often an open, visible panel of a queued or building deployment looks again. */
const IN_PROGRESS_REFRESH_MS = 10_000;

/**
 * A tree row runs its command on each click, so a double-click shows the same
 * row twice in quick succession: within this long, the second one pins the preview.
 */
const DOUBLE_CLICK_MS = 500;

export interface ShowOptions {
  /** Opened by browsing (a tree row): the preview panel shows it, replacing what it showed. */
  readonly preview?: boolean | undefined;
}

export interface DetailsPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly client: Pick<VercelClient, 'getDeployment'>;
  readonly log: vscode.LogOutputChannel;
  /** The deployment's JSON Schema, as the build wrote it (see schemaFile.ts). */
  readonly schema: () => Promise<Schema>;
  /** Whether a token is stored; a panel restored while signed out is closed. */
  readonly signedIn?: () => Promise<boolean>;
  /** What the Deployments view knows: which deployment is Current, which actions apply. */
  readonly store?: Pick<DeploymentStore, 'find' | 'projects' | 'onDidChange'>;
}

/** The command each header button runs, with the panel's deployment as its argument. */
const ACTION_COMMANDS = {
  cancel: Commands.cancel,
  redeploy: Commands.redeploy,
  promote: Commands.promote,
  rollback: Commands.rollback,
  showLogs: Commands.showLogs,
  showRuntimeLogs: Commands.showRuntimeLogs,
  openOnVercel: Commands.openInspector,
} as const satisfies Record<HeaderAction, string>;

/** What the webview may do: run our script, load media/ and nothing else. */
function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class DetailsPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, DetailsPanel>();
  private readonly storeListener: { dispose(): void } | undefined;
  /** The panel the next browsing click replaces; undefined once pinned or closed. */
  private preview: DetailsPanel | undefined;
  /** When the preview was last asked to show its deployment (to tell a double-click). */
  private previewShownAt = 0;

  constructor(
    private readonly deps: DetailsPanelDeps,
    private readonly now: () => number = Date.now,
  ) {
    // The header follows the view: Current moves, an action stops applying, a cancel lands.
    this.storeListener = deps.store?.onDidChange(() => {
      for (const panel of this.panels.values()) panel.storeChanged();
    });
  }

  /**
   * Opens the deployment's panel, or re-focuses it (and refreshes what it
   * shows). With `preview`, the preview panel shows it, or a new preview opens.
   */
  show(target: DetailsTarget, options: ShowOptions = {}): void {
    const preview = options.preview === true;
    const now = this.now();
    const existing = this.panels.get(target.ref.id);
    if (existing) {
      if (existing === this.preview) {
        // Opened again on purpose (not by browsing), or its row double-clicked: the person keeps it.
        if (!preview || now - this.previewShownAt < DOUBLE_CLICK_MS) this.pin(existing);
        this.previewShownAt = now;
      }
      // While browsing, the focus stays in the tree (as the explorer's preview does), so the keyboard browses on.
      existing.reveal(existing === this.preview);
      if (target.deployment) existing.setDeployment(target.deployment);
      else void existing.load();
      return;
    }
    const reused = preview ? this.preview : undefined;
    if (reused) {
      this.panels.delete(reused.id);
      this.panels.set(target.ref.id, reused);
      this.previewShownAt = now;
      reused.retarget(target);
      reused.reveal(true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      WEBVIEW_DETAILS,
      titleFor(target.ref, target.deployment),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: preview },
      { ...webviewOptions(this.deps.extensionUri), enableFindWidget: false, retainContextWhenHidden: false },
    );
    const details = this.adopt(panel, target);
    if (preview) {
      this.preview = details;
      this.previewShownAt = now;
    }
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const ref = refFromState(state);
    if (this.deps.signedIn && !(await this.deps.signedIn())) {
      // Signed out since the window was closed: the panel would only show "Not signed in".
      panel.dispose();
      return;
    }
    if (!ref || this.panels.has(ref.id)) {
      // Nothing to show, or a second panel of one deployment: let it go.
      this.deps.log.info(`details: dropped a restored panel (${ref ? 'duplicate' : 'no deployment in its state'})`);
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    // Restored panels are pinned: the person kept them open across the reload.
    this.adopt(panel, { ref });
  }

  /** After a sign-out: no panel keeps showing that account's deployments. */
  closeAll(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  /** Ids of the deployments with an open panel. */
  get openIds(): string[] {
    return [...this.panels.keys()];
  }

  /** The deployment the preview panel shows, if there is a preview (for the integration tests). */
  get previewId(): string | undefined {
    return this.preview?.id;
  }

  /** The header the deployment's panel shows (for the integration tests, which cannot look into a webview). */
  headerOf(id: string): DeploymentHeader | undefined {
    return this.panels.get(id)?.currentHeader();
  }

  /** Hands a message to the deployment's panel as if its webview had posted it: it goes through the same checks. */
  receive(id: string, raw: unknown): void {
    this.panels.get(id)?.receive(raw);
  }

  private pin(panel: DetailsPanel): void {
    if (this.preview === panel) this.preview = undefined;
  }

  private adopt(panel: vscode.WebviewPanel, target: DetailsTarget): DetailsPanel {
    const details: DetailsPanel = new DetailsPanel(panel, target.ref, this.deps, {
      disposed: () => {
        if (this.panels.get(details.id) === details) this.panels.delete(details.id);
        this.pin(details);
      },
      interacted: () => this.pin(details),
    });
    this.panels.set(target.ref.id, details);
    if (target.deployment) details.setDeployment(target.deployment);
    else void details.load();
    return details;
  }

  dispose(): void {
    this.storeListener?.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    this.preview = undefined;
  }
}

/** The tab says which deployment it is: its commit's first line (or short id) and its state. */
export function titleFor(ref: PanelRef, deployment: Deployment | undefined): string {
  if (!deployment) return vscode.l10n.t('Deployment {0}', shortId(ref.id));
  return vscode.l10n.t({
    message: '{0} — {1}',
    args: [deploymentTitle(deployment), stateLabel(readyStateOf(deployment))],
    comment: ["Details panel title: {0} is the deployment's commit message (first line) or short id, {1} its state (Ready, Building, …)"],
  });
}

/** The header of a deployment, in words, from what the store knows of it and its project. */
export function wordedHeader(deployment: Deployment, ctx: HeaderContext): DeploymentHeader {
  const facts = headerFacts(deployment, ctx);
  return {
    name: deployment.name,
    title: facts.title,
    state: facts.state,
    stateLabel: stateLabel(facts.state),
    live: facts.live,
    url: facts.url,
    targetLabel: targetLabel(deployment.target),
    production: facts.production,
    current: facts.current,
    branch: facts.branch,
    commit: facts.commit,
    author: facts.author,
    createdAt: facts.createdAt,
    build: facts.build ? { template: buildTimingTemplate(facts.state), start: facts.build.start, end: facts.build.end } : undefined,
    error: facts.error,
    domains: facts.domains,
    actions: facts.actions,
  };
}

interface PanelHooks {
  /** The panel closed. */
  readonly disposed: () => void;
  /** The person worked in it: a preview becomes a panel of its own. */
  readonly interacted: () => void;
}

class DetailsPanel implements vscode.Disposable {
  private deployment: Deployment | undefined;
  /** The header last sent, as JSON: a store change that alters nothing sends nothing. */
  private sentHeader = '';
  /** The state the store last listed it in: a change there (a cancel, a poll) means the response is old. */
  private listedState: string | undefined;
  /** The list moved on while the panel was out of sight: look again when it is shown. */
  private stale = false;
  private error: string | undefined;
  private loading = false;
  /** The webview has run its script and said `ready`; until then messages would be lost. */
  private ready = false;
  private request: AbortController | undefined;
  private poll: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private ref: PanelRef,
    private readonly deps: DetailsPanelDeps,
    private readonly hooks: PanelHooks,
  ) {
    // A tab icon is drawn as an image, not in the theme's colour: black for light themes, white for dark (high contrast included).
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'vercel-light.svg'),
      dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'vercel-dark.svg'),
    };
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
        if (panel.visible && this.stale && this.request === undefined) void this.load();
        else this.followBuild(true);
      }),
      vscode.window.onDidChangeWindowState(() => this.followBuild(true)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The deployment it shows. */
  get id(): string {
    return this.ref.id;
  }

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /**
   * The preview shows another deployment: everything of the last one is
   * forgotten, and the page starts afresh (a new document, so no expansion,
   * filter or scroll of the last deployment carries over).
   */
  retarget(target: DetailsTarget): void {
    this.request?.abort();
    this.request = undefined;
    clearTimeout(this.poll);
    this.poll = undefined;
    this.ref = target.ref;
    this.deployment = undefined;
    this.sentHeader = '';
    this.listedState = undefined;
    this.stale = false;
    this.error = undefined;
    this.loading = false;
    this.ready = false;
    this.panel.title = titleFor(this.ref, target.deployment);
    this.panel.webview.html = this.html();
    if (target.deployment) this.setDeployment(target.deployment);
    else void this.load();
  }

  setDeployment(deployment: Deployment): void {
    this.request?.abort();
    this.request = undefined;
    this.loading = false;
    this.error = undefined;
    this.deployment = deployment;
    this.stale = false;
    this.listedState = undefined;
    const listed = this.deps.store?.find(this.ref.id)?.deployment;
    if (listed) this.listedState = readyStateOf(listed);
    this.panel.title = titleFor(this.ref, deployment);
    this.post(this.deploymentMessage(deployment));
    this.followBuild(false);
  }

  /**
   * While a queued or building deployment is on screen (panel visible, window
   * focused), looks again every little while; nothing while it is out of sight.
   * `now`: it just came into sight, so look at once.
   */
  private followBuild(now: boolean): void {
    clearTimeout(this.poll);
    this.poll = undefined;
    const building = this.deployment !== undefined && isInProgress(readyStateOf(this.deployment));
    if (this.disposed || !building || !this.panel.visible || !vscode.window.state.focused) return;
    if (now && this.request === undefined) {
      void this.load();
      return;
    }
    this.poll = setTimeout(() => {
      this.poll = undefined;
      void this.load();
    }, IN_PROGRESS_REFRESH_MS);
  }

  async load(): Promise<void> {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    this.loading = true;
    this.post({ type: 'loading' });
    try {
      const deployment = await this.deps.client.getDeployment(this.ref.id, { teamId: this.ref.teamId }, request.signal);
      if (request.signal.aborted || this.disposed) return;
      this.setDeployment(deployment);
    } catch (error) {
      if (request.signal.aborted || this.disposed) return;
      this.loading = false;
      this.error = errorText(error);
      this.deps.log.error(`details: could not load deployment ${this.ref.id}: ${this.error}`);
      // The last good data stays on screen; the webview shows the error beside it.
      this.post({ type: 'error', message: this.error });
    } finally {
      if (this.request === request) this.request = undefined;
    }
  }

  private context(): HeaderContext {
    const store = this.deps.store;
    if (!store) return {};
    const hit = store.find(this.ref.id);
    if (hit) return { listed: hit.deployment, production: hit.project.production };
    const projectId = this.deployment?.projectId;
    return { production: store.projects.find((p) => p.project.projectId === projectId)?.production };
  }

  private header(deployment: Deployment): DeploymentHeader {
    return wordedHeader(deployment, this.context());
  }

  private deploymentMessage(deployment: Deployment): HostMessage {
    const header = this.header(deployment);
    this.sentHeader = JSON.stringify(header);
    return { type: 'deployment', deployment, header };
  }

  currentHeader(): DeploymentHeader | undefined {
    return this.deployment ? this.header(this.deployment) : undefined;
  }

  receive(raw: unknown): void {
    this.onMessage(raw);
  }

  /** The store changed: a new header if anything in it changed; the response again if the listed state moved on. */
  storeChanged(): void {
    if (this.disposed || !this.deployment) return;
    const listed = this.deps.store?.find(this.ref.id)?.deployment;
    const listedState = listed ? readyStateOf(listed) : undefined;
    const moved = listedState !== undefined && listedState !== this.listedState;
    this.listedState = listedState;
    if (moved && listedState !== readyStateOf(this.deployment) && this.request === undefined) {
      // Out of sight, it looks again when shown: no request for a panel nobody sees.
      if (this.panel.visible) void this.load();
      else this.stale = true;
      return;
    }
    const header = this.header(this.deployment);
    const text = JSON.stringify(header);
    if (text === this.sentHeader) return;
    this.sentHeader = text;
    this.post({ type: 'header', header });
  }

  /** A header button: run its command, if the action still applies (the page may be a poll old). */
  private runAction(action: HeaderAction): void {
    const offered = this.deployment ? this.header(this.deployment).actions : [];
    if (!offered.includes(action)) {
      this.deps.log.info(`details: ${action} no longer applies to ${this.ref.id}`);
      if (this.deployment) this.storeChanged();
      return;
    }
    void vscode.commands.executeCommand(ACTION_COMMANDS[action], { id: this.ref.id, teamId: this.ref.teamId });
  }

  /** Everything the webview needs after (re)starting. */
  private replay(schema: Schema): void {
    this.post({
      type: 'init',
      ref: { id: this.ref.id, teamId: this.ref.teamId },
      strings: webviewStrings(vscode.l10n),
      locale: vscode.env.language,
      schema,
    });
    if (this.deployment) this.post(this.deploymentMessage(this.deployment));
    if (this.loading) this.post({ type: 'loading' });
    else if (this.error !== undefined) this.post({ type: 'error', message: this.error });
  }

  private post(message: HostMessage): void {
    if (!this.ready || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.deps.log.warn('details: ignored a message the webview protocol does not know');
      return;
    }
    this.handle(message);
  }

  private handle(message: WebviewMessage): void {
    // Anything but the handshake means a person did something in the page.
    if (message.type !== 'ready') this.hooks.interacted();
    switch (message.type) {
      case 'ready':
        this.deps.schema().then(
          (schema) => {
            if (this.disposed) return;
            this.ready = true;
            this.replay(schema);
          },
          (error: unknown) => this.deps.log.error(`details: could not read the deployment schema: ${errorText(error)}`),
        );
        break;
      case 'openUrl': {
        // Only http(s), whatever the page asks for.
        const url = safeHttpUrl(message.url);
        if (url) void vscode.env.openExternal(vscode.Uri.parse(url, true));
        else this.deps.log.warn('details: refused to open a link that is not http(s)');
        break;
      }
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => {
          const said =
            message.kind === 'path'
              ? vscode.l10n.t('Copied JSON path {0}', message.text.length > 80 ? `${message.text.slice(0, 80)}…` : message.text)
              : vscode.l10n.t('Copied value');
          vscode.window.setStatusBarMessage(said, 3000);
        });
        break;
      case 'reload':
        void this.load();
        break;
      case 'openJson':
        void vscode.commands.executeCommand(
          Commands.openJson,
          this.deployment ? { deployment: this.deployment, teamId: this.ref.teamId } : this.ref,
        );
        break;
      case 'action':
        this.runAction(message.action);
        break;
      case 'interacted':
        break;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const uri = (parts: readonly string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(media, ...parts)).toString();
    return detailsHtml({
      cspSource: webview.cspSource,
      scriptUri: uri(PAGE_FILES.script),
      styleUri: uri(PAGE_FILES.style),
      codiconUri: uri(PAGE_FILES.codicon),
      nonce: createNonce(),
      lang: vscode.env.language,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.poll);
    this.request?.abort();
    this.hooks.disposed();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
