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
import type { VercelClient } from '../api/client';
import { VercelSignedOutError } from '../api/errors';
import { rootDirectoryOf, type DeploymentStore } from '../deployments/store';
import type { LinkedProject } from '../workspace/linkFiles';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { mapBuildPath } from './paths';
import { linkFileUri, projectFolderUri } from '../workspace/projectUris';

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

export interface WorkspaceFilesDeps {
  readonly store: DeploymentStore;
  readonly links: LinkedProjects;
  readonly client: Pick<VercelClient, 'getProject'>;
  readonly log: vscode.LogOutputChannel;
}

/** How long an answer about the disk is trusted; files appear and go while people work. */
const FRESH_MS = 5000;

export class WorkspaceFiles {
  private readonly rootDirectories = new Map<string, Promise<string | null>>();
  private readonly answers = new Map<string, { readonly at: number; readonly answer: Promise<vscode.Uri | undefined> }>();

  constructor(private readonly deps: WorkspaceFilesDeps) {}

  /** The linked project a deployment belongs to: from the store's listing, else by its project id. */
  projectOf(deploymentId: string, projectId: string | undefined): LinkedProject | undefined {
    const hit = this.deps.store.find(deploymentId);
    if (hit) return hit.project.project;
    return projectId === undefined ? undefined : this.deps.links.snapshot.projects.find((p) => p.projectId === projectId);
  }

  async contextOf(project: LinkedProject): Promise<PathContext> {
    const repoLink = /[\\/]repo\.json$/.test(project.file);
    const folder = repoLink ? vscode.Uri.joinPath(linkFileUri(project), '..', '..') : projectFolderUri(project);
    return { folder, folderIs: repoLink ? 'repoRoot' : 'rootDirectory', rootDirectory: await this.rootDirectoryOf(project) };
  }

  /** Forgets project settings (a link changed, or signed out). */
  reset(): void {
    this.rootDirectories.clear();
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

  /**
   * The project's Root Directory setting, null when unset or unknown: from the
   * store, which reads the project with its poll, else GET /v9/projects once.
   */
  private rootDirectoryOf(project: LinkedProject): Promise<string | null> {
    const known = this.deps.store.get(project.key)?.rootDirectory;
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.rootDirectories.get(project.key);
    if (!pending) {
      pending = this.deps.client.getProject(project.projectId, { teamId: project.teamId }).then(
        (p) => rootDirectoryOf(p),
        (error: unknown) => {
          // Signing out closes the logs that ask this; one still on its way is no news.
          if (!(error instanceof VercelSignedOutError)) this.deps.log.warn(`logs: could not read the root directory of ${project.projectId}: ${error instanceof Error ? error.message : String(error)}`);
          this.rootDirectories.delete(project.key);
          return null;
        },
      );
      this.rootDirectories.set(project.key, pending);
    }
    return pending;
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
