/** One TreeItem subclass per kind of row in the Deployments view. */
import * as vscode from 'vscode';
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import { Commands } from '../constants';
import type { LinkedProject } from '../workspace/linkFiles';
import { errorText, sealMarkdown, stateLabel, targetLabel } from './labels';
import {
  branchOf,
  commitAuthorOf,
  commitMessage,
  commitShaOf,
  contextValueOf,
  deploymentLabel,
  relativeTime,
  stateVisual,
} from './presentation';
import type { DeploymentRef, HasDeploymentRef } from './ref';
import type { ProjectDeployments } from './store';

export class ProjectNode extends vscode.TreeItem {
  readonly kind = 'project';

  constructor(readonly state: ProjectDeployments) {
    super(state.project.name ?? state.project.projectId, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `project:${state.project.key}`;
    this.contextValue = 'project';
    this.iconPath = new vscode.ThemeIcon('triangle-up');
    this.description = state.error ? vscode.l10n.t('refresh failed') : state.project.teamId ?? vscode.l10n.t('personal');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${vscode.l10n.t('Project')}:** `).appendText(state.project.name ?? state.project.projectId);
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Id')}:** `).appendText(state.project.projectId);
    tooltip.appendMarkdown(`  \n**${vscode.l10n.t('Folder')}:** `).appendText(state.project.directory);
    this.tooltip = sealMarkdown(tooltip);
  }
}

export class DeploymentNode extends vscode.TreeItem implements HasDeploymentRef {
  readonly kind = 'deployment';
  readonly deploymentRef: DeploymentRef;

  constructor(
    readonly deployment: DeploymentListItem,
    readonly project: LinkedProject,
    now: number,
    locale: string,
  ) {
    super(deploymentLabel(deployment), vscode.TreeItemCollapsibleState.None);
    const state = readyStateOf(deployment);
    const visual = stateVisual(state);
    this.id = deployment.uid;
    this.deploymentRef = { id: deployment.uid, teamId: project.teamId };
    this.contextValue = contextValueOf(deployment);
    this.iconPath = new vscode.ThemeIcon(visual.icon, new vscode.ThemeColor(visual.color));
    const parts = [branchOf(deployment), relativeTime(deployment.created, now, locale), targetLabel(deployment.target)];
    if (!visual.known) {
      parts.unshift(stateLabel(state));
    }
    this.description = parts.filter((p) => p !== undefined).join(' · ');
    this.tooltip = deploymentTooltip(deployment, now, locale);
    this.accessibilityInformation = {
      label: `${deploymentLabel(deployment)}, ${stateLabel(state)}, ${this.description}`,
    };
    this.command = { command: Commands.showDetails, title: vscode.l10n.t('Show Deployment Details'), arguments: [this] };
  }
}

/** Every value from Vercel goes in as text: commit messages can hold markup. */
export function deploymentTooltip(d: DeploymentListItem, now: number, locale: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  const state = readyStateOf(d);
  const visual = stateVisual(state);
  md.appendMarkdown(`$(${visual.icon.replace('~spin', '')}) **`).appendText(stateLabel(state)).appendMarkdown('** · ');
  md.appendText(targetLabel(d.target));
  md.appendMarkdown('\n\n');
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
  row(vscode.l10n.t('Created'), `${new Date(d.created).toLocaleString(locale)} (${relativeTime(d.created, now, locale)})`);
  if (d.buildingAt !== undefined) {
    row(vscode.l10n.t('Building since'), new Date(d.buildingAt).toLocaleString(locale));
  }
  if (d.ready !== undefined && state === 'READY') {
    row(vscode.l10n.t('Ready at'), new Date(d.ready).toLocaleString(locale));
  }
  if (d.errorMessage) {
    row(vscode.l10n.t('Error'), d.errorMessage);
  }
  row(vscode.l10n.t('Id'), d.uid);
  return sealMarkdown(md);
}

export class LoadMoreNode extends vscode.TreeItem {
  readonly kind = 'loadMore';

  constructor(readonly projectKey: string, loading: boolean) {
    super(loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.id = `more:${projectKey}`;
    this.contextValue = 'loadMore';
    this.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'more');
    this.command = { command: Commands.loadMore, title: vscode.l10n.t('Load More Deployments'), arguments: [this] };
  }
}

/** A row that says something about the view's state, with a way forward. */
export class MessageNode extends vscode.TreeItem {
  readonly kind = 'message';

  constructor(id: string, label: string, icon: vscode.ThemeIcon, command?: vscode.Command, tooltip?: string) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.contextValue = 'message';
    this.iconPath = icon;
    if (command) {
      this.command = command;
    }
    if (tooltip !== undefined) {
      this.tooltip = tooltip;
    }
  }

  /** A refresh that failed while older deployments stay listed below. */
  static staleError(state: ProjectDeployments, now: number, locale: string): MessageNode {
    const reason = errorText(state.error);
    const since = state.lastSuccessAt === undefined ? undefined : relativeTime(state.lastSuccessAt, now, locale);
    const label =
      since === undefined
        ? vscode.l10n.t('Could not load deployments: {0}', reason)
        : vscode.l10n.t('Could not refresh ({0}); showing deployments from {1}', reason, since);
    return new MessageNode(
      `error:${state.project.key}`,
      label,
      new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
      { command: Commands.refresh, title: vscode.l10n.t('Retry') },
      vscode.l10n.t('{0}. Click to retry.', reason),
    );
  }

  static loading(projectKey: string): MessageNode {
    return new MessageNode(`loading:${projectKey}`, vscode.l10n.t('Loading deployments…'), new vscode.ThemeIcon('loading~spin'));
  }

  static empty(projectKey: string): MessageNode {
    return new MessageNode(`empty:${projectKey}`, vscode.l10n.t('No deployments yet'), new vscode.ThemeIcon('info'));
  }

  static linkProblem(file: string, message: string): MessageNode {
    return new MessageNode(
      `link:${file}`,
      vscode.l10n.t('Could not read {0}: {1}', file, message),
      new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
      { command: 'vscode.open', title: vscode.l10n.t('Open File'), arguments: [vscode.Uri.file(file)] },
    );
  }
}

export type DeploymentsTreeNode = ProjectNode | DeploymentNode | LoadMoreNode | MessageNode;
