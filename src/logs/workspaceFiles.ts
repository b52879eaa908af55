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
import type { VercelClient } from '../api/client';
import { VercelSignedOutError } from '../api/errors';
import { rootDirectoryOf, type DeploymentStore } from '../deployments/store';
import type { LinkedProject } from '../workspace/linkFiles';
import type { LinkedProjects } from '../workspace/linkedProjects';
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
  private readonly answers = new Map<string, { readonly at: number; readonly answer: Promise<string | undefined> }>();

  constructor(private readonly deps: WorkspaceFilesDeps) {}

  /** The linked project a deployment belongs to: from the store's listing, else by its project id. */
  projectOf(deploymentId: string, projectId: string | undefined): LinkedProject | undefined {
    const hit = this.deps.store.find(deploymentId);
    if (hit) return hit.project.project;
    return projectId === undefined ? undefined : this.deps.links.snapshot.projects.find((p) => p.projectId === projectId);
  }

  async contextOf(project: LinkedProject): Promise<PathContext> {
    const repoLink = /[\\/]repo\.json$/.test(project.file);
    const folder = repoLink ? path.dirname(path.dirname(project.file)) : vscode.Uri.from({ scheme: 'file', path: project.directory }).fsPath;
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
