/**
 * A person waiting for their build: it finishes while they work, a
 * notification says so, and its button takes them where they need to go —
 * the build log of a failed build. In a real workbench (code-server in
 * Chromium) against the emulator; nothing is asked of the API for it beyond
 * the tree's own poll.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { enterToken, openWorkbench, polls, runCommand, type Workbench } from './workbench';

const READY_COMMIT = 'checkout: faster totals';
const FAILED_COMMIT = 'checkout: new coupon field';
const SCREENSHOT = process.env.E2E_SCREENSHOT_DIR ? path.join(process.env.E2E_SCREENSHOT_DIR, 'notification.png') : undefined;

describe('a person hears when their build finishes', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;
  let ready = '';
  let failed = '';

  before(async () => {
    bench = await openWorkbench({
      // The workbench has no Git repository here, so hear about every build rather than the current branch's.
      // Short polls while building and when idle, so "the next polls" come within seconds once both builds ended.
      settings: {
        'vercelDeployments.notifications': 'all',
        'vercelDeployments.refresh.activeIntervalSeconds': 2,
        'vercelDeployments.refresh.idleIntervalSeconds': 2,
      },
      seed: async (control) => {
        ready = (await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: READY_COMMIT, githubCommitRef: 'feat/totals', githubCommitSha: 'a1b2c3d4e5f6a7b8c9d0' } })).id;
        failed = (await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: FAILED_COMMIT, githubCommitRef: 'feat/coupon', githubCommitSha: 'f0e1d2c3b4a5968778695a4b' } })).id;
      },
      layout: (root, info) => ({ folder: createLinkedWorkspace(path.join(root, 'shop'), info) }),
    });
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await runCommand(page, 'Vercel: Set Token');
    await enterToken(page);
    await page.getByRole('treeitem').filter({ hasText: READY_COMMIT }).first().waitFor({ timeout: 60_000 });
  });

  after(() => bench?.close());

  const toast = (text: RegExp) => bench.page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();

  it('says "Ready" with the branch, commit and URL when a build it saw running is ready', async () => {
    await bench.control.setState(ready, 'READY');
    const item = toast(/Ready: feat\/totals · a1b2c3d/);
    await item.waitFor({ timeout: 60_000 });
    const text = await item.innerText();
    assert.match(text, /https:\/\//);
    assert.match(text, /Open/);
    assert.match(text, /Copy URL/);
    if (SCREENSHOT) {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await bench.page.screenshot({ path: SCREENSHOT });
    }
  });

  it('says "Failed" for a failed build, and Show Build Logs opens its log', async () => {
    await bench.control.setState(failed, 'ERROR');
    const item = toast(/Failed: feat\/coupon · f0e1d2c/);
    await item.waitFor({ timeout: 60_000 });
    await item.getByRole('button', { name: 'Show Build Logs' }).click();
    await bench.page.locator('.tab', { hasText: /\.log|coupon/ }).first().waitFor({ timeout: 60_000 });
    await bench.page.locator('.editor-instance .monaco-editor .view-line').first().waitFor({ timeout: 60_000 });
  });

  it('says it once: the next polls bring no second notification', async () => {
    await polls(bench, 2);
    assert.equal(await bench.page.locator('.notifications-toasts .notification-list-item', { hasText: /Ready: feat\/totals/ }).count() <= 1, true);
    await runCommand(bench.page, 'Notifications: Show Notifications');
    const center = bench.page.locator('.notifications-center .notification-list-item', { hasText: /Ready: feat\/totals/ });
    await center.first().waitFor({ timeout: 30_000 });
    assert.equal(await center.count(), 1, 'one notification for the ready build');
  });
});
