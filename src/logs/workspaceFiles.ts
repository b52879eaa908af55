/**
 * From a path a build printed to a file of the workspace, or to nothing.
 * The folder a deployment belongs to is the one holding the `.vercel` folder
 * of its link: for a `project.json` link, the project's root directory; for a
 * `repo.json` link, the repository root. A path counts only when it names an
 * existing file reached without a symbolic link, so it stays inside that
 * folder. Everything goes through vscode.workspace.fs, so the same code reads
 * a local disk, a remote's and a browser's virtual repository.
 */
import * as vscode from 'vscode';
import type { DeploymentFolders } from '../deployments/deploymentFolders';
import type { LinkedProject } from '../workspace/linkFiles';
import { mapBuildPath } from './paths';

export interface PathContext {
  /** The folder. */
  readonly folder: vscode.Uri;
  readonly folderIs: 'repoRoot' | 'rootDirectory';
  readonly rootDirectory: string | null;
}

export interface ResolvedFile {
  readonly uri: vscode.Uri;
  /** POSIX path relative to the folder, for people to read. */
  readonly relative: string;
}

/** How long an answer about the disk is trusted; files appear and go while people work. */
const FRESH_MS = 5000;

export class WorkspaceFiles {
  private readonly answers = new Map<string, { readonly at: number; readonly answer: Promise<vscode.Uri | undefined> }>();

  /** Which folder a deployment's paths point into: shared with the runtime logs (deployments/deploymentFolders.ts). */
  constructor(private readonly folders: DeploymentFolders) {}

  /** The linked project a deployment belongs to: from the store's listing, else by its project id. */
  projectOf(deploymentId: string, projectId: string | undefined): LinkedProject | undefined {
    return this.folders.projectOf(deploymentId, projectId);
  }

  async contextOf(project: LinkedProject): Promise<PathContext> {
    const { uri, folderIs, rootDirectory } = await this.folders.folderOf(project);
    return { folder: uri, folderIs, rootDirectory };
  }

  /** Forgets project settings (a link changed, or signed out). */
  reset(): void {
    this.folders.reset();
    this.answers.clear();
  }

  /** The workspace file a printed path names, if it exists inside the folder. */
  async resolve(context: PathContext, printed: string): Promise<ResolvedFile | undefined> {
    const relative = mapBuildPath(printed, { rootDirectory: context.rootDirectory, folderIs: context.folderIs });
    if (relative === undefined) return undefined;
    const key = `${context.folder.toString()}\u0000${relative}`;
    const now = Date.now();
    let cached = this.answers.get(key);
    if (!cached || now - cached.at > FRESH_MS) {
      cached = { at: now, answer: realFileInside(context.folder, relative) };
      this.answers.set(key, cached);
      if (this.answers.size > 2000) this.answers.delete(this.answers.keys().next().value as string);
    }
    const uri = await cached.answer;
    return uri === undefined ? undefined : { uri, relative };
  }
}

/**
 * `folder/relative` when it is a file reached through no symbolic link: a
 * link could lead out of the folder, and a browser's file systems cannot say
 * where one leads. `relative` has no `..` or empty segments (mapBuildPath).
 */
async function realFileInside(folder: vscode.Uri, relative: string): Promise<vscode.Uri | undefined> {
  try {
    let at = folder;
    let type = vscode.FileType.Unknown;
    for (const segment of relative.split('/')) {
      if (segment === '' || segment === '.' || segment === '..') return undefined;
      at = vscode.Uri.joinPath(at, segment);
      type = (await vscode.workspace.fs.stat(at)).type;
      if (type & vscode.FileType.SymbolicLink) return undefined;
    }
    return type === vscode.FileType.File ? at : undefined;
  } catch {
    return undefined;
  }
}
