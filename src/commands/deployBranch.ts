/**
 * "Vercel: Deploy Branch…": builds a branch's commit as it is on the remote,
 * through the project's Git integration (`POST /v13/deployments` with
 * `gitSource`), without a push. The branch is picked among those the Git
 * extension knows on the remote; when HEAD of the checked-out branch is not
 * there yet, it says so and offers to push first, through the Git
 * extension's own command. Never retried.
 */
import * as vscode from 'vscode';
import type { Deployment } from '../api/deployment';
import { Commands } from '../constants';
import { gitSourceFor } from '../deploy/gitSource';
import { remoteBranches, type RemoteBranches } from '../git/remoteBranches';
import type { LinkedProject } from '../workspace/linkFiles';
import { pickProject, pickTarget, productionWarning, projectLabel, reportDeployFailure, showCreated, type DeployDeps } from './deployTarget';
import { OncePerKey } from './lifecycle';

export type DeployBranchDeps = DeployDeps;

interface BranchItem extends vscode.QuickPickItem {
  readonly branch: string;
  readonly commit: string;
}

export function registerDeployBranch(context: vscode.ExtensionContext, deps: DeployBranchDeps): void {
  const once = new OncePerKey<Deployment | undefined>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.deployBranch, async (arg?: unknown) => {
      const project = await pickProject(arg, deps, vscode.l10n.t('Select the project whose branch to deploy'));
      return project ? once.run(project.key, () => deployBranch(project, deps)) : undefined;
    }),
  );
}

const short = (sha: string) => sha.slice(0, 7);

async function deployBranch(project: LinkedProject, deps: DeployBranchDeps): Promise<Deployment | undefined> {
  if (!deps.session.signedIn) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Vercel first (Set Token).'));
    return undefined;
  }
  const name = projectLabel(project);
  let remote = await remoteBranches(deps.git.repositoryOf(project), (m) => deps.log.warn(m));
  if (!remote || remote.remote === undefined) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('"{0}" is not in a Git repository with a remote that VS Code\'s Git extension knows: there is no branch to deploy.', name),
    );
    return undefined;
  }
  const picked = await pickBranch(remote, name);
  if (!picked) return undefined;

  // HEAD of the checked-out branch not on the remote: Vercel would build an older commit. Say so, offer to push.
  let commit = picked.commit;
  const head = remote.head;
  const unpushed = head?.branch === picked.branch && head.commit !== undefined && head.commit !== picked.commit;
  if (unpushed && head?.commit) {
    const push = vscode.l10n.t('Push, then Deploy');
    const asIs = vscode.l10n.t('Deploy {0} as It Is', `${remote.remote}/${picked.branch}`);
    const onRemote = picked.commit !== '';
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('HEAD {0} of {1} is not on {2} yet.', short(head.commit), picked.branch, remote.remote),
      {
        modal: true,
        detail: onRemote
          ? vscode.l10n.t(
              'Vercel builds the commit the remote has: {0}/{1} is at {2}. Push first to deploy your latest commit.',
              remote.remote,
              picked.branch,
              short(picked.commit),
            )
          : vscode.l10n.t('Vercel builds what the remote has, and {0} is not there. Push it first.', picked.branch),
      },
      ...(onRemote ? [push, asIs] : [push]),
    );
    if (choice === undefined) return undefined;
    if (choice === push) {
      try {
        // The Git extension's own commands: it asks what it needs (a remote to publish to, credentials) and shows its own errors.
        await vscode.commands.executeCommand(head.upstream ? 'git.push' : 'git.publish');
      } catch (error) {
        reportDeployFailure(vscode.l10n.t('Could not push {0}', picked.branch), error, deps);
        return undefined;
      }
      remote = await remoteBranches(deps.git.repositoryOf(project), (m) => deps.log.warn(m));
      const now = remote?.branches.find((b) => b.name === picked.branch)?.commit;
      if (now !== head.commit) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} is still not on the remote; nothing was deployed.', short(head.commit)));
        return undefined;
      }
      commit = now;
    }
  }

  const target = await pickTarget(vscode.l10n.t('Deploy {0} of "{1}"', picked.branch, name));
  if (!target) return undefined;
  const what = `${picked.branch} · ${short(commit)}`;
  const deploy = target === 'production' ? vscode.l10n.t('Deploy to Production') : vscode.l10n.t('Deploy to Preview');
  const detail = [
    target === 'production' ? productionWarning(name) : vscode.l10n.t('The new deployment is a preview with a URL of its own.'),
    vscode.l10n.t('Vercel builds {0} from the repository linked to the project; nothing is uploaded from this machine.', what),
  ].join('\n\n');
  const message = target === 'production' ? vscode.l10n.t('Deploy {0} to PRODUCTION?', what) : vscode.l10n.t('Deploy {0} to Preview?', what);
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, deploy)) !== deploy) return undefined;

  const failed = vscode.l10n.t('Could not deploy {0}', what);
  try {
    const created = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deploying {0}…', what) },
      async () => {
        const settings = await deps.client.getProject(project.projectId, { teamId: project.teamId });
        const source = gitSourceFor(settings.link, picked.branch, commit);
        if (!source.ok) {
          throw new Error(
            source.reason === 'noLink'
              ? vscode.l10n.t('the project "{0}" is not connected to a Git repository on Vercel (Project Settings › Git).', name)
              : vscode.l10n.t('deploying a branch is not available for the project\'s Git provider ({0}).', source.provider ?? '?'),
          );
        }
        return deps.client.createDeployment(
          { name: settings.name, project: settings.id, ...(target === 'production' ? { target } : {}), gitSource: source.gitSource },
          { teamId: project.teamId },
        );
      },
    );
    deps.log.info(`Deployed ${what} of ${name} as ${created.id} (${target}) through the Git integration`);
    await showCreated(created, project, deps);
    return created;
  } catch (error) {
    reportDeployFailure(failed, error, deps);
    return undefined;
  }
}

async function pickBranch(remote: RemoteBranches, project: string): Promise<BranchItem | undefined> {
  const current = remote.head?.branch;
  const items: BranchItem[] = remote.branches
    .map((b) => ({
      label: b.name,
      description: b.name === current ? vscode.l10n.t('current branch · {0}', short(b.commit)) : short(b.commit),
      branch: b.name,
      commit: b.commit,
    }))
    .sort((a, b) => (a.branch === current ? -1 : b.branch === current ? 1 : a.branch.localeCompare(b.branch)));
  if (current !== undefined && remote.head?.commit && !items.some((i) => i.branch === current)) {
    // The checked-out branch is not on the remote yet: offered, so that picking it offers to push it.
    items.unshift({ label: current, description: vscode.l10n.t('current branch · not on {0} yet', remote.remote ?? ''), branch: current, commit: '' });
  }
  if (items.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('No branch of {0} is known on the remote {1}. Push a branch (or fetch) first.', project, remote.remote ?? ''),
    );
    return undefined;
  }
  return vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Deploy a branch of "{0}"', project),
    placeHolder: vscode.l10n.t('Select a branch on {0}', remote.remote ?? ''),
    matchOnDescription: true,
  });
}
