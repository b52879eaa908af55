/** The pure parts of the lifecycle actions: which deployment allows what, and when an alias job has settled. */
import { strict as assert } from 'node:assert';
import type { AliasRequest, DeploymentListItem, Project } from '../../src/api/schemas';
import { followAliasJob, jobProgress, type ExpectedJob } from '../../src/deployments/aliasJob';
import { actionTokens, type ProductionView } from '../../src/deployments/capabilities';
import { rowModel } from '../../src/deployments/presentation';
import { productionOf } from '../../src/deployments/production';
import { listItemOf, turnedReadyInProduction } from '../../src/deployments/store';
import { deployment } from './fixtures';

function item(uid: string, readyState: string, target: 'production' | null, created: number, extra: Partial<DeploymentListItem> = {}): DeploymentListItem {
  return deployment({ uid, name: 'p', readyState, target, created, ...extra });
}

const CURRENT = item('dpl_current', 'READY', 'production', 500);
const production: ProductionView = { deploymentId: CURRENT.uid, createdAt: CURRENT.created, rolledBack: false };

describe('action capabilities', () => {
  it('marks the current deployment, which can be redeployed but not promoted, rolled back to or deleted', () => {
    assert.deepEqual(actionTokens(CURRENT, production), ['current', 'redeployable']);
  });

  it('offers promote of the current one too while production is rolled back', () => {
    assert.deepEqual(actionTokens(CURRENT, { ...production, rolledBack: true }), ['current', 'redeployable', 'promotable']);
  });

  it('lets an earlier READY production deployment be rolled back to, and not a later one', () => {
    assert.deepEqual(actionTokens(item('a', 'READY', 'production', 100), production), ['redeployable', 'promotable', 'rollbackable', 'deletable']);
    assert.deepEqual(actionTokens(item('b', 'READY', 'production', 900), production), ['redeployable', 'promotable', 'deletable']);
    assert.ok(!actionTokens(item('c', 'READY', 'production', 100, { isRollbackCandidate: false }), production).includes('rollbackable'));
  });

  it('lets a READY preview be promoted (rebuilt) but never rolled back to', () => {
    assert.deepEqual(actionTokens(item('p', 'READY', null, 100), production), ['redeployable', 'promotable', 'deletable']);
  });

  it('redeploys only finished builds and promotes only READY ones', () => {
    for (const state of ['ERROR', 'CANCELED']) {
      assert.deepEqual(actionTokens(item('x', state, 'production', 100), production), ['redeployable', 'deletable'], state);
    }
    for (const state of ['QUEUED', 'BUILDING', 'SOMETHING_NEW']) {
      assert.deepEqual(actionTokens(item('x', state, null, 100), production), ['deletable'], state);
    }
  });

  it('puts Current, the served domains and the tokens into the row model, so a move redraws both rows', () => {
    const withDomains = { ...production, domains: ['shop.example.com'] };
    const row = rowModel(CURRENT, 1000, 'en', withDomains);
    assert.equal(row.current, true);
    assert.deepEqual(row.servedDomains, ['shop.example.com']);
    assert.match(row.contextValue, /^deployment\b.*\bcurrent redeployable$/);
    const moved = rowModel(CURRENT, 1000, 'en', { ...withDomains, deploymentId: 'dpl_other', createdAt: 900 });
    assert.equal(moved.current, false);
    assert.notDeepEqual(moved, row);
    assert.match(moved.contextValue, /\brollbackable\b/);
  });

  it('offers nothing that needs to know production before the project was read', () => {
    assert.deepEqual(actionTokens(item('a', 'READY', 'production', 100), undefined), ['redeployable', 'promotable']);
    assert.deepEqual(actionTokens(item('p', 'READY', null, 100), undefined), ['redeployable', 'promotable', 'deletable']);
  });
});

function job(fields: Partial<AliasRequest>): AliasRequest {
  return { fromDeploymentId: 'dpl_old', toDeploymentId: 'dpl_to', jobStatus: 'pending', requestedAt: 1000, type: 'rollback', ...fields };
}

describe('alias jobs', () => {
  const previous = job({ toDeploymentId: 'dpl_to', jobStatus: 'succeeded', requestedAt: 10 });
  const expected: ExpectedJob = { type: 'rollback', toDeploymentId: 'dpl_to', previous };

  it('waits while only the earlier job is visible, or ours is pending or in progress', () => {
    assert.equal(jobProgress(previous, expected).kind, 'waiting', 'the earlier job, even though it succeeded');
    assert.equal(jobProgress(null, expected).kind, 'waiting');
    assert.deepEqual(jobProgress(job({ jobStatus: 'in-progress' }), expected), { kind: 'waiting', status: 'in-progress' });
    assert.deepEqual(jobProgress(job({ jobStatus: 'queued-somewhere-new' }), expected), { kind: 'waiting', status: 'queued-somewhere-new' });
  });

  it('settles on succeeded, failed or skipped, and notices when another job replaced ours', () => {
    for (const status of ['succeeded', 'failed', 'skipped'] as const) {
      assert.deepEqual(jobProgress(job({ jobStatus: status }), expected), { kind: 'settled', outcome: status });
    }
    assert.equal(jobProgress(job({ type: 'promote' }), expected).kind, 'superseded');
    assert.equal(jobProgress(job({ toDeploymentId: 'dpl_other' }), expected).kind, 'superseded');
  });

  function project(alias: AliasRequest | null): Project {
    return { id: 'prj', name: 'p', accountId: 'a', lastAliasRequest: alias };
  }

  it('follows reads until the job settles, sleeping between them', async () => {
    const answers = [project(previous), project(job({})), project(job({ jobStatus: 'in-progress' })), project(job({ jobStatus: 'succeeded' }))];
    const sleeps: number[] = [];
    const result = await followAliasJob({
      read: async () => answers.shift() ?? assert.fail('read after it settled'),
      expected,
      signal: new AbortController().signal,
      intervalMs: 300,
      timeoutMs: 60_000,
      sleep: async (ms) => void sleeps.push(ms),
      now: () => 0,
    });
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.reads, 4);
    assert.deepEqual(sleeps, [300, 300, 300]);
  });

  it('gives up as unknown after its time limit', async () => {
    let clock = 0;
    const result = await followAliasJob({
      read: async () => project(job({})),
      expected,
      signal: new AbortController().signal,
      intervalMs: 300,
      timeoutMs: 1000,
      sleep: async (ms) => void (clock += ms),
      now: () => clock,
    });
    assert.equal(result.outcome, 'unknown');
    assert.equal(result.reads, 5);
  });
});

describe('store helpers for actions', () => {
  it('reads production, its domains and a rollback from the project', () => {
    const p: Project = {
      id: 'prj',
      name: 'p',
      accountId: 'a',
      targets: { production: { id: 'dpl_x', createdAt: 5, alias: ['shop.example.com'] } },
      lastRollbackTarget: {},
      lastAliasRequest: null,
    };
    assert.deepEqual(productionOf(p), { deploymentId: 'dpl_x', createdAt: 5, domains: ['shop.example.com'], rolledBack: true, aliasJob: null });
    assert.equal(productionOf({ ...p, lastRollbackTarget: null, targets: {} }).rolledBack, false);
    assert.equal(productionOf({ ...p, targets: {} }).deploymentId, undefined);
  });

  it('notices a production deployment turning READY, and nothing else', () => {
    const before = [item('a', 'BUILDING', 'production', 2), item('b', 'BUILDING', null, 1)];
    assert.equal(turnedReadyInProduction(before, [item('a', 'READY', 'production', 2), before[1]!]), true);
    assert.equal(turnedReadyInProduction(before, [before[0]!, item('b', 'READY', null, 1)]), false);
    assert.equal(turnedReadyInProduction(before, [item('n', 'READY', 'production', 3), ...before]), true, 'a new one, READY already');
    assert.equal(turnedReadyInProduction([], [item('a', 'READY', 'production', 2)]), false, 'the first look reads the project anyway');
  });

  it('turns a redeploy answer into a list item', () => {
    const listed = listItemOf({
      id: 'dpl_new',
      name: 'p',
      projectId: 'prj',
      url: 'new.vercel.app',
      createdAt: 7,
      readyState: 'QUEUED',
      type: 'LAMBDAS',
      creator: { uid: 'u', username: 'ana' },
      inspectorUrl: 'https://vercel.com/x',
      meta: { action: 'redeploy' },
      target: 'production',
    } as unknown as Parameters<typeof listItemOf>[0]);
    assert.equal(listed.uid, 'dpl_new');
    assert.equal(listed.created, 7);
    assert.equal(listed.readyState, 'QUEUED');
    assert.equal(listed.target, 'production');
    assert.equal(listed.creator.username, 'ana');
  });
});
