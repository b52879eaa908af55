import { strict as assert } from 'node:assert';
import type { DeploymentListItem } from '../../src/api/schemas';
import { VercelNetworkError } from '../../src/api/errors';
import { inProgressText } from '../../src/deployments/plurals';
import type { ProjectDeployments } from '../../src/deployments/store';
import { changeSet, layoutTree, type NodeModel, type TreeInput } from '../../src/deployments/treeModel';
import type { Translator } from '../../src/util/translator';
import type { LinkedProject } from '../../src/workspace/linkFiles';
import { deployment } from './fixtures';

const now = Date.UTC(2026, 11, 3, 7, 0, 30);
const minute = 60_000;

function listed(uid: string, patch: Partial<DeploymentListItem> = {}): DeploymentListItem {
  // Ten minutes and a few seconds old: its age text is stable for the next half minute.
  return deployment({ uid, created: now - 10 * minute - 5_000, message: `commit ${uid}`, branch: 'main', ...patch });
}

function project(key: string, deployments: DeploymentListItem[], patch: Partial<ProjectDeployments> = {}): ProjectDeployments {
  const linked = { key, projectId: `prj_${key}`, teamId: 'team_1', name: key, directory: `/work/${key}` } as unknown as LinkedProject;
  return { project: linked, deployments, next: 123, loaded: true, loadingMore: false, error: undefined, lastSuccessAt: now, latest: deployments, latestLoaded: true, ...patch };
}

function layout(projects: ProjectDeployments[], patch: Partial<TreeInput> = {}): readonly NodeModel[] {
  return layoutTree({ signedIn: true, problems: [], projects, now, locale: 'en', ...patch });
}

/** The store after a poll: fresh objects from a fresh response, equal values. */
function repoll(p: ProjectDeployments): ProjectDeployments {
  return JSON.parse(JSON.stringify(p)) as ProjectDeployments;
}

describe('the tree model and its change set', () => {
  const a = listed('dpl_a', { readyState: 'BUILDING', buildingAt: now - 9 * minute });
  const b = listed('dpl_b', { created: now - 2 * 24 * 60 * minute, target: 'production' });
  const c = listed('dpl_c', { created: now - 3 * 24 * 60 * minute, readyState: 'ERROR' });

  it('lays out one project as rows at the root, with Load more… last', () => {
    const nodes = layout([project('web', [a, b, c])]);
    assert.deepEqual(
      nodes.map((n) => n.id),
      ['dpl_a', 'dpl_b', 'dpl_c', 'more:web'],
    );
    const first = nodes[0];
    assert.ok(first?.kind === 'deployment');
    assert.equal(first.row.age, '10m');
    assert.equal(first.row.title, 'commit dpl_a');
    assert.equal(nodes[1]?.kind === 'deployment' && nodes[1].row.production, true);
  });

  it('changes nothing for a poll that brings the same deployments', () => {
    const before = layout([project('web', [a, b, c])]);
    const after = layout([repoll(project('web', [a, b, c]))]);
    assert.deepEqual(changeSet(before, after), { kind: 'none' });
  });

  it('changes nothing later, while no age text changed', () => {
    const before = layout([project('web', [a, b, c])]);
    const after = layout([project('web', [a, b, c])], { now: now + 54_000 });
    assert.deepEqual(changeSet(before, after), { kind: 'none' });
  });

  it('changes nothing for a row seconds old while its seconds tick', () => {
    const young = listed('dpl_young', { created: now - 2_000, readyState: 'BUILDING', buildingAt: now - 1_000 });
    const before = layout([project('web', [young, b])]);
    const after = layout([project('web', [young, b])], { now: now + 50_000 });
    assert.deepEqual(changeSet(before, after), { kind: 'none' });
  });

  it('changes only the row whose age text changed', () => {
    const before = layout([project('web', [a, b, c])]);
    // 10m 5s + 60 s: dpl_a reads "11m"; dpl_b (2d) and dpl_c (3d) stay.
    const after = layout([project('web', [a, b, c])], { now: now + 60_000 });
    assert.deepEqual(changeSet(before, after), { kind: 'elements', ids: ['dpl_a'] });
  });

  it('changes only the row whose build finished', () => {
    const before = layout([project('web', [a, b, c])]);
    const done = { ...a, readyState: 'READY', state: 'READY', ready: now };
    assert.deepEqual(changeSet(before, layout([project('web', [done, b, c])])), { kind: 'elements', ids: ['dpl_a'] });
  });

  it('changes only the Load more… row while a page loads', () => {
    const before = layout([project('web', [a, b, c])]);
    const after = layout([project('web', [a, b, c], { loadingMore: true })]);
    assert.deepEqual(changeSet(before, after), { kind: 'elements', ids: ['more:web'] });
  });

  it('changes the whole tree when a new deployment arrives at the root, or the first look', () => {
    const before = layout([project('web', [a, b, c])]);
    const fresh = listed('dpl_new', { created: now - 1000, readyState: 'QUEUED' });
    assert.deepEqual(changeSet(before, layout([project('web', [fresh, a, b, c])])), { kind: 'all' });
    assert.deepEqual(changeSet(undefined, before), { kind: 'all' });
    assert.deepEqual(changeSet(before, layout([project('web', [a, b, c])], { signedIn: false })), { kind: 'all' });
  });

  it('with several projects, changes the project whose rows changed, not the other', () => {
    const web = project('web', [a, b]);
    const blog = project('blog', [c]);
    const before = layout([web, blog]);
    assert.deepEqual(
      before.map((n) => n.id),
      ['project:web', 'project:blog'],
    );
    const fresh = listed('dpl_new', { created: now - 1000 });
    assert.deepEqual(changeSet(before, layout([project('web', [fresh, a, b]), repoll(blog)])), { kind: 'elements', ids: ['project:web'] });
    const failed = { ...c, errorMessage: 'Build failed' };
    assert.deepEqual(changeSet(before, layout([repoll(web), project('blog', [failed])])), { kind: 'elements', ids: ['dpl_c'] });
  });

  it('shows a failed refresh above the stale rows; a failure that persists changes nothing', () => {
    const ok = layout([project('web', [a, b])]);
    const failing = layout([project('web', [a, b], { error: new VercelNetworkError('offline'), lastSuccessAt: now - 5 * minute })]);
    assert.equal(failing[0]?.kind === 'message' && failing[0].variant, 'staleError');
    // A row appears at the root: the root's children changed.
    assert.deepEqual(changeSet(ok, failing), { kind: 'all' });
    const stillFailing = layout([project('web', [a, b], { error: new VercelNetworkError('offline'), lastSuccessAt: now - 5 * minute })]);
    assert.deepEqual(changeSet(failing, stillFailing), { kind: 'none' });
  });
});

describe('plural strings', () => {
  const english: Translator = {
    t(message: string | { message: string }, ...args: unknown[]): string {
      const text = typeof message === 'string' ? message : message.message;
      return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
    },
  } as Translator;

  it('says "1 deployment" and "3 deployments"', () => {
    assert.equal(inProgressText(english, 1), '1 deployment in progress');
    assert.equal(inProgressText(english, 3), '3 deployments in progress');
    assert.equal(inProgressText(english, 0), '0 deployments in progress');
    assert.equal(inProgressText(english, 21), '21 deployments in progress');
  });
});
