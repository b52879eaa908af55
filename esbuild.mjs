// Bundles the extension (and, with --tests, the integration suite) with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --production  minified release build
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const extension = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

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
  const bytes = statSync(extension.outfile).size;
  console.log(`dist/extension.js ${(bytes / 1024).toFixed(1)} KB${production ? ' (minified)' : ''}`);
}

if (watch) {
  const ctx = await esbuild.context({
    ...extension,
    plugins: [{ name: 'report', setup: (b) => b.onEnd((r) => { if (r.errors.length === 0) report(); }) }],
  });
  await ctx.watch();
  await (await esbuild.context(webview)).watch();
  await writeDeploymentSchema();
  console.log('watching for changes…');
} else {
  await esbuild.build(extension);
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
