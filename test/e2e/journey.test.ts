/**
 * A person's journey, end to end: a real VS Code workbench (code-server, the
 * extension installed as in `npm start`) in headless Chromium, against the
 * emulator. Everything is done through the UI — the welcome button, the
 * password box, the context menu, the modal dialog, the status bar and the
 * details webview — and checked where a person would look.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { launchChromium } from '../harness/browser';
import { startCodeServer, workbenchUrl, type CodeServer } from '../harness/codeServer';
import { provision } from '../harness/provision';
import { createLinkedWorkspace, linkExtension } from '../harness/workspace';

const TOKEN = 'journey-token';
const COMMIT = 'journey: ship the new checkout';

describe('a person cancels a production build and reads its details', function () {
  // The first run provisions the VS Code runtime (a few minutes); later runs reuse the cache.
  this.timeout(15 * 60_000);

  let temp: string;
  let emulator: RunningEmulator;
  let server: CodeServer;
  let browser: BrowserContext;
  let page: Page;
  let building: string;

  before(async () => {
    const runtime = await provision();
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'vercel-deployments-journey-'));
    // Builds stand still unless the test moves them: nothing finishes behind its back.
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'journey', buildMs: 3_600_000 });
    const control = new EmulatorControl(emulator.info.url);
    building = (
      await control.createDeployment({
        readyState: 'BUILDING',
        target: 'production',
        meta: { githubCommitMessage: `${COMMIT}\n\nLonger body.`, githubCommitRef: 'main' },
      })
    ).id;
    const workspace = createLinkedWorkspace(path.join(temp, 'shop'), emulator.info);
    linkExtension(path.join(temp, 'extensions'));
    server = await startCodeServer({
      runtime,
      tempRoot: temp,
      port: 0,
      logFile: path.join(temp, 'code-server.log'),
      userSettings: { 'vercelDeployments.apiUrl': emulator.info.url },
    });
    browser = await launchChromium(path.join(temp, 'chromium'));
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(workbenchUrl(server, workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  async function emulatorState(id: string): Promise<string> {
    const response = await fetch(`${emulator.info.url}/v13/deployments/${id}?teamId=${emulator.info.teamId}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    return ((await response.json()) as { readyState: string }).readyState;
  }

  const row = (text: string | RegExp) => page.getByRole('treeitem').filter({ hasText: text });

  it('opens the Vercel view and is asked for a token', async () => {
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await page.getByText('Sign in with a Vercel access token').waitFor({ timeout: 60_000 });
  });

  it('signs in with the token through the password box', async () => {
    await page.getByRole('button', { name: 'Set Token' }).click();
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill(TOKEN);
    await input.press('Enter');
    await row(COMMIT).first().waitFor({ timeout: 60_000 });
  });

  it('shows the newest deployment in the status bar', async () => {
    await page.locator('.statusbar-item', { hasText: 'Building' }).first().waitFor({ timeout: 30_000 });
  });

  it('cancels the build from the context menu after a confirmation that says it is production', async () => {
    await row(COMMIT).first().click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: 'Cancel Deployment…' });
    await item.waitFor();
    // The menu acts on a settled pointer: hover first, then choose the focused item.
    await item.hover();
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /Cancel deployment "journey: ship the new checkout"\?.*PRODUCTION/);
    await dialog.getByRole('button', { name: 'Cancel Deployment' }).click();
    await page.locator('.statusbar-item', { hasText: 'Canceled' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await emulatorState(building), 'CANCELED');
    // The row says so too (its accessible name carries the state), once the tree has redrawn.
    await page.locator('[role="treeitem"][aria-label*="Canceled"]', { hasText: COMMIT }).first().waitFor({ timeout: 30_000 });
  });

  it('opens the details panel with the documented outline of the cancelled deployment', async () => {
    await row(COMMIT).first().click();
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const readyState = webview.locator('.row', { has: webview.locator('.key', { hasText: /^readyState$/ }) }).first();
    await readyState.waitFor({ timeout: 60_000 });
    const text = await readyState.innerText();
    assert.match(text, /CANCELED/);
    assert.match(text, /Where the deployment is in its life/);
  });
});
