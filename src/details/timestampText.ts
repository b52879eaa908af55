/**
 * Finds a timestamp under the cursor in the deployment's JSON text: a number
 * that is the value of a property named like Vercel's timestamps (`created`,
 * `ready`, `…At`) and plausibly ms since the epoch. Pure, for the hover.
 */
import { looksLikeTimestamp } from '../util/time';

export interface TimestampAt {
  readonly value: number;
  /** Columns of the number on its line, end exclusive. */
  readonly start: number;
  readonly end: number;
}

const TIMESTAMP_KEY = /(At|^created|^ready)$/;

export function timestampAt(line: string, column: number): TimestampAt | undefined {
  const pattern = /"([^"\\]*)"\s*:\s*(-?\d+)(?=\s*[,}\]]|\s*$)/g;
  for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
    const key = match[1] ?? '';
    const digits = match[2] ?? '';
    const end = match.index + match[0].length;
    const start = end - digits.length;
    if (column < start || column > end) continue;
    const value = Number(digits);
    return TIMESTAMP_KEY.test(key) && looksLikeTimestamp(value) ? { value, start, end } : undefined;
  }
  return undefined;
}
