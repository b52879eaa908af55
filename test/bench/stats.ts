/**
 * Small statistics for noisy shared machines: every figure is a median of
 * repeated samples, and every comparison alternates its contenders within one
 * run so that a burst of load from a neighbour hits both sides alike.
 */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile, q in [0, 1]. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (at - lo);
}

/**
 * Runs each contender `rounds` times, round-robin, rotating who goes first
 * (A B C, B C A, C A B, …), and returns every sample per contender.
 */
export async function alternate<K extends string>(
  rounds: number,
  contenders: Readonly<Record<K, () => number | Promise<number>>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      if (name === undefined) continue;
      samples[name].push(await contenders[name]());
    }
  }
  return samples;
}

/** Median of the per-round ratios a[i] / b[i]: the comparison that shares each round's noise. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const ratios = a.map((x, i) => x / (b[i] ?? Number.NaN)).filter((r) => Number.isFinite(r));
  return median(ratios);
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** KB below a megabyte, MB from there. */
export function size(bytes: number): string {
  return bytes < 1024 * 1024 ? kb(bytes) : mb(bytes);
}

export function ms(value: number): string {
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function ops(value: number): string {
  if (value >= 10_000) return `${Math.round(value / 1000)}k ops/s`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k ops/s`;
  return `${Math.round(value)} ops/s`;
}

export function times(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}
