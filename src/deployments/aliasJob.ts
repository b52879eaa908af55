/**
 * Following a promote or rollback until it settles, as `vercel promote` and
 * `vercel rollback` do: the project is read (rollbackInfo=true) every few
 * hundred milliseconds until its `lastAliasRequest` for our request says
 * succeeded, failed or skipped. Pure apart from the reads it is given.
 */
import type { AliasRequest, Project } from '../api/schemas';

export type JobOutcome = 'succeeded' | 'failed' | 'skipped';

/** What a project read says about the job we asked for. */
export type JobProgress =
  | { readonly kind: 'waiting'; readonly status: string | undefined }
  | { readonly kind: 'settled'; readonly outcome: JobOutcome }
  /** Another promote or rollback replaced ours. */
  | { readonly kind: 'superseded'; readonly job: AliasRequest };

export interface ExpectedJob {
  readonly type: 'promote' | 'rollback';
  readonly toDeploymentId: string;
  /** The project's `lastAliasRequest` before we asked: until it changes, ours is not visible yet. */
  readonly previous: AliasRequest | null | undefined;
}

function sameJob(a: AliasRequest, b: AliasRequest): boolean {
  return a.requestedAt === b.requestedAt && a.toDeploymentId === b.toDeploymentId && a.type === b.type;
}

export function jobProgress(job: AliasRequest | null | undefined, expected: ExpectedJob): JobProgress {
  if (!job || (expected.previous && sameJob(job, expected.previous))) {
    return { kind: 'waiting', status: undefined };
  }
  if (job.toDeploymentId !== expected.toDeploymentId || job.type !== expected.type) {
    return { kind: 'superseded', job };
  }
  switch (job.jobStatus) {
    case 'succeeded':
    case 'failed':
    case 'skipped':
      return { kind: 'settled', outcome: job.jobStatus };
    default:
      // pending, in-progress, or a status Vercel adds later: not over yet.
      return { kind: 'waiting', status: job.jobStatus };
  }
}

export interface FollowOptions {
  readonly read: (signal: AbortSignal) => Promise<Project>;
  readonly expected: ExpectedJob;
  readonly signal: AbortSignal;
  readonly intervalMs: number;
  /** Gives up (outcome `unknown`) after this long without a settled job. */
  readonly timeoutMs: number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly now: () => number;
  /** Told each read, to show progress and write the project into the store. */
  readonly onRead?: (project: Project, progress: JobProgress) => void;
}

export interface FollowResult {
  readonly outcome: JobOutcome | 'superseded' | 'unknown';
  readonly project: Project | undefined;
  /** Project reads it took. */
  readonly reads: number;
}

/** Reads until the job settles; a read that fails ends the follow with what is known (the caller decides what to say). */
export async function followAliasJob(options: FollowOptions): Promise<FollowResult> {
  const deadline = options.now() + options.timeoutMs;
  let reads = 0;
  let project: Project | undefined;
  for (;;) {
    project = await options.read(options.signal);
    reads++;
    const progress = jobProgress(project.lastAliasRequest, options.expected);
    options.onRead?.(project, progress);
    if (progress.kind === 'settled') {
      return { outcome: progress.outcome, project, reads };
    }
    if (progress.kind === 'superseded') {
      return { outcome: 'superseded', project, reads };
    }
    if (options.now() >= deadline) {
      return { outcome: 'unknown', project, reads };
    }
    await options.sleep(options.intervalMs, options.signal);
  }
}
