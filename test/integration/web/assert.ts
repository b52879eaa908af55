/**
 * The assertions the web suite uses, for a browser's web worker where
 * node:assert does not exist (esbuild.mjs maps node:assert/strict here for
 * the web suite). Same names and meaning as node:assert/strict's.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function fail(message: string): never {
  throw new AssertionError(message);
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message ?? `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message ? `${message}: ${show(actual)} !== ${show(expected)}` : `${show(actual)} !== ${show(expected)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) fail(message ?? `expected anything but ${show(expected)}`);
}

/** Structural equality of JSON-like values (what the web suite compares). */
export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (show(actual) !== show(expected)) fail(message ? `${message}: ${show(actual)} differs from ${show(expected)}` : `${show(actual)} differs from ${show(expected)}`);
}

export function match(actual: string, pattern: RegExp, message?: string): void {
  if (!pattern.test(actual)) fail(message ?? `${show(actual)} does not match ${String(pattern)}`);
}

export function doesNotMatch(actual: string, pattern: RegExp, message?: string): void {
  if (pattern.test(actual)) fail(message ?? `${show(actual)} matches ${String(pattern)}`);
}

export const strict = { fail, ok, equal, notEqual, deepEqual, match, doesNotMatch };
export default strict;
