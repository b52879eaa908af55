/**
 * The Deployments view: rows from the store, one root per linked project when
 * there are several, and a face for every state through context keys that
 * `viewsWelcome` reads.
 */
import * as vscode from 'vscode';
import { isInProgress, readyStateOf } from '../api/schemas';
import { ContextKeys, type ViewState } from '../constants';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { errorText } from './labels';
import { viewStateOf } from './presentation';
import type { RefreshScheduler } from './scheduler';
import type { DeploymentStore, ProjectDeployments } from './store';
import { DeploymentNode, LoadMoreNode, MessageNode, ProjectNode, type DeploymentsTreeNode } from './treeItems';

export interface SignedInState {
  /** undefined until SecretStorage has answered. */
  readonly signedIn: boolean | undefined;
}

export class DeploymentsTreeProvider implements vscode.TreeDataProvider<DeploymentsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeploymentsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly projectNodes = new Map<string, ProjectNode>();
  private readonly deploymentNodes = new Map<string, DeploymentNode>();

  constructor(
    private readonly store: DeploymentStore,
    private readonly links: LinkedProjects,
    private readonly auth: SignedInState,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(element: DeploymentsTreeNode): vscode.TreeItem {
    return element;
  }

  getChildren(element?: DeploymentsTreeNode): DeploymentsTreeNode[] {
    if (element instanceof ProjectNode) {
      return this.projectChildren(element.state, false);
    }
    if (element) {
      return [];
    }
    if (this.auth.signedIn !== true) {
      return [];
    }
    const problems = this.links.snapshot.problems.map((p) => MessageNode.linkProblem(p.file, p.message));
    const projects = this.store.projects;
    this.projectNodes.clear();
    this.deploymentNodes.clear();
    if (projects.length === 1 && projects[0]) {
      return [...problems, ...this.projectChildren(projects[0], true)];
    }
    const nodes = projects.map((p) => {
      const node = new ProjectNode(p);
      this.projectNodes.set(p.project.key, node);
      return node;
    });
    return [...problems, ...nodes];
  }

  getParent(element: DeploymentsTreeNode): DeploymentsTreeNode | undefined {
    if (element instanceof DeploymentNode && this.store.projects.length > 1) {
      return this.projectNodes.get(element.project.key);
    }
    return undefined;
  }

  /** The row of a deployment as last rendered, for `TreeView.reveal`. */
  nodeFor(id: string): DeploymentNode | undefined {
    const cached = this.deploymentNodes.get(id);
    if (cached) {
      return cached;
    }
    const hit = this.store.find(id);
    return hit ? new DeploymentNode(hit.deployment, hit.project.project, Date.now(), vscode.env.language) : undefined;
  }

  /**
   * With a single project, an empty list returns no rows at all so that the
   * welcome content for the view state shows instead.
   */
  private projectChildren(state: ProjectDeployments, single: boolean): DeploymentsTreeNode[] {
    const now = Date.now();
    const locale = vscode.env.language;
    const rows: DeploymentsTreeNode[] = [];
    if (state.error) {
      if (single && state.deployments.length === 0) {
        return [];
      }
      rows.push(MessageNode.staleError(state, now, locale));
    }
    if (state.deployments.length === 0) {
      if (!single) {
        rows.push(state.loaded ? MessageNode.empty(state.project.key) : MessageNode.loading(state.project.key));
      }
      return rows;
    }
    for (const d of state.deployments) {
      const node = new DeploymentNode(d, state.project, now, locale);
      this.deploymentNodes.set(d.uid, node);
      rows.push(node);
    }
    if (state.next !== null) {
      rows.push(new LoadMoreNode(state.project.key, state.loadingMore));
    }
    return rows;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Keeps the view's context keys, message and badge in step with the store. */
export class DeploymentsViewState {
  private last: string | undefined;
  /** The state the welcome content is chosen by. */
  current: ViewState = 'loading';

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
    });
    this.current = state;
    const key = `${state}|${this.auth.signedIn}|${projects.length}`;
    if (key !== this.last) {
      this.last = key;
      void vscode.commands.executeCommand('setContext', ContextKeys.viewState, state);
      void vscode.commands.executeCommand('setContext', ContextKeys.signedIn, this.auth.signedIn === true);
      void vscode.commands.executeCommand('setContext', ContextKeys.hasLinkedProject, projects.length > 0);
    }
    this.view.message = this.message(errors, rateLimitedUntil);
    const building = projects.reduce(
      (n, p) => n + p.deployments.filter((d) => isInProgress(readyStateOf(d))).length,
      0,
    );
    this.view.badge =
      building > 0 ? { value: building, tooltip: vscode.l10n.t('{0} deployment(s) in progress', building) } : undefined;
  }

  private message(errors: readonly unknown[], rateLimitedUntil: number | undefined): string | undefined {
    if (this.auth.signedIn !== true) {
      return undefined;
    }
    if (rateLimitedUntil !== undefined) {
      return vscode.l10n.t(
        'Vercel asked to slow down; the next refresh is at {0}.',
        new Date(rateLimitedUntil).toLocaleTimeString(vscode.env.language),
      );
    }
    const first = errors[0];
    return first === undefined ? undefined : vscode.l10n.t('Could not refresh: {0}', errorText(first));
  }
}
