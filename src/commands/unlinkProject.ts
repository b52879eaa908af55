/**
 * Unlink Project: takes back what linking wrote in a folder, after asking.
 * `.vercel/project.json` goes; `.vercel/README.txt` only when it still holds
 * the text the CLI (and Link) write; the `.vercel` folder only when nothing
 * else is left in it (`vercel pull` keeps env files there). The `.gitignore`
 * line only when Link added it, and only after a second yes.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import { removeVercelIgnore } from '../workspace/gitignore';
import type { LinkedProject } from '../workspace/linkFiles';
import { VERCEL_README_TEXT } from '../workspace/linkWriting';
import { GITIGNORE_RECORDS_KEY, gitignoreRecords, vercelDir, type LinkDeps } from './linkProject';
import { projectFolderUri } from '../workspace/projectUris';

interface FolderItem extends vscode.QuickPickItem {
  readonly project: LinkedProject;
}

function isProjectJson(project: LinkedProject): boolean {
  return /[\\/]\.vercel[\\/]project\.json$/.test(project.file);
}

/**
 * How a person names a folder: the workspace folder's name for a workspace
 * root (asRelativePath gives a root's whole path), else its path inside the
 * workspace.
 */
function folderLabel(folder: vscode.Uri): string {
  const root = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folder.toString());
  return root ? root.name : vscode.workspace.asRelativePath(folder, true);
}

/** The folder linked through its own `.vercel/project.json` that the person means. */
async function chooseLinked(arg: unknown, deps: LinkDeps): Promise<LinkedProject | undefined> {
  const linked = deps.links.snapshot.projects.filter(isProjectJson);
  if (arg instanceof vscode.Uri) {
    return linked.find((p) => p.directory === arg.path);
  }
  if (linked.length <= 1) {
    return linked[0];
  }
  const picked = await vscode.window.showQuickPick<FolderItem>(
    linked.map((project) => ({
      label: project.name ?? project.projectId,
      description: folderLabel(projectFolderUri(project)),
      project,
    })),
    { title: vscode.l10n.t('Unlink Project'), placeHolder: vscode.l10n.t('Which folder should no longer be linked?') },
  );
  return picked?.project;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function deleteIfPresent(uri: vscode.Uri, options?: { recursive: boolean }): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: options?.recursive ?? false, useTrash: false });
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
      throw error;
    }
  }
}

/** Offers to take back the `.gitignore` edit Link made in `folder`; exactly, when the file is as Link left it. */
async function offerGitignoreUndo(folder: vscode.Uri, deps: LinkDeps): Promise<void> {
  const records = gitignoreRecords(deps.state);
  const record = records[folder.toString()];
  if (!record) {
    return;
  }
  const forget = async () => {
    const rest = { ...records };
    delete rest[folder.toString()];
    await deps.state.update(GITIGNORE_RECORDS_KEY, rest);
  };
  const file = vscode.Uri.joinPath(folder, '.gitignore');
  const current = await readText(file);
  if (current === undefined) {
    await forget();
    return;
  }
  const remove = vscode.l10n.t('Remove the Line');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Linking added .vercel to .gitignore. Remove that line too?'),
    { modal: true, detail: vscode.workspace.asRelativePath(file, true) },
    remove,
  );
  if (answer !== remove) {
    return;
  }
  if (current === record.after && record.before === null) {
    await deleteIfPresent(file);
  } else {
    const text = current === record.after && record.before !== null ? record.before : removeVercelIgnore(current).text;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
  }
  await forget();
}

export function registerUnlinkProject(context: vscode.ExtensionContext, deps: LinkDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.unlinkProject, async (arg?: unknown): Promise<boolean> => {
      const project = await chooseLinked(arg, deps);
      if (!project) {
        const viaRepo = deps.links.snapshot.projects.find((p) => !isProjectJson(p));
        void vscode.window.showInformationMessage(
          viaRepo
            ? vscode.l10n.t('This workspace is linked through {0}; change it with `vercel link --repo`.', viaRepo.file)
            : vscode.l10n.t('No folder of this workspace is linked to a Vercel project.'),
        );
        return false;
      }
      const folder = projectFolderUri(project);
      const dir = vercelDir(folder);
      const readme = vscode.Uri.joinPath(dir, 'README.txt');
      const ownReadme = (await readText(readme)) === VERCEL_README_TEXT;
      const unlink = vscode.l10n.t('Unlink');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Unlink {0} from the Vercel project {1}?', folderLabel(folder), project.name ?? project.projectId),
        {
          modal: true,
          detail: ownReadme
            ? vscode.l10n.t('Removes .vercel/project.json and .vercel/README.txt. The project on Vercel does not change.')
            : vscode.l10n.t('Removes .vercel/project.json. The project on Vercel does not change.'),
        },
        unlink,
      );
      if (answer !== unlink) {
        return false;
      }
      try {
        await deleteIfPresent(vscode.Uri.joinPath(dir, 'project.json'));
        if (ownReadme) {
          await deleteIfPresent(readme);
        }
        const left = await vscode.workspace.fs.readDirectory(dir).then(
          (entries) => entries.length,
          () => -1,
        );
        if (left === 0) {
          await deleteIfPresent(dir);
        }
      } catch (error) {
        deps.log.error(`Unlink: could not remove the link in ${folder.fsPath}: ${errorText(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not unlink the folder: {0}', errorText(error)));
        return false;
      }
      deps.log.info(`Unlinked ${folder.fsPath} from ${project.name ?? project.projectId}`);
      await offerGitignoreUndo(folder, deps).catch((error: unknown) => deps.log.warn(`Unlink: could not update .gitignore: ${errorText(error)}`));
      await deps.links.refresh();
      return true;
    }),
  );
}
