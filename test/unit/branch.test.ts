import { strict as assert } from 'node:assert';
import type { DeploymentListItem } from '../../src/api/schemas';
import { describeFilter, filterQuery, isFiltered, parseFilter } from '../../src/deployments/filter';
import { chooseStatus, needsBranchQuery } from '../../src/statusBar/chooser';
import { deployment } from './fixtures';

let created = 1000;
function item(uid: string, readyState: string, branch?: string, sha?: string): DeploymentListItem {
  return deployment({ uid, created: created--, readyState, branch, sha, meta: {} });
}

const HEAD = 'abc1234def5678abc1234def5678abc1234def56';

describe('status-bar chooser', () => {
  const page = [
    item('main-1', 'READY', 'main', '1111111aaaa'),
    item('feat-2', 'BUILDING', 'feat/login', HEAD),
    item('feat-1', 'READY', 'feat/login', 'def5678aaaa'),
  ];

  it('"project" shows the project\'s newest, whatever the branch', () => {
    const choice = chooseStatus({ follow: 'project', deployments: page, branch: 'feat/login', head: HEAD });
    assert.equal(choice.deployment?.uid, 'main-1');
    assert.equal(choice.head, undefined);
  });

  it('"branch" shows the branch\'s newest and says HEAD is building', () => {
    const choice = chooseStatus({ follow: 'branch', deployments: page, branch: 'feat/login', head: HEAD });
    assert.equal(choice.deployment?.uid, 'feat-2');
    assert.equal(choice.fallback, false);
    assert.equal(choice.head?.status, 'building');
    assert.equal(choice.head?.deployment?.uid, 'feat-2');
  });

  it('HEAD is live when the deployment of that commit is READY (a short HEAD matches too)', () => {
    const ready = [item('x', 'READY', 'feat/login', HEAD)];
    const choice = chooseStatus({ follow: 'branch', deployments: ready, branch: 'feat/login', head: HEAD.slice(0, 7) });
    assert.equal(choice.head?.status, 'live');
  });

  it('HEAD without a deployment names the branch\'s newest instead', () => {
    const choice = chooseStatus({ follow: 'branch', deployments: page, branch: 'feat/login', head: '9999999ffff' });
    assert.equal(choice.head?.status, 'none');
    assert.equal(choice.head?.newestOnBranch?.uid, 'feat-2');
  });

  it('falls back to the project\'s newest when the branch has none, and says so', () => {
    const choice = chooseStatus({ follow: 'branch', deployments: page, branch: 'fix/typo', head: '5555555eeee' });
    assert.equal(choice.deployment?.uid, 'main-1');
    assert.equal(choice.fallback, true);
    assert.equal(choice.head?.status, 'none');
    assert.equal(choice.head?.newestOnBranch, undefined);
  });

  it('uses the branch query\'s answer when the first page has none of the branch', () => {
    const older = [item('fix-1', 'ERROR', 'fix/typo', HEAD)];
    assert.equal(needsBranchQuery(page, 'fix/typo'), true);
    assert.equal(needsBranchQuery(page, 'feat/login'), false);
    assert.equal(needsBranchQuery(page, undefined), false);
    const choice = chooseStatus({ follow: 'branch', deployments: page, branchDeployments: older, branch: 'fix/typo', head: HEAD });
    assert.equal(choice.deployment?.uid, 'fix-1');
    assert.equal(choice.fallback, false);
    assert.equal(choice.head?.status, 'failed');
  });

  it('without Git (no branch) behaves as "project"', () => {
    const choice = chooseStatus({ follow: 'branch', deployments: page });
    assert.equal(choice.deployment?.uid, 'main-1');
    assert.equal(choice.fallback, false);
  });
});

describe('deployment filter', () => {
  const context = { currentBranch: 'feat/login', userId: 'usr_1' };

  it('becomes the API\'s query parameters', () => {
    assert.deepEqual(filterQuery({}, context), {});
    assert.deepEqual(
      filterQuery({ target: 'preview', states: ['ERROR', 'CANCELED'], branch: { kind: 'current' }, author: 'me' }, context),
      { target: 'preview', state: ['ERROR', 'CANCELED'], branch: 'feat/login', users: 'usr_1' },
    );
    assert.deepEqual(filterQuery({ branch: { kind: 'name', name: 'main' }, target: 'production' }, context), {
      branch: 'main',
      target: 'production',
    });
  });

  it('asks for no branch when there is no current branch', () => {
    assert.deepEqual(filterQuery({ branch: { kind: 'current' } }, {}), {});
  });

  it('treats every state chosen as no state filter', () => {
    const all = ['QUEUED', 'INITIALIZING', 'BUILDING', 'READY', 'ERROR', 'CANCELED', 'BLOCKED', 'DELETED'];
    assert.deepEqual(filterQuery({ states: all }, context), {});
    assert.equal(isFiltered({ states: all }), false);
    assert.equal(isFiltered({ states: ['READY'] }), true);
    assert.equal(isFiltered({}), false);
  });

  it('reads back only well-formed filters from workspace state', () => {
    assert.deepEqual(parseFilter({ target: 'preview' }), { target: 'preview' });
    assert.deepEqual(parseFilter({ target: 'everything' }), {});
    assert.deepEqual(parseFilter('nonsense'), {});
    assert.deepEqual(parseFilter({ states: ['READY;DROP'] }), {});
    assert.deepEqual(parseFilter({ branch: { kind: 'name', name: '' } }), {});
  });

  it('describes itself for the view ("Preview · feat/login")', () => {
    const words = { production: 'Production', preview: 'Preview', me: 'Mine', currentBranch: 'current branch', state: (s: string) => s.toLowerCase() };
    assert.deepEqual(describeFilter({ target: 'preview', branch: { kind: 'current' } }, context, words).join(' · '), 'Preview · feat/login');
    assert.deepEqual(describeFilter({ states: ['ERROR'], author: 'me' }, {}, words).join(' · '), 'error · Mine');
  });
});
