/**
 * A clock that moves only when a test or benchmark says so, for the
 * scheduler. After firing each timer it waits for the work under way (the
 * `busy` callback) before looking for the next one, so when refreshes make
 * real HTTP requests an hour of polling runs in as long as they take.
 */
import type { Clock } from '../../src/deployments/scheduler';

interface Timer {
  readonly at: number;
  readonly id: number;
  readonly callback: () => void;
}

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private ids = 0;

  /** `busy` resolves once whatever a fired timer started has finished. */
  constructor(
    private readonly busy: () => Promise<void>,
    private time = 1_700_000_000_000,
  ) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.time + Math.max(0, ms), id, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting each one's work finish. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      await this.busy();
    }
    this.time = end;
    await this.busy();
  }
}

/** Tracks promises started by timers, so the clock can wait for them. */
export class Work {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    void promise.then(
      () => this.running.delete(promise),
      () => this.running.delete(promise),
    );
    return promise;
  }

  /** Resolves when nothing tracked is running and the callbacks chained on it have run. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
