/**
 * The part of the built-in Git extension's API (`vscode.git`, `getAPI(1)`)
 * this extension reads: repositories, their HEAD and remotes, and the events
 * that say when those change. Declared here rather than vendored, and read
 * defensively: the extension may be missing, disabled, or an older version.
 */
import type * as vscode from 'vscode';

export interface GitBranch {
  readonly name?: string;
  readonly commit?: string;
  readonly upstream?: { readonly remote: string; readonly name: string };
  readonly ahead?: number;
  readonly behind?: number;
}

export interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}

/** A branch or tag; remote branches have `remote` and a name like `origin/main`. */
export interface GitRef {
  /** 0 head, 1 remote head, 2 tag. */
  readonly type: number;
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
}

export interface GitCommit {
  readonly hash: string;
  readonly message: string;
}

export interface GitRepositoryState {
  readonly HEAD: GitBranch | undefined;
  readonly remotes: readonly GitRemote[];
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
  log(options?: { readonly maxEntries?: number; readonly range?: string }): Promise<GitCommit[]>;
  /** Branches, remote ones with `{ remote: true }`; missing on old Git extensions. */
  getBranches?(query: { readonly remote?: boolean }): Promise<GitRef[]>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}

export interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}
