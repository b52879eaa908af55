/**
 * Row 1 — Bundle: bytes of the production dist/extension.js and of the
 * packaged .vsix, beside the bundle esbuild makes of a minimal extension that
 * does the same three API calls with the official @vercel/sdk.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext } from './context';
import { run } from './context';
import type { Line } from './report';
import { kb, times } from './stats';

const TARGET_BYTES = 150 * 1024;

/** The options esbuild.mjs uses for the release build, so the comparison is like for like. */
export const RELEASE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
} as const satisfies esbuild.BuildOptions;

export interface SdkBundles {
  /** VercelCore + standalone functions (the SDK's tree-shakable way). */
  readonly funcs: string;
  /** The `Vercel` class (the SDK README's way). */
  readonly cls: string;
}

let sdkBundles: Promise<SdkBundles> | undefined;

/** Builds both SDK comparison entries into the run's scratch directory (once per run). */
export function buildSdkBundles(ctx: BenchContext): Promise<SdkBundles> {
  sdkBundles ??= (async () => {
    ctx.log('bundling the @vercel/sdk comparison entries');
    const funcs = path.join(ctx.tmp, 'sdk-funcs.js');
    const cls = path.join(ctx.tmp, 'sdk-class.js');
    await esbuild.build({ ...RELEASE_OPTIONS, absWorkingDir: ctx.root, entryPoints: [path.join(__dirname, 'sdkEntry.mts')], outfile: funcs });
    await esbuild.build({ ...RELEASE_OPTIONS, absWorkingDir: ctx.root, entryPoints: [path.join(__dirname, 'sdkClassEntry.mts')], outfile: cls });
    return { funcs, cls };
  })();
  return sdkBundles;
}

/** "3.2× smaller" or "1.4× larger": ours against theirs. */
function relative(ours: number, theirs: number): string {
  return ours <= theirs ? `${times(theirs / ours)} smaller` : `${times(ours / theirs)} larger`;
}

export interface Packaged {
  readonly path: string;
  readonly bytes: number;
  readonly files: number;
  /** Size of extension/dist/extension.js inside the package, to check it is this run's build. */
  readonly bundleBytes: number | undefined;
}

let packaged: Promise<Packaged> | undefined;

/** The .vsix of this run's production build (packaged once per run). */
export function packagedVsix(ctx: BenchContext): Promise<Packaged> {
  packaged ??= ctx.productionBundle().then(() => packageVsix(ctx));
  return packaged;
}

/** The options `npm run package` gives vsce, read from package.json so the two never drift apart. */
function packageScriptVsceArgs(root: string): string[] {
  const manifest: { scripts?: Record<string, string> } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const script = manifest.scripts?.['package'] ?? '';
  const at = script.indexOf('vsce package');
  if (at < 0) throw new Error('package.json\'s "package" script does not run `vsce package`');
  return script.slice(at + 'vsce package'.length).split(/&&|;/)[0]!.trim().split(/\s+/).filter((a) => a !== '');
}

async function packageVsix(ctx: BenchContext): Promise<Packaged> {
  const out = path.join(ctx.tmp, 'extension.vsix');
  ctx.log('packaging the .vsix (npx vsce package, as npm run package does)');
  try {
    await run('npx', ['vsce', 'package', ...packageScriptVsceArgs(ctx.root), '-o', out], {
      cwd: ctx.root,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 5 * 60_000,
    });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const output = 'stderr' in e && typeof e.stderr === 'string' ? e.stderr : '';
    const stdout = 'stdout' in e && typeof e.stdout === 'string' ? e.stdout : '';
    throw new Error(`vsce package failed: ${(output || stdout || e.message).trim()}`);
  }
  // `unzip -l` lists the size and name of every entry.
  const { stdout } = await run('unzip', ['-l', out], { maxBuffer: 4 * 1024 * 1024 });
  const entries = stdout
    .split('\n')
    .map((l) => /^\s*(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);
  const bundle = entries.find((m) => m[2] === 'extension/dist/extension.js');
  return {
    path: out,
    bytes: fs.statSync(out).size,
    files: entries.length,
    bundleBytes: bundle ? Number(bundle[1]) : undefined,
  };
}

/** Where the bytes of our bundle come from, by the same build with a metafile (nothing written). */
async function composition(ctx: BenchContext): Promise<string> {
  const result = await esbuild.build({
    ...RELEASE_OPTIONS,
    absWorkingDir: ctx.root,
    entryPoints: ['src/extension.ts'],
    outfile: path.join(ctx.tmp, 'composition.js'),
    write: false,
    metafile: true,
  });
  const output = Object.values(result.metafile.outputs)[0];
  if (!output) return 'composition unknown';
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const group = input.startsWith('src/')
      ? 'our code (src/)'
      : /node_modules\/zod\/.*\/locales\//.test(input)
        ? 'zod locales'
        : (/^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input);
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .map(([group, bytes]) => `${group} ${kb(bytes)}`)
    .join(', ');
}

export async function bundleRow(ctx: BenchContext): Promise<Line[]> {
  const ours = await ctx.productionBundle();
  // Packaged straight after the build, before anyone can rebuild dist/.
  const vsix = await packagedVsix(ctx).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  const sdk = await buildSdkBundles(ctx);
  const funcsBytes = fs.statSync(sdk.funcs).size;
  const classBytes = fs.statSync(sdk.cls).size;
  const parts = await composition(ctx);

  const packagedLine: Line =
    vsix instanceof Error
      ? { id: '1b', label: '.vsix (vsce package, as npm run package)', value: 'failed', raw: null, unit: 'bytes', error: vsix.message, note: vsix.message }
      : {
          id: '1b',
          label: '.vsix (vsce package, as npm run package)',
          value: kb(vsix.bytes),
          raw: vsix.bytes,
          unit: 'bytes',
          note: `${vsix.files} files; ${
            vsix.bundleBytes === ours.bytes
              ? "the package holds this run's bundle byte for byte"
              : `CAUTION: the package's extension.js is ${vsix.bundleBytes ?? '?'} bytes, this run's build ${ours.bytes}: dist/ changed in between`
          }.`,
        };

  return [
    {
      id: '1a',
      label: 'dist/extension.js, production (minified)',
      value: kb(ours.bytes),
      raw: ours.bytes,
      unit: 'bytes',
      target: '≤ 150 KB',
      met: ours.bytes <= TARGET_BYTES,
      comparison: `@vercel/sdk entry ${kb(funcsBytes)} (core+funcs): ours ${relative(ours.bytes, funcsBytes)}; ${kb(classBytes)} (Vercel class): ours ${relative(ours.bytes, classBytes)}`,
      note:
        `Where our bytes come from: ${parts}. ` +
        'Ours is the whole extension (tree, status bar, details panel, client, zod schemas); the SDK entry only registers list/get/cancel commands. ' +
        'Both built by esbuild with the release options of esbuild.mjs (cjs, node20, minified, vscode external). 1 KB = 1024 bytes.',
    },
    packagedLine,
  ];
}
