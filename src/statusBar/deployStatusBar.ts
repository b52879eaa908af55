/**
 * The latest deployment of the project that holds the active editor's file
 * (else the first linked project), at a glance. It reads the same store as
 * the tree, so it costs no request of its own.
 */
import * as vscode from 'vscode';
import { readyStateOf } from '../api/schemas';
import { Commands, Settings } from '../constants';
import { buildTimingText, errorText, sealMarkdown, stateLabel, targetLabel } from '../deployments/labels';
import { buildTiming, deploymentLabel, statusBarIcon } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';
import type { SignedInState } from '../deployments/treeProvider';
import type { GitState } from '../git/gitState';
import { formatDuration, formatRelative } from '../util/time';
import { chooseStatus, type FollowMode, type StatusChoice } from './chooser';
import type { LinkedProjects } from '../workspace/linkedProjects';

/** While the shown build runs, its "Building 38s" counts on at this pace. */
const RUNNING_TICK_MS = 1000;

export class DeployStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private visible = false;
  private ticker: ReturnType<typeof setTimeout> | undefined;
  /** "commits behind HEAD" by `${head}..${sha}`, asked of Git once each. */
  private readonly behind = new Map<string, number | undefined>();

  constructor(
    private readonly store: DeploymentStore,
    private readonly links: LinkedProjects,
    private readonly auth: SignedInState,
    private readonly git?: GitState,
  ) {
    this.item = vscode.window.createStatusBarItem('vercelDeployments.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = vscode.l10n.t('Vercel Deployment');
    this.disposables.push(
      this.item,
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      ...(git ? [git.onDidChange(() => this.update())] : []),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration(`${Settings.section}.${Settings.statusBarEnabled}`) ||
          e.affectsConfiguration(`${Settings.section}.${Settings.statusBarFollow}`)
        ) {
          this.update();
        }
      }),
    );
    this.update();
  }

  /** The deployment the item shows, if any. */
  get shown(): DeploymentRef | undefined {
    const hit = this.current();
    return hit ? { id: hit.deployment.uid, teamId: hit.state.project.teamId } : undefined;
  }

  update(): void {
    // The store asks the API for the followed branch when its page has none of it.
    this.store.setBranchWanted(this.followed());
    const enabled = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.statusBarEnabled, true);
    const hit = this.current();
    clearTimeout(this.ticker);
    this.ticker = undefined;
    if (!enabled || this.auth.signedIn !== true || !hit) {
      this.visible = false;
      this.item.hide();
      return;
    }
    const { state, deployment } = hit;
    const readyState = readyStateOf(deployment);
    const now = Date.now();
    const locale = vscode.env.language;
    const timing = buildTiming(deployment, now);
    const running = timing?.phase === 'running' ? formatDuration(timing.ms, locale) : undefined;
    const projectName = state.project.name ?? state.project.projectId;
    const several = this.store.projects.length > 1;
    // The Vercel mark says what the item is; the project's name, which project, once there are several.
    const what = [stateLabel(readyState), running].filter((p) => p !== undefined).join(' ');
    this.item.text = several
      ? `$(triangle-up) ${projectName}: $(${statusBarIcon(readyState)}) ${what}`
      : `$(triangle-up) $(${statusBarIcon(readyState)}) ${what}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    // Only the details and log commands may run from this tooltip; every value in it is escaped text.
    tooltip.isTrusted = { enabledCommands: [Commands.showDetails, Commands.showLogs, Commands.showRuntimeLogs] };
    const branch = hit.branch;
    if (branch !== undefined && !hit.choice.fallback) {
      tooltip.appendMarkdown('**').appendText(vscode.l10n.t('Latest Vercel deployment of {0}', branch)).appendMarkdown('** · ');
    } else {
      tooltip.appendMarkdown(`**${vscode.l10n.t('Latest Vercel deployment')}** · `);
    }
    tooltip.appendText(state.project.name ?? state.project.projectId);
    if (branch !== undefined && hit.choice.fallback) {
      tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('No deployment of {0} yet: this is the project\'s newest.', branch));
    }
    const headLine = this.headText(hit.choice, state.project);
    if (headLine !== undefined) {
      tooltip.appendMarkdown('\n\n$(git-commit) ').appendText(headLine);
    }
    tooltip.appendMarkdown('\n\n').appendText(deploymentLabel(deployment));
    tooltip.appendMarkdown('\n\n').appendText(
      [stateLabel(readyState), targetLabel(deployment.target), formatRelative(deployment.created, now, locale)].join(' · '),
    );
    if (timing) {
      tooltip.appendMarkdown('\n\n').appendText(buildTimingText(timing, locale));
    }
    if (state.error) {
      tooltip.appendMarkdown('\n\n$(warning) ').appendText(vscode.l10n.t('Could not refresh: {0}', errorText(state.error)));
    }
    tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Click to show it in the Deployments view.'));
    const ref: DeploymentRef = { id: deployment.uid, teamId: state.project.teamId };
    const args = encodeURIComponent(JSON.stringify([ref]));
    tooltip.appendMarkdown(`\n\n[$(json) ${escapeLinkText(vscode.l10n.t('Show Details'))}](command:${Commands.showDetails}?${args})`);
    tooltip.appendMarkdown(` · [$(list-flat) ${escapeLinkText(vscode.l10n.t('Show Build Logs'))}](command:${Commands.showLogs}?${args})`);
    if (readyState === 'READY') {
      tooltip.appendMarkdown(` · [$(pulse) ${escapeLinkText(vscode.l10n.t('Show Runtime Logs'))}](command:${Commands.showRuntimeLogs}?${args})`);
    }
    this.item.tooltip = sealMarkdown(tooltip);
    this.item.backgroundColor = state.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = {
      label: vscode.l10n.t(
        'Latest Vercel deployment of {0}: {1}. {2}.',
        projectName,
        deploymentLabel(deployment),
        timing ? buildTimingText(timing, locale) : stateLabel(readyState),
      ),
    };
    this.item.command = {
      command: Commands.revealLatest,
      title: vscode.l10n.t('Show Latest Deployment'),
      arguments: [{ id: deployment.uid, teamId: state.project.teamId }],
    };
    this.visible = true;
    this.item.show();
    if (running !== undefined) {
      this.ticker = setTimeout(() => this.update(), RUNNING_TICK_MS);
    }
  }

  /** Text, tooltip and visibility as they are now, for tests. */
  get snapshot(): {
    readonly visible: boolean;
    readonly text: string;
    readonly label: string;
    readonly tooltip: string;
    readonly error: boolean;
  } {
    const tooltip = this.item.tooltip;
    return {
      visible: this.visible,
      text: this.item.text,
      label: this.item.accessibilityInformation?.label ?? '',
      tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '',
      error: this.item.backgroundColor !== undefined,
    };
  }

  private follow(): FollowMode {
    return vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.statusBarFollow, 'branch') === 'project' ? 'project' : 'branch';
  }

  private project() {
    const editor = vscode.window.activeTextEditor;
    return (editor && this.links.projectFor(editor.document.uri)) ?? this.store.projects[0]?.project;
  }

  /** The project and branch whose newest deployment the item follows; the store asks the API for it when its page has none. */
  followed(): { readonly projectKey: string; readonly branch: string } | undefined {
    const project = this.project();
    const branch = project && this.follow() === 'branch' ? this.git?.of(project)?.branch : undefined;
    return project && branch ? { projectKey: project.key, branch } : undefined;
  }

  private current() {
    const project = this.project();
    const state = project && this.store.get(project.key);
    if (!state) return undefined;
    const git = this.follow() === 'branch' ? this.git?.of(state.project) : undefined;
    const branch = git?.branch;
    const choice = chooseStatus({
      follow: this.follow(),
      // The newest whatever the view's filter: a filter narrows the list, not the status bar.
      deployments: state.latest,
      branchDeployments: branch !== undefined && state.branchDeployments?.branch === branch ? state.branchDeployments.deployments : undefined,
      branch,
      head: git?.head,
    });
    const deployment = choice.deployment;
    return deployment ? { state, deployment, choice, branch } : undefined;
  }

  /** "HEAD abc1234 is live at …", "… is building", "… has no deployment yet — newest on this branch: def5678 (2 commits behind)". */
  private headText(choice: StatusChoice, project: Parameters<GitState['of']>[0]): string | undefined {
    const head = choice.head;
    if (!head) return undefined;
    const short = head.sha.slice(0, 7);
    switch (head.status) {
      case 'live':
        return vscode.l10n.t('HEAD {0} is live at {1}', short, `https://${head.deployment?.url ?? ''}`);
      case 'building':
        return vscode.l10n.t('HEAD {0} is building', short);
      case 'failed':
        return vscode.l10n.t('HEAD {0} failed to build', short);
      case 'canceled':
        return vscode.l10n.t('HEAD {0}: its build was canceled', short);
      case 'other':
        return vscode.l10n.t('HEAD {0}: {1}', short, stateLabel(readyStateOf(head.deployment ?? {})));
      case 'none': {
        const newest = head.newestOnBranch;
        const sha = newest?.meta?.['githubCommitSha'] ?? newest?.meta?.['gitlabCommitSha'] ?? newest?.meta?.['bitbucketCommitSha'];
        if (!newest || sha === undefined) return vscode.l10n.t('HEAD {0} has no deployment yet', short);
        const key = `${head.sha}..${sha}`;
        if (!this.behind.has(key) && this.git) {
          this.behind.set(key, undefined);
          void this.git.commitsBehind(project, sha).then((n) => {
            this.behind.set(key, n);
            if (n !== undefined) this.update();
          });
        }
        const behind = this.behind.get(key);
        return behind === undefined
          ? vscode.l10n.t('HEAD {0} has no deployment yet — newest on this branch: {1}', short, sha.slice(0, 7))
          : behind === 1
            ? vscode.l10n.t('HEAD {0} has no deployment yet — newest on this branch: {1} (1 commit behind)', short, sha.slice(0, 7))
            : vscode.l10n.t('HEAD {0} has no deployment yet — newest on this branch: {1} ({2} commits behind)', short, sha.slice(0, 7), behind);
      }
    }
  }

  dispose(): void {
    clearTimeout(this.ticker);
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

/** Link text from a translation, escaped so it cannot close the link early. */
function escapeLinkText(text: string): string {
  return text.replace(/[\\[\]()<>]/g, '\\$&');
}
