/**
 * One deployment's build log as it is loaded: a finished build's log is one
 * GET; a queued or building one is followed through the shared client's
 * stream (`?follow=1`) until the build ends, reconnecting from the last event
 * seen when the stream drops. Every event goes through one LogModel, which
 * drops what it has seen (by key), so a reconnect never doubles a line.
 *
 * Free of `vscode`: the document, the providers and the Problems panel read
 * the model; this only fills it and says when it grew. No polling: the only
 * requests are the stream (one at a time) and, when the store does not list
 * the deployment, one GET of its state.
 */
import type { VercelClient } from '../api/client';
import { VercelApiError, VercelError, VercelSchemaError } from '../api/errors';
import { isInProgress } from '../api/schemas';
import { type DeploymentEvent } from '../api/actionSchemas';
import { Emitter, type Disposable, type Event } from '../deployments/emitter';
import type { DeploymentRef } from '../deployments/ref';
import { LogModel, normalizeEvent, type LogEntry } from './model';
import { sleep } from '../util/sleep';
import { nextTurn } from './nextTurn';
import { DEFAULT_RECONNECT, nextStep, type ReconnectPolicy, type StateKnowledge, type StreamStop } from './reconnect';

export type LogStatus =
  /** Nothing asked yet, or the first answer is on its way. */
  | 'loading'
  | 'following'
  /** The stream dropped mid-build; waiting to connect again. */
  | 'reconnecting'
  | 'done'
  | 'failed'
  /** Stopped by its owner (the editor closed) before the build ended. */
  | 'stopped';

export interface KnownDeployment {
  readonly readyState: string;
  readonly projectId?: string | undefined;
}

export interface LogFollowerDeps {
  readonly client: Pick<VercelClient, 'getDeploymentEvents' | 'getDeployment'>;
  /** What the store knows of the deployment; undefined when it does not list it. */
  readonly known: (id: string) => KnownDeployment | undefined;
  readonly log?: { warn(message: string): void; info(message: string): void };
  /** Events arriving within this many ms are shown together (one document update per burst). */
  readonly coalesceMs?: number;
  /** A followed log shows what it has after this long, even before its first event. */
  readonly firstContentMs?: number;
  readonly policy?: ReconnectPolicy;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const TERMINAL_STATES = new Set(['READY', 'ERROR', 'CANCELED']);
/** Lines parsed between two yields when a whole log arrives at once. */
const APPEND_SLICE_LINES = 10_000;

export class LogFollower implements Disposable {
  readonly model = new LogModel();
  private statusValue: LogStatus = 'loading';
  private errorValue: unknown;
  private abort: AbortController | undefined;
  private pending: LogEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Lines added since the follower was created; tells a stream that brought something from one that did not. */
  private added = 0;
  private versionValue = 0;
  private readonly changed = new Emitter<void>();
  private firstContentResolve: (() => void) | undefined;
  private firstContentPromise: Promise<void>;
  /** The deployment's state as last learnt (store, GET, or the log's own end). */
  readyState: string | undefined;
  projectId: string | undefined;

  /** Fires when the lines, the status or the error changed. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    readonly ref: DeploymentRef,
    private readonly deps: LogFollowerDeps,
  ) {
    this.firstContentPromise = this.newFirstContent();
  }

  get status(): LogStatus {
    return this.statusValue;
  }

  get error(): unknown {
    return this.errorValue;
  }

  /** Bumps on every change a reader shows. */
  get version(): number {
    return this.versionValue;
  }

  /** While the stream is open or about to open again. */
  get live(): boolean {
    return this.statusValue === 'following' || this.statusValue === 'reconnecting';
  }

  /** Settles once there is something to show: the first events, the whole log, an error, or a short wait. */
  get firstContent(): Promise<void> {
    return this.firstContentPromise;
  }

  /** Starts loading unless it is already running or has finished. */
  start(): void {
    if (this.abort || this.statusValue === 'done') return;
    if (this.statusValue !== 'loading') {
      this.statusValue = 'loading';
      this.firstContentPromise = this.newFirstContent();
    }
    const abort = new AbortController();
    this.abort = abort;
    void this.run(abort.signal).finally(() => {
      this.settleFirstContent();
      if (this.abort === abort) this.abort = undefined;
    });
  }

  /** Loads again after a failure (the document's Retry). */
  retry(): void {
    if (this.statusValue !== 'failed' && this.statusValue !== 'stopped') return;
    this.errorValue = undefined;
    this.start();
    this.bump();
  }

  /** Closes the stream (the editor closed); what was loaded stays. */
  stop(): void {
    const abort = this.abort;
    if (!abort) return;
    this.abort = undefined;
    abort.abort();
    this.flush();
    if (this.statusValue !== 'done' && this.statusValue !== 'failed') this.setStatus('stopped');
  }

  dispose(): void {
    this.stop();
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  private async run(signal: AbortSignal): Promise<void> {
    try {
      let state = this.knowledge();
      if (state === 'unknown') state = await this.askState(signal);
      if (signal.aborted) return;
      if (state === 'finished') {
        await this.fetchAll(signal, undefined);
        this.setStatus('done');
        return;
      }
      await this.follow(signal);
    } catch (error) {
      if (!signal.aborted) this.fail(error);
    }
  }

  private async follow(signal: AbortSignal): Promise<void> {
    // A build that prints nothing for a while still gets a document: what there is, after a short wait.
    const timer = setTimeout(() => this.settleFirstContent(), this.deps.firstContentMs ?? 1500);
    try {
      await this.followStream(signal);
    } finally {
      clearTimeout(timer);
    }
  }

  private async followStream(signal: AbortSignal): Promise<void> {
    let failures = 0;
    let lastError: unknown;
    this.setStatus('following');
    for (;;) {
      const before = this.added;
      let stop: StreamStop;
      let sawEnd = false;
      try {
        const stream = this.deps.client.getDeploymentEvents(this.ref.id, {
          follow: true,
          teamId: this.ref.teamId,
          signal,
          since: this.model.lastCreated,
        });
        for await (const event of stream) {
          if (this.statusValue !== 'following') this.setStatus('following');
          if (isEndEvent(event)) sawEnd = true;
          this.enqueue(event);
        }
        stop = { kind: 'ended', sawEnd };
      } catch (error) {
        if (signal.aborted) return;
        lastError = error;
        stop = { kind: 'failed', fatal: isFatal(error) };
        this.deps.log?.warn(`logs: the stream of ${this.ref.id} broke: ${describe(error)}`);
      }
      this.flush();
      if (signal.aborted) return;
      failures = this.added > before ? 1 : failures + 1;
      let state = this.knowledge();
      let step = nextStep(stop, state, failures, this.deps.policy ?? DEFAULT_RECONNECT);
      if (step.action === 'askState') {
        state = await this.askState(signal).catch(() => 'unknown' as const);
        if (signal.aborted) return;
        // Vercel could not say either: keep trying, the backoff limits the cost.
        step = nextStep(stop, state === 'unknown' ? 'inProgress' : state, failures, this.deps.policy ?? DEFAULT_RECONNECT);
      }
      switch (step.action) {
        case 'done':
          this.setStatus('done');
          return;
        case 'catchUp':
          await this.fetchAll(signal, this.model.lastCreated);
          this.setStatus('done');
          return;
        case 'fail':
          this.fail(lastError ?? new Error('The build log stream ended too often without new events.'));
          return;
        case 'reconnect':
          this.setStatus('reconnecting');
          this.deps.log?.info(`logs: following ${this.ref.id} again in ${step.delayMs} ms`);
          try {
            await (this.deps.sleep ?? sleep)(step.delayMs, signal);
          } catch {
            // Stopped while waiting: nothing more to do.
          }
          if (signal.aborted) return;
          break;
        case 'askState':
          // nextStep never asks twice: the state was given above.
          break;
      }
    }
  }

  /**
   * A whole log at once: parsed in slices with a yield between them, so a
   * 200,000-line log does not hold up the extension host. Shown once, by the
   * caller's change of status: every change makes VS Code read the whole text.
   */
  private async fetchAll(signal: AbortSignal, since: number | undefined): Promise<void> {
    const events = await this.deps.client.getDeploymentEvents(this.ref.id, { teamId: this.ref.teamId, signal, ...(since !== undefined ? { since } : {}) });
    this.flush();
    const before = this.model.lines.length;
    let batch: LogEntry[] = [];
    let lines = 0;
    for (const event of events) {
      const entry = normalizeEvent(event);
      if (!entry) continue;
      batch.push(entry);
      lines += entry.lines.length;
      if (lines >= APPEND_SLICE_LINES) {
        this.model.append(batch);
        batch = [];
        lines = 0;
        await nextTurn();
        if (signal.aborted) return;
      }
    }
    this.model.append(batch);
    this.added += this.model.lines.length - before;
  }

  private knowledge(): StateKnowledge {
    const known = this.deps.known(this.ref.id);
    if (!known) return 'unknown';
    this.readyState = known.readyState;
    this.projectId ??= known.projectId;
    return isInProgress(known.readyState) ? 'inProgress' : 'finished';
  }

  /** One GET of the deployment, for a log the store does not list. */
  private async askState(signal: AbortSignal): Promise<StateKnowledge> {
    const deployment = await this.deps.client.getDeployment(this.ref.id, { teamId: this.ref.teamId }, signal);
    this.readyState = deployment.readyState;
    this.projectId ??= deployment.projectId;
    return isInProgress(deployment.readyState) ? 'inProgress' : 'finished';
  }

  private enqueue(event: DeploymentEvent): void {
    const entry = normalizeEvent(event);
    if (!entry) return;
    this.pending.push(entry);
    this.timer ??= setTimeout(() => this.flush(), this.deps.coalesceMs ?? 30);
  }

  /** Hands what arrived to the model: parsed once per chunk, never again. */
  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    const first = this.model.append(entries);
    const grown = this.model.lines.length - first;
    if (grown > 0) {
      this.added += grown;
      this.settleFirstContent();
      this.bump();
    }
  }

  private fail(error: unknown): void {
    this.flush();
    this.errorValue = error;
    this.deps.log?.warn(`logs: could not load the build log of ${this.ref.id}: ${describe(error)}`);
    this.setStatus('failed');
  }

  private setStatus(status: LogStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    if (status !== 'following' && status !== 'reconnecting' && status !== 'loading') this.settleFirstContent();
    this.bump();
  }

  private bump(): void {
    this.versionValue++;
    this.changed.fire();
  }

  private newFirstContent(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.firstContentResolve = resolve;
    });
  }

  private settleFirstContent(): void {
    this.firstContentResolve?.();
    this.firstContentResolve = undefined;
  }
}

/** The log says the build is over: its exit code, or a final deployment state. */
function isEndEvent(event: DeploymentEvent): boolean {
  if (event.type === 'exit') return true;
  if (event.type !== 'deployment-state') return false;
  const payload = event.payload as { info?: { readyState?: unknown } } | undefined;
  const info = (event as { info?: { readyState?: unknown } }).info ?? payload?.info;
  return typeof info?.readyState === 'string' && TERMINAL_STATES.has(info.readyState);
}

/** Errors a new attempt cannot mend: Vercel refused (4xx other than 408/429), or nobody is signed in. */
export function isFatal(error: unknown): boolean {
  if (error instanceof VercelApiError) return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
  if (error instanceof VercelSchemaError) return false;
  if (error instanceof VercelError) return error.kind === 'signedOut';
  return false;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The followers of a window, one per deployment. Documents and the Problems
 * panel share them, so a log opened after its problems were published costs
 * no request.
 */
export class LogFollowers implements Disposable {
  private readonly followers = new Map<string, LogFollower>();
  private readonly changed = new Emitter<LogFollower>();
  /** Fires with the follower whose log, status or error changed. */
  readonly onDidChange: Event<LogFollower> = this.changed.event;

  constructor(private readonly deps: LogFollowerDeps) {}

  /** The deployment's follower, made (not started) when there is none. */
  get(ref: DeploymentRef): LogFollower {
    let follower = this.followers.get(ref.id);
    if (!follower) {
      const made = new LogFollower(ref, this.deps);
      made.onDidChange(() => this.changed.fire(made));
      this.followers.set(ref.id, made);
      follower = made;
    }
    return follower;
  }

  find(id: string): LogFollower | undefined {
    return this.followers.get(id);
  }

  get all(): readonly LogFollower[] {
    return [...this.followers.values()];
  }

  /** Stops and forgets one (its model goes with it). */
  delete(id: string): void {
    this.followers.get(id)?.dispose();
    this.followers.delete(id);
  }

  clear(): void {
    for (const follower of this.followers.values()) follower.dispose();
    this.followers.clear();
  }

  dispose(): void {
    this.clear();
    this.changed.dispose();
  }
}
