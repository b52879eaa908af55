/**
 * The workspace folder a deployment's files live in, for whatever reads
 * paths a deployment printed (build logs, runtime logs): the linked project
 * it belongs to, that project's folder, and the project's Root Directory
 * setting. The folder is the one holding the `.vercel` folder of its link:
 * for a `project.json` link, the project's root directory; for a
 * `repo.json` link, the repository root. No Node modules: it runs wherever
 * the extension does.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { VercelSignedOutError } from '../api/errors';
import type { LinkedProject } from '../workspace/linkFiles';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { linkFileUri, projectFolderUri } from '../workspace/projectUris';
import { rootDirectoryOf, type DeploymentStore } from './store';

export interface DeploymentFolder {
  readonly uri: vscode.Uri;
  /** `repoRoot` for a repo.json link (the folder is the repository), `rootDirectory` for a project.json link. */
  readonly folderIs: 'repoRoot' | 'rootDirectory';
  /** The project's Root Directory setting; null when unset or unknown. */
  readonly rootDirectory: string | null;
}

export interface DeploymentFoldersDeps {
  readonly store: DeploymentStore;
  readonly links: LinkedProjects;
  readonly client: Pick<VercelClient, 'getProject'>;
  readonly log: Pick<vscode.LogOutputChannel, 'warn'>;
}

export class DeploymentFolders {
  private readonly rootDirectories = new Map<string, Promise<string | null>>();

  constructor(private readonly deps: DeploymentFoldersDeps) {}

  /** The linked project a deployment belongs to: from the store's listing, else by its project id. */
  projectOf(deploymentId: string, projectId: string | undefined): LinkedProject | undefined {
    const hit = this.deps.store.find(deploymentId);
    if (hit) return hit.project.project;
    return projectId === undefined ? undefined : this.deps.links.snapshot.projects.find((p) => p.projectId === projectId);
  }

  async folderOf(project: LinkedProject): Promise<DeploymentFolder> {
    const repoLink = /[\\/]repo\.json$/.test(project.file);
    const uri = repoLink ? vscode.Uri.joinPath(linkFileUri(project), '..', '..') : projectFolderUri(project);
    return { uri, folderIs: repoLink ? 'repoRoot' : 'rootDirectory', rootDirectory: await this.rootDirectoryOf(project) };
  }

  /** Forgets project settings (a link changed, or signed out). */
  reset(): void {
    this.rootDirectories.clear();
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
          if (!(error instanceof VercelSignedOutError)) this.deps.log.warn(`could not read the root directory of ${project.projectId}: ${error instanceof Error ? error.message : String(error)}`);
          this.rootDirectories.delete(project.key);
          return null;
        },
      );
      this.rootDirectories.set(project.key, pending);
    }
    return pending;
  }
}
