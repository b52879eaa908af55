/**
 * One deployment's runtime log as it is loaded: first its recent past from
 * request-logs (the last hour, newest at the bottom; "Load older…" pages
 * back), then every line as Vercel writes it from the runtime-logs stream of
 * the shared client. Vercel ends the stream after some minutes; it is opened
 * again at once, and what was written in between is read from request-logs,
 * so no line is lost. None is doubled: a streamed line at or before the time
 * history was read up to is history's, and a line seen once (by `rowId`) is
 * not shown again. Errors back off (429 waits what Retry-After says); a
 * refusal (403, 404) stops with its reason. Pausing (the window long in the
 * background) closes the stream, and resuming catches up the same way.
 *
 * Free of `vscode`: the document, the providers and the Problems panel read
 * the model; this only fills it and says when it changed.
 */
import type { RequestLogsQuery, RuntimeLogItem, VercelClient } from '../api/client';
import { VercelApiError, VercelError, VercelSchemaError } from '../api/errors';
import type { RequestLogRow } from '../api/runtimeLogSchemas';
import { Emitter, type Disposable, type Event } from '../deployments/emitter';
import type { DeploymentRef } from '../deployments/ref';
import { sleep } from '../util/sleep';
import { historyQuery, lineMatches, NO_FILTER, rowMatches, type RuntimeLogFilter } from './filter';
import { RuntimeLogModel, type HistoryRequest, type RequestInfo, type RuntimeEntry } from './model';

export type RuntimeLogStatus =
  /** The history is on its way. */
  | 'loading'
  /** The stream is open. */
  | 'live'
  /** Between two streams: waiting to connect again. */
  | 'reconnecting'
  /** The window was in the background for long: no stream until it is back. */
  | 'paused'
  /** Its editor closed. */
  | 'stopped'
  /** Vercel refused (no access, not found) or kept failing: the first line says why. */
  | 'failed';

/** What the store knows of the deployment; undefined when it does not list it. */
export interface KnownDeployment {
  readonly projectId: string;
  /** The project's account (the link's orgId); asked of Vercel when unknown. */
  readonly ownerId?: string | undefined;
  readonly readyState: string;
}

export interface RuntimeLogPolicy {
  /** How soon a stream that Vercel ended is opened again. */
  readonly reopenMs: number;
  /** First wait after a failure; doubles each failure in a row. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures in a row before the log says it gave up (with Retry). */
  readonly maxFailures: number;
}

export const DEFAULT_POLICY: RuntimeLogPolicy = { reopenMs: 250, baseDelayMs: 2000, maxDelayMs: 60_000, maxFailures: 8 };

export interface RuntimeLogFollowerDeps {
  readonly client: Pick<VercelClient, 'getRequestLogs' | 'followRuntimeLogs' | 'getDeployment' | 'getProject'>;
  readonly known: (id: string) => KnownDeployment | undefined;
  readonly log?: { warn(message: string): void; info(message: string): void };
  readonly timeZone?: string | undefined;
  /** How far back history reaches when the log opens; default an hour. */
  readonly historyMs?: number;
  /** Lines arriving within this many ms are shown together (one document update per burst). */
  readonly coalesceMs?: number;
  /** A log shows what it has after this long, even before history answered. */
  readonly firstContentMs?: number;
  readonly policy?: RuntimeLogPolicy;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const HOUR = 3_600_000;
/** "Load older…" goes back a day at a time, up to a week: longer than Vercel keeps runtime logs on any plan. */
const OLDER_STEP_MS = 24 * HOUR;
const OLDER_LIMIT_MS = 7 * 24 * HOUR;
/** Pages of history read to catch up after a stream ended; more than a few minutes ever hold. */
const CATCH_UP_PAGES = 20;

interface Identity {
  readonly projectId: string;
  readonly ownerId: string;
}

/** Where "Load older…" continues: the window being paged, and whether anything older may be there. */
interface OlderCursor {
  start: number;
  end: number;
  page: number;
  /** False once a week back is read. */
  more: boolean;
}

export class RuntimeLogFollower implements Disposable {
  readonly model: RuntimeLogModel;
  private filterValue: RuntimeLogFilter = NO_FILTER;
  private statusValue: RuntimeLogStatus = 'loading';
  private errorValue: unknown;
  /** Why history could not be read (the stream may still work). */
  private historyErrorValue: unknown;
  private abort: AbortController | undefined;
  private identityValue: Identity | undefined;
  private readyStateValue: string | undefined;
  /** Streamed lines at or before this time are history's. */
  private cutoff = Number.NEGATIVE_INFINITY;
  /** The newest time a line (shown or filtered out) was seen at: where a catch-up starts. */
  private lastSeen = Number.NEGATIVE_INFINITY;
  private seen = new Set<string>();
  /** What arrived since the last flush: lines, and limit rows shown as notices. */
  private pending: Array<{ readonly entry: RuntimeEntry } | { readonly notice: string; readonly time: number | undefined }> = [];
  private invalid = 0;
  private invalidReason = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private older: OlderCursor | undefined;
  private olderLoading: Promise<void> | undefined;
  private versionValue = 0;
  private retryAtValue: number | undefined;
  private pausedAtValue: number | undefined;
  private readonly changed = new Emitter<void>();
  private firstContentResolve: (() => void) | undefined;
  private firstContentPromise: Promise<void>;
  /** Requests made (history pages and streams opened), for tests and benchmarks. */
  readonly requests = { history: 0, streams: 0 };

  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    readonly ref: DeploymentRef,
    private readonly deps: RuntimeLogFollowerDeps,
  ) {
    this.model = new RuntimeLogModel({ timeZone: deps.timeZone });
    this.firstContentPromise = this.newFirstContent();
  }

  get status(): RuntimeLogStatus {
    return this.statusValue;
  }

  /** Why it failed. */
  get error(): unknown {
    return this.errorValue;
  }

  /** Why history could not be read, when it could not. */
  get historyError(): unknown {
    return this.historyErrorValue;
  }

  get filter(): RuntimeLogFilter {
    return this.filterValue;
  }

  /** The deployment's state as last learnt. */
  get readyState(): string | undefined {
    return this.readyStateValue;
  }

  get projectId(): string | undefined {
    return this.identityValue?.projectId;
  }

  /** When the next attempt is due while reconnecting after a failure or a 429. */
  get retryAt(): number | undefined {
    return this.retryAtValue;
  }

  get pausedAt(): number | undefined {
    return this.pausedAtValue;
  }

  /** Loading, following, or waiting to follow again. */
  get running(): boolean {
    return this.abort !== undefined;
  }

  get live(): boolean {
    return this.statusValue === 'live' || this.statusValue === 'reconnecting' || this.statusValue === 'loading';
  }

  /** Whether "Load older…" can find more. */
  get canLoadOlder(): boolean {
    return this.older?.more === true && this.historyErrorValue === undefined;
  }

  get loadingOlder(): boolean {
    return this.olderLoading !== undefined;
  }

  get version(): number {
    return this.versionValue;
  }

  /** Settles once there is something to show: history, an error, or a short wait. */
  get firstContent(): Promise<void> {
    return this.firstContentPromise;
  }

  /** Starts unless it is running; a stopped or failed log starts over. */
  start(): void {
    if (this.abort) return;
    if (this.statusValue === 'paused') {
      this.resume();
      return;
    }
    this.reset();
    this.run(async (signal) => {
      await this.loadHistory(signal);
      await this.follow(signal);
    });
  }

  /** Loads again after a failure (Retry). */
  retry(): void {
    if (this.statusValue !== 'failed' && this.statusValue !== 'stopped') return;
    this.stopRunning();
    this.start();
  }

  /** Shows what the filter lets through, from the history again; the stream goes on. */
  setFilter(filter: RuntimeLogFilter): void {
    this.filterValue = filter;
    this.stopRunning();
    this.statusValue = 'loading';
    this.start();
  }

  /** Closes the stream: the window is in the background. What was loaded stays. */
  pause(now = this.now()): void {
    if (this.statusValue !== 'live' && this.statusValue !== 'reconnecting') return;
    this.stopRunning();
    this.pausedAtValue = now;
    this.setStatus('paused');
  }

  /** Catches up what was written while paused, then follows again. */
  resume(): void {
    if (this.statusValue !== 'paused' || this.abort) return;
    this.pausedAtValue = undefined;
    this.run(async (signal) => {
      await this.catchUp(signal);
      await this.follow(signal);
    });
  }

  /** Closes the stream for good (the editor closed). */
  stop(): void {
    this.stopRunning();
    if (this.statusValue !== 'failed') this.setStatus('stopped');
  }

  dispose(): void {
    this.stopRunning();
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  /**
   * One more page of history above the first line: the page after the last
   * one read, else the day before the window read so far.
   */
  loadOlder(): Promise<void> {
    if (this.olderLoading) return this.olderLoading;
    const cursor = this.older;
    if (!cursor?.more || !this.identityValue) return Promise.resolve();
    const identity = this.identityValue;
    const filterAtStart = this.filterValue;
    const task = (async () => {
      const now = this.now();
      for (;;) {
        const page = await this.historyPage(identity, cursor.start, cursor.end, cursor.page, undefined);
        // A filter changed meanwhile: this page belongs to the log that was.
        if (this.filterValue !== filterAtStart) return;
        const requests = this.historyRequests(page.rows ?? []);
        if (page.hasMoreRows === true) cursor.page++;
        else {
          cursor.end = cursor.start - 1;
          cursor.start = cursor.start - OLDER_STEP_MS;
          cursor.page = 0;
          cursor.more = cursor.end > now - OLDER_LIMIT_MS;
        }
        if (requests.length > 0 || !cursor.more) {
          this.model.prependHistory(requests);
          this.bump();
          return;
        }
      }
    })()
      .catch((error: unknown) => {
        this.deps.log?.warn(`runtime logs: could not load older lines of ${this.ref.id}: ${describe(error)}`);
        this.historyErrorValue = error;
        this.bump();
      })
      .finally(() => {
        this.olderLoading = undefined;
        this.bump();
      });
    this.olderLoading = task;
    this.bump();
    return task;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private reset(): void {
    this.model.clear();
    this.seen = new Set();
    this.cutoff = Number.NEGATIVE_INFINITY;
    this.lastSeen = Number.NEGATIVE_INFINITY;
    this.pending = [];
    this.invalid = 0;
    this.older = undefined;
    this.errorValue = undefined;
    this.historyErrorValue = undefined;
    this.retryAtValue = undefined;
    this.pausedAtValue = undefined;
    this.statusValue = 'loading';
    this.firstContentPromise = this.newFirstContent();
    this.bump();
  }

  private run(task: (signal: AbortSignal) => Promise<void>): void {
    const abort = new AbortController();
    this.abort = abort;
    const timer = setTimeout(() => this.settleFirstContent(), this.deps.firstContentMs ?? 2000);
    void task(abort.signal)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) this.fail(error);
      })
      .finally(() => {
        clearTimeout(timer);
        this.settleFirstContent();
        if (this.abort === abort) this.abort = undefined;
      });
  }

  private stopRunning(): void {
    const abort = this.abort;
    this.abort = undefined;
    abort?.abort();
    this.flush();
    this.retryAtValue = undefined;
  }

  /** The project and its account, from the store, else from Vercel (once). */
  private async identity(signal: AbortSignal): Promise<Identity> {
    if (this.identityValue) return this.identityValue;
    const known = this.deps.known(this.ref.id);
    let projectId = known?.projectId;
    let ownerId = known?.ownerId;
    this.readyStateValue = known?.readyState ?? this.readyStateValue;
    if (projectId === undefined) {
      const deployment = await this.deps.client.getDeployment(this.ref.id, { teamId: this.ref.teamId }, signal);
      projectId = deployment.projectId;
      ownerId = deployment.ownerId;
      this.readyStateValue = deployment.readyState;
    }
    if (ownerId === undefined) ownerId = (await this.deps.client.getProject(projectId, { teamId: this.ref.teamId }, signal)).accountId;
    this.identityValue = { projectId, ownerId };
    return this.identityValue;
  }

  private historyPage(identity: Identity, start: number, end: number, page: number, signal: AbortSignal | undefined) {
    const query: RequestLogsQuery = {
      projectId: identity.projectId,
      ownerId: identity.ownerId,
      teamId: this.ref.teamId,
      deploymentId: this.ref.id,
      startDate: start,
      endDate: end,
      page,
      ...historyQuery(this.filterValue),
    };
    this.requests.history++;
    return this.deps.client.getRequestLogs(query, signal);
  }

  /** The last hour (newest page), shown oldest first; later lines come from the stream. */
  private async loadHistory(signal: AbortSignal): Promise<void> {
    const identity = await this.identity(signal);
    const end = this.now();
    const start = end - (this.deps.historyMs ?? HOUR);
    try {
      const page = await this.historyPage(identity, start, end, 0, signal);
      if (signal.aborted) return;
      this.model.appendHistory(this.historyRequests(page.rows ?? []));
      this.older = page.hasMoreRows === true ? { start, end, page: 1, more: true } : { start: start - OLDER_STEP_MS, end: start - 1, page: 0, more: true };
      this.cutoff = end;
      this.lastSeen = Math.max(this.lastSeen, end);
    } catch (error) {
      if (signal.aborted) return;
      this.historyFailed(error);
    }
    // Not settled here: the stream is about to open, and a document read in between would be read
    // again at once (its first line saying Live). Following settles it as it goes live.
    this.bump();
  }

  /** What was written since the last line seen, from history; the stream then takes over from there. */
  private async catchUp(signal: AbortSignal): Promise<void> {
    if (!this.identityValue || this.historyErrorValue !== undefined || !Number.isFinite(this.lastSeen)) {
      // Without history, the stream's own look back (deduplicated by rowId) is all there is.
      this.cutoff = Number.isFinite(this.lastSeen) ? this.lastSeen - 1 : this.cutoff;
      return;
    }
    const end = this.now();
    const start = this.lastSeen + 1;
    if (end < start) return;
    const rows: RequestLogRow[] = [];
    try {
      for (let page = 0; page < CATCH_UP_PAGES; page++) {
        const answer = await this.historyPage(this.identityValue, start, end, page, signal);
        rows.push(...(answer.rows ?? []));
        if (answer.hasMoreRows !== true) break;
      }
    } catch (error) {
      if (signal.aborted) return;
      this.deps.log?.warn(`runtime logs: could not catch up ${this.ref.id} from history: ${describe(error)}`);
      this.cutoff = this.lastSeen - 1;
      return;
    }
    if (signal.aborted) return;
    const requests = this.historyRequests(rows);
    if (requests.length > 0) {
      this.model.appendHistory(requests);
      this.bump();
    }
    this.cutoff = end;
    this.lastSeen = Math.max(this.lastSeen, end);
  }

  /** Without history the stream may still answer (the dashboard's endpoint may refuse what the API allows): the first line says so. */
  private historyFailed(error: unknown): void {
    this.historyErrorValue = error;
    this.deps.log?.warn(`runtime logs: history of ${this.ref.id} is unavailable: ${describe(error)}`);
  }

  /** Rows of request-logs (newest first) as the model's requests (oldest first), filtered. */
  private historyRequests(rows: readonly RequestLogRow[]): HistoryRequest[] {
    const out: HistoryRequest[] = [];
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i];
      if (!row) continue;
      const time = timeOf(row.timestamp);
      const method = row.requestMethod ?? '';
      const path = row.requestPath ?? '';
      const source = row.events?.[0]?.source ?? 'static';
      const request: RequestInfo | undefined =
        method !== '' || path !== ''
          ? {
              method,
              path,
              status: row.statusCode ?? 0,
              source,
              domain: row.domain ?? undefined,
              requestId: row.requestId,
              durationMs: typeof row.durationMs === 'number' ? row.durationMs : undefined,
            }
          : undefined;
      const lines = (row.logs ?? [])
        .map((l) => ({ level: l.level ?? 'info', message: l.message ?? '', truncated: l.messageTruncated === true, time: l.timestampInMs }))
        .filter((l) => l.message !== '');
      if (!rowMatches(this.filterValue, { path, status: row.statusCode ?? 0, source }, lines)) continue;
      if (!request && lines.length === 0) continue;
      out.push({ time, request: request ? { ...request, source } : undefined, lines });
    }
    return out;
  }

  /** The stream, opened again whenever it ends, until stopped, paused or refused. */
  private async follow(signal: AbortSignal): Promise<void> {
    const identity = await this.identity(signal);
    const policy = this.deps.policy ?? DEFAULT_POLICY;
    let failures = 0;
    for (;;) {
      if (signal.aborted) return;
      let delay: number;
      this.retryAtValue = undefined;
      this.setStatus('live');
      try {
        this.requests.streams++;
        for await (const item of this.deps.client.followRuntimeLogs(identity.projectId, this.ref.id, { teamId: this.ref.teamId, signal })) {
          this.take(item);
          failures = 0;
        }
        this.flush();
        delay = policy.reopenMs;
      } catch (error) {
        this.flush();
        if (signal.aborted) return;
        if (isRefusal(error)) throw error;
        failures++;
        this.deps.log?.warn(`runtime logs: the stream of ${this.ref.id} broke (${failures} in a row): ${describe(error)}`);
        if (failures > policy.maxFailures) throw error;
        const asked = error instanceof VercelApiError && error.isRateLimited ? error.retryAfterMs : undefined;
        delay = asked ?? Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
        this.retryAtValue = this.now() + delay;
        this.setStatus('reconnecting');
      }
      try {
        await (this.deps.sleep ?? sleep)(delay, signal);
      } catch {
        return;
      }
      await this.catchUp(signal);
    }
  }

  private take(item: RuntimeLogItem): void {
    if (item.kind === 'invalid') {
      this.invalid++;
      this.invalidReason = item.reason;
      this.schedule();
      return;
    }
    const line = item.line;
    const time = line.timestampInMs;
    if (time !== undefined && Number.isFinite(time)) {
      if (time <= this.cutoff) return;
      this.lastSeen = Math.max(this.lastSeen, time);
    }
    const rowId = line.rowId;
    // A limit row: Vercel says something about the stream, not about the app.
    if (rowId === '' && line.source === 'delimiter') {
      this.pending.push({ notice: `Vercel: ${line.message || 'a limit was reached'}`, time });
      this.schedule();
      return;
    }
    if (rowId !== undefined && rowId !== '') {
      if (this.seen.has(rowId)) return;
      this.seen.add(rowId);
    }
    const method = line.requestMethod ?? '';
    const path = line.requestPath ?? '';
    const source = line.source ?? 'serverless';
    const level = line.level ?? 'info';
    const message = line.message ?? '';
    if (!lineMatches(this.filterValue, { path, status: line.responseStatusCode ?? 0, source }, level, message)) return;
    this.pending.push({
      entry: {
        rowId,
        time,
        level,
        message,
        truncated: line.messageTruncated === true,
        source,
        request: method !== '' || path !== '' ? { method, path, status: line.responseStatusCode ?? 0, source, domain: line.domain, requestId: line.requestId } : undefined,
      },
    });
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.deps.coalesceMs ?? 50);
  }

  /** Hands what arrived to the model, parsed once, never again. */
  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0 && this.invalid === 0) return;
    const arrived = this.pending;
    this.pending = [];
    let run: RuntimeEntry[] = [];
    for (const item of arrived) {
      if ('entry' in item) {
        run.push(item.entry);
        continue;
      }
      this.model.appendLive(run);
      run = [];
      this.model.appendNotice(item.notice, item.time);
    }
    this.model.appendLive(run);
    if (this.invalid > 0) {
      this.model.appendNotice(`${this.invalid === 1 ? 'A line' : `${this.invalid} lines`} Vercel sent could not be read (${this.invalidReason}).`, this.now());
      this.invalid = 0;
    }
    this.settleFirstContent();
    this.bump();
  }

  private fail(error: unknown): void {
    this.flush();
    this.errorValue = error;
    this.deps.log?.warn(`runtime logs: ${this.ref.id} stopped: ${describe(error)}`);
    this.setStatus('failed');
  }

  private setStatus(status: RuntimeLogStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    if (status !== 'loading') this.settleFirstContent();
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

function timeOf(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** Vercel refused for good: no access (plan, team), not found, signed out. Trying again cannot help. */
export function isRefusal(error: unknown): boolean {
  if (error instanceof VercelApiError) return error.status === 401 || error.status === 403 || error.status === 404 || error.status === 410;
  if (error instanceof VercelSchemaError) return false;
  return error instanceof VercelError && error.kind === 'signedOut';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The followers of a window, one per deployment. */
export class RuntimeLogFollowers implements Disposable {
  private readonly followers = new Map<string, RuntimeLogFollower>();
  private readonly changed = new Emitter<RuntimeLogFollower>();
  readonly onDidChange: Event<RuntimeLogFollower> = this.changed.event;

  constructor(private readonly deps: RuntimeLogFollowerDeps) {}

  get(ref: DeploymentRef): RuntimeLogFollower {
    let follower = this.followers.get(ref.id);
    if (!follower) {
      const made = new RuntimeLogFollower(ref, this.deps);
      made.onDidChange(() => this.changed.fire(made));
      this.followers.set(ref.id, made);
      follower = made;
    }
    return follower;
  }

  find(id: string): RuntimeLogFollower | undefined {
    return this.followers.get(id);
  }

  get all(): readonly RuntimeLogFollower[] {
    return [...this.followers.values()];
  }

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
