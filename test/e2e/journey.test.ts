/**
 * A person's journey, end to end: a real VS Code workbench (code-server, the
 * extension installed as in `npm start`) in headless Chromium, against the
 * emulator. Everything is done through the UI — the welcome button, the
 * password box, the context menu, the modal dialog, the status bar and the
 * details webview — and checked where a person would look.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { enterToken, openWorkbench, runCommand, type Workbench } from './workbench';

const COMMIT = 'journey: ship the new checkout';

describe('a person cancels a production build and reads its details', function () {
  // The first run provisions the VS Code runtime (a few minutes); later runs reuse the cache.
  this.timeout(15 * 60_000);

  let bench: Workbench;
  let building: string;

  before(async () => {
    bench = await openWorkbench({
      seed: async (control) => {
        building = (
          await control.createDeployment({
            readyState: 'BUILDING',
            target: 'production',
            meta: { githubCommitMessage: `${COMMIT}\n\nLonger body.`, githubCommitRef: 'main' },
          })
        ).id;
      },
      layout: (root, info) => ({ folder: createLinkedWorkspace(path.join(root, 'shop'), info) }),
    });
  });

  after(() => bench?.close());

  const row = (text: string | RegExp) => bench.page.getByRole('treeitem').filter({ hasText: text });

  it('opens the Vercel view and is asked for a token', async () => {
    await bench.page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await bench.page.getByText('Sign in with a Vercel access token').waitFor({ timeout: 60_000 });
  });

  it('signs in with the token through the password box', async () => {
    await bench.page.getByRole('button', { name: 'Set Token' }).click();
    await enterToken(bench.page);
    await row(COMMIT).first().waitFor({ timeout: 60_000 });
    // One project: nothing to collapse, so no Collapse All in the view's title.
    assert.equal(await bench.page.locator('.part.sidebar').getByRole('button', { name: 'Collapse All' }).count(), 0);
  });

  it('shows the newest deployment in the status bar', async () => {
    await bench.page.locator('.statusbar-item', { hasText: 'Building' }).first().waitFor({ timeout: 30_000 });
  });

  it('cancels the build from the context menu after a confirmation that says it is production', async () => {
    const { page } = bench;
    await row(COMMIT).first().click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: 'Cancel Deployment…' });
    await item.waitFor();
    // The menu acts on a settled pointer: hover first, then choose the focused item.
    await item.hover();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /Cancel deployment "journey: ship the new checkout"\?.*PRODUCTION/);
    // Buttons that say what they do: never "Cancel" beside "Cancel Deployment".
    const buttons = (await dialog.locator('.dialog-buttons').getByRole('button').allInnerTexts()).map((t) => t.trim()).sort();
    assert.deepEqual(buttons, ['Cancel Deployment', 'Keep Building']);
    await dialog.getByRole('button', { name: 'Cancel Deployment' }).click();
    await page.locator('.statusbar-item', { hasText: 'Canceled' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await bench.state(building), 'CANCELED');
    // The row says so too (its accessible name carries the state), once the tree has redrawn.
    await page.locator('[role="treeitem"][aria-label*="Canceled"]', { hasText: COMMIT }).first().waitFor({ timeout: 30_000 });
  });

  it('opens the details panel with the documented outline of the cancelled deployment', async () => {
    await row(COMMIT).first().click();
    const webview = bench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const readyState = webview.locator('.row', { has: webview.locator('.key', { hasText: /^readyState$/ }) }).first();
    await readyState.waitFor({ timeout: 60_000 });
    const text = await readyState.innerText();
    assert.match(text, /CANCELED/);
    assert.match(text, /Where the deployment is in its life/);
  });

  it('brings the details panel back after the window reloads', async () => {
    const { page } = bench;
    // VS Code's own reload, which saves the open editors first (a bare page reload may not).
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    await page.locator('.tab', { hasText: /— Canceled/ }).first().waitFor({ timeout: 60_000 });
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const readyState = webview.locator('.row', { has: webview.locator('.key', { hasText: /^readyState$/ }) }).first();
    await readyState.waitFor({ timeout: 60_000 });
    assert.match(await readyState.innerText(), /CANCELED/);
  });
});
