/**
 * Which deployment the status bar shows, and what it can say about HEAD.
 * Pure (no vscode import): the status bar and the unit tests share it.
 *
 * Following the branch: the newest deployment of the checked-out branch,
 * else the project's newest (said so). HEAD is "live", "building", "failed"
 * or "canceled" when a deployment of that very commit is listed, otherwise it
 * has no deployment yet and the branch's newest is named instead.
 */
import { isInProgress, readyStateOf, type DeploymentListItem } from '../api/schemas';
import { branchOf, commitShaOf } from '../deployments/presentation';

export type FollowMode = 'branch' | 'project';

export interface ChooserInput {
  readonly follow: FollowMode;
  /** The project's first page, newest first. */
  readonly deployments: readonly DeploymentListItem[];
  /** The branch's own newest deployments (the API's `branch` filter), when they had to be asked for. */
  readonly branchDeployments?: readonly DeploymentListItem[] | undefined;
  readonly branch?: string | undefined;
  readonly head?: string | undefined;
}

export type HeadStatus = 'live' | 'building' | 'failed' | 'canceled' | 'other' | 'none';

export interface StatusChoice {
  readonly deployment: DeploymentListItem | undefined;
  /** Following the branch, it had no deployment: the project's newest is shown. */
  readonly fallback: boolean;
  readonly head:
    | {
        readonly sha: string;
        readonly status: HeadStatus;
        /** The deployment of HEAD's commit, when there is one. */
        readonly deployment: DeploymentListItem | undefined;
        /** With status "none": the branch's newest deployment, whose commit is behind HEAD. */
        readonly newestOnBranch: DeploymentListItem | undefined;
      }
    | undefined;
}

/** The branch's deployments newest first, from the first page and from a branch query, without repeats. */
export function deploymentsOfBranch(input: Pick<ChooserInput, 'deployments' | 'branchDeployments'>, branch: string): DeploymentListItem[] {
  const seen = new Set<string>();
  const all = [...input.deployments, ...(input.branchDeployments ?? [])].filter((d) => {
    if (branchOf(d) !== branch || seen.has(d.uid)) return false;
    seen.add(d.uid);
    return true;
  });
  return all.sort((a, b) => b.created - a.created);
}

/** True when the branch's newest deployment needs a request of its own (none on the first page). */
export function needsBranchQuery(deployments: readonly DeploymentListItem[], branch: string | undefined): boolean {
  return branch !== undefined && branch !== '' && !deployments.some((d) => branchOf(d) === branch);
}

function headStatus(d: DeploymentListItem): HeadStatus {
  const state = readyStateOf(d);
  if (state === 'READY') return 'live';
  if (isInProgress(state)) return 'building';
  if (state === 'ERROR') return 'failed';
  if (state === 'CANCELED') return 'canceled';
  return 'other';
}

function sameCommit(sha: string | undefined, head: string): boolean {
  if (sha === undefined || sha.length < 7) return false;
  const a = sha.toLowerCase();
  const b = head.toLowerCase();
  return a.startsWith(b) || b.startsWith(a);
}

export function chooseStatus(input: ChooserInput): StatusChoice {
  const projectNewest = input.deployments[0];
  if (input.follow === 'project' || input.branch === undefined || input.branch === '') {
    return { deployment: projectNewest, fallback: false, head: undefined };
  }
  const onBranch = deploymentsOfBranch(input, input.branch);
  const deployment = onBranch[0] ?? projectNewest;
  const fallback = onBranch[0] === undefined && projectNewest !== undefined;
  const head = input.head;
  if (head === undefined || head === '') return { deployment, fallback, head: undefined };
  const ofHead = onBranch.find((d) => sameCommit(commitShaOf(d), head)) ?? input.deployments.find((d) => sameCommit(commitShaOf(d), head));
  return {
    deployment,
    fallback,
    head: {
      sha: head,
      status: ofHead ? headStatus(ofHead) : 'none',
      deployment: ofHead,
      newestOnBranch: ofHead ? undefined : onBranch[0],
    },
  };
}
