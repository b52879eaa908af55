/**
 * The Deployments view in a real workbench (code-server in headless
 * Chromium) while a build runs: calm (polls redraw no row that did not
 * change, a tooltip stays open across a poll) and readable at the default
 * sidebar width (a long commit message hides neither the age nor the
 * production badge).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { createLinkedWorkspace } from '../harness/workspace';
import { setSidebarWidth } from './sidebar';
import { enterToken, openWorkbench, polls, type Workbench } from './workbench';

const LONG = 'perf: stream the product grid from the edge so the checkout page paints before the recommendations and reviews arrive';
/** What the row shows of it: labels stop at 80 characters. */
const SHOWN = LONG.slice(0, 40);

describe('the Deployments view while a build runs', function () {
  this.timeout(15 * 60_000);

  let bench: Workbench;
  let long: string;

  before(async () => {
    bench = await openWorkbench({
      layout: (root, info) => ({ folder: createLinkedWorkspace(path.join(root, 'shop'), info) }),
      // The shortest poll the setting allows, so three polls take seconds rather than the default's 15.
      settings: { 'vercelDeployments.refresh.activeIntervalSeconds': 2 },
    });
    const { page } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Set Token' }).click({ timeout: 60_000 });
    await enterToken(page);
    await page.getByRole('treeitem').first().waitFor({ timeout: 60_000 });
    // Created now, so its age reads "now" for the next minute: long enough to watch three polls.
    long = (
      await bench.control.createDeployment({
        readyState: 'BUILDING',
        target: 'production',
        meta: { githubCommitMessage: `${LONG}\n\nBody.`, githubCommitRef: 'main' },
      })
    ).id;
    await row(SHOWN).waitFor({ timeout: 30_000 });
    // Its production badge arrives a moment after the row (a decoration): watch once it is there.
    await row(SHOWN).locator('.monaco-decoration-text-badge').waitFor({ timeout: 30_000 });
    await setSidebarWidth(page, 300);
    // Nothing under the pointer while watching.
    await page.mouse.move(900, 400);
  });

  after(() => bench?.close());

  const row = (text: string): Locator => bench.page.getByRole('treeitem').filter({ hasText: text }).first();

  it('redraws no row over three polls, but those whose age text turned over', async () => {
    const { page } = bench;
    const tree = page.locator('.part.sidebar .monaco-list[role="tree"]').first();
    await tree.evaluate((element) => {
      const rows = element.querySelector('.monaco-list-rows');
      if (!rows) throw new Error('no rows container');
      // No named helpers in here: the bundler would wrap them in a function the page does not have.
      const touched = new Map<string, string[]>();
      const labels = new Map<string, string>();
      for (const row of rows.querySelectorAll('.monaco-list-row')) labels.set(row.getAttribute('data-index') ?? '?', row.textContent ?? '');
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target instanceof Element ? record.target : record.target.parentElement;
          const row = target?.closest('.monaco-list-row');
          const id = row ? (row.getAttribute('data-index') ?? '?') : 'rows';
          const what = record.type === 'attributes' ? `@${record.attributeName}` : `${record.type} ${record.addedNodes.length}+/${record.removedNodes.length}- in ${target?.className ?? '?'}`;
          touched.set(id, [...(touched.get(id) ?? []), what]);
        }
      });
      observer.observe(rows, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label', 'title'] });
      Object.assign(window, { calmWatch: { observer, touched, labels } });
    });
    await polls(bench, 3);
    const result = await tree.evaluate((element) => {
      const watch = (window as unknown as { calmWatch: { observer: MutationObserver; touched: Map<string, string[]>; labels: Map<string, string> } })
        .calmWatch;
      watch.observer.disconnect();
      const now = new Map<string, string>();
      for (const row of element.querySelectorAll('.monaco-list-rows .monaco-list-row')) now.set(row.getAttribute('data-index') ?? '?', row.textContent ?? '');
      return { touched: [...watch.touched.entries()], before: [...watch.labels.entries()], after: [...now.entries()] };
    });
    const before = new Map(result.before);
    const after = new Map(result.after);
    const watchedRow = [...before.entries()].find(([, text]) => text.includes(SHOWN))?.[0];
    assert.ok(watchedRow !== undefined, 'the building row was on screen');
    assert.ok(result.before.length > 5, `${result.before.length} rows on screen`);
    for (const [index, what] of result.touched) {
      assert.notEqual(index, 'rows', `rows were added or removed: ${what.join('; ')}`);
      assert.notEqual(index, watchedRow, `the building row was redrawn: ${what.join('; ')}`);
      // Another row may change only where its age did ("4m" → "5m").
      assert.notEqual(before.get(index), after.get(index), `row ${index} (${before.get(index)}) was redrawn with nothing new: ${what.join('; ')}`);
    }
  });

  it('shows the age and the production badge of a long-message row at 300 px', async () => {
    const { page } = bench;
    await setSidebarWidth(page, 300);
    const target = row(SHOWN);
    const geometry = await target.evaluate((element) => {
      const container = element.querySelector('.monaco-icon-label-container');
      const name = element.querySelector('.label-name');
      const label = element.querySelector('.monaco-icon-label');
      if (!container || !name || !label) throw new Error('not a labelled row');
      // The first characters of the label: the age.
      const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode();
      if (!text) throw new Error('no label text');
      const range = document.createRange();
      const ageLength = (text.textContent ?? '').indexOf(' · ');
      range.setStart(text, 0);
      range.setEnd(text, Math.max(1, ageLength));
      const age = range.getBoundingClientRect();
      const whole = document.createRange();
      whole.selectNodeContents(name);
      const badge = getComputedStyle(label, '::after');
      const visibleRight = Math.min(container.getBoundingClientRect().right, element.getBoundingClientRect().right);
      return {
        age: range.toString(),
        ageLeft: age.left,
        ageRight: age.right,
        visibleLeft: container.getBoundingClientRect().left,
        html: element.innerHTML.slice(0, 2000),
        visibleRight,
        clipped: whole.getBoundingClientRect().right > visibleRight,
        textRight: whole.getBoundingClientRect().right,
        badge: badge.content,
        badgeDisplay: badge.display,
        labelRight: label.getBoundingClientRect().right,
        rowRight: element.getBoundingClientRect().right,
      };
    });
    assert.ok(geometry.clipped, `the message is long enough to be cut at 300 px: ${JSON.stringify(geometry)}`);
    assert.match(geometry.age, /^(now|\d+[mhdwy])$/);
    assert.ok(
      geometry.ageLeft >= geometry.visibleLeft && geometry.ageRight <= geometry.visibleRight,
      `the age is not within the row's visible part: ${JSON.stringify(geometry)}`,
    );
    assert.equal(geometry.badge, '"P"');
    assert.notEqual(geometry.badgeDisplay, 'none');
    assert.ok(geometry.labelRight <= geometry.rowRight + 0.5, 'the badge is inside the row');
    assert.ok(long);
  });

  it('keeps a hovered row\'s tooltip open across a poll', async () => {
    const { page } = bench;
    await row(SHOWN).locator('.label-name').hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Building for' }).first();
    await hover.waitFor({ timeout: 30_000 });
    assert.match(await hover.innerText(), /Production/);
    await polls(bench, 1);
    assert.ok(await hover.isVisible(), 'the tooltip closed when the view polled');
    if (process.env.E2E_SHOTS) await page.screenshot({ path: path.join(process.env.E2E_SHOTS, 'hover.png') });
    await page.mouse.move(900, 400);
  });
});
