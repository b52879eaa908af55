/**
 * Why does /api/checkout answer 500 in the preview? A person opens the
 * preview's runtime logs from the tree's context menu in a real workbench
 * (code-server in Chromium), sees the failing request, and follows its
 * "Vercel runtime" problem to the squiggle on the line of their route that
 * throws. The screenshot it takes is the README's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLinkedWorkspace } from '../harness/workspace';
import { repoRoot } from '../harness/paths';
import { enterToken, openWorkbench, runCommand, type Workbench } from './workbench';

const COMMIT = 'checkout: accept any product id';
const SCREENSHOT = process.env.E2E_SCREENSHOT_DIR ? path.join(process.env.E2E_SCREENSHOT_DIR, 'runtime-logs.png') : undefined;
const ROUTE = 'app/api/checkout/route.ts';

/** Where the demo route reads the price of a product it did not find. */
function routeLine(): { line: number; column: number } {
  const lines = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'demo-workspace', ROUTE), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes('price * quantity'));
  assert.ok(index >= 0, 'the demo route multiplies the price');
  return { line: index + 1, column: (lines[index] ?? '').indexOf('price * quantity') + 1 };
}

describe('a person finds why a preview answers 500 and lands on the line', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;
  const at = routeLine();

  before(async () => {
    bench = await openWorkbench({
      seed: async (control) => {
        const preview = await control.createDeployment({
          readyState: 'READY',
          target: null,
          meta: { githubCommitMessage: COMMIT, githubCommitRef: 'feat/any-product' },
        });
        const now = Date.now();
        const request = (method: string, requestPath: string, status: number, minutesAgo: number) => ({ requestMethod: method, requestPath, responseStatusCode: status, timestampInMs: now - minutesAgo * 60_000 });
        await control.appendRuntimeLogs(preview.id, [
          { level: 'info', message: '', source: 'request', ...request('GET', '/', 200, 9) },
          { level: 'info', message: 'checkout: 2 × Canvas tote = $48.00', ...request('POST', '/api/checkout', 200, 8) },
          { level: 'warning', message: '\u001b[33m⨯ upstream image response failed for https://images.example.com/cap.jpg 504\u001b[39m', ...request('GET', '/_next/image', 502, 6) },
          {
            level: 'error',
            message: [
              "TypeError: Cannot read properties of undefined (reading 'price')",
              `    at POST (/var/task/${ROUTE}:${at.line}:${at.column})`,
              '    at async AppRouteRouteModule.do (/var/task/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:10:34190)',
            ].join('\n'),
            ...request('POST', '/api/checkout', 500, 4),
          },
          { level: 'info', message: 'checkout: 1 × Enamel mug = $18.00', ...request('POST', '/api/checkout', 200, 2) },
        ]);
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

  it("opens the runtime log from the ready row's context menu: the failing request, without escape codes", async () => {
    const { page } = bench;
    await row().waitFor({ timeout: 60_000 });
    await row().click({ button: 'right' });
    const item = page.getByRole('menuitem', { name: 'Show Runtime Logs' });
    await item.waitFor();
    await item.hover();
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line', { hasText: 'Cannot read properties of undefined' }).first().waitFor({ timeout: 60_000 });
    const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.doesNotMatch(text, /\u001b|\[33m|\[39m/, 'no escape sequence shows as text');
    assert.match(text, /POST +500 \/api\/checkout/);
    assert.match(text, /── Live/, 'the first line says it follows live');
    const tab = page.locator('.tab', { hasText: `${COMMIT} (runtime)` }).first();
    await tab.waitFor({ timeout: 30_000 });
  });

  it('lists the error in Problems as "Vercel runtime" and opens the route on the squiggle', async () => {
    const { page } = bench;
    await runCommand(page, 'View: Focus Problems');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: "Cannot read properties of undefined (reading 'price')" }).first();
    await problem.waitFor({ timeout: 60_000 });
    const panel = await page.locator('.markers-panel').innerText();
    assert.match(panel, /route\.ts/);
    assert.match(panel, /Vercel runtime/);
    assert.match(panel, /POST \/api\/checkout → 500/);
    if (SCREENSHOT) {
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
    await problem.dblclick();
    await page.locator('.tab', { hasText: 'route.ts' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    const current = page.locator('.monaco-editor .current-line');
    assert.ok((await current.count()) > 0, 'the editor shows the line the stack named');
  });
});
