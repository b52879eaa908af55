/**
 * Row 2 — Start-up: time to require the production activation bundle and run
 * activate() with a minimal extension context, outside VS Code (a vscode
 * shim as large as the real module: every top-level name of @types/vscode),
 * one fresh Node process per sample so every require is cold, alternating
 * with the @vercel/sdk comparison entries.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { buildSdkBundles, RELEASE_OPTIONS, singleBundle } from './bundle';
import type { BenchContext } from './context';
import { run } from './context';
import type { Line } from './report';
import { alternate, median, ms, pairedRatio, quantile, times } from './stats';
import { VSCODE_TOP_LEVEL_NAMES } from './vscodeNames';
import { shimSize } from './vscodeShim';

const TARGET_MS = 12;

/**
 * The top-level names of the real `vscode` module: the `export namespace`,
 * `class`, `enum`, `function`, `const` and `let` declarations directly inside
 * `declare module 'vscode'` of the installed @types/vscode (one tab deep).
 */
export function realVscodeNames(root: string): string[] {
  const text = fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const body = text.slice(text.indexOf("declare module 'vscode' {"));
  const names = [...body.matchAll(/^\texport (?:declare )?(?:abstract )?(?:namespace|class|enum|function|const|let) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1] ?? '');
  return [...new Set(names)].sort();
}

/** What the shim's `vscode` lacks of the real one, or has that the real one does not. */
function shimDrift(root: string): string {
  const real = realVscodeNames(root);
  const ours = new Set(VSCODE_TOP_LEVEL_NAMES);
  const lacking = real.filter((n) => !ours.has(n));
  const extra = [...ours].filter((n) => !real.includes(n));
  const size = `the shim's \`vscode\` has ${shimSize.keys} own keys (the real module's ${real.length} top-level names of @types/vscode, ${shimSize.implemented} of the shim's keys implemented, the rest stubs)`;
  if (lacking.length === 0 && extra.length === 0) return size;
  return `${size}; CAUTION, test/bench/vscodeNames.ts drifted from @types/vscode: lacks ${lacking.join(', ') || 'nothing'}, has besides ${extra.join(', ') || 'nothing'}`;
}

const SampleSchema = z.object({
  requireMs: z.number(),
  activateMs: z.number(),
  readyMs: z.number().nullable(),
  missing: z.array(z.string()),
});
type Sample = z.infer<typeof SampleSchema>;

async function buildChild(ctx: BenchContext): Promise<string> {
  const out = path.join(ctx.tmp, 'startup-child.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'startupChild.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return out;
}

/** A release bundle of `source` (with a no-op activate), to tell where the start-up time goes. */
async function buildPart(ctx: BenchContext, name: string, source: string): Promise<string> {
  const out = path.join(ctx.tmp, `${name}.js`);
  await esbuild.build({
    ...RELEASE_OPTIONS,
    stdin: { contents: `${source}\nexport function activate(): void {}\n`, resolveDir: ctx.root, loader: 'ts' },
    outfile: out,
  });
  return out;
}

/** "3.2× faster" or "1.4× slower": ours against theirs, from paired samples. */
function relative(theirs: readonly number[], ours: readonly number[]): string {
  const ratio = pairedRatio(theirs, ours);
  return ratio >= 1 ? `${times(ratio)} faster` : `${times(1 / ratio)} slower`;
}

export async function startupRow(ctx: BenchContext): Promise<Line[]> {
  const ours = await ctx.productionBundle();
  const sdk = await buildSdkBundles(ctx);
  const child = await buildChild(ctx);
  const zodAlone = await buildPart(ctx, 'zod-alone', "export { z } from 'zod';");
  const schemasAlone = await buildPart(ctx, 'schemas-alone', "export * from './src/api/schemas';");
  // Today's behaviour beside it: the same source as one bundle, as it was before the split (row 1b).
  const preSplit = await singleBundle(ctx);
  const storage = fs.mkdtempSync(path.join(ctx.tmp, 'storage-'));

  const missing = new Set<string>();
  const details: Sample[] = [];
  const sample = async (bundle: string, keep: boolean): Promise<number> => {
    const { stdout } = await run(process.execPath, [child, bundle, ctx.root, storage], { cwd: ctx.tmp, timeout: 60_000 });
    const parsed = SampleSchema.parse(JSON.parse(stdout.trim()));
    if (bundle === ours.path) for (const m of parsed.missing) missing.add(m);
    if (keep) details.push(parsed);
    return parsed.requireMs + parsed.activateMs;
  };

  const rounds = ctx.quick ? 8 : 30;
  // The Vercel-class entry takes seconds per process: fewer rounds of it, still alternating with ours.
  const classRounds = ctx.quick ? 2 : 5;
  ctx.log(`start-up: ${rounds} cold processes per contender, alternating`);
  // The first processes warm the disk cache and the Node binary's pages; they are not counted.
  for (const bundle of [ours.path, preSplit.path, sdk.funcs, sdk.cls, zodAlone, schemasAlone]) await sample(bundle, false);
  const samples = await alternate(rounds, {
    ours: () => sample(ours.path, true),
    single: () => sample(preSplit.path, false),
    funcs: () => sample(sdk.funcs, false),
    zod: () => sample(zodAlone, false),
    schemas: () => sample(schemasAlone, false),
  });
  ctx.log(`start-up: ${classRounds} rounds against the Vercel-class entry`);
  const classSamples = await alternate(classRounds, {
    ours: () => sample(ours.path, false),
    cls: () => sample(sdk.cls, false),
  });

  const oursMedian = median(samples.ours);
  const readies = details.map((d) => d.readyMs).filter((r): r is number => r !== null);
  const note = [
    `require ${ms(median(details.map((d) => d.requireMs)))} + activate() ${ms(median(details.map((d) => d.activateMs)))} (medians), p90 ${ms(quantile(samples.ours, 0.9))}`,
    `where it goes, measured alongside: zod alone (a bundle of \`export { z } from 'zod'\`) ${ms(median(samples.zod))}, zod + our schemas (src/api/schemas.ts alone) ${ms(median(samples.schemas))}`,
    readies.length > 0 ? `the first look at token and link files (\`ready\`) settles ${ms(median(readies))} later` : undefined,
    `${rounds} samples per contender (${classRounds} rounds for the Vercel-class entry), each a fresh \`node\` process (cold module cache), the contenders alternating`,
    'signed out, no folder open; the shim is loaded before the clock starts, as the host has `vscode` loaded',
    shimDrift(ctx.root),
    missing.size === 0 ? 'the shim stubbed no API the extension used' : `APIs only stubbed by the shim: ${[...missing].sort().join(', ')}`,
  ].filter((s) => s !== undefined);

  return [
    {
      id: '2a',
      label: 'require + activate() of the activation bundle, outside VS Code (full-size shim)',
      value: ms(oursMedian),
      raw: oursMedian,
      unit: 'ms',
      target: '≤ 12 ms median',
      met: oursMedian <= TARGET_MS,
      comparison: `one bundle (pre-split shape, 1b) ${ms(median(samples.single))}: ours ${relative(samples.single, samples.ours)}; @vercel/sdk entry ${ms(median(samples.funcs))} (core+funcs): ours ${relative(samples.funcs, samples.ours)}; ${ms(median(classSamples.cls))} (Vercel class): ours ${relative(classSamples.cls, classSamples.ours)}`,
      note: `${note.join('; ')}.`,
    },
  ];
}
