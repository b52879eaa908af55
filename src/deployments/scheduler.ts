/**
 * Decides when the store refreshes: often while a build runs, rarely when all
 * is settled, never while the window is unfocused (once on focus instead),
 * slower after errors, and no sooner than a rate limit allows. The clock is
 * injected so tests and benchmarks drive it without waiting.
 */
import { Emitter } from './emitter';
import type { RefreshOutcome } from './store';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SchedulerOptions {
  /** Interval while any deployment is in progress, in ms. */
  readonly activeMs: () => number;
  /** Interval when everything is settled, in ms; 0 turns polling off. */
  readonly idleMs: () => number;
  /** Longest wait between attempts after repeated errors. */
  readonly maxBackoffMs?: number;
  readonly clock?: Clock;
}

export interface ScheduleState {
  /** When the next refresh runs, or undefined when none is planned. */
  readonly nextAt: number | undefined;
  /** Set while waiting out a rate limit. */
  readonly rateLimitedUntil: number | undefined;
  readonly consecutiveErrors: number;
}

/** The wait before the next refresh after `outcome`, or undefined for none. Pure. */
export function nextDelay(
  outcome: RefreshOutcome,
  consecutiveErrors: number,
  options: { activeMs: number; idleMs: number; maxBackoffMs: number },
): number | undefined {
  if (!outcome.ok) {
    const backoff = Math.min(options.maxBackoffMs, Math.max(1000, options.activeMs) * 2 ** Math.max(0, consecutiveErrors));
    return outcome.retryAfterMs !== undefined ? Math.max(outcome.retryAfterMs, 1000) : backoff;
  }
  if (outcome.inProgress) {
    return Math.max(1000, options.activeMs);
  }
  return options.idleMs > 0 ? Math.max(1000, options.idleMs) : undefined;
}

export class RefreshScheduler {
  private readonly clock: Clock;
  private readonly changed = new Emitter<ScheduleState>();
  readonly onDidChange = this.changed.event;
  private timer: unknown;
  private focused = true;
  private started = false;
  private disposed = false;
  private running: Promise<RefreshOutcome> | undefined;
  private lastOutcome: RefreshOutcome | undefined;
  private lastRunAt: number | undefined;
  private consecutiveErrors = 0;
  private nextAt: number | undefined;
  private notBefore: number | undefined;

  constructor(
    private readonly refresh: () => Promise<RefreshOutcome>,
    private readonly options: SchedulerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  get state(): ScheduleState {
    const now = this.clock.now();
    return {
      nextAt: this.nextAt,
      rateLimitedUntil: this.notBefore !== undefined && this.notBefore > now ? this.notBefore : undefined,
      consecutiveErrors: this.consecutiveErrors,
    };
  }

  /** Begins polling with a refresh now (when focused). */
  start(): Promise<RefreshOutcome> | undefined {
    this.started = true;
    return this.focused ? this.runNow() : undefined;
  }

  /** Stops polling until {@link start}; a refresh under way finishes. */
  stop(): void {
    this.started = false;
    this.cancelTimer();
    this.publish();
  }

  /** A refresh asked for by the user: runs at once, whatever the schedule, unless rate-limited. */
  refreshNow(): Promise<RefreshOutcome> {
    const now = this.clock.now();
    if (this.notBefore !== undefined && this.notBefore > now && this.lastOutcome) {
      this.plan(this.notBefore - now);
      return Promise.resolve(this.lastOutcome);
    }
    return this.runNow();
  }

  /**
   * A refresh after the question changed (a new filter): a refresh already
   * under way answers the old question and is thrown away, so another one
   * runs once it is done.
   */
  async requery(): Promise<RefreshOutcome> {
    if (this.running) {
      await this.running.catch(() => undefined);
    }
    return this.refreshNow();
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) {
      return;
    }
    this.focused = focused;
    if (!this.started) {
      return;
    }
    if (!focused) {
      this.cancelTimer();
      this.publish();
      return;
    }
    // Back in focus: catch up once, unless the last look is recent enough or a limit says wait.
    const now = this.clock.now();
    const due = this.lastRunAt === undefined || now - this.lastRunAt >= this.options.activeMs();
    if (this.notBefore !== undefined && this.notBefore > now) {
      this.plan(this.notBefore - now);
    } else if (due) {
      void this.runNow();
    } else if (this.lastOutcome) {
      this.planAfter(this.lastOutcome);
    }
  }

  /** Re-plans after the intervals changed. */
  reschedule(): void {
    if (this.started && this.focused && this.lastOutcome && !this.running) {
      this.planAfter(this.lastOutcome);
    }
  }

  private runNow(): Promise<RefreshOutcome> {
    this.cancelTimer();
    this.running ??= this.refresh()
      .then((outcome) => {
        this.lastRunAt = this.clock.now();
        this.lastOutcome = outcome;
        this.consecutiveErrors = outcome.ok ? 0 : this.consecutiveErrors + 1;
        this.notBefore = outcome.retryAfterMs !== undefined ? this.clock.now() + outcome.retryAfterMs : undefined;
        this.planAfter(outcome);
        return outcome;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private planAfter(outcome: RefreshOutcome): void {
    if (!this.started || !this.focused || this.disposed) {
      this.cancelTimer();
      this.publish();
      return;
    }
    const delay = nextDelay(outcome, this.consecutiveErrors - 1, {
      activeMs: this.options.activeMs(),
      idleMs: this.options.idleMs(),
      maxBackoffMs: this.options.maxBackoffMs ?? 5 * 60_000,
    });
    if (delay === undefined) {
      this.cancelTimer();
      this.publish();
    } else {
      this.plan(delay);
    }
  }

  private plan(delay: number): void {
    this.cancelTimer();
    this.nextAt = this.clock.now() + delay;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.nextAt = undefined;
      if (this.started && this.focused && !this.disposed) {
        void this.runNow();
      }
    }, delay);
    this.publish();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.nextAt = undefined;
  }

  private publish(): void {
    this.changed.fire(this.state);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.changed.dispose();
  }
}
