import { strict as assert } from 'node:assert';
import type { DeploymentListItem } from '../../src/api/schemas';
import { branchOf } from '../../src/deployments/presentation';
import { TransitionDetector, worthNotifying, type FinishedBuild, type ProjectSnapshot } from '../../src/notifications/transitions';
import { deployment } from './fixtures';

function item(uid: string, readyState: string, branch?: string): DeploymentListItem {
  return deployment({ uid, readyState, branch });
}

function project(deployments: DeploymentListItem[], loaded = true, key = 'team/prj'): ProjectSnapshot {
  return { key, loaded, deployments };
}

const ids = (builds: readonly FinishedBuild[]) => builds.map((b) => `${b.deployment.uid}:${b.state}`);

describe('build-finished transitions', () => {
  it('says nothing on the first load, even of builds that finished while VS Code was closed', () => {
    const detector = new TransitionDetector();
    assert.deepEqual(detector.update([project([item('a', 'READY'), item('b', 'ERROR'), item('c', 'BUILDING')])]), []);
  });

  it('says nothing before a project has loaded, then treats its first list as a first load', () => {
    const detector = new TransitionDetector();
    assert.deepEqual(detector.update([project([], false)]), []);
    assert.deepEqual(detector.update([project([item('a', 'READY')])]), []);
  });

  it('reports a build seen building that is now READY, ERROR or CANCELED — once', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'BUILDING'), item('b', 'QUEUED'), item('c', 'INITIALIZING')])]);
    const finished = detector.update([project([item('a', 'READY'), item('b', 'ERROR'), item('c', 'CANCELED')])]);
    assert.deepEqual(ids(finished), ['a:READY', 'b:ERROR', 'c:CANCELED']);
    assert.deepEqual(detector.update([project([item('a', 'READY'), item('b', 'ERROR'), item('c', 'CANCELED')])]), []);
  });

  it('batches: several builds finishing in one change come back together', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'BUILDING')]), project([item('x', 'BUILDING')], true, 'team/other')]);
    const finished = detector.update([project([item('a', 'READY')]), project([item('x', 'ERROR')], true, 'team/other')]);
    assert.deepEqual(ids(finished), ['a:READY', 'x:ERROR']);
    assert.deepEqual(finished.map((b) => b.projectKey), ['team/prj', 'team/other']);
  });

  it('ignores a new deployment that arrives already finished, and moves between running states', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'QUEUED')])]);
    assert.deepEqual(detector.update([project([item('new', 'READY'), item('a', 'BUILDING')])]), []);
    assert.deepEqual(ids(detector.update([project([item('new', 'READY'), item('a', 'READY')])])), ['a:READY']);
  });

  it('catches up after focus: a build that finished while the poll was paused notifies on the next look', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'BUILDING')])]);
    // Unfocused: no poll, no update. On focus the catch-up poll sees it finished.
    assert.deepEqual(ids(detector.update([project([item('b', 'QUEUED'), item('a', 'ERROR')])])), ['a:ERROR']);
  });

  it('keeps watching a running build that dropped off the listed page', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'BUILDING')])]);
    assert.deepEqual(detector.update([project([item('b', 'READY')])]), []);
    assert.deepEqual(ids(detector.update([project([item('b', 'READY'), item('a', 'READY')])])), ['a:READY']);
  });

  it('does not treat an unknown or BLOCKED end as finished', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'BUILDING')])]);
    assert.deepEqual(detector.update([project([item('a', 'BLOCKED')])]), []);
  });

  it('forgets everything on reset, so signing in again is a first load', () => {
    const detector = new TransitionDetector();
    detector.update([project([item('a', 'BUILDING')])]);
    detector.reset();
    assert.deepEqual(detector.update([project([item('a', 'READY')])]), []);
  });
});

describe('which finished builds notify', () => {
  const builds: FinishedBuild[] = [
    { projectKey: 'p', deployment: item('mine', 'READY', 'feat/login'), state: 'READY' },
    { projectKey: 'p', deployment: item('theirs', 'ERROR', 'main'), state: 'ERROR' },
    { projectKey: 'p', deployment: item('redeployed', 'READY', 'other'), state: 'READY' },
    { projectKey: 'p', deployment: item('nobranch', 'READY'), state: 'READY' },
  ];
  const filter = (scope: 'branch' | 'all' | 'off') => ({
    scope,
    branchOf,
    branchesOf: (key: string) => (key === 'p' ? ['feat/login'] : []),
    startedHere: (id: string) => id === 'redeployed',
  });

  it('"branch": the current branch and what this window started', () => {
    assert.deepEqual(worthNotifying(builds, filter('branch')).map((b) => b.deployment.uid), ['mine', 'redeployed']);
  });

  it('"all": every one', () => {
    assert.equal(worthNotifying(builds, filter('all')).length, 4);
  });

  it('"off": none', () => {
    assert.deepEqual(worthNotifying(builds, filter('off')), []);
  });
});
