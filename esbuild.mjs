// Bundles the extension (and, with --tests, the integration suite) with esbuild.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --production  minified release build
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
 *
 * The same two bundles are built for the browser's web worker extension host
 * (vscode.dev, github.dev) into dist/web/: `src/x.web.ts` stands in for
 * `src/x.ts` where there is one (webFiles), and a Node built-in anywhere in
 * them fails the build (noNodeBuiltins).
 */
const baseCommon = {
  bundle: true,
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};
const common = { ...baseCommon, platform: 'node', target: 'node20' };
const webCommon = { ...baseCommon, platform: 'browser', target: 'es2022' };

/** Where a Node built-in would be: named so the message says which one and who imports it. */
const NODE_BUILTIN = /^(node:.*|assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|fs\/promises|http|http2|https|module|net|os|path|perf_hooks|process|querystring|readline|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)$/;

/** The web bundles must not import a Node built-in: the browser has none. */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: NODE_BUILTIN }, (args) => ({
      errors: [{ text: `the web bundle must not import the Node built-in '${args.path}' (imported by ${relative(root, args.importer) || args.importer}); give that module a .web.ts variant` }],
    }));
  },
};

/**
 * `import * as vscode from 'vscode'` becomes a plain `require('vscode')`:
 * esbuild would wrap it in __toESM(require('vscode')) in every module,
 * copying the API object's ~190 keys each time at start-up. The source keeps
 * the ordinary import (it is what vscode-l10n-dev reads `vscode.l10n.t` by).
 */
const plainVscode = {
  name: 'plain-vscode',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replace(/^import \* as vscode from 'vscode';$/m, "import vscode = require('vscode');"), loader: 'ts' };
    });
  },
};

/** `require('./features.js')` in src/lazy.ts stays a require of the file beside the bundle. */
const featuresExternal = {
  name: 'features-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: './features.js', external: true }));
  },
};

/**
 * Modules the activation bundle's code imports but never calls at start-up,
 * and that are large: in the activation bundle each is a stand-in whose
 * functions load the features bundle (which exports the real ones, see
 * src/features.ts) on the first call. Only functions may be exported.
 */
const deferredModules = {
  // The full deployment schema with every field's documentation: parsed only for one deployment's details.
  'src/api/deployment.ts': ['deploymentSchema'],
  // zod's English messages: needed only when a response breaks its schema.
  'src/api/zodLocale.ts': ['localeError'],
  // The requests only a person's action sends (cancel, deploy, upload, promote, rollback, delete, build-log events, teams and projects for linking).
  'src/api/actionRequests.ts': ['actionRequests'],
  // Environment-variable requests (client.env): only the Environment Variables view and its commands send them.
  'src/api/envApi.ts': ['envApi'],
  // Runtime logs: their two requests and the NDJSON reader streams use, asked for only once someone opens a log.
  'src/api/runtimeLogRequests.ts': ['requestLogs', 'runtimeLogStream'],
  'src/api/ndjson.ts': ['chunksOf', 'readNdjson'],
};

/** build.resolve without `name` (the plugin asking) answering again: each plugin marks what it already asked. */
function resolveBypassing(build, args, name) {
  const marks = typeof args.pluginData === 'object' && args.pluginData !== null ? args.pluginData : {};
  return build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { ...marks, [name]: true } });
}
const bypassed = (args, name) => typeof args.pluginData === 'object' && args.pluginData !== null && args.pluginData[name] === true;

/**
 * The stand-ins. In Node a stand-in requires the features bundle (loading a
 * module is synchronous there). The browser loads a bundle only
 * asynchronously, so there each function is src/api/deferredStandIns.ts's:
 * the real one once the features bundle is loaded, a fallback before.
 */
function deferred(web) {
  return {
    name: 'deferred-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (bypassed(args, 'deferred-modules') || args.namespace === 'deferred') return undefined;
        const resolved = await resolveBypassing(build, args, 'deferred-modules');
        const key = relative(root, resolved.path).split('\\').join('/');
        return key in deferredModules ? { path: key, namespace: 'deferred' } : undefined;
      });
      build.onResolve({ filter: /^\.\/features\.js$/, namespace: 'deferred' }, () => ({ path: './features.js', external: true }));
      build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
        contents: web
          ? [
              `import { deferredCall } from ${JSON.stringify(resolve(root, 'src/api/deferredStandIns.ts'))};`,
              ...deferredModules[args.path].map((name) => `export function ${name}(...args) { return deferredCall(${JSON.stringify(name)}, args); }`),
            ].join('\n')
          : deferredModules[args.path]
              .map((name) => `export function ${name}(...args) { return require('./features.js').${name}(...args); }`)
              .join('\n'),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/** In the web bundles, `src/x.web.ts` replaces `src/x.ts` wherever one is imported. */
const webFiles = {
  name: 'web-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (bypassed(args, 'web-files')) return undefined;
      const resolved = await resolveBypassing(build, args, 'web-files');
      if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file' || !resolved.path.endsWith('.ts')) return undefined;
      const web = resolved.path.replace(/\.ts$/, '.web.ts');
      return existsSync(web) ? { path: web } : undefined;
    });
  },
};

/**
 * The two bundles of one extension host: Node's (dist/) or the browser's web
 * worker's (dist/web/).
 */
function variant(web) {
  const dir = web ? join(outdir, 'web') : outdir;
  const base = web ? webCommon : common;
  const platformPlugins = web ? [noNodeBuiltins, webFiles] : [];
  return {
    web,
    name: web ? 'web' : 'node',
    /** @type {import('esbuild').BuildOptions} */
    extension: {
      ...base,
      entryPoints: ['src/extension.ts'],
      outfile: join(dir, 'extension.js'),
      external: ['vscode'],
      plugins: [plainVscode, ...platformPlugins, featuresExternal, deferred(web)],
    },
    /** @type {import('esbuild').BuildOptions} */
    features: {
      ...base,
      entryPoints: ['src/features.ts'],
      outfile: join(dir, 'features.js'),
      external: ['vscode'],
    },
    platformPlugins,
  };
}
const node = variant(false);
const web = variant(true);

/** The source files (and packages) the activation bundle holds, repository-relative. */
async function activationInputs(v) {
  const result = await esbuild.build({ ...v.extension, minify: false, sourcemap: false, write: false, metafile: true });
  // Only modules with code in the bundle: one reached but shaken away (zod's other locales) is not there to share.
  const held = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input),
  );
  // src/api/zod.ts: the zod functions lazily loaded modules use, taken from the activation bundle's zod.
  return new Set([...held.filter((input) => !input.includes(':')), 'src/api/zod.ts']);
}

/** The repository-relative key of an import that resolves to a module the activation bundle holds, else undefined. */
async function coreKey(build, inputs, args) {
  if (bypassed(args, 'core-modules') || args.path === 'vscode' || args.kind === 'entry-point') return undefined;
  const resolved = await resolveBypassing(build, args, 'core-modules');
  if (resolved.errors.length > 0 || resolved.external) return undefined;
  const key = relative(root, resolved.path).split('\\').join('/');
  return inputs.has(key) ? key : undefined;
}

/**
 * First look at the features bundle: an ESM build that leaves every module
 * the activation bundle holds external, so that its import statements name
 * exactly the bindings the features use, after tree shaking.
 * Returns, per module key, those names (a namespace import used as a whole takes every export).
 */
async function featuresImports(v, inputs) {
  const probe = {
    name: 'core-modules-probe',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        const key = await coreKey(build, inputs, args);
        return key === undefined ? undefined : { path: `core:${key}`, external: true };
      });
    },
  };
  const result = await esbuild.build({ ...v.features, format: 'esm', minify: false, sourcemap: false, write: false, plugins: [plainVscode, ...v.platformPlugins, probe] });
  /** A namespace import takes every export of the module: esbuild's metafile lists them. */
  const exportsOf = async (key) => {
    const built = await esbuild.build({ entryPoints: [resolve(root, key)], bundle: true, format: 'esm', platform: v.web ? 'browser' : 'node', write: false, metafile: true, outdir: 'out', logLevel: 'silent', external: ['*'] });
    return Object.values(built.metafile.outputs).flatMap((o) => o.exports ?? []);
  };
  const text = result.outputFiles[0].text;
  const used = new Map();
  for (const [, clause, key] of text.matchAll(/^import\s+([^;]*?)\s+from\s+"core:([^"]+)";/gm)) {
    const names = used.get(key) ?? new Set();
    used.set(key, names);
    const namespace = /^\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(clause)?.[1];
    if (namespace) {
      // A namespace used only as `ns.member` needs only those members; used any other way, all of them.
      const rest = text.replace(/^import\s+[^;]*?\s+from\s+"core:[^"]+";/gm, '').replace(/^\s*\/\/.*$/gm, '');
      const members = [...rest.matchAll(new RegExp(`\\b${namespace}\\.([A-Za-z_$][\\w$]*)`, 'g'))].map((m) => m[1]);
      const bare = new RegExp(`(?<![\\w$./])${namespace}\\b(?!\\.)`).test(rest);
      if (bare) names.add('*');
      else for (const member of members) names.add(member);
    }
    for (const [, inner] of clause.matchAll(/\{([^}]*)\}/g)) {
      for (const part of inner.split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name) names.add(name);
      }
    }
    if (/^[A-Za-z_$][\w$]*(\s*,|$)/.test(clause.trim())) names.add('default');
  }
  for (const [key, names] of used) {
    if (names.delete('*')) for (const name of await exportsOf(key)) names.add(name);
  }
  return used;
}

/**
 * In the features bundle, a module the activation bundle holds is a facade
 * over `require('./extension.js').__modules[key]`: its bindings become local
 * constants, so call sites stay as short as in one bundle.
 */
function coreModules(inputs, used) {
  return {
    name: 'core-modules',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === 'core-module') return { path: args.path, external: true };
        const key = await coreKey(build, inputs, args);
        return key === undefined ? undefined : { path: key, namespace: 'core-module' };
      });
      build.onLoad({ filter: /.*/, namespace: 'core-module' }, (args) => {
        // The table is positional on both sides (see activationEntry): module by index, binding by index.
        const index = [...used.keys()].sort().indexOf(args.path);
        const list = [...used.get(args.path)].sort();
        return {
          // `const b0 = m[0]; export { b0 as enum }`: an export may be named by a reserved word.
          contents: [
            `const m = require('./extension.js').__modules[${index}];`,
            ...list.map((_, i) => `const b${i} = m[${i}];`),
            `export { ${list.map((name, i) => `b${i} as ${name}`).join(', ')} };`,
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

/** The activation bundle's entry: src/extension.ts, and what of its modules the features bundle reads. */
function activationEntry(v, used) {
  // Positional: __modules[i][j] is binding j (sorted) of module i (sorted), as coreModules reads it; names would cost bytes twice.
  const keys = [...used.keys()].sort();
  const imports = keys.map((key, i) => `import { ${[...used.get(key)].sort().map((n, j) => `${n} as m${i}_${j}`).join(', ')} } from ${JSON.stringify(resolve(root, key))};`);
  const table = keys.map((key, i) => `  [${[...used.get(key)].sort().map((_, j) => `m${i}_${j}`).join(', ')}], // ${key}`);
  return {
    ...v.extension,
    entryPoints: undefined,
    stdin: {
      contents: [
        `export * from './src/extension';`,
        ...imports,
        `export const __modules = [`,
        ...table,
        `];`,
        // The browser's loader hands the table to the features bundle (src/lazyLoad.web.ts): it has no require('./extension.js').
        ...(v.web ? [`import { provideCoreModules } from ${JSON.stringify(resolve(root, 'src/lazyLoad.web.ts'))};`, `provideCoreModules(__modules);`] : []),
      ].join('\n'),
      resolveDir: root,
      sourcefile: 'activation-entry.ts',
      loader: 'ts',
    },
  };
}

/** Builds both bundles of a variant; the features bundle first, since it says what the activation bundle must hand it. */
async function buildVariant(v) {
  const inputs = await activationInputs(v);
  const used = await featuresImports(v, inputs);
  if (process.env.ANALYZE) for (const [key, names] of used) console.log(key, [...names].join(" "));
  const lazy = await esbuild.build({ ...v.features, plugins: [plainVscode, ...v.platformPlugins, coreModules(inputs, used)], metafile: true });
  const core = await esbuild.build({ ...activationEntry(v, used), metafile: true });
  // The tests read which modules each bundle holds.
  if (bundlesOnly) {
    const prefix = v.web ? 'web-' : '';
    writeFileSync(join(outdir, `${prefix}extension.meta.json`), JSON.stringify(core.metafile));
    writeFileSync(join(outdir, `${prefix}features.meta.json`), JSON.stringify(lazy.metafile));
  }
  // `ANALYZE=1 node esbuild.mjs --production` says what takes the room in each bundle.
  if (process.env.ANALYZE) {
    console.log(await esbuild.analyzeMetafile(core.metafile));
    console.log(await esbuild.analyzeMetafile(lazy.metafile));
  }
}

/** Node's bundles and the browser's. */
async function buildExtension() {
  await buildVariant(node);
  await buildVariant(web);
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
 * The web integration suite runs in a browser's web worker extension host
 * (runIntegration.ts --web): one browser bundle with mocha's browser build
 * and an assert for the worker (test/integration/web/assert.ts).
 */
const webIntegration = {
  entryPoints: ['test/integration/web/index.ts'],
  outfile: 'dist/test/web/index.js',
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  plugins: [
    {
      name: 'worker-assert',
      setup(build) {
        build.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: resolve(root, 'test/integration/web/assert.ts') }));
      },
    },
    noNodeBuiltins,
  ],
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
  const suffix = production ? ' (minified)' : '';
  for (const v of [node, web]) {
    const core = statSync(v.extension.outfile).size;
    const lazy = statSync(v.features.outfile).size;
    console.log(`${v.extension.outfile} ${(core / 1024).toFixed(1)} KB${suffix}`);
    console.log(`${v.features.outfile} ${(lazy / 1024).toFixed(1)} KB${suffix} (loaded on first use)`);
  }
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
    await esbuild.build(webIntegration);
  }
}
