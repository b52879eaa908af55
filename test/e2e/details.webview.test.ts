/**
 * The details webview in a real browser (Debian's Chromium): the page the
 * panel shows, its built script and styles, fed by postMessage as the
 * extension does. Only `acquireVsCodeApi` is a test double.
 */
import * as assert from 'node:assert/strict';
import { descriptionOf } from '../../src/api/schemas';
import { deploymentSchema } from '../../src/api/deployment';
import type { PersistedState } from '../../src/details/protocol';
import { deploymentJsonSchema } from '../../src/details/schema';
import { HOSTILE_TEXTS, hostileExample, largeExample, referenceExample } from './payloads';
import { ENGLISH, sampleHeader, webviewSuite, type WebviewSession } from './webviewHarness';

/** Far more than one screen of rows, far fewer than a large response has values. */
const DOM_BUDGET = 2_500;

async function filter(s: WebviewSession, text: string): Promise<void> {
  await s.page.locator('vscode-textfield.filter input').fill(text);
  await s.page.keyboard.press('Enter');
}

function rowTexts(s: WebviewSession): Promise<string[]> {
  return s.page.locator('.tree .row').evaluateAll((rows) =>
    rows
      .map((r) => ({ top: new DOMMatrix(getComputedStyle(r).transform).m42, text: r.querySelector('.key')?.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.text),
  );
}

/** The rows once they settle: the virtual list may place its recycled rows a frame after the filter applies. */
async function settledRowTexts(s: WebviewSession, expected: readonly string[], count = expected.length): Promise<string[]> {
  let rows: string[] = [];
  for (let tries = 0; tries < 50; tries++) {
    rows = (await rowTexts(s)).slice(0, count);
    if (rows.length === expected.length && rows.every((row, i) => row === expected[i])) break;
    await s.page.waitForTimeout(100);
  }
  return rows;
}

/** Resolves after the page has drawn two more frames: what its scroll and key handlers do has happened by then. */
function nextFrames(s: WebviewSession): Promise<void> {
  return s.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

function domSize(s: WebviewSession): Promise<number> {
  return s.page.evaluate(() => document.querySelectorAll('*').length);
}

describe('details webview in Chromium', function () {
  this.timeout(120_000);
  const browser = webviewSuite();
  let session: WebviewSession | undefined;

  describe('the reference example response', () => {
    it('says ready, then draws the top-level fields with their types', async () => {
      session = await browser.open();
      await session.ready();
      assert.deepEqual(await session.posted(), [{ type: 'ready' }]);
      await session.show(referenceExample());
      const first = session.page.locator('.tree .row').first();
      assert.equal(await first.locator('.key').textContent(), 'aliasAssignedAt');
      assert.equal(await first.locator('.type').textContent(), 'number | boolean | null');
      assert.equal(await first.locator('.presence').textContent(), 'optional');
      assert.equal(await session.page.locator('.name').textContent(), 'test');
    });

    it('shows the documented description of readySubstate, its enum and its value', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      await filter(session, 'readySubstate');
      const row = session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^readySubstate$/ }) });
      const documented = descriptionOf(deploymentSchema().shape.readySubstate);
      assert.ok(documented);
      assert.equal(await row.locator('.desc').textContent(), documented);
      assert.deepEqual(await row.locator('.badge').allTextContents(), ['STAGED', 'ROLLING', 'PROMOTED']);
      assert.equal(await row.locator('.badge.on').textContent(), 'STAGED');
      assert.equal(await row.locator('.type').textContent(), 'enum<string>');
      await row.click();
      assert.equal(await session.page.locator('.details .d-desc').textContent(), documented);
      assert.equal(await session.page.locator('.details .d-path').textContent(), '$.readySubstate');
    });

    it('narrows the rows to what the filter matches, by key or by value', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      let before = await rowTexts(session);
      // The first screen, once two looks a frame apart agree.
      for (let tries = 0; tries < 50; tries++) {
        await session.page.waitForTimeout(100);
        const again = await rowTexts(session);
        if (again.length === before.length && again.every((row, i) => row === before[i])) break;
        before = again;
      }
      assert.ok(before.length > 30);
      await filter(session, 'functionName');
      assert.deepEqual(await rowTexts(session), ['lambdas', '[0]', 'output', '[0]', 'functionName']);
      assert.equal(await session.page.locator('.match-count').textContent(), '1 matches');
      await filter(session, 'api-trigger');
      assert.deepEqual(await rowTexts(session), ['source']);
      assert.equal(await session.page.locator('.tree .row mark').textContent(), 'api-trigger');
      await filter(session, 'no such field or value');
      assert.deepEqual(await rowTexts(session), []);
      assert.match((await session.page.locator('.empty-view').textContent()) ?? '', /No field or value matches/);
      await filter(session, '');
      assert.deepEqual(await settledRowTexts(session, before.slice(0, 20)), before.slice(0, 20));
    });

    it('copies the JSON path and the value of a field', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      await filter(session, 'functionName');
      const row = session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^functionName$/ }) });
      await row.click();
      await row.locator('[data-action="copy-path"]').click();
      await session.page.locator('.details vscode-button[data-action="copy-value"]').click();
      const copies = (await session.posted()).filter((m) => m.type === 'copy');
      assert.deepEqual(copies, [
        { type: 'copy', kind: 'path', text: '$.lambdas[0].output[0].functionName' },
        { type: 'copy', kind: 'value', text: '<string>' },
      ]);
    });

    it('moves, opens and closes with the keyboard', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      const tree = session.page.locator('.tree');
      await tree.focus();
      const active = (): Promise<string | null> =>
        session!.page.evaluate(() => {
          const id = document.querySelector('.tree')?.getAttribute('aria-activedescendant');
          return id ? (document.getElementById(id)?.querySelector('.key')?.textContent ?? null) : null;
        });
      assert.equal(await active(), 'aliasAssignedAt');
      await session.page.keyboard.press('ArrowDown');
      await session.page.keyboard.press('ArrowDown');
      assert.equal(await active(), 'build');
      await session.page.keyboard.press('ArrowRight');
      const build = session.page.locator('.tree .row.active');
      assert.equal(await build.getAttribute('aria-expanded'), 'true');
      await session.page.keyboard.press('ArrowRight');
      assert.equal(await active(), 'env');
      await session.page.keyboard.press('ArrowLeft');
      assert.equal(await active(), 'build');
      await session.page.keyboard.press('ArrowLeft');
      assert.equal(await session.page.locator('.tree .row.active').getAttribute('aria-expanded'), 'false');
      await session.page.keyboard.press('End');
      assert.equal(await active(), 'config');
      await session.page.keyboard.press('Home');
      assert.equal(await active(), 'aliasAssignedAt');
      await session.page.keyboard.press('Control+f');
      assert.equal(await session.page.evaluate(() => document.activeElement?.tagName), 'VSCODE-TEXTFIELD');
    });

    it('shows timestamps as local dates, with the raw number on hover', async () => {
      session = await browser.open();
      const value = referenceExample();
      value.createdAt = Date.UTC(2025, 0, 15, 12, 0, 0);
      await session.show(value);
      await filter(session, 'createdAt');
      const date = session.page.locator('.tree .row[aria-level="1"]', { has: session.page.locator('.key', { hasText: /^createdAt$/ }) }).locator('.v-date');
      assert.equal(await date.getAttribute('title'), String(value.createdAt));
      assert.match((await date.textContent()) ?? '', /2025.*ago/);
    });

    it('flags unknown fields and values that break the schema, with the reason', async () => {
      session = await browser.open();
      const value = referenceExample();
      value.futureField = 1;
      value.public = 'yes';
      await session.show(value);
      await filter(session, 'futureField');
      assert.equal(await session.page.locator('.tree .row .mark.unknown').count(), 1);
      await filter(session, 'public');
      const mark = session.page.locator('.tree .row .mark.violation');
      assert.equal(await mark.getAttribute('title'), 'Breaks the schema: Expected boolean, got string');
    });

    it('offers http(s) links to the extension and nothing else', async () => {
      session = await browser.open();
      const value = referenceExample();
      value.inspectorUrl = 'https://vercel.com/acme/app/abc';
      value.errorLink = 'javascript:alert(1)';
      await session.show(value);
      await filter(session, 'inspectorUrl');
      await session.page.locator('.tree .row .link').click();
      await filter(session, 'errorLink');
      assert.equal(await session.page.locator('.tree .row .link').count(), 0);
      const opened = (await session.posted()).filter((m) => m.type === 'openUrl');
      assert.deepEqual(opened, [{ type: 'openUrl', url: 'https://vercel.com/acme/app/abc' }]);
    });

    it('asks the extension for the build logs from the header', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      await session.page.locator('vscode-button[data-header-action="showLogs"]').click();
      assert.deepEqual((await session.posted()).filter((m) => m.type === 'action'), [{ type: 'action', action: 'showLogs' }]);
    });

    it('toggles to the raw pretty JSON', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      await session.page.locator('vscode-toolbar-button[icon="json"]').click();
      await session.page.locator('.raw .line').first().waitFor();
      assert.equal(await session.page.locator('.raw .line .code').first().textContent(), '{');
      await filter(session, 'readySubstate');
      assert.deepEqual(await session.page.locator('.raw .line .code').allTextContents(), ['  "readySubstate": "STAGED",']);
      assert.equal(await session.page.locator('.tree').isHidden(), true);
    });

    it('keeps expansion, filter and scroll in its state and restores them', async () => {
      session = await browser.open({ viewport: { width: 1000, height: 500 } });
      await session.show(referenceExample(), { id: 'dpl_state' });
      await session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^build$/ }) }).locator('.twistie').click();
      await session.page.locator('.tree').evaluate((t) => t.scrollTo(0, 200));
      // The page saves its state a moment after each change: wait until it has saved each one.
      await session.page.waitForFunction(() => ((window.__state as { scrollTop?: number } | undefined)?.scrollTop ?? 0) > 0);
      await filter(session, 'e');
      await session.page.waitForFunction(() => (window.__state as { query?: string } | undefined)?.query === 'e');
      const state = await session.page.evaluate(() => window.__state);
      assert.ok(typeof state === 'object' && state !== null);
      const saved: Partial<PersistedState> = state;
      assert.equal(saved.query, 'e');
      assert.deepEqual(saved.toggled, ['$.build']);
      assert.deepEqual(saved.ref, { id: 'dpl_state' });
      await session.close();

      // A new webview (shown again, or after a window reload) gets the state back from VS Code.
      session = await browser.open({ state: { ...saved, query: '', scrollTop: 120 }, viewport: { width: 1000, height: 500 } });
      await session.show(referenceExample(), { id: 'dpl_state' });
      assert.equal(await session.page.locator('.tree').evaluate((t) => t.scrollTop), 120);
      const build = session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^build$/ }) });
      assert.equal(await build.getAttribute('aria-expanded'), 'true');
      await session.close();

      session = await browser.open({ state: saved });
      await session.show(referenceExample(), { id: 'dpl_state' });
      assert.equal(await session.page.locator('vscode-textfield.filter').evaluate((f) => ('value' in f ? String(f.value) : undefined)), 'e');
      await session.close();

      // Another deployment's state is not applied.
      session = await browser.open({ state: saved });
      await session.show(referenceExample(), { id: 'dpl_other' });
      assert.equal(await session.page.locator('vscode-textfield.filter').evaluate((f) => ('value' in f ? String(f.value) : undefined)), '');
    });

    it('tells the extension once that the person works in the page (a preview panel is then kept), not for a state restored by script or a workbench shortcut', async () => {
      const interactions = async (s: WebviewSession): Promise<number> => (await s.posted()).filter((m) => m.type === 'interacted').length;
      session = await browser.open({ viewport: { width: 1000, height: 500 } });
      await session.show(referenceExample(), { id: 'dpl_browse' });
      // Drawing, scrolling by script (a restored position), the pointer passing over, Ctrl+Tab or a lone Shift: not work in the page.
      await session.page.locator('.tree').evaluate((t) => t.scrollTo(0, 200));
      await session.page.locator('.tree .row').first().hover();
      await session.page.keyboard.press('Shift');
      await session.page.keyboard.press('Control+Tab');
      await nextFrames(session);
      assert.equal(await interactions(session), 0);
      // The wheel is.
      await session.page.mouse.wheel(0, 120);
      await session.page.waitForFunction(() => window.__posted.some((m) => m.type === 'interacted'));
      // Once per page: further clicks, keys and filters say nothing more.
      await session.page.locator('.tree .row').first().click();
      await filter(session, 'build');
      assert.equal(await interactions(session), 1);
      await session.close();

      for (const act of [
        (s: WebviewSession) => s.page.locator('.tree .row').first().click(),
        (s: WebviewSession) => s.page.locator('vscode-button[data-header-action="showLogs"]').click(),
        async (s: WebviewSession) => {
          await s.page.locator('.tree').focus();
          await s.page.keyboard.press('ArrowDown');
        },
        (s: WebviewSession) => s.page.keyboard.press('Control+f'),
      ]) {
        session = await browser.open();
        await session.show(referenceExample(), { id: 'dpl_browse' });
        assert.equal(await interactions(session), 0);
        await act(session);
        await session.page.waitForFunction(() => window.__posted.some((m) => m.type === 'interacted'));
        assert.equal(await interactions(session), 1);
        await session.close();
      }
      session = undefined;
    });

    it('shows loading, then an error with a retry, and keeps good data beside a later error', async () => {
      session = await browser.open();
      await session.ready();
      await session.send({ type: 'init', ref: { id: 'dpl_x' }, strings: ENGLISH, locale: 'en-US', schema: deploymentJsonSchema() });
      await session.send({ type: 'loading' });
      await session.page.locator('vscode-progress-ring').waitFor();
      await session.send({ type: 'error', message: 'Not found (HTTP 404)' });
      assert.equal(await session.page.locator('.placeholder-message').textContent(), 'Not found (HTTP 404)');
      await session.page.locator('.placeholder-box vscode-button').click();
      assert.ok((await session.posted()).some((m) => m.type === 'reload'));
      await session.send({ type: 'deployment', deployment: referenceExample(), header: sampleHeader({ name: 'app' }) });
      await session.page.locator('.tree .row').first().waitFor();
      await session.send({ type: 'error', message: 'Cannot reach Vercel' });
      assert.match((await session.page.locator('.banner').textContent()) ?? '', /Cannot reach Vercel/);
      assert.ok((await session.page.locator('.tree .row').count()) > 10, 'the last good data stays');
    });
  });

  describe('a hostile response', () => {
    it('shows markup as text: no script runs, no element is injected', async () => {
      session = await browser.open();
      const dialogs: string[] = [];
      session.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await session.show(hostileExample());
      await session.page.locator('vscode-toolbar-button[icon="expand-all"]').click();
      await session.page.mouse.move(300, 300);
      await session.page.mouse.move(300, 100);
      await filter(session, 'onerror');
      const values = await session.page.locator('.tree .row .value').allTextContents();
      assert.ok(values.includes(HOSTILE_TEXTS[0]), `literal text missing from ${JSON.stringify(values)}`);
      assert.ok((await rowTexts(session)).includes('<img src=x onerror="window.__pwned=7">'), 'a hostile key is shown as text');
      await session.page.locator('vscode-toolbar-button[icon="json"]').click();
      await session.page.locator('.raw .line').first().waitFor();
      await filter(session, '<script>');
      assert.ok((await session.page.locator('.raw .line .code').allTextContents()).some((t) => t.includes(HOSTILE_TEXTS[2])));

      const injected = await session.page.evaluate(() => ({
        pwned: window.__pwned,
        scripts: document.querySelectorAll('script').length,
        elements: document.querySelectorAll('img, iframe, svg, object, embed, a[href], b, style').length,
      }));
      assert.deepEqual(injected, { pwned: 0, scripts: 1, elements: 0 });
      assert.deepEqual(dialogs, []);
      // The name went into the heading as text too.
      assert.equal(await session.page.locator('.name').textContent(), 'test');
    });

    it('refuses markup written from a string: Trusted Types are enforced, only lit-html\'s policy exists', async () => {
      session = await browser.open();
      await session.show(hostileExample());
      // Plain JavaScript text: the test runner's transpiler would add helpers the page does not have.
      const outcome: unknown = await session.page.evaluate(`(() => {
        const sink = document.createElement('div');
        const tries = {};
        const attempt = (name, write) => {
          try { write(); tries[name] = 'written'; }
          catch (error) { tries[name] = error instanceof TypeError ? 'refused' : String(error); }
        };
        attempt('innerHTML', () => { sink.innerHTML = '<img src=x onerror="window.__pwned=9">'; });
        attempt('insertAdjacentHTML', () => sink.insertAdjacentHTML('beforeend', '<b>x</b>'));
        attempt('a second policy', () => window.trustedTypes.createPolicy('mine', { createHTML: (s) => s }));
        return { tries, children: sink.childElementCount };
      })()`);
      assert.deepEqual(outcome, {
        tries: { innerHTML: 'refused', insertAdjacentHTML: 'refused', 'a second policy': 'refused' },
        children: 0,
      });
      // The controls themselves (lit templates) still render under the policy.
      assert.ok((await session.page.locator('vscode-toolbar-button').count()) > 0);
      // The browser reported exactly the three refusals, and nothing else went wrong.
      assert.equal(session.errors.length, 3, JSON.stringify(session.errors));
      assert.ok(session.errors.every((e) => /TrustedHTML|TrustedTypePolicy/.test(e)), JSON.stringify(session.errors));
      const violations = await session.page.evaluate(() => window.__cspViolations);
      assert.deepEqual(violations.map((v) => v.split(' ')[0]).sort(), ['require-trusted-types-for', 'require-trusted-types-for', 'trusted-types']);
      await session.close();
      session = undefined;
    });

    it('renders a hostile heading and error message as text', async () => {
      session = await browser.open();
      await session.ready();
      await session.send({ type: 'init', ref: { id: 'dpl_x' }, strings: ENGLISH, locale: 'en-US', schema: deploymentJsonSchema() });
      await session.send({ type: 'error', message: HOSTILE_TEXTS[1] });
      assert.equal(await session.page.locator('.placeholder-message').textContent(), HOSTILE_TEXTS[1]);
      await session.send({
        type: 'deployment',
        deployment: hostileExample(),
        header: sampleHeader({ name: HOSTILE_TEXTS[1], title: HOSTILE_TEXTS[2], state: HOSTILE_TEXTS[3], stateLabel: HOSTILE_TEXTS[0] }),
      });
      await session.page.locator('.tree .row').first().waitFor();
      assert.equal(await session.page.locator('.name').textContent(), HOSTILE_TEXTS[2]);
      assert.equal(await session.page.locator('.project-name').textContent(), HOSTILE_TEXTS[1]);
      assert.equal(await session.page.locator('.summary-header .state').textContent(), HOSTILE_TEXTS[0]);
      assert.equal(await session.page.evaluate(() => window.__pwned + document.querySelectorAll('img, svg, script:not([nonce])').length), 0);
    });
  });

  describe('a multi-MB response', () => {
    const big = largeExample(40_000);
    const bytes = JSON.stringify(big).length;

    it('is several MB of JSON', () => {
      assert.ok(bytes > 5_000_000, `only ${bytes} bytes`);
    });

    it('draws a bounded number of DOM nodes, collapsed, expanded and scrolled', async () => {
      session = await browser.open();
      await session.show(big);
      assert.ok((await domSize(session)) < DOM_BUDGET, 'collapsed');
      const routes = session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^routes$/ }) });
      await session.page.locator('.tree').evaluate((t) => t.scrollTo(0, t.scrollHeight));
      await routes.locator('.twistie').click();
      assert.match((await routes.locator('.count').textContent()) ?? '', /40,000 items/);
      assert.ok((await domSize(session)) < DOM_BUDGET, 'routes expanded');
      await session.page.locator('vscode-toolbar-button[icon="expand-all"]').click();
      await session.page.locator('.tree').evaluate((t) => t.scrollTo(0, t.scrollHeight / 2));
      await nextFrames(session);
      const sizeExpanded = await domSize(session);
      assert.ok(sizeExpanded < DOM_BUDGET, `everything expanded: ${sizeExpanded} nodes`);
      const rows = await session.page.locator('.tree .row').count();
      assert.ok(rows > 10 && rows < 120, `${rows} rows in the DOM`);
      await filter(session, 'post-39999/');
      assert.ok((await rowTexts(session)).includes('src'));
      assert.ok((await domSize(session)) < DOM_BUDGET, 'filtered');
      await session.page.locator('vscode-toolbar-button[icon="json"]').click();
      await filter(session, '');
      await session.page.locator('.raw').evaluate((t) => t.scrollTo(0, t.scrollHeight));
      await nextFrames(session);
      assert.ok((await domSize(session)) < DOM_BUDGET, 'raw JSON');
    });
  });
});
