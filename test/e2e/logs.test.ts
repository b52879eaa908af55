/**
 * Why did my build fail? A person opens a failed deployment's build log from
 * the tree's context menu in a real workbench (code-server in Chromium),
 * reads it, and follows the build error to the squiggle in their own source
 * file. The screenshot it takes is the README's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { repoRoot } from '../harness/paths';
import { enterToken, openWorkbench, runCommand, type Workbench } from './workbench';

const COMMIT = 'cart: show the order total';
const SCREENSHOT = process.env.E2E_SCREENSHOT_DIR ? path.join(process.env.E2E_SCREENSHOT_DIR, 'logs.png') : undefined;

/** The line of the demo workspace's app/page.tsx that the build's type error names. */
function pageLine(): { line: number; column: number } {
  const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'demo-workspace', 'app', 'page.tsx'), 'utf8');
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes('cart.total'));
  assert.ok(index >= 0, 'the demo page reads cart.total');
  return { line: index + 1, column: (lines[index] ?? '').indexOf('total') + 1 };
}

describe('a person reads why a build failed and lands on the line', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;
  const at = pageLine();

  before(async () => {
    bench = await openWorkbench({
      seed: async (control) => {
        await control.createDeployment({
          readyState: 'ERROR',
          target: null,
          errorCode: 'BUILD_FAILED',
          errorMessage: 'Command "npm run build" exited with 1',
          meta: { githubCommitMessage: COMMIT, githubCommitRef: 'feat/cart-total' },
          events: [
            { type: 'delimiter', text: 'Build' },
            { type: 'command', text: 'Running "npm run build"' },
            { type: 'stdout', text: '\u001b[1m> shop@0.1.0 build\u001b[22m' },
            { type: 'stdout', text: '   Creating an optimized production build ...' },
            { type: 'stderr', text: '\u001b[31mFailed to compile.\u001b[39m', level: 'error' },
            { type: 'stderr', text: '' },
            { type: 'stderr', text: `./app/page.tsx:${at.line}:${at.column}`, level: 'error' },
            { type: 'stderr', text: "Type error: Property 'total' does not exist on type 'CartSummary'.", level: 'error' },
            { type: 'stderr', text: 'Error: Command "npm run build" exited with 1', level: 'error' },
          ],
        });
      },
      layout: (root, info) => ({ folder: createLinkedWorkspace(path.join(root, 'shop'), info) }),
    });
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await runCommand(page, 'Vercel: Set Token');
    await enterToken(page);
  });

  after(() => bench?.close());

  const row = () => bench.page.getByRole('treeitem').filter({ hasText: COMMIT }).first();

  it('opens the build log from the failed row\'s context menu, without escape codes', async () => {
    const { page } = bench;
    await row().waitFor({ timeout: 60_000 });
    await row().click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: 'Show Build Logs' });
    await item.waitFor();
    await item.hover();
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'Failed to compile.' }).first().waitFor({ timeout: 60_000 });
    const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.doesNotMatch(text, /\u001b|\[31m|\[39m/, 'no escape sequence shows as text');
    assert.match(text, /Type error: Property 'total' does not exist/);
  });

  it('lists the build error in Problems and opens the source file on the squiggle', async () => {
    const { page } = bench;
    await runCommand(page, 'View: Focus Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: "Property 'total' does not exist" }).first();
    await problem.waitFor({ timeout: 60_000 });
    assert.match(await page.locator('.markers-panel').innerText(), /page\.tsx/);
    await problem.dblclick();
    await page.locator('.tab', { hasText: 'page.tsx' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    const cursorLine = await page.locator('.monaco-editor .current-line').count();
    assert.ok(cursorLine > 0, 'the editor shows the line the build named');
    if (SCREENSHOT) {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
  });
});
