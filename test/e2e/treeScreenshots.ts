/**
 * Screenshots of the Deployments view for the README: light, dark and
 * high-contrast themes at the default sidebar width (300 px) and a narrow
 * one (200 px), with a production build running under a long commit message.
 *
 *   node esbuild.mjs && npx tsx test/e2e/treeScreenshots.ts [outDir]
 *
 * Writes media/screenshots/tree-<theme>-<width>.png (or into outDir).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { repoRoot } from '../harness/paths';
import { setSidebarWidth } from './sidebar';
import { enterToken, openWorkbench } from './workbench';

const THEMES = [
  ['light', 'Light 2026'],
  ['dark', 'Dark 2026'],
  ['hc-dark', 'Dark High Contrast'],
  ['hc-light', 'Light High Contrast'],
] as const;

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(repoRoot, 'media', 'screenshots'));
  fs.mkdirSync(out, { recursive: true });
  const bench = await openWorkbench({
    seed: async (control) => {
      await control.createDeployment({
        readyState: 'READY',
        target: 'preview',
        meta: { githubCommitMessage: 'fix(cart): keep the coupon when the quantity changes', githubCommitRef: 'fix/coupon' },
      });
      await control.createDeployment({
        readyState: 'BUILDING',
        target: 'production',
        meta: {
          githubCommitMessage: 'perf: stream the product grid from the edge so the checkout paints before the reviews arrive',
          githubCommitRef: 'main',
        },
      });
    },
    layout: (root, info) => ({ folder: createLinkedWorkspace(path.join(root, 'shop'), info) }),
  });
  try {
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Set Token' }).click({ timeout: 60_000 });
    await enterToken(page);
    await page.getByRole('treeitem').filter({ hasText: 'perf: stream' }).first().waitFor({ timeout: 60_000 });
    for (const [name, title] of THEMES) {
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
      // Click the exact command: fuzzy matching may rank "Browse Color Themes in Marketplace" first.
      await page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) })
        .first()
        .click();
      // The theme list replaces the command list: wait for it before typing.
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /Dark Modern/ }).first().waitFor();
      const input = page.locator('.quick-input-widget input');
      await input.fill(title);
      await page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) })
        .first()
        .click();
      await page.waitForTimeout(1000);
      for (const width of [300, 200]) {
        await setSidebarWidth(page, width);
        await page.mouse.move(900, 600);
        await page.waitForTimeout(500);
        if (process.env.DEBUG_GEOMETRY) {
          const row = page.getByRole('treeitem').filter({ hasText: 'perf: stream' }).first();
          console.log(await row.evaluate((element) => {
            const name = element.querySelector('.label-name');
            const text = name && document.createTreeWalker(name, NodeFilter.SHOW_TEXT).nextNode();
            const range = document.createRange();
            if (text) range.setStart(text, 0), range.setEnd(text, 3);
            return { html: element.innerHTML.slice(0, 1500), first: range.getBoundingClientRect().toJSON(), row: element.getBoundingClientRect().toJSON() };
          }));
        }
        const sidebar = page.locator('.part.sidebar');
        const box = await sidebar.boundingBox();
        if (!box) throw new Error('no sidebar');
        const file = path.join(out, `tree-${name}-${width}.png`);
        await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 420) } });
        console.log(file);
      }
    }
  } catch (error) {
    await bench.page.screenshot({ path: path.join(out, 'failed.png') });
    throw error;
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
