/**
 * For each linked project: the repository that holds its folder, the branch
 * checked out there and its HEAD commit, kept current through the built-in
 * Git extension (checkout, commit, pull all change `state.HEAD`). Optional:
 * without the Git extension, or in a folder that is no repository, every
 * answer is undefined and the rest of the extension works as before.
 */
import * as vscode from 'vscode';
import type { LinkedProject } from '../workspace/linkFiles';
import type { GitApi, GitExtension, GitRepository } from './gitApi';
import { projectFolderUri } from '../workspace/projectUris';

export interface ProjectGit {
  /** Absolute path of the repository root. */
  readonly root: string;
  readonly branch: string | undefined;
  readonly head: string | undefined;
  /** URL of the `origin` remote (else the first remote), when there is one. */
  readonly remoteUrl: string | undefined;
}

export class GitState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a linked project's branch or HEAD changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly repoListeners = new Map<GitRepository, vscode.Disposable>();
  private api: GitApi | undefined;
  private projects: readonly LinkedProject[] = [];
  private last = '';

  constructor(private readonly log?: vscode.LogOutputChannel) {
    void this.connect();
  }

  /** Follows the linked projects. */
  setProjects(projects: readonly LinkedProject[]): void {
    this.projects = projects;
    this.maybeFire();
  }

  /** The Git facts of one linked project, when its folder is in a repository the Git extension knows. */
  of(project: LinkedProject): ProjectGit | undefined {
    const repo = this.api?.getRepository(projectFolderUri(project));
    if (!repo) return undefined;
    const head = repo.state.HEAD;
    const remotes = repo.state.remotes;
    const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
    return {
      root: repo.rootUri.fsPath,
      branch: head?.name,
      head: head?.commit,
      remoteUrl: remote?.fetchUrl ?? remote?.pushUrl,
    };
  }

  /** The repository holding the project's folder, when the Git extension knows one (remoteBranches.ts reads its branches). */
  repositoryOf(project: LinkedProject): GitRepository | undefined {
    return this.api?.getRepository(projectFolderUri(project)) ?? undefined;
  }

  /** URL of the `origin` remote (else the first remote) of the repository holding `folder`; linked or not. */
  remoteUrlOf(folder: vscode.Uri): string | undefined {
    const remotes = this.api?.getRepository(folder)?.state.remotes ?? [];
    const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
    return remote?.fetchUrl ?? remote?.pushUrl;
  }

  /** How many commits `from` is behind HEAD in the project's repository; undefined when Git cannot say. */
  async commitsBehind(project: LinkedProject, from: string): Promise<number | undefined> {
    const repo = this.api?.getRepository(projectFolderUri(project));
    if (!repo || !/^[0-9a-f]{4,64}$/i.test(from)) return undefined;
    try {
      const commits = await repo.log({ range: `${from}..HEAD`, maxEntries: 100 });
      return commits.length;
    } catch {
      return undefined;
    }
  }

  private async connect(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return;
    try {
      const exports = extension.isActive ? extension.exports : await extension.activate();
      if (!exports?.enabled) {
        if (exports) this.disposables.push(exports.onDidChangeEnablement((enabled) => enabled && void this.connect()));
        return;
      }
      const api = exports.getAPI(1);
      this.api = api;
      this.disposables.push(
        api.onDidOpenRepository((repo) => this.watch(repo)),
        api.onDidCloseRepository((repo) => {
          this.repoListeners.get(repo)?.dispose();
          this.repoListeners.delete(repo);
          this.maybeFire();
        }),
        api.onDidChangeState(() => this.maybeFire()),
      );
      for (const repo of api.repositories) this.watch(repo);
      this.maybeFire();
    } catch (error) {
      this.log?.warn(`git: the Git extension's API is not available: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private watch(repo: GitRepository): void {
    if (this.repoListeners.has(repo)) return;
    this.repoListeners.set(repo, repo.state.onDidChange(() => this.maybeFire()));
    this.maybeFire();
  }

  /** Fires only when what a reader sees changed: repositories fire on every index refresh. */
  private maybeFire(): void {
    const key = JSON.stringify(this.projects.map((p) => this.of(p) ?? null));
    if (key !== this.last) {
      this.last = key;
      this.changed.fire();
    }
  }

  dispose(): void {
    for (const d of this.repoListeners.values()) d.dispose();
    this.repoListeners.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
