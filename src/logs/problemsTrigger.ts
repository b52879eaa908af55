/**
 * The activation bundle's side of build problems: after the first paint,
 * once the window is idle, it loads the features bundle only when the
 * checked-out branch of a linked project has a failed newest build (see
 * src/deployments/problemTargets.ts). Until then no build-log code loads and
 * no log is downloaded; once loaded, the build problems follow the store
 * themselves.
 */
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { problemTargets } from '../deployments/problemTargets';
import type { DeploymentStore } from '../deployments/store';
import type { GitState } from '../git/gitState';

/** How long the window must be quiet after a change before the features bundle loads for build problems. */
export const PROBLEMS_IDLE_MS = 1500;

export interface ProblemsTriggerDeps {
  readonly store: DeploymentStore;
  readonly git: Pick<GitState, 'of' | 'onDidChange'>;
  readonly features: { readonly loaded: boolean; load(reason: string): Promise<unknown> };
}

export function registerProblemsTrigger(context: vscode.ExtensionContext, deps: ProblemsTriggerDeps): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    if (deps.features.loaded) return;
    if (vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.buildProblems, 'latestFailed') === 'off') return;
    if (problemTargets(deps.store.projects, (p) => deps.git.of(p)?.branch).length === 0) return;
    void deps.features.load('build problems').catch(() => undefined);
  };
  const later = () => {
    if (deps.features.loaded) return;
    clearTimeout(timer);
    timer = setTimeout(check, PROBLEMS_IDLE_MS);
  };
  context.subscriptions.push(
    deps.store.onDidChange(later),
    deps.git.onDidChange(later),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.buildProblems}`)) later();
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
