/**
 * A tiny seeded pseudo-random generator, so that one seed always yields the
 * same emulated account: ids, commit messages and states are reproducible
 * between runs, machines and test files. Not for anything security related.
 */

/** FNV-1a over the UTF-16 code units: enough spread to turn any seed text into a state. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

export class Prng {
  private state: number;

  constructor(seed: string | number) {
    // xorshift has a fixed point at 0, so a seed that hashes to 0 is nudged.
    this.state = hashString(String(seed)) || 0x9e3779b9;
  }

  /** A float in [0, 1): Marsaglia's xorshift32, then a multiply to mix the low bits. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return (Math.imul(this.state, 0x2545f491) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chars(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** Lowercase letters and digits, as in deployment hostnames. */
  slug(length: number): string {
    return this.chars(length, LOWER_ALNUM);
  }

  /** Mixed-case letters and digits, as in `dpl_…` and user ids. */
  base62(length: number): string {
    return this.chars(length, BASE62);
  }

  hex(length: number): string {
    return this.chars(length, HEX);
  }

  /** A child generator with its own stream, so adding draws in one place does not shift another. */
  fork(label: string): Prng {
    return new Prng(`${this.state}:${label}`);
  }
}
