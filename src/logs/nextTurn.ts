/**
 * Lets the event loop run (input, painting, other callbacks) between two
 * chunks of long log work: setImmediate in Node; a browser's web worker has
 * none, so a zero timeout there. In logs/, not util/, because only the
 * features bundle needs it.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}
