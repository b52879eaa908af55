import { strict as assert } from 'node:assert';
import { nextDelay, RefreshScheduler } from '../../src/deployments/scheduler';
import type { RefreshOutcome } from '../../src/deployments/store';
import { FakeClock } from '../bench/fakeClock';

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

const ok = (inProgress: boolean): RefreshOutcome => ({ ok: true, errors: [], retryAfterMs: undefined, inProgress });
const failed = (retryAfterMs?: number): RefreshOutcome => ({ ok: false, errors: [], retryAfterMs, inProgress: false });

function setup(outcomes: () => RefreshOutcome, idleMs = 60_000) {
  const clock = new FakeClock(settle, 0);
  const calls: number[] = [];
  const scheduler = new RefreshScheduler(
    async () => {
      calls.push(clock.now());
      return outcomes();
    },
    { activeMs: () => 5000, idleMs: () => idleMs, clock },
  );
  return { clock, calls, scheduler };
}

describe('refresh scheduler', () => {
  it('chooses the wait from the outcome', () => {
    const options = { activeMs: 5000, idleMs: 60_000, maxBackoffMs: 300_000 };
    assert.equal(nextDelay(ok(true), 0, options), 5000);
    assert.equal(nextDelay(ok(false), 0, options), 60_000);
    assert.equal(nextDelay(ok(false), 0, { ...options, idleMs: 0 }), undefined);
    assert.equal(nextDelay(failed(), 0, options), 5000);
    assert.equal(nextDelay(failed(), 3, options), 40_000);
    assert.equal(nextDelay(failed(), 20, options), 300_000);
    assert.equal(nextDelay(failed(12_000), 0, options), 12_000);
  });

  it('polls every 5 s while a build runs and every 60 s when idle', async () => {
    let building = true;
    const { clock, calls, scheduler } = setup(() => ok(building));
    await scheduler.start();
    await clock.advance(60_000);
    assert.equal(calls.length, 13); // the first look plus one every 5 s
    building = false;
    await clock.advance(5000); // this refresh sees the build finished
    const settledAt = calls.length;
    await clock.advance(3600_000);
    assert.equal(calls.length - settledAt, 60);
    scheduler.dispose();
  });

  it('makes no request while the window is unfocused, and one on focus', async () => {
    const { clock, calls, scheduler } = setup(() => ok(true));
    await scheduler.start();
    scheduler.setFocused(false);
    await clock.advance(10 * 60_000);
    assert.equal(calls.length, 1);
    assert.equal(clock.pending, 0);
    scheduler.setFocused(true);
    await settle();
    assert.equal(calls.length, 2);
    scheduler.dispose();
  });

  it('does not start while unfocused, and starts on focus', async () => {
    const { clock, calls, scheduler } = setup(() => ok(false));
    scheduler.setFocused(false);
    assert.equal(scheduler.start(), undefined);
    await clock.advance(120_000);
    assert.equal(calls.length, 0);
    scheduler.setFocused(true);
    await settle();
    assert.equal(calls.length, 1);
    scheduler.dispose();
  });

  it('waits out Retry-After, even when asked to refresh by hand', async () => {
    let outcome = failed(30_000);
    const { clock, calls, scheduler } = setup(() => outcome);
    await scheduler.start();
    assert.ok(scheduler.state.rateLimitedUntil !== undefined);
    outcome = ok(false);
    await scheduler.refreshNow();
    await clock.advance(29_000);
    assert.equal(calls.length, 1);
    await clock.advance(1000);
    assert.deepEqual(calls, [0, 30_000]);
    assert.equal(scheduler.state.rateLimitedUntil, undefined);
    scheduler.dispose();
  });

  it('backs off after repeated errors and recovers', async () => {
    let outcome = failed();
    const { clock, calls, scheduler } = setup(() => outcome);
    await scheduler.start();
    await clock.advance(5000 + 10_000 + 20_000);
    assert.deepEqual(calls, [0, 5000, 15_000, 35_000]);
    outcome = ok(true);
    await clock.advance(40_000);
    await clock.advance(5000);
    assert.deepEqual(calls.slice(4), [75_000, 80_000]);
    scheduler.dispose();
  });

  it('shares a refresh already running and stops on stop()', async () => {
    const { clock, calls, scheduler } = setup(() => ok(true));
    await Promise.all([scheduler.start(), scheduler.refreshNow(), scheduler.refreshNow()]);
    assert.equal(calls.length, 1);
    scheduler.stop();
    await clock.advance(60_000);
    assert.equal(calls.length, 1);
    scheduler.dispose();
  });
});
