/**
 * One notification when builds this person cares about finish: read from
 * the transitions the store already shows (see ./transitions.ts), so it adds
 * no request. Several builds finishing in one poll make one notification.
 */
import * as vscode from 'vscode';
import { Commands, Settings, Views } from '../constants';
import { stateLabel } from '../deployments/labels';
import { branchOf, commitShaOf, deploymentLabel } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';
import type { GitState } from '../git/gitState';
import { TransitionDetector, worthNotifying, type FinishedBuild, type NotifyScope } from './transitions';

export interface BuildNotifierDeps {
  readonly store: DeploymentStore;
  readonly git: GitState | undefined;
  readonly log: vscode.LogOutputChannel;
}

/** Deployments started from this window (redeploy, promote): the person waits for those whatever their branch. */
export class StartedHere {
  private readonly ids = new Set<string>();
  add(id: string): void {
    this.ids.add(id);
  }
  has(id: string): boolean {
    return this.ids.has(id);
  }
}

/** "feat/login · abc1234", else the commit's first line, else the host. */
export function buildName(b: FinishedBuild): string {
  const branch = branchOf(b.deployment);
  const sha = commitShaOf(b.deployment)?.slice(0, 7);
  if (branch !== undefined && sha !== undefined) return `${branch} · ${sha}`;
  if (branch !== undefined) return `${branch} · ${deploymentLabel(b.deployment)}`;
  return deploymentLabel(b.deployment);
}

export class BuildNotifier implements vscode.Disposable {
  private readonly detector = new TransitionDetector();
  private readonly disposables: vscode.Disposable[] = [];
  readonly startedHere = new StartedHere();
  /** Every notification shown, newest last: read by the integration tests. */
  readonly shown: string[] = [];

  constructor(private readonly deps: BuildNotifierDeps) {
    this.disposables.push(deps.store.onDidChange(() => this.check()));
    this.check();
  }

  /** Sign out: the next list is a first load again. */
  reset(): void {
    this.detector.reset();
  }

  private scope(): NotifyScope {
    const value = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.notifications, 'branch');
    return value === 'all' || value === 'off' ? value : 'branch';
  }

  private check(): void {
    // The newest whatever the view's filter: a filter narrows the list, not what is heard about.
    const projects = this.deps.store.projects.map((p) => ({ key: p.project.key, loaded: p.latestLoaded, deployments: p.latest }));
    const finished = this.detector.update(projects);
    if (finished.length === 0) return;
    const git = this.deps.git;
    const wanted = worthNotifying(finished, {
      scope: this.scope(),
      startedHere: (id) => this.startedHere.has(id),
      branchOf,
      branchesOf: (key) => {
        const project = this.deps.store.get(key)?.project;
        const branch = project && git?.of(project)?.branch;
        return branch ? [branch] : [];
      },
    });
    if (wanted.length > 0) void this.notify(wanted);
  }

  private async notify(builds: readonly FinishedBuild[]): Promise<void> {
    const first = builds[0];
    if (!first) return;
    const teamOf = (b: FinishedBuild) => this.deps.store.get(b.projectKey)?.project.teamId;
    const refOf = (b: FinishedBuild): DeploymentRef => ({ id: b.deployment.uid, teamId: teamOf(b) });
    const failed = builds.filter((b) => b.state === 'ERROR');
    if (builds.length === 1) {
      const name = buildName(first);
      if (first.state === 'READY') {
        const url = `https://${first.deployment.url}`;
        const open = vscode.l10n.t('Open');
        const copy = vscode.l10n.t('Copy URL');
        const message = vscode.l10n.t('Ready: {0} — {1}', name, url);
        this.record(message);
        const choice = await vscode.window.showInformationMessage(message, open, copy);
        if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(url));
        if (choice === copy) await vscode.env.clipboard.writeText(url);
        return;
      }
      if (first.state === 'ERROR') {
        await this.failed(vscode.l10n.t('Failed: {0}', name), refOf(first));
        return;
      }
      const details = vscode.l10n.t('Show Details');
      const message = vscode.l10n.t('Canceled: {0}', name);
      this.record(message);
      if ((await vscode.window.showInformationMessage(message, details)) === details) {
        await vscode.commands.executeCommand(Commands.showDetails, refOf(first));
      }
      return;
    }
    const list = builds.map((b) => `${stateLabel(b.state)}: ${buildName(b)}`).join('; ');
    const message = vscode.l10n.t('{0} builds finished — {1}', builds.length, list);
    const onlyFailed = failed.length === 1 ? failed[0] : undefined;
    if (onlyFailed) {
      await this.failed(message, refOf(onlyFailed));
      return;
    }
    const show = vscode.l10n.t('Show Deployments');
    this.record(message);
    const choice = failed.length > 0 ? await vscode.window.showErrorMessage(message, show) : await vscode.window.showInformationMessage(message, show);
    if (choice === show) await vscode.commands.executeCommand(`${Views.deployments}.focus`);
  }

  /** A failed build: its log and its problems are the next things a person wants. */
  private async failed(message: string, ref: DeploymentRef): Promise<void> {
    const logs = vscode.l10n.t('Show Build Logs');
    const problems = vscode.l10n.t('Show Problems');
    const details = vscode.l10n.t('Show Details');
    const available = new Set(await vscode.commands.getCommands(true));
    const actions = [
      ...(available.has(Commands.showLogs) ? [logs] : []),
      problems,
      details,
    ];
    this.record(message);
    const choice = await vscode.window.showErrorMessage(message, ...actions);
    if (choice === logs) await vscode.commands.executeCommand(Commands.showLogs, ref);
    if (choice === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === details) await vscode.commands.executeCommand(Commands.showDetails, ref);
  }

  private record(message: string): void {
    this.shown.push(message);
    this.deps.log.info(`notified: ${message}`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
