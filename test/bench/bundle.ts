/**
 * Row 1 — Bundle: bytes of the production activation bundle
 * (dist/extension.js), of everything (it and dist/features.js, loaded on
 * first use) and of the packaged .vsix. The activation bundle beside the
 * bundle esbuild makes of a minimal extension that does the same three API
 * calls with the official @vercel/sdk; everything beside the same source
 * built the way it was before the split, into one bundle, in the same run.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext } from './context';
import { run } from './context';
import type { Line } from './report';
import { kb, times } from './stats';

/** The issue's target for the activation bundle. */
const ACTIVATION_TARGET_BYTES = 110 * 1024;

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
  /** Size of extension/dist/features.js inside the package. */
  readonly featuresBytes: number | undefined;
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
  const sizeOf = (name: string) => {
    const entry = entries.find((m) => m[2] === name);
    return entry ? Number(entry[1]) : undefined;
  };
  return {
    path: out,
    bytes: fs.statSync(out).size,
    files: entries.length,
    bundleBytes: sizeOf('extension/dist/extension.js'),
    featuresBytes: sizeOf('extension/dist/features.js'),
  };
}

type Metafile = esbuild.Metafile;

/** The esbuild metafiles of both bundles, built by esbuild.mjs itself (`--bundles-only`) into scratch space. */
async function splitMetafiles(ctx: BenchContext): Promise<{ core: Metafile; features: Metafile; webCore: Metafile; webFeatures: Metafile }> {
  const outdir = path.join(ctx.tmp, 'split-meta');
  await run(process.execPath, ['esbuild.mjs', '--production', '--bundles-only', `--outdir=${outdir}`], { cwd: ctx.root, maxBuffer: 16 * 1024 * 1024 });
  const read = (name: string): Metafile => JSON.parse(fs.readFileSync(path.join(outdir, name), 'utf8')) as Metafile;
  return {
    core: read('extension.meta.json'),
    features: read('features.meta.json'),
    webCore: read('web-extension.meta.json'),
    webFeatures: read('web-features.meta.json'),
  };
}

/**
 * The same source the way it was bundled before the split: src/extension.ts
 * and src/features.ts in one bundle (src/lazy.ts's `require('./features.js')`
 * then resolves to src/features.ts inside it), release options, nothing
 * shared through `__modules`.
 */
export function singleBundle(ctx: BenchContext): Promise<SingleBundle> {
  singleBuild ??= buildSingleBundle(ctx);
  return singleBuild;
}

export interface SingleBundle {
  readonly path: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

let singleBuild: Promise<SingleBundle> | undefined;

async function buildSingleBundle(ctx: BenchContext): Promise<SingleBundle> {
  ctx.log('bundling the same source as one bundle (the pre-split shape)');
  const outfile = path.join(ctx.tmp, 'single-bundle.js');
  const result = await esbuild.build({
    ...RELEASE_OPTIONS,
    absWorkingDir: ctx.root,
    stdin: {
      contents: "export * from './src/extension';\nexport { activateFeatures as __activateFeatures } from './src/features';\n",
      resolveDir: ctx.root,
      sourcefile: 'single-bundle-entry.ts',
      loader: 'ts',
    },
    outfile,
    metafile: true,
  });
  const text = fs.readFileSync(outfile, 'utf8');
  if (text.includes('./features.js')) throw new Error('the single bundle still requires ./features.js: it is not the pre-split shape');
  return { path: outfile, bytes: fs.statSync(outfile).size, metafile: result.metafile };
}

/** Where the bytes of a bundle come from, by its metafile: our code, zod, zod's locales, other packages. */
function composition(metafile: Metafile): string {
  const output = Object.values(metafile.outputs)[0];
  if (!output) return 'composition unknown';
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    // node_modules may be a link elsewhere (a run on an exported snapshot): match it anywhere in the path.
    const group = input.startsWith('src/')
      ? 'our code (src/)'
      : /node_modules\/zod\/.*\/locales\//.test(input)
        ? 'zod locales'
        : input.startsWith('core-module:')
          ? 'bindings read from the activation bundle'
          : input.startsWith('deferred:')
            ? 'stand-ins of deferred modules'
            : (/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
              (input.includes('activation-entry') ? 'the shared-bindings table' : input.includes('single-bundle-entry') ? 'the entry' : input));
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
  ctx.log('bundle: both bundles again with metafiles');
  const meta = await splitMetafiles(ctx);
  const single = await singleBundle(ctx);
  const metaBytes = (m: Metafile) => Object.values(m.outputs)[0]?.bytes ?? 0;
  // The metafile builds must be the build measured, else their composition describes another bundle.
  const sameBuild = metaBytes(meta.core) === ours.bytes && metaBytes(meta.features) === ours.featuresBytes;
  const everything = ours.bytes + ours.featuresBytes;

  const packagedLine: Line =
    vsix instanceof Error
      ? { id: '1c', label: '.vsix (vsce package, as npm run package)', value: 'failed', raw: null, unit: 'bytes', error: vsix.message, note: vsix.message }
      : {
          id: '1c',
          label: '.vsix (vsce package, as npm run package)',
          value: kb(vsix.bytes),
          raw: vsix.bytes,
          unit: 'bytes',
          note: `${vsix.files} files; ${
            vsix.bundleBytes === ours.bytes && vsix.featuresBytes === ours.featuresBytes
              ? "the package holds this run's two bundles byte for byte"
              : `CAUTION: the package's extension.js is ${vsix.bundleBytes ?? '?'} bytes and features.js ${vsix.featuresBytes ?? 'absent'}, this run's build ${ours.bytes} and ${ours.featuresBytes}: dist/ changed in between`
          }.`,
        };

  return [
    {
      id: '1a',
      label: 'activation bundle: dist/extension.js, production (minified)',
      value: kb(ours.bytes),
      raw: ours.bytes,
      unit: 'bytes',
      target: '≤ 110 KB',
      met: ours.bytes <= ACTIVATION_TARGET_BYTES,
      comparison: `@vercel/sdk entry ${kb(funcsBytes)} (core+funcs): ours ${relative(ours.bytes, funcsBytes)}; ${kb(classBytes)} (Vercel class): ours ${relative(ours.bytes, classBytes)}`,
      note:
        `What activation loads (tree, status bar, client, store, caches, the stand-ins of the lazy features); where its bytes come from: ${composition(meta.core)}` +
        `${sameBuild ? '' : ' (CAUTION: the metafile build differs in size from the measured one)'}. ` +
        'The SDK entry only registers list/get/cancel commands. Both built by esbuild with the release options of esbuild.mjs (cjs, node20, minified, vscode external). 1 KB = 1024 bytes.',
    },
    {
      id: '1b',
      label: 'everything: dist/extension.js + dist/features.js',
      value: kb(everything),
      raw: everything,
      unit: 'bytes',
      target: '≤ the pre-split single bundle',
      met: everything <= single.bytes,
      comparison: `the same source as one bundle (pre-split shape) ${kb(single.bytes)}: the split costs ${everything >= single.bytes ? `${kb(everything - single.bytes)} more` : `${kb(single.bytes - everything)} less`} (${((everything / single.bytes - 1) * 100).toFixed(1)} %)`,
      note:
        `${kb(ours.bytes)} at activation + ${kb(ours.featuresBytes)} loaded on first use (build logs, details panel, link/unlink/sign-in, lifecycle commands); ` +
        `features.js holds ${composition(meta.features)}. ` +
        `The comparison is esbuild of one entry exporting src/extension.ts and src/features.ts with the same release options, built in this run from the same source (the last figure measured before the split, BENCHMARKS.md at 9278c95, was 224.7 KB for that shape); ` +
        `it holds ${composition(single.metafile)}.`,
    },
    packagedLine,
    {
      id: '1d',
      label: 'browser activation bundle: dist/web/extension.js, production (minified)',
      value: kb(metaBytes(meta.webCore)),
      raw: metaBytes(meta.webCore),
      unit: 'bytes',
      target: '≤ 110 KB',
      met: metaBytes(meta.webCore) <= ACTIVATION_TARGET_BYTES,
      comparison: `Node's activation bundle ${kb(ours.bytes)} in the same run; the browser's features bundle ${kb(metaBytes(meta.webFeatures))} beside Node's ${kb(ours.featuresBytes)}`,
      note:
        `The \`browser\` entry (vscode.dev, github.dev): the same source for the web worker extension host (platform browser, es2022, no Node built-in), the rest loaded on first use by reading and evaluating dist/web/features.js. ` +
        `Where its bytes come from: ${composition(meta.webCore)}.`,
    },
  ];
}
