/**
 * Waiting that a cancellation ends at once. One helper for every wait that
 * an AbortSignal may cut short (retries, reconnects, following a job), so
 * each settles the same way and none leaves its timer running.
 */

/**
 * Resolves after `ms`; rejects with the signal's reason as soon as it aborts
 * (at once when it already has), the way Node's `timers/promises` and DOM
 * APIs do. The timer is cleared either way.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
