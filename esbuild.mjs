// Bundles the extension (and, with --tests, the integration suite) with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --production  minified release build
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  console.log('watching for changes…');
} else {
  await esbuild.build(extension);
  report();
  if (process.argv.includes('--tests')) {
    // A test file deleted from the source must not keep running from a stale bundle.
    rmSync(integration.outdir, { recursive: true, force: true });
    await esbuild.build(integration);
  }
}
