/**
 * What Deploy… and Deploy Branch… share: which linked project (the Explorer
 * folder's, the only one, or a pick), Preview or Production, and, once
 * Vercel has answered, the new deployment at the top of the tree with its
 * build log following live; a refusal named with Vercel's own reason.
 */
import * as vscode from 'vscode';
import type { Deployment } from '../api/deployment';
import { VercelApiError } from '../api/errors';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import type { GitState } from '../git/gitState';
import type { LogsApi } from '../logs';
import type { LinkedProject } from '../workspace/linkFiles';
import type { CommandDeps } from './deps';
import { insertDeployment } from '../deployments/storeEdits';
import { projectFolderUri } from '../workspace/projectUris';

/** One look a little later lets the poll see the new build and follow it at the active pace. */
const SETTLE_DELAY_MS = 2000;

export interface DeployDeps extends CommandDeps {
  readonly git: GitState;
  readonly logs: () => LogsApi;
  /** Tells the build-finished notifications that this window started the deployment. */
  readonly startedHere: (id: string) => void;
}

export type DeployTarget = 'preview' | 'production';

export function projectLabel(project: LinkedProject): string {
  return project.name ?? project.projectId;
}

/** The linked project a deploy is for: the Explorer folder's, the only one, or the one picked. */
export async function pickProject(arg: unknown, deps: CommandDeps, placeHolder: string): Promise<LinkedProject | undefined> {
  const projects = deps.links.snapshot.projects;
  if (arg instanceof vscode.Uri) {
    const path = arg.path.replace(/\/+$/, '');
    const exact = projects.find((p) => vscode.Uri.file(p.directory).path.replace(/\/+$/, '') === path);
    const owner = exact ?? deps.links.projectFor(arg);
    if (owner) return owner;
  }
  if (projects.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No folder is linked to a Vercel project. Link one first.'));
    return undefined;
  }
  if (projects.length === 1) return projects[0];
  const picked = await vscode.window.showQuickPick(
    projects.map((project) => ({ label: projectLabel(project), description: vscode.workspace.asRelativePath(projectFolderUri(project)), project })),
    { placeHolder },
  );
  return picked?.project;
}

/** Preview (first, the default) or Production. */
export async function pickTarget(title: string): Promise<DeployTarget | undefined> {
  const items: (vscode.QuickPickItem & { target: DeployTarget })[] = [
    { label: vscode.l10n.t('Preview'), description: vscode.l10n.t('a new URL of its own; production stays as it is'), target: 'preview' },
    { label: vscode.l10n.t('Production'), description: vscode.l10n.t('takes the production domains when it is ready'), target: 'production' },
  ];
  return (await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Where should it go?') }))?.target;
}

/** The sentence a production confirmation leads with. */
export function productionWarning(project: string): string {
  return vscode.l10n.t(
    'This is a PRODUCTION deployment: when it is ready, production traffic of "{0}" moves to it (unless production is rolled back).',
    project,
  );
}

/**
 * The new deployment, from Vercel's answer: at the top of its project's
 * list at once (no extra list request), followed by the notifications, its
 * build log open and following live.
 */
export async function showCreated(created: Deployment, project: LinkedProject, deps: DeployDeps): Promise<void> {
  insertDeployment(deps.store, created);
  deps.startedHere(created.id);
  setTimeout(() => void deps.scheduler.refreshNow(), SETTLE_DELAY_MS);
  const details = vscode.l10n.t('Show Details');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Created {0}: it is building, and its build log follows.', created.url), details)
    .then((picked) => (picked === details ? vscode.commands.executeCommand(Commands.showDetails, { deployment: created, teamId: project.teamId }) : undefined));
  try {
    await deps.logs().open({ id: created.id, teamId: project.teamId });
  } catch (error) {
    deps.log.warn(`Could not open the build log of ${created.id}: ${errorText(error)}`);
  }
}

/** Says why a deploy failed, in Vercel's words for a refusal; the raw detail goes to the log. Nothing on screen is cleared. */
export function reportDeployFailure(what: string, error: unknown, deps: CommandDeps): void {
  const code = error instanceof VercelApiError && error.code ? ` (${error.code})` : '';
  deps.log.error(`${what}: ${errorText(error)}${code}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, errorText(error)));
}
