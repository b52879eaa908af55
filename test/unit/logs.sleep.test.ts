/**
 * The one abortable wait (src/util/sleep.ts) that the log follower's
 * reconnects use: it waits, and a cancellation ends it at once.
 */
import * as assert from 'node:assert/strict';
import { sleep } from '../../src/util/sleep';

describe('logs: sleep', () => {
  it('resolves after the time given', async () => {
    const started = Date.now();
    await sleep(40);
    assert.ok(Date.now() - started >= 35, `resolved after ${Date.now() - started} ms`);
  });

  it('rejects with the reason as soon as the signal aborts, long before the time', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, abort.signal);
    setTimeout(() => abort.abort(new Error('closed')), 10);
    await assert.rejects(waiting, /closed/);
    assert.ok(Date.now() - started < 5_000, 'it did not wait for the timer');
  });

  it('rejects at once when the signal has already aborted', async () => {
    const abort = new AbortController();
    abort.abort(new Error('already'));
    await assert.rejects(sleep(60_000, abort.signal), /already/);
  });

  it('lets go of the signal once it resolved', async () => {
    const abort = new AbortController();
    let listeners = 0;
    const add = abort.signal.addEventListener.bind(abort.signal);
    const remove = abort.signal.removeEventListener.bind(abort.signal);
    abort.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...args);
    }) as AbortSignal['addEventListener'];
    abort.signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...args);
    }) as AbortSignal['removeEventListener'];
    await sleep(5, abort.signal);
    assert.equal(listeners, 0, 'no abort listener is left behind');
  });
});
