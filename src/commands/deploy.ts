/**
 * "Vercel: Deploy…": deploys a linked folder as `vercel deploy` does — the
 * CLI's ignore rules, each file hashed, only the files Vercel does not have
 * uploaded, then the deployment created — to Preview or Production. Before
 * the first byte leaves, a confirmation says how many files and bytes go and
 * names every `.env` file among them. Cancellable until the deployment is
 * created; never retried.
 */
import * as vscode from 'vscode';
import type { GitMetadata } from '../api/client';
import type { Deployment } from '../api/deployment';
import { Commands } from '../constants';
import { collectFiles, DeployFilesError, hashFiles, readForUpload } from '../deploy/files';
import { summarize, type HashedFile } from '../deploy/plan';
import { MissingFilesError, sendDeployment } from '../deploy/send';
import type { LinkedProject } from '../workspace/linkFiles';
import { formatBytes } from '../util/bytes';
import { pickProject, pickTarget, productionWarning, projectLabel, reportDeployFailure, showCreated, type DeployDeps, type DeployTarget } from './deployTarget';
import { OncePerKey } from './lifecycle';

/** How many `.env` files a confirmation lists by name before it says "and n more". */
const MAX_NAMED = 12;

export function registerDeploy(context: vscode.ExtensionContext, deps: DeployDeps): void {
  const once = new OncePerKey<Deployment | undefined>();
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.deploy, async (arg?: unknown) => {
      const project = await pickProject(arg, deps, vscode.l10n.t('Select the linked folder to deploy'));
      return project ? once.run(project.key, () => deployFolder(project, deps)) : undefined;
    }),
  );
}

/** The linked folder as a URI of the workspace's own file system (a browser's too). */
export function folderUri(project: LinkedProject): vscode.Uri {
  const file = vscode.Uri.file(project.directory);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri.path.replace(/\/+$/, '');
    if (file.path === root || file.path.startsWith(`${root}/`)) {
      return folder.uri.with({ path: file.path });
    }
  }
  return file;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED).join('\n');
  return names.length > MAX_NAMED ? `${shown}\n${vscode.l10n.t('… and {0} more', names.length - MAX_NAMED)}` : shown;
}

async function deployFolder(project: LinkedProject, deps: DeployDeps): Promise<Deployment | undefined> {
  if (!deps.session.signedIn) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Vercel first (Set Token).'));
    return undefined;
  }
  const name = projectLabel(project);
  const root = folderUri(project);
  const locale = vscode.env.language;
  if (vscode.workspace.fs.isWritableFileSystem(root.scheme) === undefined) {
    // No file system here can read the folder (a browser without access to it): a branch deploy needs none.
    void vscode.window.showWarningMessage(vscode.l10n.t('The files of "{0}" cannot be read here. Deploy Branch… builds a branch on the remote instead.', name));
    return undefined;
  }
  const target = await pickTarget(vscode.l10n.t('Deploy "{0}"', name));
  if (!target) return undefined;

  // 1. Read and hash, before anything leaves the machine.
  let files: HashedFile[];
  let left: { symlinks: readonly string[]; unsafe: readonly string[] };
  try {
    const read = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Preparing to deploy "{0}"', name), cancellable: true },
      async (progress, token) => {
        progress.report({ message: vscode.l10n.t('Reading the folder…') });
        const found = await collectFiles(root, token);
        let shown = 0;
        const hashed = await hashFiles(
          root,
          found.files,
          (done, bytes) => {
            const step = Math.floor((done / Math.max(1, found.files.length)) * 100);
            progress.report({ increment: step - shown, message: vscode.l10n.t('Hashed {0} of {1} files ({2})', done, found.files.length, formatBytes(bytes, locale)) });
            shown = step;
          },
          token,
        );
        return { hashed, found };
      },
    );
    files = read.hashed;
    left = read.found;
  } catch (error) {
    if (error instanceof vscode.CancellationError) return undefined;
    reportDeployFailure(vscode.l10n.t('Could not deploy "{0}"', name), describeFilesError(error), deps);
    return undefined;
  }
  if (files.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" has no files to deploy (everything in it is ignored).', name));
    return undefined;
  }

  // 2. Say what will leave the machine, and where it goes.
  if (!(await confirmUpload(name, target, root, files, left, locale))) return undefined;

  // 3. Upload what Vercel lacks, then create; cancellable until the create is sent.
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: target === 'production' ? vscode.l10n.t('Deploying "{0}" to Production', name) : vscode.l10n.t('Deploying "{0}" to Preview', name),
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        const cancelled = token.onCancellationRequested(() => controller.abort(new vscode.CancellationError()));
        try {
          return await sendDeployment({
            client: deps.client,
            request: { name, project: project.projectId, ...(target === 'production' ? { target } : {}), ...gitMetadataOf(project, deps) },
            scope: { teamId: project.teamId },
            files,
            read: (file) => readForUpload(root, file),
            signal: controller.signal,
            onProgress: (p) => {
              if (p.phase === 'uploading') {
                progress.report({
                  message: vscode.l10n.t(
                    'Uploaded {0} of {1} files ({2} of {3})',
                    p.uploaded,
                    p.toUpload,
                    formatBytes(p.bytesUploaded, locale),
                    formatBytes(p.bytesToUpload, locale),
                  ),
                });
              } else {
                progress.report({ message: p.toUpload === 0 ? vscode.l10n.t('Checking which files Vercel already has…') : vscode.l10n.t('Creating the deployment…') });
              }
            },
          });
        } finally {
          cancelled.dispose();
        }
      },
    );
    deps.log.info(
      `Deployed ${project.directory} as ${result.deployment.id} (${target}): ${files.length} files, ${result.uploaded} uploaded (${result.bytesUploaded} bytes)`,
    );
    await showCreated(result.deployment, project, deps);
    return result.deployment;
  } catch (error) {
    if (error instanceof vscode.CancellationError || (error instanceof DOMException && error.name === 'AbortError')) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Deploy of "{0}" canceled: no deployment was created.', name));
      return undefined;
    }
    reportDeployFailure(vscode.l10n.t('Could not deploy "{0}"', name), describeFilesError(error), deps);
    return undefined;
  }
}

/** The folder's branch and HEAD, so the deployment is listed under them (the status bar and branch filters find it). */
function gitMetadataOf(project: LinkedProject, deps: DeployDeps): { gitMetadata?: GitMetadata } {
  const git = deps.git.of(project);
  if (!git?.branch || !git.head) return {};
  return { gitMetadata: { commitRef: git.branch, commitSha: git.head, ...(git.remoteUrl ? { remoteUrl: git.remoteUrl } : {}) } };
}

async function confirmUpload(
  name: string,
  target: DeployTarget,
  root: vscode.Uri,
  files: readonly HashedFile[],
  left: { symlinks: readonly string[]; unsafe: readonly string[] },
  locale: string,
): Promise<boolean> {
  const summary = summarize(files);
  // The folder by its name when it is a workspace folder (a path relative to the workspace says nothing there), else its path in the workspace.
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(root);
  const folder = workspaceFolder && workspaceFolder.uri.path === root.path ? workspaceFolder.name : vscode.workspace.asRelativePath(root, true);
  const lines: string[] = [];
  if (target === 'production') lines.push(productionWarning(name));
  lines.push(
    summary.files === 1
      ? vscode.l10n.t('1 file ({0}) from {1} will be sent to Vercel; only files Vercel does not already have are uploaded.', formatBytes(summary.bytes, locale), folder)
      : vscode.l10n.t(
          '{0} files ({1}) from {2} will be sent to Vercel; only files Vercel does not already have are uploaded.',
          summary.files,
          formatBytes(summary.bytes, locale),
          folder,
        ),
  );
  if (summary.envFiles.length > 0) {
    lines.push(
      `${vscode.l10n.t('These environment files will be uploaded with it (as `vercel deploy` does; list them in .vercelignore to keep them here):')}\n${listed(summary.envFiles)}`,
    );
  }
  const leftOut = [...left.symlinks, ...left.unsafe];
  if (leftOut.length > 0) {
    lines.push(`${vscode.l10n.t('Left out (symbolic links and names that could point outside the folder):')}\n${listed(leftOut)}`);
  }
  const deploy = target === 'production' ? vscode.l10n.t('Deploy to Production') : vscode.l10n.t('Deploy to Preview');
  const message = target === 'production' ? vscode.l10n.t('Deploy "{0}" to PRODUCTION?', name) : vscode.l10n.t('Deploy "{0}" to Preview?', name);
  return (await vscode.window.showWarningMessage(message, { modal: true, detail: lines.join('\n\n') }, deploy)) === deploy;
}

/** A failure of our own in words a person reads; Vercel's refusals pass through as they are. */
function describeFilesError(error: unknown): unknown {
  if (error instanceof DeployFilesError) {
    switch (error.reason) {
      case 'conflictingIgnoreFiles':
        return new Error(vscode.l10n.t('the folder has both a .vercelignore and a .nowignore file; delete the .nowignore file.'));
      case 'tooManyFiles':
        return new Error(vscode.l10n.t('the folder has more files than a deployment takes; list what is not needed in .vercelignore.'));
      case 'changed':
        return new Error(vscode.l10n.t('{0} changed while it was being deployed; deploy again.', error.path ?? ''));
    }
  }
  if (error instanceof MissingFilesError) {
    return new Error(vscode.l10n.t('Vercel still lacks {0} file(s) after the upload; deploy again.', error.missing.length));
  }
  return error;
}
