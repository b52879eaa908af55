/**
 * A multi-root workspace in a real workbench: one folder linked to a team
 * project, one to a personal project. The view shows a root per project, and
 * the status bar follows the project of the file being edited.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { enterToken, openWorkbench, runCommand, type Workbench } from './workbench';

function linkFolder(dir: string, link: Record<string, string>, readme: string): string {
  fs.mkdirSync(path.join(dir, '.vercel'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vercel', 'project.json'), JSON.stringify(link));
  fs.writeFileSync(path.join(dir, readme), `# ${readme}\n`);
  return dir;
}

describe('a multi-root workspace with a team project and a personal project', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;

  before(async () => {
    bench = await openWorkbench({
      seed: async (control, info) => {
        await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: 'team: newest build' } });
        await control.createDeployment({
          projectId: info.personalProjectId,
          readyState: 'QUEUED',
          meta: { githubCommitMessage: 'personal: newest build' },
        });
      },
      layout: (root, info) => {
        const team = linkFolder(path.join(root, 'shop'), { projectId: info.projectId, orgId: info.teamId, projectName: 'shop' }, 'SHOP.md');
        const personal = linkFolder(path.join(root, 'blog'), { projectId: info.personalProjectId, orgId: 'user_journey', projectName: 'blog' }, 'BLOG.md');
        const workspaceFile = path.join(root, 'both.code-workspace');
        fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: team }, { path: personal }] }));
        return { workspaceFile };
      },
    });
    await bench.page.getByRole('tab', { name: /^Vercel/ }).first().click({ timeout: 60_000 });
    await bench.page.getByRole('button', { name: 'Set Token' }).click({ timeout: 60_000 });
    await enterToken(bench.page);
  });

  after(() => bench?.close());

  it('shows one root per linked project, each with its own deployments', async () => {
    const { page } = bench;
    await page.getByRole('treeitem').filter({ hasText: 'team: newest build' }).first().waitFor({ timeout: 60_000 });
    await page.getByRole('treeitem').filter({ hasText: 'personal: newest build' }).first().waitFor({ timeout: 60_000 });
    await page.locator('[role="treeitem"][aria-level="1"]', { hasText: 'shop' }).first().waitFor();
    await page.locator('[role="treeitem"][aria-level="1"]', { hasText: 'blog' }).first().waitFor();
  });

  it('offers Collapse All, which folds the project roots', async () => {
    const { page } = bench;
    const collapse = page.locator('.part.sidebar').getByRole('button', { name: 'Collapse All' });
    await collapse.waitFor({ timeout: 30_000 });
    await collapse.click();
    await page.locator('[role="treeitem"][aria-level="1"][aria-expanded="false"]', { hasText: 'shop' }).first().waitFor({ timeout: 30_000 });
    await page.locator('[role="treeitem"][aria-level="1"][aria-expanded="false"]', { hasText: 'blog' }).first().waitFor();
    assert.equal(await page.getByRole('treeitem').filter({ hasText: 'team: newest build' }).count(), 0);
    // Open them again for what follows.
    for (const name of ['shop', 'blog']) await page.locator('[role="treeitem"][aria-level="1"]', { hasText: name }).first().click();
  });

  it('shows the latest deployment of the project whose file is open', async () => {
    const { page } = bench;
    const status = (text: string) => page.locator('.statusbar-item', { hasText: text }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Go to File');
    await page.keyboard.type('BLOG.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'BLOG.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    await status('Queued');
    await runCommand(page, 'Go to File');
    await page.keyboard.type('SHOP.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'SHOP.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    await status('Building');
  });
});
