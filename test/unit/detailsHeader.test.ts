/**
 * What the details panel's header says, as data (src/details/header.ts):
 * where a commit lives, which buttons apply, a failed build's error. Pure, so
 * in plain Node; the words are the panel's.
 */
import * as assert from 'node:assert/strict';
import { type DeploymentListItem } from '../../src/api/schemas';
import type { Deployment } from '../../src/api/deployment';
import { deploymentSchema } from '../../src/api/deployment';
import { parseWebviewMessage } from '../../src/details/guards';
import { commitUrl, deploymentTitle, failureMessage, headerActions, headerDomains, headerFacts } from '../../src/details/header';
import reference from '../fixtures/deployment-reference.json';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function deployment(over: Record<string, unknown> = {}): Deployment {
  return deploymentSchema().parse({ ...reference, id: 'dpl_AbCdEfGhIjKl', ...over });
}

function listed(d: Deployment, over: Partial<DeploymentListItem> = {}): DeploymentListItem {
  return {
    uid: d.id,
    name: d.name,
    url: d.url,
    created: d.createdAt,
    readyState: d.readyState,
    state: d.readyState,
    creator: { uid: d.creator.uid },
    inspectorUrl: d.inspectorUrl,
    meta: d.meta,
    target: d.target ?? null,
    ...over,
  } as DeploymentListItem;
}

describe('details header', () => {
  describe('commitUrl', () => {
    it('links a commit on GitHub, GitLab and Bitbucket when the meta says where', () => {
      assert.equal(commitUrl({ githubCommitSha: SHA, githubOrg: 'acme', githubRepo: 'shop' }), `https://github.com/acme/shop/commit/${SHA}`);
      assert.equal(commitUrl({ githubCommitSha: SHA, githubCommitOrg: 'acme', githubCommitRepo: 'shop' }), `https://github.com/acme/shop/commit/${SHA}`);
      assert.equal(commitUrl({ gitlabCommitSha: SHA, gitlabProjectPath: 'group/sub/shop' }), `https://gitlab.com/group/sub/shop/-/commit/${SHA}`);
      assert.equal(commitUrl({ bitbucketCommitSha: SHA, bitbucketRepoOwner: 'acme', bitbucketRepoSlug: 'shop' }), `https://bitbucket.org/acme/shop/commits/${SHA}`);
    });

    it('links nothing it cannot vouch for: no repository, odd names, or a sha that is not one', () => {
      assert.equal(commitUrl({ githubCommitSha: SHA }), undefined);
      assert.equal(commitUrl({ githubCommitSha: SHA, githubOrg: 'acme', githubRepo: '../../evil' }), undefined);
      assert.equal(commitUrl({ githubCommitSha: SHA, githubOrg: 'a"><script>', githubRepo: 'shop' }), undefined);
      assert.equal(commitUrl({ githubCommitSha: 'javascript:alert(1)', githubOrg: 'acme', githubRepo: 'shop' }), undefined);
      assert.equal(commitUrl({ gitlabCommitSha: SHA, gitlabProjectPath: 'evil.com@x/y' }), undefined);
      assert.equal(commitUrl(undefined), undefined);
    });
  });

  it("titles a deployment by its commit's first line, else its short id", () => {
    assert.equal(deploymentTitle({ id: 'dpl_AbCdEfGhIjKl', meta: { githubCommitMessage: '\nFix the cart\n\nbody' } }), 'Fix the cart');
    assert.equal(deploymentTitle({ id: 'dpl_AbCdEfGhIjKl', meta: {} }), 'AbCdEfGhI');
  });

  describe('headerActions', () => {
    const production = { deploymentId: 'dpl_current', createdAt: Date.UTC(2030, 0, 1), rolledBack: false };

    it('offers Cancel while queued or building, and lifecycle actions only for a listed deployment', () => {
      const building = deployment({ readyState: 'BUILDING' });
      assert.deepEqual(headerActions(building, { listed: listed(building), production }), ['cancel', 'showLogs', 'openOnVercel']);
      const ready = deployment({ readyState: 'READY', target: null });
      assert.deepEqual(headerActions(ready, {}), ['showLogs', 'showRuntimeLogs', 'openOnVercel']);
      assert.deepEqual(headerActions(ready, { listed: listed(ready), production }), ['redeploy', 'promote', 'showLogs', 'showRuntimeLogs', 'openOnVercel']);
    });

    it('offers Rollback for an earlier ready production deployment, not for the current one', () => {
      const older = deployment({ readyState: 'READY', target: 'production', createdAt: Date.UTC(2029, 0, 1) });
      assert.deepEqual(headerActions(older, { listed: listed(older, { created: Date.UTC(2029, 0, 1) }), production }), [
        'redeploy',
        'promote',
        'rollback',
        'showLogs',
        'showRuntimeLogs',
        'openOnVercel',
      ]);
      const current = deployment({ id: 'dpl_current', readyState: 'READY', target: 'production' });
      assert.deepEqual(headerActions(current, { listed: listed(current), production }), ['redeploy', 'showLogs', 'showRuntimeLogs', 'openOnVercel']);
    });

    it('trusts the list only when it agrees with the response on the state', () => {
      const nowReady = deployment({ readyState: 'READY' });
      // The list still says BUILDING (a poll old): no lifecycle action until it catches up.
      assert.deepEqual(headerActions(nowReady, { listed: listed(nowReady, { readyState: 'BUILDING', state: 'BUILDING' }), production }), [
        'showLogs',
        'showRuntimeLogs',
        'openOnVercel',
      ]);
    });
  });

  it("takes a header button's message only for an action it knows", () => {
    for (const action of ['cancel', 'redeploy', 'promote', 'rollback', 'showLogs', 'showRuntimeLogs', 'openOnVercel']) {
      assert.deepEqual(parseWebviewMessage({ type: 'action', action }), { type: 'action', action });
    }
    assert.equal(parseWebviewMessage({ type: 'action', action: 'delete' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'action', action: 'workbench.action.terminal.new' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'action' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'showLogs' }), undefined, 'the old message kind is gone: the header button says action');
  });

  it('takes the page\'s one "the person works here" message, which carries nothing', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'interacted' }), { type: 'interacted' });
    assert.deepEqual(parseWebviewMessage({ type: 'interacted', extra: 'ignored' }), { type: 'interacted' });
    assert.equal(parseWebviewMessage({ type: 'interact' }), undefined);
  });

  describe('headerFacts', () => {
    it("leads with a failed build's error, and says how long the build ran", () => {
      const failed = deployment({
        readyState: 'ERROR',
        errorMessage: 'Command "npm run build" exited with 1',
        errorCode: 'BUILD_FAILED',
        errorStep: 'build',
        buildingAt: 1_000,
        ready: 103_000,
      });
      const facts = headerFacts(failed, {});
      assert.deepEqual(facts.error, { message: 'Command "npm run build" exited with 1', code: 'BUILD_FAILED', step: 'build' });
      assert.deepEqual(facts.build, { start: 1_000, end: 103_000 });
      assert.equal(facts.live, false);
    });

    it('says once that the build failed: the message loses the words the title already says', () => {
      assert.equal(failureMessage('The build failed: <module> not found in ./src/index.ts'), '<module> not found in ./src/index.ts');
      assert.equal(failureMessage('Build failed.'), '');
      assert.equal(failureMessage('build failed - exit code 1'), 'exit code 1');
      assert.equal(failureMessage('Command "npm run build" exited with 1'), 'Command "npm run build" exited with 1');
      assert.equal(failureMessage('Rebuild failed twice'), 'Rebuild failed twice', 'only a leading "build failed" is the title again');
      const failed = deployment({ readyState: 'ERROR', errorMessage: 'The build failed: <module> not found in ./src/index.ts' });
      assert.equal(headerFacts(failed, {}).error?.message, '<module> not found in ./src/index.ts');
    });

    it('says how long a failed build ran: from when it started building to when it failed', () => {
      const base = { readyState: 'ERROR', createdAt: 500, buildingAt: 1_000 };
      // Vercel says when the build failed; `ready` is not set for a failed build.
      assert.deepEqual(headerFacts(deployment({ ...base, buildErrorAt: 62_000, ready: undefined }), {}).build, { start: 1_000, end: 62_000 });
      // Without buildErrorAt, `ready` (when it reached its final state) stands in.
      assert.deepEqual(headerFacts(deployment({ ...base, buildErrorAt: undefined, ready: 90_000 }), {}).build, { start: 1_000, end: 90_000 });
      // No end that makes sense (none, or before the start): no duration rather than a wrong one.
      assert.equal(headerFacts(deployment({ ...base, buildErrorAt: undefined, ready: undefined }), {}).build, undefined);
      assert.equal(headerFacts(deployment({ ...base, buildErrorAt: 10, ready: undefined }), {}).build, undefined);
      // A cancelled build keeps its own end; a ready one its `ready`.
      assert.deepEqual(headerFacts(deployment({ readyState: 'CANCELED', buildingAt: 1_000, canceledAt: 4_000, buildErrorAt: undefined }), {}).build, { start: 1_000, end: 4_000 });
      assert.deepEqual(headerFacts(deployment({ readyState: 'READY', buildingAt: 1_000, ready: 3_000, buildErrorAt: 2_000 }), {}).build, { start: 1_000, end: 3_000 });
    });

    it("names the domains it answers on: production's while Current, then its aliases, never its own URL twice or a host that is not one", () => {
      const d = deployment({
        id: 'dpl_current',
        readyState: 'READY',
        target: 'production',
        url: 'shop-abc123.vercel.app',
        alias: ['shop.com', 'shop-git-main-acme.vercel.app', 'SHOP-ABC123.vercel.app', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', 'a b.com'],
      });
      const production = { deploymentId: 'dpl_current', rolledBack: false, domains: ['shop.com', 'www.shop.com'] };
      assert.deepEqual(headerFacts(d, { production }).domains, ['shop.com', 'www.shop.com', 'shop-git-main-acme.vercel.app']);
      // No longer Current: production's domains in its aliases point at another deployment now.
      assert.deepEqual(headerFacts(d, { production: { ...production, deploymentId: 'dpl_other' } }).domains, ['shop-git-main-acme.vercel.app']);
      // Nothing known of production: its aliases as Vercel lists them.
      assert.deepEqual(headerFacts(d, {}).domains, ['shop.com', 'shop-git-main-acme.vercel.app']);
      assert.deepEqual(headerDomains({ url: 'x.vercel.app', alias: undefined }, undefined, false), []);
    });

    it('says Current, branch, commit, author and URL from the response', () => {
      const d = deployment({
        id: 'dpl_current',
        readyState: 'READY',
        url: 'shop-abc.vercel.app',
        meta: { githubCommitMessage: 'Fix\n\nbody', githubCommitSha: SHA, githubOrg: 'acme', githubRepo: 'shop', githubCommitRef: 'main', githubCommitAuthorName: 'Ada' },
      });
      const facts = headerFacts(d, { production: { deploymentId: 'dpl_current', rolledBack: false } });
      assert.equal(facts.current, true);
      assert.equal(facts.url, 'https://shop-abc.vercel.app');
      assert.equal(facts.branch, 'main');
      assert.equal(facts.author, 'Ada');
      assert.deepEqual(facts.commit, { message: 'Fix', sha: SHA, shortSha: SHA.slice(0, 7), url: `https://github.com/acme/shop/commit/${SHA}` });
      assert.equal(facts.error, undefined);
      assert.equal(headerFacts(d, {}).current, false);
    });

    it('counts a running build from when it started, with no end', () => {
      const d = deployment({ readyState: 'BUILDING', createdAt: 1_000, buildingAt: 5_000 });
      assert.deepEqual(headerFacts(d, {}).build, { start: 5_000, end: undefined });
      assert.equal(headerFacts(d, {}).live, true);
    });
  });
});
