/**
 * The Environment Variables view: per linked project (straight to the
 * environments when only one is linked), one group per environment, Preview
 * values of a branch under that branch, each variable a row with its key,
 * type and environments. Values are never part of a row unless a person
 * revealed one: then it is the row's description until the view collapses,
 * is hidden, the person signs out, or {@link REVEAL_MS} pass.
 */
import * as vscode from 'vscode';
import type { EnvVar } from '../api/envSchemas';
import { EnvCommands } from '../constants';
import { errorText } from '../deployments/labels';
import { environmentLabel, environmentsOf, typeLabel } from './labels';
import { groupEnvs, isEditable, isReadable, type EnvGroup } from './model';
import type { EnvStore, ProjectEnv } from './store';

/** How long a revealed value stays on screen. */
export const REVEAL_MS = 30_000;

export type EnvNode = ProjectNode | GroupNode | BranchNode | VarNode | MessageNode;

export class ProjectNode {
  readonly kind = 'project';
  constructor(readonly projectKey: string) {}
}

export class GroupNode {
  readonly kind = 'group';
  constructor(
    readonly projectKey: string,
    readonly group: EnvGroup,
  ) {}
}

export class BranchNode {
  readonly kind = 'branch';
  constructor(
    readonly projectKey: string,
    readonly branch: string,
    readonly vars: readonly EnvVar[],
  ) {}
}

export class VarNode {
  readonly kind = 'var';
  constructor(
    readonly projectKey: string,
    readonly env: EnvVar,
    /** The group it is shown in: `production`, `preview`, `development` or a custom environment's id. */
    readonly shownIn: string,
  ) {}
}

export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly projectKey: string,
    readonly text: string,
    readonly icon: string,
    readonly command?: vscode.Command,
  ) {}
}

export interface SignedIn {
  readonly signedIn: boolean | undefined;
}

export class EnvTreeProvider implements vscode.TreeDataProvider<EnvNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<EnvNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly revealed = new Map<string, { value: string; timer: ReturnType<typeof setTimeout> }>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: EnvStore,
    private readonly session: SignedIn,
  ) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: EnvNode): EnvNode[] {
    if (node === undefined) {
      if (this.session.signedIn !== true) return [];
      const projects = this.store.projects;
      if (projects.length === 1 && projects[0]) return this.projectChildren(projects[0]);
      return projects.map((p) => new ProjectNode(p.project.key));
    }
    switch (node.kind) {
      case 'project': {
        const entry = this.store.get(node.projectKey);
        return entry ? this.projectChildren(entry) : [];
      }
      case 'group': {
        const rows: EnvNode[] = [
          ...node.group.vars.map((env) => new VarNode(node.projectKey, env, node.group.target)),
          ...node.group.branches.map((b) => new BranchNode(node.projectKey, b.branch, b.vars)),
        ];
        return rows.length > 0 ? rows : [new MessageNode(node.projectKey, vscode.l10n.t('No variables'), 'info')];
      }
      case 'branch':
        return node.vars.map((env) => new VarNode(node.projectKey, env, 'preview'));
      default:
        return [];
    }
  }

  /** The environments of a project; asks for its list the first time (one request). */
  private projectChildren(entry: ProjectEnv): EnvNode[] {
    const key = entry.project.key;
    if (entry.envs === undefined) {
      if (entry.error !== undefined && !entry.loading) {
        return [
          new MessageNode(key, vscode.l10n.t('Could not load environment variables: {0}', errorText(entry.error)), 'error', {
            command: EnvCommands.refresh,
            title: vscode.l10n.t('Retry'),
          }),
        ];
      }
      void this.store.load(key);
      return [new MessageNode(key, vscode.l10n.t('Loading environment variables…'), 'loading~spin')];
    }
    return groupEnvs(entry.envs).map((group) => new GroupNode(key, group));
  }

  getTreeItem(node: EnvNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project': {
        const entry = this.store.get(node.projectKey);
        const item = new vscode.TreeItem(entry?.project.name ?? entry?.project.projectId ?? node.projectKey, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `project:${node.projectKey}`;
        item.iconPath = new vscode.ThemeIcon('project');
        item.contextValue = 'envProject';
        return item;
      }
      case 'group': {
        const { group } = node;
        const count = group.vars.length + group.branches.reduce((n, b) => n + b.vars.length, 0);
        const item = new vscode.TreeItem(environmentLabel(group.target, group.custom), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.projectKey}:${group.target}`;
        item.description = count === 1 ? vscode.l10n.t('1 variable') : vscode.l10n.t('{0} variables', count);
        item.iconPath = new vscode.ThemeIcon(group.target === 'production' ? 'globe' : group.target === 'development' ? 'code' : 'git-pull-request');
        item.contextValue = 'envGroup';
        return item;
      }
      case 'branch': {
        const item = new vscode.TreeItem(node.branch, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `branch:${node.projectKey}:${node.branch}`;
        item.description = vscode.l10n.t('Preview branch');
        item.iconPath = new vscode.ThemeIcon('git-branch');
        item.contextValue = 'envGroup envBranch';
        return item;
      }
      case 'var':
        return this.varItem(node);
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = `message:${node.projectKey}:${node.icon}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        if (node.command) item.command = node.command;
        item.contextValue = 'envMessage';
        return item;
      }
    }
  }

  private varItem(node: VarNode): vscode.TreeItem {
    const { env } = node;
    const item = new vscode.TreeItem(env.key, vscode.TreeItemCollapsibleState.None);
    item.id = `var:${node.projectKey}:${node.shownIn}:${env.id}`;
    const revealed = this.revealed.get(env.id);
    const facts = `${typeLabel(env.type)} · ${environmentsOf(env)}`;
    item.description = revealed ? revealed.value.replace(/\r?\n/g, '⏎') : facts;
    const tooltip = new vscode.MarkdownString('', false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    tooltip.appendMarkdown('**').appendText(env.key).appendMarkdown('**\n\n');
    tooltip.appendText(facts);
    if (env.comment) tooltip.appendMarkdown('\n\n').appendText(env.comment);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(
      env.type === 'sensitive'
        ? vscode.l10n.t('Sensitive: its value cannot be read back, not even by you.')
        : env.type === 'system'
          ? vscode.l10n.t('Set by Vercel.')
          : revealed
            ? vscode.l10n.t('The value is shown for 30 seconds, or until the view is collapsed.')
            : vscode.l10n.t('The value stays hidden until you reveal or copy it.'),
    );
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(
      env.type === 'sensitive' ? 'shield' : env.type === 'system' ? 'gear' : env.type === 'plain' ? 'symbol-variable' : 'lock',
      revealed ? new vscode.ThemeColor('charts.yellow') : undefined,
    );
    const tokens = ['envVar', env.type];
    if (isReadable(env)) tokens.push('readable');
    if (isEditable(env)) tokens.push('editable');
    if (revealed) tokens.push('revealed');
    item.contextValue = tokens.join(' ');
    return item;
  }

  /** Shows a value in its rows until {@link REVEAL_MS} pass or {@link hideValues}. */
  reveal(envId: string, value: string): void {
    const previous = this.revealed.get(envId);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => {
      this.revealed.delete(envId);
      this.changed.fire(undefined);
    }, REVEAL_MS);
    this.revealed.set(envId, { value, timer });
    this.changed.fire(undefined);
  }

  /** A value revealed now, if any (Copy reuses it instead of asking again). */
  revealedValue(envId: string): string | undefined {
    return this.revealed.get(envId)?.value;
  }

  /** Drops one revealed value (it changed, or the variable is gone). */
  forget(envId: string): void {
    const shown = this.revealed.get(envId);
    if (!shown) return;
    clearTimeout(shown.timer);
    this.revealed.delete(envId);
    this.changed.fire(undefined);
  }

  get revealedCount(): number {
    return this.revealed.size;
  }

  /** Drops every revealed value from memory and from the rows. */
  hideValues(): void {
    if (this.revealed.size === 0) return;
    for (const { timer } of this.revealed.values()) clearTimeout(timer);
    this.revealed.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.hideValues();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
