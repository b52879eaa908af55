// Bundles the extension (and, with --tests, the integration suite) with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --production  minified release build
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** `--bundles-only --outdir=DIR`: just the two extension bundles, elsewhere (the bundle tests). */
const bundlesOnly = process.argv.includes('--bundles-only');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const root = dirname(fileURLToPath(import.meta.url));

/**
 * Two bundles. dist/extension.js holds what the first paint needs; everything
 * else (build logs, the details panel, link/unlink/sign-in, the lifecycle
 * commands) is dist/features.js, which src/lazy.ts requires on first use.
 * A module both need lives in the activation bundle only: the features
 * bundle reads it from there (see coreModules below), so there is one
 * VercelApiError, one zod registry, one store.
 */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

/** `require('./features.js')` in src/lazy.ts stays a require of the file beside the bundle. */
const featuresExternal = {
  name: 'features-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: './features.js', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: join(outdir, 'extension.js'),
  external: ['vscode'],
  plugins: [featuresExternal],
};

/** The source files (and packages) the activation bundle holds, repository-relative. */
async function activationInputs() {
  const result = await esbuild.build({ ...extension, minify: false, sourcemap: false, write: false, metafile: true });
  // src/api/zod.ts: the zod functions lazily loaded modules use, taken from the activation bundle's zod.
  return new Set([...Object.keys(result.metafile.inputs).filter((input) => !input.includes(':')), 'src/api/zod.ts']);
}

/**
 * In the features bundle, an import of a module the activation bundle holds
 * becomes a read of that module from `require('./extension.js').__modules`;
 * `used` collects which ones, for the activation bundle to export.
 */
function coreModules(inputs, used) {
  return {
    name: 'core-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'core-modules' || args.path === 'vscode' || args.kind === 'entry-point') return undefined;
        if (args.namespace === 'core-module') return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'core-modules' });
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const key = relative(root, resolved.path).split('\\').join('/');
        if (!inputs.has(key)) return undefined;
        used.add(key);
        return { path: key, namespace: 'core-module' };
      });
      build.onLoad({ filter: /.*/, namespace: 'core-module' }, (args) => ({
        contents: `module.exports = require('./extension.js').__modules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/** @type {import('esbuild').BuildOptions} */
const features = {
  ...common,
  entryPoints: ['src/features.ts'],
  outfile: join(outdir, 'features.js'),
  external: ['vscode'],
};

/** The activation bundle's entry: src/extension.ts, and the modules the features bundle reads from it. */
function activationEntry(used) {
  const keys = [...used].sort();
  const imports = keys.map((key, i) => `import * as m${i} from ${JSON.stringify(resolve(root, key))};`);
  const table = keys.map((key, i) => `  ${JSON.stringify(key)}: m${i},`);
  return {
    ...extension,
    entryPoints: undefined,
    stdin: {
      contents: [`export * from './src/extension';`, ...imports, `export const __modules = {`, ...table, `};`].join('\n'),
      resolveDir: root,
      sourcefile: 'activation-entry.ts',
      loader: 'ts',
    },
  };
}

/** Builds both bundles; the features bundle first, since it says which modules the activation bundle must export. */
async function buildExtension() {
  const inputs = await activationInputs();
  const used = new Set();
  const lazy = await esbuild.build({ ...features, plugins: [coreModules(inputs, used)], metafile: true });
  const core = await esbuild.build({ ...activationEntry(used), metafile: true });
  // The tests read which modules each bundle holds.
  if (bundlesOnly) {
    writeFileSync(join(outdir, 'extension.meta.json'), JSON.stringify(core.metafile));
    writeFileSync(join(outdir, 'features.meta.json'), JSON.stringify(lazy.metafile));
  }
  // `ANALYZE=1 node esbuild.mjs --production` says what takes the room in each bundle.
  if (process.env.ANALYZE) {
    console.log(await esbuild.analyzeMetafile(core.metafile));
    console.log(await esbuild.analyzeMetafile(lazy.metafile));
  }
}

/** Every `*.test.ts` under `dir`, at any depth. */
function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The integration suite runs inside the extension host, so it is bundled the
 * same way: the index plus one bundle per test file, which the index hands to
 * mocha. `mocha` stays external and is required from node_modules.
 */
const integration = {
  entryPoints: ['test/integration/suite/index.ts', ...testFiles('test/integration/suite')],
  outbase: 'test/integration/suite',
  outdir: 'dist/test/integration',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

/**
 * The details webview runs in a browser: its script, its stylesheet and the
 * codicon font go to media/dist/, the only folder the webview may load from.
 */
const webview = {
  entryPoints: [
    { in: 'media/details/main.ts', out: 'details' },
    { in: 'media/details/details.css', out: 'details' },
    { in: 'node_modules/@vscode/codicons/dist/codicon.css', out: 'codicon' },
  ],
  outdir: 'media/dist',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  loader: { '.ttf': 'file' },
  assetNames: '[name]',
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

/** Writes the JSON Schema that package.json's jsonValidation names, exported from the zod schemas. */
async function writeDeploymentSchema() {
  const { outputFiles } = await esbuild.build({
    entryPoints: ['src/details/schema.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const code = Buffer.from(outputFiles[0].contents).toString('base64');
  const { DEPLOYMENT_SCHEMA_FILE, deploymentJsonSchemaText } = await import(`data:text/javascript;base64,${code}`);
  writeFileSync(DEPLOYMENT_SCHEMA_FILE, deploymentJsonSchemaText());
}

function report() {
  const core = statSync(extension.outfile).size;
  const lazy = statSync(features.outfile).size;
  const suffix = production ? ' (minified)' : '';
  console.log(`dist/extension.js ${(core / 1024).toFixed(1)} KB${suffix}`);
  console.log(`dist/features.js ${(lazy / 1024).toFixed(1)} KB${suffix} (loaded on first use)`);
}

if (watch) {
  // Which modules the two bundles share depends on the whole source: rebuild both on any change.
  const ctx = await esbuild.context({
    ...common,
    entryPoints: ['src/extension.ts', 'src/features.ts'],
    outdir: 'dist',
    external: ['vscode'],
    write: false,
    plugins: [
      featuresExternal,
      {
        name: 'rebuild',
        setup: (b) =>
          b.onEnd(async () => {
            try {
              await buildExtension();
              report();
            } catch (error) {
              console.error(error instanceof Error ? error.message : error);
            }
          }),
      },
    ],
  });
  await ctx.watch();
  await (await esbuild.context(webview)).watch();
  await writeDeploymentSchema();
  console.log('watching for changes…');
} else if (bundlesOnly) {
  await buildExtension();
} else {
  await buildExtension();
  report();
  // Stale files (source maps of a development build) must not ship in a release.
  rmSync(webview.outdir, { recursive: true, force: true });
  await esbuild.build(webview);
  await writeDeploymentSchema();
  if (process.argv.includes('--tests')) {
    // A test file deleted from the source must not keep running from a stale bundle.
    rmSync(integration.outdir, { recursive: true, force: true });
    await esbuild.build(integration);
  }
}
