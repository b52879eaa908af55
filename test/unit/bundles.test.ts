/**
 * The two bundles (esbuild.mjs): the activation bundle holds what the first
 * paint needs and nothing of the features loaded on first use; no module is
 * in both (one VercelApiError, one zod); `vscode` is required plainly, with
 * no per-module copy of its ~190 keys.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');

interface Metafile {
  readonly outputs: Record<
    string,
    { readonly inputs: Record<string, { readonly bytesInOutput: number }>; readonly imports: readonly { readonly path: string; readonly external?: boolean }[] }
  >;
}

const NODE_BUILTIN = /^(node:|(assert|buffer|child_process|crypto|events|fs|http|https|module|net|os|path|stream|url|util|zlib)(\/|$))/;

for (const variant of [
  { name: 'Node', prefix: '' },
  { name: 'browser (web worker)', prefix: 'web-' },
] as const) {
  describe(`the activation and features bundles, ${variant.name}`, function () {
    this.timeout(120_000);
    let out: string;
    let core: Set<string>;
    let lazy: Set<string>;
    let coreText: string;
    let lazyText: string;
    let externals: string[];

    before(() => {
      out = mkdtempSync(path.join(tmpdir(), 'bundles-'));
      execFileSync(process.execPath, ['esbuild.mjs', '--production', '--bundles-only', `--outdir=${out}`], { cwd: root, stdio: 'pipe' });
      // The modules with code in the bundle (one reached but shaken away is not in it).
      const inputs = (file: string) =>
        new Set(
          Object.values((JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Metafile).outputs).flatMap((output) =>
            Object.entries(output.inputs)
              .filter(([, input]) => input.bytesInOutput > 0)
              .map(([name]) => name),
          ),
        );
      core = inputs(`${variant.prefix}extension.meta.json`);
      lazy = inputs(`${variant.prefix}features.meta.json`);
      const dir = variant.prefix === '' ? out : path.join(out, 'web');
      coreText = readFileSync(path.join(dir, 'extension.js'), 'utf8');
      lazyText = readFileSync(path.join(dir, 'features.js'), 'utf8');
      externals = [`${variant.prefix}extension.meta.json`, `${variant.prefix}features.meta.json`].flatMap((file) =>
        Object.values((JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Metafile).outputs).flatMap((output) =>
          output.imports.filter((i) => i.external).map((i) => i.path),
        ),
      );
    });

    after(() => rmSync(out, { recursive: true, force: true }));

    it('keeps build logs, runtime logs, the details panel, link/unlink/sign-in and the lifecycle commands out of the activation bundle', () => {
      const lazyOnly = [
        'src/api/runtimeLogRequests.ts',
        'src/api/runtimeLogSchemas.ts',
        'src/api/ndjson.ts',
        'src/runtimeLogs/index.ts',
        'src/runtimeLogs/model.ts',
        'src/runtimeLogs/follower.ts',
        'src/runtimeLogs/frames.ts',
        'src/runtimeLogs/frameFiles.ts',
        'src/runtimeLogs/providers.ts',
        'src/runtimeLogs/diagnostics.ts',
        'src/api/deployment.ts',
        'src/api/zodLocale.ts',
        'src/commands/filter.ts',
        'src/logs/model.ts',
        'src/logs/problems.ts',
        'src/logs/providers.ts',
        'src/logs/follower.ts',
        'src/logs/diagnostics.ts',
        'src/details/panel.ts',
        'src/details/jsonDocument.ts',
        'src/commands/linkProject.ts',
        'src/commands/unlinkProject.ts',
        'src/commands/setToken.ts',
        'src/commands/cancel.ts',
        'src/commands/redeploy.ts',
        'src/commands/promote.ts',
        'src/commands/rollback.ts',
        'src/commands/delete.ts',
      ];
      for (const file of lazyOnly) {
        assert.ok(!core.has(file), `${file} is in the activation bundle`);
        assert.ok(lazy.has(file), `${file} is not in the features bundle`);
      }
      for (const file of ['src/extension.ts', 'src/deployments/store.ts', 'src/api/client.ts', 'src/deployments/treeProvider.ts', 'src/statusBar/deployStatusBar.ts']) {
        assert.ok(core.has(file), `${file} is not in the activation bundle`);
      }
    });

    it('bundles no module twice: what both need, the features bundle reads from the activation bundle', () => {
      const twice = [...lazy].filter((file) => core.has(file));
      assert.deepEqual(twice, []);
      // zod's classes and registry are only in the activation bundle; its English messages load with the features.
      assert.deepEqual(
        [...lazy].filter((file) => file.startsWith('node_modules/zod/') && !file.startsWith('node_modules/zod/v4/locales/')),
        [],
        'zod is only in the activation bundle',
      );
      assert.match(lazyText, /require\("\.\/extension\.js"\)\.__modules\[\d+\]/, 'the features bundle reads modules from the activation bundle');
      assert.ok(coreText.includes('"VercelApiError"'), 'VercelApiError is defined in the activation bundle');
      assert.ok(!lazyText.includes('"VercelApiError"'), 'and not again in the features bundle');
    });

    it('requires vscode plainly, without esbuild copying its API object into every module', () => {
      assert.ok(!/__toESM\(require\("vscode"\)\)/.test(coreText), 'the activation bundle wraps require("vscode")');
      assert.ok(!/__toESM\(require\("vscode"\)\)/.test(lazyText), 'the features bundle wraps require("vscode")');
    });

    it('requires nothing but vscode and its own two files; in the browser, no Node built-in and the browser variants', () => {
      assert.deepEqual([...new Set(externals)].filter((p) => !['vscode', './features.js', './extension.js'].includes(p) && !(variant.prefix === '' && NODE_BUILTIN.test(p))), []);
      if (variant.prefix === 'web-') {
        assert.deepEqual(externals.filter((p) => NODE_BUILTIN.test(p)), [], 'a Node built-in in the web bundles');
        assert.ok(lazy.has('src/auth/cliLogin.web.ts') && !lazy.has('src/auth/cliLogin.ts'), "the browser's cliLogin, which offers no CLI login");
        assert.ok(core.has('src/api/deferredStandIns.ts'), 'the deferred modules answer from their browser stand-ins');
      }
    });
  });
}
