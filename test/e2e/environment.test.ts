/**
 * A person pulls a project's environment variables into a fresh folder from
 * the Environment Variables view's title bar, in a real workbench (code-server
 * in headless Chromium) against the emulator: expand the view, click Pull,
 * take Development and `.env.local`, agree to keep it out of Git. The file is
 * the CLI's, and no value was ever on screen. With E2E_SCREENSHOT_DIR set it
 * saves the view for the README (environment.png).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { clickViewTitleAction, treeRow } from './sidebar';
import { enterToken, errorNotifications, openWorkbench, type Workbench } from './workbench';

const SCREENSHOT = process.env.E2E_SCREENSHOT_DIR ? path.join(process.env.E2E_SCREENSHOT_DIR, 'environment.png') : undefined;
const VIEW = 'Environment Variables';

describe('a person pulls environment variables from the view into a fresh folder', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;
  let folder: string;

  before(async () => {
    bench = await openWorkbench({ layout: (root, info) => ({ folder: (folder = createLinkedWorkspace(path.join(root, 'fresh'), info)) }) });
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Set Token' }).first().click({ timeout: 60_000 });
    await enterToken(page);
    await page.getByRole('treeitem').first().waitFor({ timeout: 60_000 });
  });

  after(() => bench?.close());

  it('expands the view: environments and keys, never a value', async () => {
    const { page } = bench;
    await page.locator('.part.sidebar .pane-header').filter({ hasText: VIEW }).first().click();
    await treeRow(page, 'Development').waitFor({ timeout: 30_000 });
    await treeRow(page, 'Preview').click();
    await treeRow(page, 'DATABASE_URL').waitFor({ timeout: 10_000 });
    await treeRow(page, 'feat/checkout').waitFor();
    const text = await page.locator('.part.sidebar').innerText();
    for (const value of ['postgres://', 'sk_live_', 'https://api.example.com']) assert.ok(!text.includes(value), `the sidebar shows ${value}`);
    if (SCREENSHOT) {
      // The Deployments view folded away, so the picture is of this view alone.
      const deployments = page.locator('.part.sidebar .pane-header').filter({ hasText: 'Deployments' }).first();
      await deployments.click();
      await treeRow(page, 'STRIPE_SECRET_KEY').waitFor();
      await page.locator('.part.sidebar').screenshot({ path: SCREENSHOT });
      await deployments.click();
    }
  });

  it('pulls Development into .env.local from the title bar and adds .env*.local to .gitignore', async () => {
    const { page } = bench;
    // A variable's row selected (an environment's row would name the environment itself): Pull asks which one.
    await treeRow(page, 'DATABASE_URL').click();
    await clickViewTitleAction(page, 'Pull Environment Variables…', VIEW);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Development' }).first().click();
    const input = page.locator('.quick-input-widget input').first();
    await page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === '.env.local');
    await input.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match(await dialog.innerText(), /\.env\*\.local/);
    await dialog.getByRole('button', { name: 'Add to .gitignore' }).click();
    await page.locator('.notifications-toasts').getByText(/Pulled the Development environment variables into/).waitFor({ timeout: 30_000 });
    const file = fs.readFileSync(path.join(folder, '.env.local'), 'utf8');
    assert.ok(file.startsWith('# Created by Vercel CLI\n'));
    assert.ok(file.includes('DATABASE_URL="postgres://localhost:5432/shop"\n'));
    assert.equal(fs.readFileSync(path.join(folder, '.gitignore'), 'utf8').split('\n').includes('.env*.local'), true);
    assert.deepEqual(await errorNotifications(page), []);
  });
});
