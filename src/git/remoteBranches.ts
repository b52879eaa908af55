/**
 * The branches on a repository's remote (`origin`, else the first remote),
 * as the Git extension last fetched them, and where HEAD stands against its
 * upstream: what Deploy Branch… offers. Only the features bundle reads it.
 */
import type { GitRef, GitRepository } from './gitApi';

export interface RemoteBranches {
  /** The remote's name (`origin`), undefined when the repository has none. */
  readonly remote: string | undefined;
  /** Its branches, without the remote's prefix, at the commit Git last saw there. */
  readonly branches: readonly { readonly name: string; readonly commit: string }[];
  /** The checked-out branch and commit, its upstream (`origin/main`) and how many commits it is ahead of it. */
  readonly head: { readonly branch: string | undefined; readonly commit: string | undefined; readonly upstream: string | undefined; readonly ahead: number | undefined } | undefined;
}

/** Undefined without a repository; a Git extension too old to list branches lists none. */
export async function remoteBranches(repo: GitRepository | undefined, warn?: (message: string) => void): Promise<RemoteBranches | undefined> {
  if (!repo) return undefined;
  const remotes = repo.state.remotes;
  const remote = (remotes.find((r) => r.name === 'origin') ?? remotes[0])?.name;
  const head = repo.state.HEAD;
  let refs: GitRef[] = [];
  try {
    refs = (await repo.getBranches?.({ remote: true })) ?? [];
  } catch (error) {
    warn?.(`git: could not list remote branches: ${error instanceof Error ? error.message : String(error)}`);
  }
  const branches = refs
    .filter((r) => r.type === 1 && r.remote === remote && r.name !== undefined && r.commit !== undefined)
    .map((r) => ({ name: (r.name as string).slice(`${r.remote}/`.length), commit: r.commit as string }))
    .filter((b) => b.name !== '' && b.name !== 'HEAD');
  return {
    remote,
    branches,
    head: head ? { branch: head.name, commit: head.commit, upstream: head.upstream ? `${head.upstream.remote}/${head.upstream.name}` : undefined, ahead: head.ahead } : undefined,
  };
}
