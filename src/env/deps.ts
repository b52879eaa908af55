/** What the environment-variable feature is given, and what its commands share. */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { VercelApiError } from '../api/errors';
import type { Session } from '../auth/session';
import type { TokenStore } from '../auth/tokenStore';
import { Commands } from '../constants';
import { canRedeploy } from '../deployments/capabilities';
import { errorText } from '../deployments/labels';
import { branchOf } from '../deployments/presentation';
import type { DeploymentStore } from '../deployments/store';
import type { GitState } from '../git/gitState';
import type { LinkedProject } from '../workspace/linkFiles';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { environmentLabel } from './labels';
import type { EnvStore } from './store';
import type { EnvNode, EnvTreeProvider } from './treeProvider';

export interface EnvDeps {
  readonly client: VercelClient;
  readonly links: LinkedProjects;
  readonly session: Session;
  readonly tokens: TokenStore;
  readonly deployments: DeploymentStore;
  readonly git: GitState;
  readonly log: vscode.LogOutputChannel;
  readonly store: EnvStore;
  readonly tree: EnvTreeProvider;
}

/** The project a row belongs to, or the one the person picks (none to pick from: undefined, said so). */
export async function projectFromArg(arg: unknown, deps: EnvDeps): Promise<LinkedProject | undefined> {
  const key = isEnvNode(arg) ? arg.projectKey : undefined;
  const fromNode = key === undefined ? undefined : deps.store.get(key)?.project;
  if (fromNode) return fromNode;
  const projects = deps.links.snapshot.projects;
  if (projects.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No folder of this workspace is linked to a Vercel project.'));
    return undefined;
  }
  if (projects.length === 1) return projects[0];
  const picked = await vscode.window.showQuickPick(
    projects.map((project) => ({ label: project.name ?? project.projectId, description: vscode.workspace.asRelativePath(project.directory), project })),
    { placeHolder: vscode.l10n.t('Select a project') },
  );
  return picked?.project;
}

export function isEnvNode(arg: unknown): arg is EnvNode {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && 'projectKey' in arg && typeof arg.projectKey === 'string';
}

/** Takes any of the given secrets out of a text before it is shown or logged (Vercel's own error text could echo one). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('••••');
  return out;
}

/**
 * Says why a request failed, never with a value in it. When Vercel wants a
 * fresh sign-in first (`challenge_required`, `user_auth_required`) it says
 * so and offers Set Token.
 */
export async function reportEnvError(what: string, error: unknown, deps: EnvDeps, secrets: readonly string[] = []): Promise<void> {
  const reason = redact(errorText(error), secrets);
  deps.log.warn(`${what}: ${reason}`);
  if (error instanceof VercelApiError && error.needsSignIn) {
    const setToken = vscode.l10n.t('Set Token');
    const picked = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0}: Vercel wants you to sign in again before it shows or changes environment variables. Set a new token to go on.', what),
      setToken,
    );
    if (picked === setToken) await vscode.commands.executeCommand(Commands.setToken);
    return;
  }
  void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, reason));
}

/**
 * After a change: it applies to deployments made from now on. Offers to
 * redeploy the newest finished deployment of the environment it changed
 * (Production first, else Preview of the branch), through the Redeploy
 * command, which asks before it builds.
 */
export function notifyChanged(message: string, project: LinkedProject, targets: readonly string[], gitBranch: string | undefined, deps: EnvDeps): void {
  const wanted = targets.includes('production') ? 'production' : targets.includes('preview') ? 'preview' : undefined;
  const list = deps.deployments.get(project.key)?.latest ?? [];
  const newest =
    wanted === undefined
      ? undefined
      : list.find((d) => canRedeploy(d) && (wanted === 'production' ? d.target === 'production' : d.target !== 'production' && (!gitBranch || branchOf(d) === gitBranch)));
  const text = vscode.l10n.t('{0} It applies to new deployments; existing ones keep the values they were built with.', message);
  if (!newest || wanted === undefined) {
    void vscode.window.showInformationMessage(text);
    return;
  }
  const redeploy = vscode.l10n.t('Redeploy {0}', environmentLabel(wanted));
  void vscode.window.showInformationMessage(text, redeploy).then((picked) => {
    if (picked === redeploy) void vscode.commands.executeCommand(Commands.redeploy, { id: newest.uid, teamId: project.teamId });
  });
}
