/**
 * A release engineer's bad day, end to end in a real workbench (code-server
 * in headless Chromium, against the emulator): production broke, so they roll
 * back from the row's context menu, watch **Current** move to the earlier
 * deployment, and read that deployment's page — the details panel's header —
 * in a dark and a light theme; then browse the rows, which share one preview
 * tab until they work in it. The header screenshots go to .tmp/, or with
 * UPDATE_SCREENSHOTS=1 to media/ for the README (so that a test run leaves
 * the committed images alone).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { enterToken, openWorkbench, runCommandExact, type Workbench } from './workbench';

const BROKEN = 'checkout: charge the card twice (oops)';
const GOOD = 'checkout: show the coupon field again';
const repoRoot = path.resolve(__dirname, '..', '..');
const shots = path.join(repoRoot, process.env.UPDATE_SCREENSHOTS ? 'media' : '.tmp');

describe('a person rolls production back and reads the deployment it went to', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;

  before(async () => {
    bench = await openWorkbench({
      seed: async (control) => {
        const now = Date.now();
        await control.createDeployment({
          readyState: 'READY',
          target: 'production',
          created: now - 3 * 60 * 60_000,
          meta: {
            githubCommitMessage: `${GOOD}\n\nCloses #482.`,
            githubCommitRef: 'main',
            githubCommitSha: '4f1c2a9e7b3d5f8a0c6e1b2d4f7a9c3e5b8d0f21',
            githubCommitAuthorName: 'Ada Lovelace',
          },
        });
        await control.createDeployment({
          readyState: 'READY',
          target: 'production',
          created: now - 10 * 60_000,
          meta: { githubCommitMessage: BROKEN, githubCommitRef: 'main' },
        });
      },
      layout: (root, info) => ({ folder: createLinkedWorkspace(path.join(root, 'shop'), info) }),
    });
  });

  after(() => bench?.close());

  const row = (text: string) => bench.page.getByRole('treeitem').filter({ hasText: text }).first();
  const currentRow = (text: string) => bench.page.locator('[role="treeitem"][aria-label*="Current"]', { hasText: text }).first();
  const webview = () => bench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  async function chooseTheme(title: string): Promise<void> {
    const { page } = bench;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
    await page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) })
      .first()
      .click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /Dark Modern/ }).first().waitFor();
    await page.locator('.quick-input-widget input').fill(title);
    await page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) })
      .first()
      .click();
  }

  it('signs in and sees the broken release as Current', async () => {
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Set Token' }).click({ timeout: 60_000 });
    await enterToken(page);
    await currentRow(BROKEN).waitFor({ timeout: 60_000 });
    assert.equal(await currentRow(GOOD).count(), 0);
  });

  it('rolls back from the context menu, and Current moves to the earlier deployment', async () => {
    const { page } = bench;
    await row(GOOD).click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: 'Instant Rollback…' });
    await item.waitFor();
    await item.hover();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /checkout: show the coupon field again/);
    await dialog.getByRole('button', { name: 'Roll Back' }).click();
    await currentRow(GOOD).waitFor({ timeout: 60_000 });
    await page.locator('[role="treeitem"][aria-label*="Current"]', { hasText: BROKEN }).waitFor({ state: 'detached', timeout: 30_000 });
  });

  it("opens the deployment's page: a header that says Current, with its commit, and a tab that names it", async () => {
    const { page } = bench;
    await row(GOOD).click();
    await page.locator('.tab', { hasText: `${GOOD} — Ready` }).first().waitFor({ timeout: 60_000 });
    const view = webview();
    await view.locator('.summary-header .current-mark').waitFor({ timeout: 60_000 });
    assert.equal(await view.locator('.summary-header .name').innerText(), GOOD);
    assert.equal(await view.locator('.summary-header .sha').innerText(), '4f1c2a9');
    assert.equal(await view.locator('.summary-header .author-name').innerText(), 'Ada Lovelace');
    // Current: no rollback to itself; a redeploy and the logs are a click away.
    const actions = await view.locator('.header-actions vscode-button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-header-action')));
    assert.ok(actions.includes('redeploy') && actions.includes('showLogs') && !actions.includes('rollback'), actions.join(','));
  });

  it('looks native in a dark and a light theme (screenshots for the README)', async () => {
    const { page } = bench;
    // The pointer rests where nothing shows a hover.
    const rest = async () => {
      const box = await page.locator('.part.sidebar').boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
      // Until no hover a row showed is left on screen.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.workbench-hover-container, .monaco-hover')].every((hover) => {
          const rect = hover.getBoundingClientRect();
          return rect.width === 0 || rect.height === 0 || getComputedStyle(hover).visibility === 'hidden' || hover.classList.contains('hidden');
        }),
      );
    };
    fs.mkdirSync(shots, { recursive: true });
    await rest();
    await webview().locator('header.header').screenshot({ path: path.join(shots, 'details-header-dark.png') });
    await chooseTheme('Light Modern');
    // The page has taken the theme when VS Code marks its body light.
    await webview().locator('body.vscode-light').waitFor({ timeout: 30_000 });
    await webview().locator('.summary-header .current-mark').waitFor({ timeout: 60_000 });
    await rest();
    await webview().locator('header.header').screenshot({ path: path.join(shots, 'details-header-light.png') });
    // Two themes, two pictures: the header follows the theme's colours.
    assert.notDeepEqual(fs.readFileSync(path.join(shots, 'details-header-dark.png')), fs.readFileSync(path.join(shots, 'details-header-light.png')));
  });

  it('browses rows in one preview tab; a click in the page, or a double-click on the row, keeps the tab', async () => {
    const { page } = bench;
    const tab = (title: string) => page.locator('.tabs-container .tab', { hasText: `${title} — Ready` });
    const detailsTabs = page.locator('.tabs-container .tab').filter({ hasText: ' — Ready' });
    /** The extension hears the webview and the tree in turn; give the page's message a moment to arrive first. */
    const settle = () => page.waitForTimeout(700);
    await runCommandExact(page, 'View: Close All Editors');
    await detailsTabs.first().waitFor({ state: 'detached' });

    await row(BROKEN).click();
    await tab(BROKEN).waitFor({ timeout: 60_000 });
    await settle();
    await row(GOOD).click();
    await tab(GOOD).waitFor({ timeout: 60_000 });
    await tab(BROKEN).waitFor({ state: 'detached' });
    assert.equal(await detailsTabs.count(), 1, 'browsing two rows left two tabs');
    // As with the explorer's preview, the focus stays in the tree: the keyboard browses on.
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.part.sidebar') !== null), true, 'the preview took the focus');

    // A click in the outline is work in the page: the next row opens a tab of its own.
    await webview().locator('.tree .row').first().click();
    await settle();
    await row(BROKEN).click();
    await tab(BROKEN).waitFor({ timeout: 60_000 });
    assert.equal(await detailsTabs.count(), 2);
    assert.equal(await tab(GOOD).count(), 1, 'the tab worked in was replaced');

    // A double-click on the preview's row keeps it: with GOOD's tab closed, GOOD's row then opens a new tab.
    await settle();
    await row(BROKEN).dblclick();
    await settle();
    // With its close button: after a click on the tab the focus may be in the page's frame, where F1 does not always reach the workbench.
    await tab(GOOD).hover();
    await tab(GOOD).locator('.tab-actions .action-label').first().click();
    await tab(GOOD).waitFor({ state: 'detached' });
    await row(GOOD).click();
    await tab(GOOD).waitFor({ timeout: 60_000 });
    assert.equal(await tab(BROKEN).count(), 1, 'the double-clicked tab was replaced');
    assert.equal(await detailsTabs.count(), 2);
  });
});
