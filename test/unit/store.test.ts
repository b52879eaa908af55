/** The store with the real client over real HTTP to the emulator. */
import { strict as assert } from 'node:assert';
import { VercelClient } from '../../src/api/client';
import { DeploymentStore, mergeFirstPage } from '../../src/deployments/store';
import type { LinkedProject } from '../../src/workspace/linkFiles';
import { EmulatorControl } from '../emulator/control';
import { linkedProject } from './fixtures';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { applyDeployment } from '../../src/deployments/storeEdits';

describe('DeploymentStore against the emulator', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let project: LinkedProject;

  before(async () => {
    emulator = await startEmulator({ port: 0, token: 'store-token', seed: 'store-tests' });
    control = new EmulatorControl(emulator.info.url);
    project = linkedProject(emulator.info);
  });

  after(() => emulator.close());
  beforeEach(() => control.reset());

  function makeStore(pageSize = 20): DeploymentStore {
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'store-token', maxRetries: 0 });
    const store = new DeploymentStore(client, { pageSize: () => pageSize });
    store.setProjects([project]);
    return store;
  }

  it('loads the first page, then more pages down to deployment 150, with one request a page', async () => {
    const store = makeStore(50);
    let changes = 0;
    store.onDidChange(() => changes++);
    const outcome = await store.refresh();
    assert.equal(outcome.ok, true);
    assert.equal(outcome.inProgress, true, 'the emulator starts with builds running');
    assert.equal(store.get(project.key)?.deployments.length, 50);
    await store.loadMore(project.key);
    await store.loadMore(project.key);
    const state = store.get(project.key);
    assert.ok(state && state.deployments.length >= 150);
    assert.ok(changes > 0);
    await control.clearRequests();
    await store.refresh();
    assert.equal((await control.requests()).length, 1, 'a poll re-reads only the first page');
    assert.ok((store.get(project.key)?.deployments.length ?? 0) >= 150, 'and keeps the older pages');
  });

  it('redraws once per poll, and marks only a "Load more…" page as loading', async () => {
    const store = makeStore();
    await store.refresh();
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.refresh();
    assert.equal(changes, 1, 'a poll changes what is shown once, when its answer is in');
    const seen: boolean[] = [];
    store.onDidChange(() => seen.push(store.get(project.key)?.loadingMore ?? false));
    await store.loadMore(project.key);
    assert.deepEqual(seen, [true, false]);
  });

  it('keeps the last good list and records why a refresh failed', async () => {
    const store = makeStore();
    await store.refresh();
    const before = store.get(project.key)?.deployments;
    await control.fault({ path: '/v6/deployments', status: 500, body: { error: { code: 'internal_server_error', message: 'Down for a moment' } } });
    const failed = await store.refresh();
    assert.equal(failed.ok, false);
    const state = store.get(project.key);
    assert.deepEqual(state?.deployments, before);
    assert.equal(state?.error?.message, 'Down for a moment');
    const recovered = await store.refresh();
    assert.equal(recovered.ok, true);
    assert.equal(store.get(project.key)?.error, undefined);
  });

  it('reports how long a rate limit asks to wait', async () => {
    const store = makeStore();
    await control.fault({ path: '/v6/deployments', status: 429, headers: { 'Retry-After': '42' } });
    const outcome = await store.refresh();
    assert.equal(outcome.retryAfterMs, 42_000);
  });

  it('updates a row in place from a cancel response', async () => {
    const store = makeStore();
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await store.refresh();
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'store-token' });
    const full = await client.cancelDeployment(created.id, { teamId: emulator.info.teamId });
    assert.equal(applyDeployment(store, full), true);
    assert.equal(store.find(created.id)?.deployment.readyState, 'CANCELED');
    assert.equal(applyDeployment(store, { ...full, id: 'dpl_not_listed' }), false);
  });

  it('forgets every deployment on clear() and ignores a refresh that was running', async () => {
    const store = makeStore();
    await control.fault({ path: '/v6/deployments', delayMs: 200 });
    const running = store.refresh();
    store.clear();
    await running;
    assert.deepEqual(store.get(project.key)?.deployments, []);
  });

  it('sends the view\'s filter with every page, so paging stays inside it', async () => {
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'store-token', maxRetries: 0 });
    const store = new DeploymentStore(client, { pageSize: () => 5, query: () => ({ target: 'preview' }) });
    store.setProjects([project]);
    await control.clearRequests();
    await store.refresh();
    await store.loadMore(project.key);
    const rows = store.get(project.key)?.deployments ?? [];
    assert.equal(rows.length, 10);
    assert.ok(rows.every((d) => d.target === null || d.target === undefined), 'previews only');
    const lists = (await control.requests()).filter((r) => r.path === '/v6/deployments');
    const filtered = lists.filter((r) => r.query['target'] === 'preview');
    assert.equal(filtered.length, 2, 'the first page and "Load more…" both carry the filter');
    assert.ok(filtered[1]?.query['until'] !== undefined);
    assert.equal(lists.length - filtered.length, 1, 'one unfiltered first page beside the filtered one, none for "Load more…"');
    store.resetLists();
    assert.equal(store.get(project.key)?.deployments.length, 0, 'a new filter drops the old pages');
    assert.equal(store.get(project.key)?.loaded, false);
    assert.ok((store.get(project.key)?.latest.length ?? 0) > 0, 'the newest whatever the filter stay');
  });

  it('keeps the newest deployments whatever the filter, for everything but the list', async () => {
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'store-token', maxRetries: 0 });
    const unfiltered = new DeploymentStore(client, { pageSize: () => 5 });
    unfiltered.setProjects([project]);
    await unfiltered.refresh();
    const truth = unfiltered.get(project.key)!;
    assert.equal(truth.latest, truth.deployments, 'without a filter one list serves both');

    const store = new DeploymentStore(client, { pageSize: () => 5, query: () => ({ target: 'production', state: ['ERROR'] }) });
    store.setProjects([project]);
    await control.clearRequests();
    await store.refresh();
    const state = store.get(project.key)!;
    assert.ok(state.deployments.every((d) => d.target === 'production' && d.readyState === 'ERROR'), 'the list is filtered');
    assert.deepEqual(
      state.latest.map((d) => d.uid),
      truth.latest.map((d) => d.uid),
      'the newest are the unfiltered first page',
    );
    const newest = truth.latest[0]!;
    assert.equal(store.find(newest.uid)?.deployment.uid, newest.uid, 'a deployment outside the filter is still found');
    const ids = DeploymentStore.everything(state).map((d) => d.uid);
    assert.equal(new Set(ids).size, ids.length, 'everything lists each deployment once');
    const lists = (await control.requests()).filter((r) => r.path === '/v6/deployments');
    assert.equal(lists.length, 2, 'one filtered and one unfiltered page, in one poll');
  });

  it('asks for the followed branch only when the first page holds none of it, at most once a poll', async () => {
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'store-token', maxRetries: 0 });
    let branch = 'a-branch-nobody-pushed';
    const store = new DeploymentStore(client, { pageSize: () => 5 });
    store.setBranchWanted({ projectKey: project.key, branch });
    store.setProjects([project]);
    await control.clearRequests();
    await store.refresh();
    let lists = (await control.requests()).filter((r) => r.path === '/v6/deployments');
    assert.equal(lists.length, 2, 'the page and one branch query');
    assert.equal(lists[1]?.query['branch'], branch);
    assert.deepEqual(store.get(project.key)?.branchDeployments, { branch, deployments: [] });

    const older = await control.createDeployment({ readyState: 'READY', created: 1, meta: { githubCommitRef: 'old-feature' } });
    branch = 'old-feature';
    store.setBranchWanted({ projectKey: project.key, branch });
    await control.clearRequests();
    await store.refresh();
    assert.deepEqual(store.get(project.key)?.branchDeployments?.deployments.map((d) => d.uid), [older.id]);

    const onPage = store.get(project.key)?.deployments[0];
    const pageBranch = onPage?.meta?.['githubCommitRef'];
    assert.ok(pageBranch, 'the newest deployment has a branch');
    branch = pageBranch;
    store.setBranchWanted({ projectKey: project.key, branch });
    await control.clearRequests();
    await store.refresh();
    lists = (await control.requests()).filter((r) => r.path === '/v6/deployments');
    assert.equal(lists.length, 1, 'no extra request when the page has the branch');
    assert.equal(store.get(project.key)?.branchDeployments, undefined);
  });

});

describe('mergeFirstPage', () => {
  const d = (uid: string, created: number) => ({
    uid,
    name: 'p',
    url: `${uid}.vercel.app`,
    created,
    type: 'LAMBDAS',
    creator: { uid: 'u' },
    inspectorUrl: null,
  });

  it('puts the fresh first page above the older pages already loaded', () => {
    const loaded = { deployments: [d('c', 30), d('b', 20), d('a', 10)], next: 5 };
    const merged = mergeFirstPage(loaded, [d('new', 40), d('c', 31)], 30);
    assert.deepEqual(merged.deployments.map((x) => x.uid), ['new', 'c', 'b', 'a']);
    assert.equal(merged.next, 5);
  });

  it('takes the page as it is when nothing older was loaded or the page is the last', () => {
    assert.deepEqual(mergeFirstPage({ deployments: [d('a', 10)], next: null }, [d('b', 20)], null).deployments.map((x) => x.uid), ['b']);
    assert.equal(mergeFirstPage({ deployments: [], next: null }, [d('b', 20)], 20).next, 20);
  });
});
