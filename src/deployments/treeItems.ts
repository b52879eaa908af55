/**
 * One TreeItem subclass per kind of row in the Deployments view. Each node is
 * drawn from its model (./treeModel) and redrawn in place when its model
 * changes: the provider keeps one node object per id, so VS Code can match
 * what it shows with what changed.
 */
import * as vscode from 'vscode';
import { VercelNetworkError } from '../api/errors';
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import { Commands, ROW_URI_SCHEME } from '../constants';
import type { LinkedProject } from '../workspace/linkFiles';
import { formatDate, formatRelative } from '../util/time';
import { buildTimingText, errorText, sealMarkdown, stateLabel, targetLabel } from './labels';
import { branchOf, buildTiming, commitAuthorOf, commitMessage, commitShaOf, stateVisual, type RowModel } from './presentation';
import type { DeploymentRef, HasDeploymentRef } from './ref';
import type { ProjectDeployments } from './store';
import type { DeploymentModel, LoadMoreModel, MessageModel, ProjectModel } from './treeModel';
import { linkFileUri, projectFolderUri } from '../workspace/projectUris';

export class ProjectNode extends vscode.TreeItem {
  readonly kind = 'project';
  state!: ProjectDeployments;

  constructor(model: ProjectModel) {
    super('', vscode.TreeItemCollapsibleState.Expanded);
    this.id = model.id;
    this.contextValue = 'project';
    this.iconPath = new vscode.ThemeIcon('triangle-up');
    this.apply(model);
  }

  apply(model: ProjectModel): void {
    const { state } = model;
    this.state = state;
    this.label = state.project.name ?? state.project.projectId;
    this.description = state.error ? vscode.l10n.t('refresh failed') : state.project.teamId ?? vscode.l10n.t('personal');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Project')}:** `).appendText(state.project.name ?? state.project.projectId);
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Id')}:** `).appendText(state.project.projectId);
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Folder')}:** `).appendText(state.project.directory);
    this.tooltip = sealMarkdown(tooltip);
  }
}

/** The address that carries a row's decorations (the production badge): one per deployment. */
export function rowUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ROW_URI_SCHEME, path: `/${id}` });
}

/**
 * A deployment: its state as the icon (a different glyph per state), its age
 * and commit as the label (the age first, so a long message cannot push it
 * out of sight), the branch as the description, and production as a badge
 * that stays visible however narrow the view (see ./decorations.ts).
 */
export class DeploymentNode extends vscode.TreeItem implements HasDeploymentRef {
  readonly kind = 'deployment';
  deployment!: DeploymentListItem;
  project!: LinkedProject;
  row!: RowModel;
  deploymentRef!: DeploymentRef;

  constructor(model: DeploymentModel) {
    super('', vscode.TreeItemCollapsibleState.None);
    this.id = model.id;
    this.resourceUri = rowUri(model.id);
    this.command = { command: Commands.showDetails, title: vscode.l10n.t('Show Deployment Details'), arguments: [this] };
    this.apply(model);
  }

  apply(model: DeploymentModel): void {
    const { row, deployment, project } = model;
    this.deployment = deployment;
    this.project = project;
    this.row = row;
    this.deploymentRef = { id: deployment.uid, teamId: project.teamId };
    const visual = stateVisual(row.state);
    this.label = vscode.l10n.t({
      message: '{0} · {1}',
      args: [row.age, row.title],
      comment: ['A deployment row: {0} is its compact age ("5m", "2h"), {1} the first line of its commit message'],
    });
    this.contextValue = row.contextValue;
    this.iconPath = new vscode.ThemeIcon(visual.icon, new vscode.ThemeColor(visual.color));
    const parts = [row.branch];
    if (!visual.known) {
      parts.unshift(stateLabel(row.state));
    }
    if (row.current) {
      // First, so a narrow view still shows which deployment serves production.
      parts.unshift(vscode.l10n.t('Current'));
    }
    this.description = parts.filter((p) => p !== undefined).join(' · ');
    const facts = [stateLabel(row.state), row.title, targetLabel(row.target)];
    if (row.current) {
      facts.push(vscode.l10n.t('Current: serves production'));
    }
    if (row.branch !== undefined) {
      facts.push(vscode.l10n.t('branch {0}', row.branch));
    }
    facts.push(vscode.l10n.t('created {0}', row.ago));
    this.accessibilityInformation = { label: facts.join(', ') };
    // Drawn when hovered (see resolveTreeItem), so its durations are those of that moment.
    this.tooltip = undefined;
  }
}

/** Every value from Vercel goes in as text: commit messages can hold markup. */
export function deploymentTooltip(d: DeploymentListItem, now: number, locale: string, served?: readonly string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  const state = readyStateOf(d);
  md.appendMarkdown(`$(${stateVisual(state).icon.replace(/~spin$/, '')}) **`).appendText(stateLabel(state)).appendMarkdown('** · ');
  md.appendText(targetLabel(d.target));
  const timing = buildTiming(d, now);
  if (timing) {
    md.appendMarkdown(' · ').appendText(buildTimingText(timing, locale));
  }
  md.appendMarkdown('\n\n');
  if (served !== undefined) {
    md.appendMarkdown(`$(star-full) **${vscode.l10n.t('Current')}:** `);
    md.appendText(served.length > 0 ? vscode.l10n.t('serves {0}', served.join(', ')) : vscode.l10n.t('serves production'));
    md.appendMarkdown('\n\n');
  }
  const message = commitMessage(d);
  if (message !== undefined) {
    md.appendText(message.length > 500 ? `${message.slice(0, 499)}…` : message);
    md.appendMarkdown('\n\n');
  }
  const row = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') {
      md.appendMarkdown(`**${label}:** `).appendText(value).appendMarkdown('  \n');
    }
  };
  row(vscode.l10n.t('URL'), `https://${d.url}`);
  row(vscode.l10n.t('Branch'), branchOf(d));
  const sha = commitShaOf(d);
  row(vscode.l10n.t('Commit'), sha?.slice(0, 7));
  row(vscode.l10n.t('Author'), commitAuthorOf(d));
  row(vscode.l10n.t('Creator'), d.creator.username ?? d.creator.githubLogin ?? d.creator.email ?? d.creator.uid);
  row(vscode.l10n.t('Created'), `${formatDate(d.created, locale)} (${formatRelative(d.created, now, locale)})`);
  if (timing?.phase === 'running' && d.buildingAt !== undefined) {
    row(vscode.l10n.t('Building since'), formatDate(d.buildingAt, locale));
  }
  if (d.ready !== undefined && state === 'READY') {
    row(vscode.l10n.t('Ready at'), formatDate(d.ready, locale));
  }
  if (d.errorMessage) {
    row(vscode.l10n.t('Error'), d.errorMessage);
  }
  row(vscode.l10n.t('Id'), d.uid);
  return sealMarkdown(md);
}

export class LoadMoreNode extends vscode.TreeItem {
  readonly kind = 'loadMore';
  readonly projectKey: string;

  constructor(model: LoadMoreModel) {
    super('', vscode.TreeItemCollapsibleState.None);
    this.id = model.id;
    this.projectKey = model.projectKey;
    this.contextValue = 'loadMore';
    this.command = { command: Commands.loadMore, title: vscode.l10n.t('Load More Deployments'), arguments: [this] };
    this.apply(model);
  }

  apply(model: LoadMoreModel): void {
    this.label = model.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…');
    this.iconPath = new vscode.ThemeIcon(model.loading ? 'loading~spin' : 'more');
  }
}

/** A row that says something about the view's state, with a way forward. */
export class MessageNode extends vscode.TreeItem {
  readonly kind = 'message';

  constructor(model: MessageModel) {
    super('', vscode.TreeItemCollapsibleState.None);
    this.id = model.id;
    this.contextValue = 'message';
    this.apply(model);
  }

  apply(model: MessageModel): void {
    const warning = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    switch (model.variant) {
      case 'staleError': {
        // A refresh that failed while older deployments stay listed below.
        const reason = errorText(model.state.error);
        this.label =
          model.since === undefined
            ? vscode.l10n.t('Could not load deployments: {0}', reason)
            : vscode.l10n.t('Could not refresh ({0}); showing deployments from {1}', reason, model.since);
        this.iconPath = warning;
        const error = model.state.error;
        if (error instanceof VercelNetworkError && error.refusedByBrowser) {
          // Retrying would be refused the same way: the same list on vercel.com is the way forward.
          const page = dashboardUrl(model.state.deployments);
          this.command = { command: 'vscode.open', title: vscode.l10n.t('Open on vercel.com'), arguments: [vscode.Uri.parse(page)] };
          this.tooltip = vscode.l10n.t('{0}. Click to open the deployments on vercel.com.', reason);
          break;
        }
        this.command = { command: Commands.refresh, title: vscode.l10n.t('Retry') };
        this.tooltip = vscode.l10n.t('{0}. Click to retry.', reason);
        break;
      }
      case 'loading':
        this.label = vscode.l10n.t('Loading deployments…');
        this.iconPath = new vscode.ThemeIcon('loading~spin');
        break;
      case 'empty':
        this.label = vscode.l10n.t('No deployments yet');
        this.iconPath = new vscode.ThemeIcon('info');
        break;
      case 'linkProblem':
        this.label = vscode.l10n.t('Could not read {0}: {1}', model.file, model.message);
        this.iconPath = warning;
        this.command = { command: 'vscode.open', title: vscode.l10n.t('Open File'), arguments: [vscode.Uri.file(model.file)] };
        break;
      case 'brokenLink':
      case 'relink':
      case 'otherAccount':
        this.applyBrokenLink(model, warning);
        break;
    }
  }

  /** A link whose project the token cannot see: where the link comes from, who is signed in, and the ways out. */
  private applyBrokenLink(model: Extract<MessageModel, { variant: 'brokenLink' | 'relink' | 'otherAccount' }>, warning: vscode.ThemeIcon): void {
    const name = model.project.name ?? model.project.projectId;
    const file = vscode.workspace.asRelativePath(linkFileUri(model.project));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Link file')}:** `).appendText(model.project.file);
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Project')}:** `).appendText(`${name} (${model.project.projectId})`);
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Signed in as')}:** `).appendText(model.account ?? vscode.l10n.t('unknown account'));
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Vercel said')}:** `).appendText(model.reason);
    this.tooltip = sealMarkdown(tooltip);
    switch (model.variant) {
      case 'brokenLink':
        // The label leads with what is wrong, so a narrow view still shows it; where the link comes from follows.
        this.label =
          model.account === undefined
            ? vscode.l10n.t('{0} is not visible to the signed-in account', name)
            : vscode.l10n.t('{0} is not visible to {1}', name, model.account);
        this.description = vscode.l10n.t('linked in {0}', file);
        this.accessibilityInformation = { label: `${this.label}, ${this.description}` };
        this.iconPath = warning;
        this.command = { command: 'vscode.open', title: vscode.l10n.t('Open File'), arguments: [linkFileUri(model.project)] };
        break;
      case 'relink':
        this.label = vscode.l10n.t('Relink…');
        this.description = vscode.l10n.t('link this folder to a project you can see');
        this.iconPath = new vscode.ThemeIcon('link');
        this.command = { command: Commands.linkProject, title: vscode.l10n.t('Relink…'), arguments: [projectFolderUri(model.project)] };
        break;
      case 'otherAccount':
        this.label = vscode.l10n.t('Set Token');
        this.description = vscode.l10n.t('sign in as an account that can see it');
        this.iconPath = new vscode.ThemeIcon('key');
        this.command = { command: Commands.setToken, title: vscode.l10n.t('Set Token') };
        break;
    }
  }
}

export type DeploymentsTreeNode = ProjectNode | DeploymentNode | LoadMoreNode | MessageNode;

/** The project's deployments page on vercel.com, from a listed deployment's inspector URL (`…/scope/project/id`); else the dashboard. */
function dashboardUrl(deployments: readonly DeploymentListItem[]): string {
  for (const d of deployments) {
    const match = /^(https:\/\/vercel\.com\/[^/?#]+\/[^/?#]+)\/[^/?#]+$/.exec(d.inspectorUrl ?? '');
    if (match) return `${match[1]}/deployments`;
  }
  return 'https://vercel.com/dashboard';
}
