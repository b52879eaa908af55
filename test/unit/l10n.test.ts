/** Everything a person reads is localizable: the manifest's %keys% and the vscode.l10n bundle stay complete. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');

describe('localization', () => {
  it('has a package.nls.json entry for every %key% in package.json, and no stale ones', () => {
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    assert.deepEqual([...used].filter((key) => !(key in nls)), [], 'missing from package.nls.json');
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'unused in package.json');
  });

  it('keeps l10n/bundle.l10n.json in step with the vscode.l10n.t calls (npm run l10n)', function () {
    this.timeout(60_000);
    const out = mkdtempSync(path.join(tmpdir(), 'l10n-'));
    try {
      execFileSync(path.join(root, 'node_modules/.bin/vscode-l10n-dev'), ['export', '--outDir', out, './src'], { cwd: root, stdio: 'pipe' });
      const fresh = JSON.parse(readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8'));
      const committed = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.json'), 'utf8'));
      assert.deepEqual(committed, fresh, 'run `npm run l10n` and commit l10n/bundle.l10n.json');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
