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
  readonly inputs: Record<string, unknown>;
}

describe('the activation and features bundles', function () {
  this.timeout(120_000);
  let out: string;
  let core: Set<string>;
  let lazy: Set<string>;
  let coreText: string;
  let lazyText: string;

  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'bundles-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--bundles-only', `--outdir=${out}`], { cwd: root, stdio: 'pipe' });
    const inputs = (file: string) => new Set(Object.keys((JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Metafile).inputs));
    core = inputs('extension.meta.json');
    lazy = inputs('features.meta.json');
    coreText = readFileSync(path.join(out, 'extension.js'), 'utf8');
    lazyText = readFileSync(path.join(out, 'features.js'), 'utf8');
  });

  after(() => rmSync(out, { recursive: true, force: true }));

  it('keeps build logs, the details panel, link/unlink/sign-in and the lifecycle commands out of the activation bundle', () => {
    const lazyOnly = [
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
    assert.ok(![...lazy].some((file) => file.includes('node_modules/zod')), 'zod is only in the activation bundle');
    assert.match(lazyText, /require\("\.\/extension\.js"\)\.__modules\["src\/api\/errors\.ts"\]/, 'errors come from the activation bundle');
  });

  it('requires vscode plainly, without esbuild copying its API object into every module', () => {
    assert.ok(!/__toESM\(require\("vscode"\)\)/.test(coreText), 'the activation bundle wraps require("vscode")');
    assert.ok(!/__toESM\(require\("vscode"\)\)/.test(lazyText), 'the features bundle wraps require("vscode")');
  });
});
