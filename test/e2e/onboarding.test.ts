/**
 * Getting started without a terminal: a person opens a folder that is not
 * linked yet (a Git clone whose origin is the project's repository), signs
 * in, links it through the welcome button's quick picks, agrees to the
 * .gitignore line, and sees the deployments. A real workbench (code-server
 * in Chromium) against the emulator. With E2E_SCREENSHOT_DIR set it saves
 * the README's Getting Started picture there.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { enterToken, openWorkbench, type Workbench } from './workbench';

const SCREENSHOT = process.env.E2E_SCREENSHOT_DIR ? path.join(process.env.E2E_SCREENSHOT_DIR, 'getting-started.png') : undefined;

describe('a person links an unlinked folder and sees its deployments', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;
  let folder: string;

  before(async () => {
    bench = await openWorkbench({
      layout: (root, info) => {
        folder = path.join(root, 'shop');
        fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
        fs.writeFileSync(path.join(folder, 'package.json'), '{ "name": "shop", "private": true }\n');
        fs.writeFileSync(path.join(folder, '.gitignore'), 'node_modules');
        // The harness turns the Git extension off for quiet; this folder is a clone, so it is on here.
        fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), '{ "git.enabled": true }\n');
        const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'ignore' });
        git('init', '--quiet');
        git('remote', 'add', 'origin', `git@github.com:${info.teamSlug}/${info.projectName}.git`);
        return { folder };
      },
    });
  });

  after(() => bench?.close());

  const quickRow = (text: string | RegExp) => bench.page.locator('.quick-input-list .monaco-list-row', { hasText: text });

  it('signs in from the Vercel view and is offered to link the folder', async () => {
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await page.getByRole('button', { name: 'Set Token' }).click();
    await enterToken(page);
    await page.getByText('No Vercel project is linked to this workspace yet').waitFor({ timeout: 60_000 });
  });

  it('links through the quick picks: the team, then the project its origin matches', async () => {
    const { page, info } = bench;
    await page.getByRole('button', { name: 'Link a Vercel Project…' }).click();
    await quickRow(info.teamSlug).first().waitFor({ timeout: 30_000 });
    const input = page.locator('.quick-input-widget input');
    await input.fill(info.teamSlug);
    await quickRow(info.teamSlug).first().waitFor();
    await page.keyboard.press('Enter');
    // The project connected to origin comes first, marked, and is the active row.
    const suggested = quickRow(`matches ${info.teamSlug}/${info.projectName}`).first();
    await suggested.waitFor({ timeout: 30_000 });
    assert.match(await suggested.innerText(), new RegExp(info.projectName));
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /Add \.vercel to \.gitignore\?/);
    await dialog.getByRole('button', { name: 'Add to .gitignore' }).click();
  });

  it('shows the deployments at once and wrote what vercel link writes', async () => {
    const { page, info } = bench;
    await page.locator('.pane-body [role="treeitem"]').first().waitFor({ timeout: 60_000 });
    assert.equal(
      fs.readFileSync(path.join(folder, '.vercel', 'project.json'), 'utf8'),
      JSON.stringify({ projectId: info.projectId, orgId: info.teamId, projectName: info.projectName }),
    );
    assert.ok(fs.existsSync(path.join(folder, '.vercel', 'README.txt')));
    assert.equal(fs.readFileSync(path.join(folder, '.gitignore'), 'utf8'), 'node_modules\n.vercel\n');
    await page.getByText(`Linked shop to ${info.teamSlug}/${info.projectName}`).first().waitFor({ timeout: 30_000 });
    if (SCREENSHOT) {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
  });

  it('says how to fix a link the account cannot see: its file, who is signed in, Relink… and Set Token', async () => {
    const { page } = bench;
    fs.writeFileSync(path.join(folder, '.vercel', 'project.json'), JSON.stringify({ projectId: 'prj_gone', orgId: 'team_not_mine', projectName: 'old-shop' }));
    const broken = page.locator('.pane-body [role="treeitem"]', { hasText: /old-shop is not visible to .*linked in .*\.vercel\/project\.json/ });
    await broken.first().waitFor({ timeout: 60_000 });
    await page.locator('.pane-body [role="treeitem"]', { hasText: 'Relink…' }).first().waitFor();
    await page.locator('.pane-body [role="treeitem"]', { hasText: 'Set Token' }).first().waitFor();
    if (SCREENSHOT) {
      await page.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'broken-link.png') });
    }
    // Relink… starts linking this folder again, and first asks before replacing the link.
    await page.locator('.pane-body [role="treeitem"]', { hasText: 'Relink…' }).first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 30_000 });
    assert.match((await dialog.innerText()).replace(/\s+/g, ' '), /already linked to the Vercel project old-shop\. Replace the link\?/);
    await page.keyboard.press('Escape');
  });
});
