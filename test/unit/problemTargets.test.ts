/** Whose build problems the Problems panel shows: the checked-out branch's newest finished build, when it failed. */
import { strict as assert } from 'node:assert';
import type { DeploymentListItem } from '../../src/api/schemas';
import { problemTargets } from '../../src/deployments/problemTargets';
import type { ProjectDeployments } from '../../src/deployments/store';
import type { LinkedProject } from '../../src/workspace/linkFiles';
import { deployment } from './fixtures';

let clock = 1_000;
function shopDeployment(readyState: string, branch: string | undefined): DeploymentListItem {
  clock += 1_000;
  return deployment({ uid: `dpl_${clock}`, name: 'shop', url: `shop-${clock}.vercel.app`, created: clock, readyState, branch, meta: {} });
}

function project(key: string, newestFirst: DeploymentListItem[], extra?: ProjectDeployments['branchDeployments']): ProjectDeployments {
  const linked = { key, projectId: key, teamId: undefined, directory: `/w/${key}` } as unknown as LinkedProject;
  return {
    project: linked,
    deployments: [],
    next: null,
    loaded: true,
    loadingMore: false,
    error: undefined,
    lastSuccessAt: 0,
    latest: newestFirst,
    latestLoaded: true,
    branchDeployments: extra,
  };
}

const ids = (targets: ReturnType<typeof problemTargets>) => targets.map((t) => t.deployment.uid);

describe('problemTargets', () => {
  it('takes only the checked-out branch: five failed branches and a sixth checked out give nothing', () => {
    const failed = ['a', 'b', 'c', 'd', 'e'].map((b) => shopDeployment('ERROR', b));
    const fixed = shopDeployment('READY', 'main');
    assert.deepEqual(ids(problemTargets([project('p', [fixed, ...failed].reverse())], () => 'main')), []);
    assert.deepEqual(ids(problemTargets([project('p', [...failed].reverse())], () => 'c')), [failed[2]!.uid]);
  });

  it("lets the branch's newest finished build decide: a later READY clears it, a build still running does not", () => {
    const failed = shopDeployment('ERROR', 'feat');
    const running = shopDeployment('BUILDING', 'feat');
    assert.deepEqual(ids(problemTargets([project('p', [running, failed])], () => 'feat')), [failed.uid]);
    const ready = shopDeployment('READY', 'feat');
    assert.deepEqual(ids(problemTargets([project('p', [ready, running, failed])], () => 'feat')), []);
  });

  it("finds the branch in the status bar's extra page when the first page has none of it", () => {
    const other = shopDeployment('READY', 'main');
    const failed = shopDeployment('ERROR', 'old');
    const p = project('p', [other], { branch: 'old', deployments: [failed] });
    assert.deepEqual(ids(problemTargets([p], () => 'old')), [failed.uid]);
    assert.deepEqual(ids(problemTargets([p], () => 'elsewhere')), []);
  });

  it("without Git, only the project's newest finished build counts", () => {
    const failed = shopDeployment('ERROR', 'x');
    const ready = shopDeployment('READY', 'y');
    assert.deepEqual(ids(problemTargets([project('p', [ready, failed])], () => undefined)), []);
    assert.deepEqual(ids(problemTargets([project('p', [failed])], () => undefined)), [failed.uid]);
  });

  it('answers per linked project', () => {
    const a = shopDeployment('ERROR', 'main');
    const b = shopDeployment('ERROR', 'main');
    assert.deepEqual(ids(problemTargets([project('a', [a]), project('b', [b])], () => 'main')).sort(), [a.uid, b.uid].sort());
  });
});
