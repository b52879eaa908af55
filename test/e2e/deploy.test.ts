/**
 * A person deploys their folder from the editor: Deploy… in the Deployments
 * view's title bar, Preview, the confirmation that says what leaves the
 * machine (and names the .env file), then the new row at the top and its
 * build log open — in a real workbench (code-server in Chromium) against
 * the emulator. The screenshot of the confirmation is the README's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { clickViewTitleAction } from './sidebar';
import { enterToken, errorNotifications, openWorkbench, runCommand, type Workbench } from './workbench';

const SCREENSHOT = process.env.E2E_SCREENSHOT_DIR ? path.join(process.env.E2E_SCREENSHOT_DIR, 'deploy-confirm.png') : undefined;

describe('a person deploys their folder from the Deployments view', function () {
  this.timeout(15 * 60_000);
  let bench: Workbench;

  before(async () => {
    bench = await openWorkbench({
      layout: (root, info) => {
        const folder = createLinkedWorkspace(path.join(root, 'shop'), info);
        fs.writeFileSync(path.join(folder, '.env'), 'NEXT_PUBLIC_SHOP_NAME=Storefront\n');
        fs.writeFileSync(path.join(folder, '.env.local'), 'STRIPE_SECRET=never-leaves\n');
        return { folder };
      },
    });
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await runCommand(page, 'Vercel: Set Token');
    await enterToken(page);
  });

  after(() => bench?.close());

  it('Deploy… → Preview → a confirmation naming .env → the new row at the top and its build log', async () => {
    const { page, control } = bench;
    await page.getByRole('treeitem').first().waitFor({ timeout: 60_000 });
    await control.clearRequests();
    await clickViewTitleAction(page, 'Deploy…');
    const preview = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Preview' }).first();
    await preview.waitFor({ timeout: 30_000 });
    await preview.click();

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 60_000 });
    const text = await dialog.innerText();
    assert.match(text, /Deploy ".+" to Preview\?/);
    assert.match(text, /files \(.+\) from .+ will be sent to Vercel/);
    assert.match(text, /\.env\b/);
    assert.doesNotMatch(text, /\.env\.local/);
    if (SCREENSHOT) {
      // The hashing notification has just finished: let it go before the picture is taken.
      await page.locator('.notification-toast', { hasText: 'Preparing to deploy' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
    await dialog.getByRole('button', { name: 'Deploy to Preview' }).click();

    // The build log opens as an editor tab, and the request log shows the deploy's requests.
    await page.locator('.tab', { hasText: /\.log|dpl_|[0-9a-z]{7,}/i }).first().waitFor({ timeout: 60_000 });
    const created = (await control.requests()).filter((r) => r.method === 'POST' && r.path === '/v13/deployments' && r.status === 200);
    assert.equal(created.length, 1, 'one deployment created');
    const uploads = (await control.requests()).filter((r) => r.method === 'POST' && r.path === '/v2/files');
    assert.ok(uploads.length > 0, 'the folder\'s files went up');
    assert.deepEqual(await errorNotifications(page), []);
  });

  it('the Explorer offers Deploy… on the linked folder', async () => {
    const { page } = bench;
    await runCommand(page, 'View: Show Explorer');
    // The workspace folder itself: the context menu of the Explorer's empty space is the root's.
    const explorer = page.locator('.explorer-folders-view');
    await explorer.waitFor({ timeout: 30_000 });
    const box = await explorer.boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height - 10, { button: 'right' });
    const item = page.getByRole('menuitem', { name: 'Deploy…' });
    await item.waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
  });
});
