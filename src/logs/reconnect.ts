/**
 * What the follower does when a followed stream stops. Pure, so the decision
 * table is unit-tested in plain Node.
 *
 * A stream ends by itself when the build is over; it also ends when a proxy
 * or the network drops it mid-build. Only the deployment's state tells the two
 * apart: the follower asks the store (the tree's poll keeps it fresh) and,
 * when the store does not know the deployment, Vercel once.
 */

export type StateKnowledge = 'inProgress' | 'finished' | 'unknown';

export type StreamStop =
  /** The server ended the response. `sawEnd`: the log itself said the build is over (its exit or final state event). */
  | { readonly kind: 'ended'; readonly sawEnd: boolean }
  /** The request or the stream failed; `fatal` when trying again cannot help (4xx, signed out, not found). */
  | { readonly kind: 'failed'; readonly fatal: boolean };

export type NextStep =
  | { readonly action: 'done' }
  /** Ask Vercel for the deployment's state (one GET), then decide again. */
  | { readonly action: 'askState' }
  | { readonly action: 'reconnect'; readonly delayMs: number }
  /** The build is over but the stream broke first: one plain GET of what came after the last event seen. */
  | { readonly action: 'catchUp' }
  | { readonly action: 'fail' };

export interface ReconnectPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Failed attempts in a row (without a single new event) before the error is shown. */
  readonly maxFailures: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseDelayMs: 500, maxDelayMs: 15_000, maxFailures: 6 };

/**
 * `failures`: stops in a row that brought no new event, this one included
 * (a stream that delivered something resets it to 1).
 */
export function nextStep(stop: StreamStop, state: StateKnowledge, failures: number, policy: ReconnectPolicy = DEFAULT_RECONNECT): NextStep {
  if (stop.kind === 'failed' && stop.fatal) return { action: 'fail' };
  if (stop.kind === 'ended' && stop.sawEnd) return { action: 'done' };
  if (state === 'unknown') return { action: 'askState' };
  // A server that ends the response after the build has sent everything; a broken stream may not have.
  if (state === 'finished') return stop.kind === 'ended' ? { action: 'done' } : { action: 'catchUp' };
  if (failures > policy.maxFailures) return { action: 'fail' };
  return { action: 'reconnect', delayMs: backoffMs(failures, policy) };
}

/** 0.5 s, 1 s, 2 s, … up to the cap; no jitter, so tests and people can predict it. */
export function backoffMs(failures: number, policy: ReconnectPolicy = DEFAULT_RECONNECT): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}
