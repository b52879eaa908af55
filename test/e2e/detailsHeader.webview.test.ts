/**
 * The details panel's header in a real browser (Debian's Chromium): what it
 * says, that whatever comes from the deployment stays text, that its buttons
 * post the typed message of their action, and that a failed build's error
 * leads. Also the outline's click-to-toggle and type-ahead.
 */
import * as assert from 'node:assert/strict';
import type { DeploymentHeader, HeaderAction } from '../../src/details/protocol';
import { HOSTILE_TEXTS, hostileExample, referenceExample } from './payloads';
import { sampleHeader, webviewSuite, type WebviewSession } from './webviewHarness';

const ALL_ACTIONS: HeaderAction[] = ['cancel', 'redeploy', 'promote', 'rollback', 'showLogs', 'showRuntimeLogs', 'openOnVercel'];

function hostileHeader(): DeploymentHeader {
  return sampleHeader({
    name: HOSTILE_TEXTS[1],
    title: HOSTILE_TEXTS[0],
    state: 'ERROR',
    stateLabel: 'Error',
    url: 'https://app-abc.vercel.app',
    branch: HOSTILE_TEXTS[2],
    // Longer than the title, as when the title cut the first line short: then both show.
    commit: { message: `${HOSTILE_TEXTS[0]} ${HOSTILE_TEXTS[4]}`, sha: 'a1b2c3d4e5f6', shortSha: 'a1b2c3d', url: 'https://github.com/acme/app/commit/a1b2c3d4e5f6' },
    author: HOSTILE_TEXTS[3],
    error: { message: HOSTILE_TEXTS[5], code: HOSTILE_TEXTS[4], step: HOSTILE_TEXTS[6] },
    build: { template: 'Failed after {0}', start: Date.UTC(2026, 0, 15, 12, 0, 0), end: Date.UTC(2026, 0, 15, 12, 1, 42) },
    actions: ['redeploy', 'showLogs', 'openOnVercel'],
  });
}

function text(s: WebviewSession, selector: string): Promise<string | null> {
  return s.page.locator(selector).first().textContent();
}

describe('details header in Chromium', function () {
  this.timeout(120_000);
  const browser = webviewSuite();
  let session: WebviewSession | undefined;

  it('says state, commit, branch, author, created and duration, and Current for a production deployment', async () => {
    session = await browser.open();
    await session.show(referenceExample(), { id: 'dpl_header' }, sampleHeader({
      name: 'shop',
      title: 'Fix the cart total',
      state: 'READY',
      stateLabel: 'Ready',
      url: 'https://shop-abc.vercel.app',
      targetLabel: 'Production',
      production: true,
      current: true,
      branch: 'main',
      commit: { message: 'Fix the cart total', sha: 'a1b2c3d4e5f6', shortSha: 'a1b2c3d', url: 'https://github.com/acme/shop/commit/a1b2c3d4e5f6' },
      author: 'Ada',
      build: { template: 'Built in {0}', start: Date.UTC(2026, 0, 15, 12, 0, 0), end: Date.UTC(2026, 0, 15, 12, 1, 42) },
      actions: ['redeploy', 'rollback', 'showLogs', 'openOnVercel'],
    }));
    assert.equal(await text(session, '.summary-header .state'), 'Ready');
    assert.equal(await text(session, '.summary-header .name'), 'Fix the cart total');
    assert.equal(await text(session, '.current-mark'), 'Current');
    assert.equal(await text(session, '.target'), 'Production');
    assert.equal(await text(session, '.project-name'), 'shop');
    assert.equal(await text(session, '.deployment-id'), 'dpl_header');
    assert.equal(await text(session, '.fact.url .link'), 'shop-abc.vercel.app');
    assert.equal(await text(session, '.branch-name'), 'main');
    assert.equal(await text(session, '.fact.commit .sha'), 'a1b2c3d');
    assert.equal(await session.page.locator('.commit-message').count(), 0, 'the title already says the message');
    assert.equal(await text(session, '.author-name'), 'Ada');
    assert.match((await text(session, '.created-text')) ?? '', /2026/);
    assert.equal(await text(session, '.duration-text'), 'Built in 1m 42s');
    assert.deepEqual(
      await session.page.locator('.header-actions vscode-button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-header-action'))),
      ['redeploy', 'rollback', 'showLogs', 'openOnVercel'],
    );
    assert.equal(await session.page.locator('.failure').count(), 0);
    assert.equal(await session.page.evaluate(() => document.title), 'Fix the cart total');
  });

  it('keeps hostile commit messages, branches, authors and errors as text: no element injected, no script run', async () => {
    session = await browser.open();
    const dialogs: string[] = [];
    session.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const elementsBefore = await session.page.evaluate(() => document.querySelectorAll('img, iframe, svg, object, embed, a[href], b, style, script').length);
    await session.show(hostileExample(), { id: 'dpl_hostile' }, hostileHeader());
    assert.equal(await text(session, '.summary-header .name'), HOSTILE_TEXTS[0]);
    assert.equal(await text(session, '.commit-message'), `${HOSTILE_TEXTS[0]} ${HOSTILE_TEXTS[4]}`);
    assert.equal(await text(session, '.branch-name'), HOSTILE_TEXTS[2]);
    assert.equal(await text(session, '.author-name'), HOSTILE_TEXTS[3]);
    assert.equal(await text(session, '.project-name'), HOSTILE_TEXTS[1]);
    assert.equal(await text(session, '.failure-message'), HOSTILE_TEXTS[5]);
    assert.equal(await text(session, '.failure-meta'), `Code ${HOSTILE_TEXTS[4]} · in step ${HOSTILE_TEXTS[6]}`);
    // Hover and focus everything in the header: no handler hides in the text.
    for (const fact of await session.page.locator('.summary-header .fact').all()) await fact.hover();
    const after = await session.page.evaluate(() => ({
      pwned: window.__pwned,
      injected: document.querySelectorAll('.summary-header img, .summary-header iframe, .summary-header svg, .summary-header a, .summary-header b, .summary-header style, .summary-header script').length,
      all: document.querySelectorAll('img, iframe, svg, object, embed, a[href], b, style, script').length,
    }));
    assert.deepEqual(after, { pwned: 0, injected: 0, all: elementsBefore });
    assert.deepEqual(dialogs, []);
  });

  it("leads with a failed build's error: message, code and step", async () => {
    session = await browser.open();
    await session.show(referenceExample(), { id: 'dpl_failed' }, sampleHeader({
      state: 'ERROR',
      stateLabel: 'Error',
      title: 'Add checkout',
      error: { message: 'Command "npm run build" exited with 1', code: 'BUILD_FAILED', step: 'build' },
    }));
    const first = await session.page.locator('.summary-header > *').first().getAttribute('class');
    assert.equal(first, 'failure');
    assert.equal(await text(session, '.failure-title'), 'The build failed');
    assert.equal(await text(session, '.failure-message'), 'Command "npm run build" exited with 1');
    assert.equal(await text(session, '.failure-meta'), 'Code BUILD_FAILED · in step build');
    assert.equal(await session.page.locator('.failure .codicon-error').count(), 1, 'the error has its icon, not only a colour');
  });

  it('says once that the build failed, and how long it ran until it failed', async () => {
    session = await browser.open();
    // The extension sends the message without the words the title says ("The build failed: <module> not found …").
    await session.show(referenceExample(), { id: 'dpl_failed_once' }, sampleHeader({
      state: 'ERROR',
      stateLabel: 'Error',
      title: 'Add checkout',
      error: { message: '<module> not found in ./src/index.ts', code: 'BUILD_FAILED', step: 'build' },
      build: { template: 'Failed after {0}', start: Date.UTC(2026, 0, 15, 12, 0, 0), end: Date.UTC(2026, 0, 15, 12, 1, 1) },
      actions: ['redeploy', 'showLogs', 'openOnVercel'],
    }));
    const header = (await text(session, '.summary-header')) ?? '';
    assert.equal(header.match(/build failed/gi)?.length, 1, `the header says it more than once: ${header}`);
    assert.equal(await text(session, '.failure-message'), '<module> not found in ./src/index.ts');
    assert.equal(await text(session, '.duration-text'), 'Failed after 1m 1s');
    // Only the words of the message: an empty one adds no empty line.
    await session.send({ type: 'header', header: sampleHeader({ state: 'ERROR', stateLabel: 'Error', error: { message: '', code: 'BUILD_FAILED' } }) });
    await session.page.locator('.failure-message').waitFor({ state: 'detached' });
    assert.equal(((await text(session, '.summary-header')) ?? '').match(/build failed/gi)?.length, 1);
  });

  it('lists the domains it answers on as links, counts the rest, and names the dashboard as the tree does', async () => {
    session = await browser.open();
    const domains = ['shop.com', 'www.shop.com', 'shop-git-main-acme.vercel.app', 'a.shop.com', 'b.shop.com', 'c.shop.com', 'd.shop.com'];
    await session.show(referenceExample(), { id: 'dpl_domains' }, sampleHeader({ url: 'https://shop-abc.vercel.app', domains, actions: ['showLogs', 'openOnVercel'] }));
    assert.deepEqual(await session.page.locator('.fact.domains .link').allTextContents(), domains.slice(0, 5));
    assert.equal(await text(session, '.fact.domains .domain-list'), 'shop.com, www.shop.com, shop-git-main-acme.vercel.app, a.shop.com, b.shop.com +2 more');
    assert.equal(await text(session, '.fact.domains .sr-only'), 'Domains: ');
    await session.page.locator('.fact.domains .link', { hasText: 'www.shop.com' }).click();
    await session.page.locator('.fact.domains .link').first().focus();
    await session.page.keyboard.press('Enter');
    assert.deepEqual((await session.posted()).filter((m) => m.type === 'openUrl'), [
      { type: 'openUrl', url: 'https://www.shop.com/' },
      { type: 'openUrl', url: 'https://shop.com/' },
    ]);
    assert.equal(await text(session, 'vscode-button[data-header-action="openOnVercel"]'), 'Open in Vercel Dashboard');
    // None: no empty fact.
    await session.send({ type: 'header', header: sampleHeader({ domains: [] }) });
    await session.page.locator('.fact.domains').waitFor({ state: 'detached' });
  });

  it('posts the typed message of each button, and opens the URL and the commit through the extension', async () => {
    session = await browser.open();
    await session.show(referenceExample(), { id: 'dpl_buttons' }, sampleHeader({
      url: 'https://shop-abc.vercel.app',
      commit: { message: 'm', sha: 'a1b2c3d4e5f6', shortSha: 'a1b2c3d', url: 'https://github.com/acme/shop/commit/a1b2c3d4e5f6' },
      actions: ALL_ACTIONS,
    }));
    for (const action of ALL_ACTIONS) await session.page.locator(`vscode-button[data-header-action="${action}"]`).click();
    // The keyboard reaches them too.
    await session.page.locator('vscode-button[data-header-action="redeploy"]').focus();
    await session.page.keyboard.press('Enter');
    await session.page.locator('.fact.url .link').click();
    await session.page.locator('.fact.commit .link').focus();
    await session.page.keyboard.press('Enter');
    const posted = (await session.posted()).filter((m) => m.type === 'action' || m.type === 'openUrl');
    assert.deepEqual(posted, [
      ...ALL_ACTIONS.map((action) => ({ type: 'action', action })),
      { type: 'action', action: 'redeploy' },
      { type: 'openUrl', url: 'https://shop-abc.vercel.app/' },
      { type: 'openUrl', url: 'https://github.com/acme/shop/commit/a1b2c3d4e5f6' },
    ]);
  });

  it('shows a commit without a link when its host is not known, and no button the extension did not send', async () => {
    session = await browser.open();
    await session.show(referenceExample(), { id: 'dpl_plain' }, sampleHeader({
      commit: { message: 'm', sha: 'a1b2c3d4e5f6', shortSha: 'a1b2c3d' },
      actions: ['showLogs'],
    }));
    assert.equal(await session.page.locator('.fact.commit .link').count(), 0);
    assert.equal(await text(session, '.fact.commit .sha'), 'a1b2c3d');
    assert.equal(await session.page.locator('.header-actions vscode-button').count(), 1);
  });

  it('takes a new header without redrawing the outline: Current moves, buttons follow', async () => {
    session = await browser.open();
    await session.show(referenceExample(), { id: 'dpl_moves' }, sampleHeader({ actions: ['rollback', 'showLogs'] }));
    await session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^build$/ }) }).click();
    const rowsBefore = await session.page.locator('.tree .row').count();
    await session.page.evaluate(() => document.querySelector('.tree .row')?.setAttribute('data-kept', 'yes'));
    await session.send({ type: 'header', header: sampleHeader({ current: true, actions: ['redeploy', 'showLogs'] }) });
    await session.page.locator('.current-mark').waitFor();
    assert.deepEqual(
      await session.page.locator('.header-actions vscode-button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-header-action'))),
      ['redeploy', 'showLogs'],
    );
    assert.equal(await text(session, '.status'), 'test — Ready · Current', 'a screen reader hears that it became Current');
    assert.equal(await session.page.locator('.summary-header[aria-live], .summary-header [aria-live]').count(), 0, 'the counting duration is not announced');
    assert.equal(await session.page.locator('.tree .row').count(), rowsBefore);
    assert.equal(await session.page.locator('.tree .row[data-kept="yes"]').count(), 1, 'the outline rows were redrawn');
  });

  it('counts a running build on, with a spinning state', async () => {
    session = await browser.open();
    const start = Date.now() - 65_000;
    await session.show(referenceExample(), { id: 'dpl_live' }, sampleHeader({
      state: 'BUILDING',
      stateLabel: 'Building',
      live: true,
      build: { template: 'Building for {0}', start },
      actions: ['cancel', 'showLogs'],
    }));
    assert.match((await text(session, '.duration-text')) ?? '', /^Building for 1m \d+s$/);
    assert.equal(await session.page.locator('.summary-header .state .codicon-modifier-spin').count(), 1);
  });

  describe('the outline', () => {
    it('opens and closes a parent row with a click on it, not only on its twistie', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      const build = session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^build$/ }) });
      assert.equal(await build.getAttribute('aria-expanded'), 'false');
      await build.locator('.key').click();
      assert.equal(await build.getAttribute('aria-expanded'), 'true');
      await build.locator('.type').click();
      assert.equal(await build.getAttribute('aria-expanded'), 'false');
      // A leaf only takes the focus.
      const leaf = session.page.locator('.tree .row', { has: session.page.locator('.key', { hasText: /^aliasAssignedAt$/ }) });
      await leaf.click();
      assert.equal(await leaf.getAttribute('aria-expanded'), null);
      assert.equal(await leaf.getAttribute('aria-selected'), 'true');
    });

    it('jumps to the next key that starts with what was typed', async () => {
      session = await browser.open();
      await session.show(referenceExample());
      const active = (): Promise<string | null> =>
        session!.page.evaluate(() => {
          const id = document.querySelector('.tree')?.getAttribute('aria-activedescendant');
          return id ? (document.getElementById(id)?.querySelector('.key')?.textContent ?? null) : null;
        });
      const keys = await session.page.locator('.tree .row .key').allTextContents();
      const rKeys = keys.filter((k) => k.startsWith('r'));
      assert.ok(rKeys.length >= 2, `keys: ${keys.join(', ')}`);
      await session.page.locator('.tree').focus();
      await session.page.keyboard.press('r');
      assert.equal(await active(), rKeys[0]);
      await session.page.keyboard.press('r');
      assert.equal(await active(), rKeys[1], 'the same letter again moves to the next match');
      // A prefix typed quickly: the first key that starts with it.
      await session.page.keyboard.press('Home');
      await session.page.keyboard.type('rea', { delay: 20 });
      assert.equal(await active(), keys.find((k) => k.startsWith('rea')));
      // Nothing starts with it: the focus stays.
      const before = await active();
      await session.page.waitForTimeout(900);
      await session.page.keyboard.press('~');
      assert.equal(await active(), before);
    });
  });
});
