/**
 * The Deployments view: rows from the store, one root per linked project when
 * there are several, and a face for every state through context keys that
 * `viewsWelcome` reads. Calm: each look at the store is laid out as data
 * (./treeModel), compared with the last one, and only the rows that changed
 * are redrawn; a poll that brings nothing new redraws nothing.
 */
import * as vscode from 'vscode';
import { isInProgress, readyStateOf, type DeploymentListItem } from '../api/schemas';
import { ContextKeys, type ViewState } from '../constants';
import { ageChangesIn, formatTime } from '../util/time';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { errorText } from './labels';
import { inProgressText } from './plurals';
import { deploymentLabel, viewStateOf } from './presentation';
import type { RefreshScheduler } from './scheduler';
import type { DeploymentStore, ProjectDeployments } from './store';
import { DeploymentNode, deploymentTooltip, LoadMoreNode, MessageNode, ProjectNode, type DeploymentsTreeNode } from './treeItems';
import { changeSet, deploymentRows, layoutTree, type ChangeSet, type NodeModel } from './treeModel';

export interface SignedInState {
  /** undefined until SecretStorage has answered. */
  readonly signedIn: boolean | undefined;
  /** Who is signed in (username), once Vercel said; broken links name it. */
  readonly account?: string | undefined;
}

/** Ages are redrawn when their text changes; never sooner than this, to stay cheap. */
const MIN_AGE_TICK_MS = 1000;

export class DeploymentsTreeProvider implements vscode.TreeDataProvider<DeploymentsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeploymentsTreeNode | DeploymentsTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private layout: readonly NodeModel[] | undefined;
  private roots: DeploymentsTreeNode[] = [];
  /** One node object per id, kept while its row is shown, so VS Code matches what changed. */
  private readonly nodes = new Map<string, DeploymentsTreeNode>();
  private readonly signatures = new Map<string, string>();
  private readonly children = new Map<string, DeploymentsTreeNode[]>();
  private readonly parents = new Map<string, ProjectNode>();
  private ageTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: DeploymentStore,
    private readonly links: LinkedProjects,
    private readonly auth: SignedInState,
  ) {}

  /** Looks at the store again and tells VS Code which rows changed, if any. */
  refresh(): ChangeSet {
    const now = Date.now();
    const next = layoutTree({
      signedIn: this.auth.signedIn,
      account: this.auth.account,
      problems: this.links.snapshot.problems,
      projects: this.store.projects,
      now,
      locale: vscode.env.language,
    });
    const change = changeSet(this.layout, next);
    this.adopt(next);
    if (change.kind === 'all') {
      this.changed.fire(undefined);
    } else if (change.kind === 'elements') {
      const nodes = change.ids.map((id) => this.nodes.get(id)).filter((n) => n !== undefined);
      this.changed.fire(nodes);
    }
    this.scheduleAgeTick(next, now);
    return change;
  }

  getTreeItem(element: DeploymentsTreeNode): vscode.TreeItem {
    return element;
  }

  /** The tooltip is drawn when a row is hovered, so "Building for 38s" is that moment's. */
  resolveTreeItem(item: vscode.TreeItem, element: DeploymentsTreeNode): vscode.TreeItem {
    if (element instanceof DeploymentNode && item.tooltip === undefined) {
      item.tooltip = deploymentTooltip(element.deployment, Date.now(), vscode.env.language, element.row.current ? element.row.servedDomains : undefined);
    }
    return item;
  }

  getChildren(element?: DeploymentsTreeNode): DeploymentsTreeNode[] {
    if (this.layout === undefined) {
      this.adopt(
        layoutTree({
          signedIn: this.auth.signedIn,
          account: this.auth.account,
          problems: this.links.snapshot.problems,
          projects: this.store.projects,
          now: Date.now(),
          locale: vscode.env.language,
        }),
      );
    }
    if (element === undefined) {
      return this.roots;
    }
    return (element.id !== undefined && this.children.get(element.id)) || [];
  }

  getParent(element: DeploymentsTreeNode): DeploymentsTreeNode | undefined {
    return element.id === undefined ? undefined : this.parents.get(element.id);
  }

  /** The row of a deployment as last laid out, for `TreeView.reveal`. */
  nodeFor(id: string): DeploymentNode | undefined {
    const node = this.nodes.get(id);
    return node instanceof DeploymentNode ? node : undefined;
  }

  /** Makes the node objects match the layout: new ids get a node, changed ones are redrawn in place. */
  private adopt(layout: readonly NodeModel[]): void {
    this.layout = layout;
    const seen = new Set<string>();
    this.children.clear();
    this.parents.clear();
    const nodesOf = (models: readonly NodeModel[], parent: ProjectNode | undefined): DeploymentsTreeNode[] =>
      models.map((model) => {
        seen.add(model.id);
        const node = this.nodeOf(model);
        if (parent) {
          this.parents.set(model.id, parent);
        }
        if (model.kind === 'project' && node instanceof ProjectNode) {
          this.children.set(model.id, nodesOf(model.children, node));
        }
        return node;
      });
    this.roots = nodesOf(layout, undefined);
    for (const id of [...this.nodes.keys()]) {
      if (!seen.has(id)) {
        this.nodes.delete(id);
        this.signatures.delete(id);
      }
    }
  }

  private nodeOf(model: NodeModel): DeploymentsTreeNode {
    const existing = this.nodes.get(model.id);
    if (existing && existing.kind === model.kind) {
      if (this.signatures.get(model.id) !== model.signature) {
        this.signatures.set(model.id, model.signature);
        apply(existing, model);
      }
      return existing;
    }
    const node = create(model);
    this.nodes.set(model.id, node);
    this.signatures.set(model.id, model.signature);
    return node;
  }

  /** Wakes when the first age text changes (a minute, at most, for young deployments). */
  private scheduleAgeTick(layout: readonly NodeModel[], now: number): void {
    clearTimeout(this.ageTimer);
    this.ageTimer = undefined;
    const waits = deploymentRows(layout).map((row) => ageChangesIn(row.deployment.created, now));
    if (waits.length === 0) {
      return;
    }
    this.ageTimer = setTimeout(() => {
      this.ageTimer = undefined;
      this.refresh();
    }, Math.max(MIN_AGE_TICK_MS, Math.min(...waits)));
  }

  dispose(): void {
    clearTimeout(this.ageTimer);
    this.changed.dispose();
  }
}

function create(model: NodeModel): DeploymentsTreeNode {
  switch (model.kind) {
    case 'project':
      return new ProjectNode(model);
    case 'deployment':
      return new DeploymentNode(model);
    case 'loadMore':
      return new LoadMoreNode(model);
    case 'message':
      return new MessageNode(model);
  }
}

function apply(node: DeploymentsTreeNode, model: NodeModel): void {
  if (node instanceof ProjectNode && model.kind === 'project') node.apply(model);
  else if (node instanceof DeploymentNode && model.kind === 'deployment') node.apply(model);
  else if (node instanceof LoadMoreNode && model.kind === 'loadMore') node.apply(model);
  else if (node instanceof MessageNode && model.kind === 'message') node.apply(model);
}

/** Keeps the view's context keys, message and badge in step with the store. */
export class DeploymentsViewState {
  private last: string | undefined;
  private lastRolledBack: boolean | undefined;
  private lastFolders: string | undefined;
  /** The state the welcome content is chosen by. */
  current: ViewState = 'loading';
  /** The view's filter, when one narrows it: its words go in the view's description. */
  filter: { readonly active: () => boolean; readonly description: () => string } | undefined;

  constructor(
    private readonly view: vscode.TreeView<DeploymentsTreeNode>,
    private readonly store: DeploymentStore,
    private readonly auth: SignedInState,
    private readonly scheduler: RefreshScheduler,
  ) {}

  update(): void {
    const projects = this.store.projects;
    const errors = projects.map((p) => p.error).filter((e) => e !== undefined);
    const rateLimitedUntil = this.scheduler.state.rateLimitedUntil;
    const state: ViewState = viewStateOf({
      signedIn: this.auth.signedIn,
      linkedProjects: projects.length,
      anyLoaded: projects.some((p) => p.loaded),
      anyDeployments: projects.length > 1 || projects.some((p) => p.deployments.length > 0),
      anyError: errors.length > 0,
      rateLimited: rateLimitedUntil !== undefined,
      filtered: this.filter?.active() === true,
    });
    this.current = state;
    const description = this.filter?.active() === true ? this.filter.description() : undefined;
    if (this.view.description !== description) {
      this.view.description = description;
    }
    const key = `${state}|${this.auth.signedIn}|${projects.length}`;
    if (key !== this.last) {
      this.last = key;
      void vscode.commands.executeCommand('setContext', ContextKeys.viewState, state);
      void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, this.auth.signedIn === true);
      void vscode.commands.executeCommand('setContext', ContextKeys.hasLinkedProject, projects.length > 0);
      void vscode.commands.executeCommand('setContext', ContextKeys.multiProject, projects.length > 1);
    }
    // The Explorer's `resourcePath` is the platform's path (backslashes on Windows): both spellings.
    const folders = [...new Set(projects.flatMap((p) => [vscode.Uri.file(p.project.directory).fsPath, p.project.directory]))];
    const foldersKey = folders.join('\n');
    if (foldersKey !== this.lastFolders) {
      this.lastFolders = foldersKey;
      void vscode.commands.executeCommand('setContext', ContextKeys.linkedFolders, folders);
    }
    const rolledBack = projects.find((p) => p.production?.rolledBack === true);
    if ((rolledBack !== undefined) !== this.lastRolledBack) {
      this.lastRolledBack = rolledBack !== undefined;
      void vscode.commands.executeCommand('setContext', ContextKeys.rolledBack, this.lastRolledBack);
    }
    // Set only when they change: each setting is a message to the workbench, and polls are frequent.
    const message = this.message(errors, rateLimitedUntil) ?? (rolledBack ? rolledBackMessage(rolledBack) : undefined);
    if (this.view.message !== message) {
      this.view.message = message;
    }
    const building = projects.reduce(
      (n, p) => n + p.latest.filter((d) => isInProgress(readyStateOf(d))).length,
      0,
    );
    if ((this.view.badge?.value ?? 0) !== building) {
      this.view.badge = building > 0 ? { value: building, tooltip: inProgressText(vscode.l10n, building) } : undefined;
    }
  }

  private message(errors: readonly unknown[], rateLimitedUntil: number | undefined): string | undefined {
    if (this.auth.signedIn !== true) {
      return undefined;
    }
    if (rateLimitedUntil !== undefined) {
      return vscode.l10n.t(
        'Vercel asked to slow down; the next refresh is at {0}.',
        formatTime(rateLimitedUntil, vscode.env.language),
      );
    }
    const first = errors[0];
    return first === undefined ? undefined : vscode.l10n.t('Could not refresh: {0}', errorText(first));
  }
}

/** While rolled back, new production builds wait: the view says so and its toolbar offers promote. */
function rolledBackMessage(state: ProjectDeployments): string {
  const id = state.production?.deploymentId;
  const current =
    id === undefined ? undefined : [...state.latest, ...state.deployments, ...(state.productionItem ? [state.productionItem] : [])].find((d) => d.uid === id);
  // Short enough for a narrow sidebar, and never an unbreakable id that clips the sentence.
  return current
    ? vscode.l10n.t('Production is rolled back to "{0}". New production builds wait until one is promoted.', shortLabel(current))
    : vscode.l10n.t('Production is rolled back. New production builds wait until one is promoted.');
}

/** A deployment's name cut to fit a sentence in the sidebar. */
function shortLabel(d: DeploymentListItem): string {
  const label = deploymentLabel(d);
  return label.length > 40 ? `${label.slice(0, 39)}…` : label;
}
