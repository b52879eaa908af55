/**
 * From a path a build printed to a file of the workspace, or to nothing.
 * The folder a deployment belongs to is the one holding the `.vercel` folder
 * of its link: for a `project.json` link, the project's root directory; for a
 * `repo.json` link, the repository root. A path counts only when it names an
 * existing file whose real path (symlinks followed) stays inside that folder.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeploymentFolders } from '../deployments/deploymentFolders';
import type { LinkedProject } from '../workspace/linkFiles';
import { mapBuildPath } from './paths';

export interface PathContext {
  /** Absolute file-system path of the folder. */
  readonly folder: string;
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
  private readonly answers = new Map<string, { readonly at: number; readonly answer: Promise<string | undefined> }>();

  /** Which folder a deployment's paths point into: shared with the runtime logs (deployments/deploymentFolders.ts). */
  constructor(private readonly folders: DeploymentFolders) {}

  /** The linked project a deployment belongs to: from the store's listing, else by its project id. */
  projectOf(deploymentId: string, projectId: string | undefined): LinkedProject | undefined {
    return this.folders.projectOf(deploymentId, projectId);
  }

  async contextOf(project: LinkedProject): Promise<PathContext> {
    const { uri, folderIs, rootDirectory } = await this.folders.folderOf(project);
    return { folder: uri.fsPath, folderIs, rootDirectory };
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
    const key = `${context.folder}\u0000${relative}`;
    const now = Date.now();
    let cached = this.answers.get(key);
    if (!cached || now - cached.at > FRESH_MS) {
      cached = { at: now, answer: realFileInside(context.folder, relative) };
      this.answers.set(key, cached);
      if (this.answers.size > 2000) this.answers.delete(this.answers.keys().next().value as string);
    }
    const real = await cached.answer;
    return real === undefined ? undefined : { uri: vscode.Uri.file(path.join(context.folder, ...relative.split('/'))), relative };
  }
}

/** The real path of `folder/relative` when it is a file inside the folder's real path; symlinks out do not count. */
async function realFileInside(folder: string, relative: string): Promise<string | undefined> {
  try {
    const root = await fs.realpath(folder);
    const real = await fs.realpath(path.join(folder, ...relative.split('/')));
    const inside = path.relative(root, real);
    if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return undefined;
    return (await fs.stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
