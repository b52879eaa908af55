/**
 * What a window remembers so that opening it again asks Vercel little: the
 * account (keyed by a hash of the token, never the token), each project's
 * production state (bounded), and — with the store over real HTTP to the
 * emulator — one request before the first paint when warm, two when cold.
 */
import { strict as assert } from 'node:assert';
import { VercelClient } from '../../src/api/client';
import { ACCOUNT_STATE_KEY, AccountCache, accountOf, tokenHash } from '../../src/auth/accountCache';
import { PROJECT_CACHE_KEY, PROJECT_CACHE_LIMIT, ProjectCache } from '../../src/deployments/projectCache';
import type { ProductionState } from '../../src/deployments/production';
import { DeploymentStore } from '../../src/deployments/store';
import type { LinkedProject } from '../../src/workspace/linkFiles';
import { EmulatorControl } from '../emulator/control';
import { linkedProject } from './fixtures';
import { startEmulator, type RunningEmulator } from '../emulator/server';

/** A Memento in memory, as VS Code's workspace and global state behave. */
function memento() {
  const values = new Map<string, unknown>();
  return {
    values,
    get: (key: string) => values.get(key),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, JSON.parse(JSON.stringify(value)));
    },
    keys: () => [...values.keys()],
  };
}

const production: ProductionState = { deploymentId: 'dpl_a', createdAt: 1, domains: ['shop.example.com'], rolledBack: false, aliasJob: null };

describe('the account remembered with a token', () => {
  const TOKEN = 'vercel_secret_token_value_1234567890';

  it('is found for the same token and not for another, and the stored state never holds the token', async () => {
    const state = memento();
    const cache = new AccountCache(state as never);
    await cache.set(TOKEN, accountOf({ id: 'user_1', username: 'ada', email: 'ada@example.com' }));
    assert.deepEqual(await cache.get(TOKEN), { id: 'user_1', label: 'ada' });
    assert.equal(await cache.get(`${TOKEN}x`), undefined, 'another token is another account');
    const stored = JSON.stringify(state.values.get(ACCOUNT_STATE_KEY));
    assert.ok(!stored.includes(TOKEN), 'no token in the state');
    assert.ok(!stored.includes(TOKEN.slice(6, 20)), 'not even part of it');
    assert.ok(stored.includes(await tokenHash(TOKEN)));
    await cache.clear();
    assert.equal(await cache.get(TOKEN), undefined);
  });

  it('hashes with SHA-256, so equal tokens agree and different ones do not', async () => {
    assert.equal(await tokenHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.notEqual(await tokenHash('abc'), await tokenHash('abd'));
  });

  it('names the account by username, else email, else id', () => {
    assert.equal(accountOf({ id: 'u', username: '', email: 'e@x' }).label, 'e@x');
    assert.equal(accountOf({ id: 'u' }).label, 'u');
  });

  it('ignores what it did not write', async () => {
    const state = memento();
    state.values.set(ACCOUNT_STATE_KEY, { tokenHash: 42, id: 'x' });
    assert.equal(await new AccountCache(state as never).get(TOKEN), undefined);
  });
});

describe('the project cache', () => {
  it('keeps at most PROJECT_CACHE_LIMIT projects, the most recently read', async () => {
    const state = memento();
    let now = 0;
    const cache = new ProjectCache(state, () => ++now);
    for (let i = 0; i < PROJECT_CACHE_LIMIT + 5; i++) await cache.set(`p${i}`, production, null);
    const stored = state.values.get(PROJECT_CACHE_KEY) as Record<string, unknown>;
    assert.equal(Object.keys(stored).length, PROJECT_CACHE_LIMIT);
    assert.equal(cache.get('p0'), undefined, 'the oldest went first');
    assert.deepEqual(cache.get(`p${PROJECT_CACHE_LIMIT + 4}`)?.production, production);
  });

  it('holds no token and no log text: only what the project read says of production', async () => {
    const state = memento();
    await new ProjectCache(state).set('p', production, 'apps/web');
    const entry = (state.values.get(PROJECT_CACHE_KEY) as Record<string, Record<string, unknown>>)['p'];
    assert.deepEqual(Object.keys(entry ?? {}).sort(), ['at', 'production', 'rootDirectory']);
  });

  it('drops entries of the wrong shape', () => {
    const state = memento();
    state.values.set(PROJECT_CACHE_KEY, { p: { production: 'no', rootDirectory: null, at: 1 } });
    assert.equal(new ProjectCache(state).get('p'), undefined);
  });
});

describe('window open against the emulator', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let project: LinkedProject;

  before(async () => {
    emulator = await startEmulator({ port: 0, token: 'open-token', seed: 'window-open' });
    control = new EmulatorControl(emulator.info.url);
    project = linkedProject(emulator.info);
  });
  after(() => emulator.close());
  beforeEach(() => control.reset());

  /** Opens a "window": a store over the cache, and what it asked until the list is painted, and after. */
  async function open(state: ReturnType<typeof memento>) {
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'open-token', maxRetries: 0 });
    const store = new DeploymentStore(client, { pageSize: () => 20, projectCache: new ProjectCache(state) });
    store.setProjects([project]);
    const painted = store.get(project.key)?.production;
    await control.clearRequests();
    await store.refresh();
    const beforePaint = (await control.requests()).map((r) => r.path);
    return { store, painted, beforePaint };
  }

  it('cold: the list and the project in parallel; warm: the list alone, Current painted from the cache, the project read after', async () => {
    const state = memento();
    const cold = await open(state);
    assert.equal(cold.painted, undefined, 'nothing to paint Current from');
    assert.deepEqual([...cold.beforePaint].sort(), ['/v6/deployments', `/v9/projects/${emulator.info.projectId}`]);
    const current = cold.store.get(project.key)?.production;
    assert.ok(current?.deploymentId, 'the project says what serves production');

    const warm = await open(state);
    assert.deepEqual(warm.painted, current, 'Current comes from the cache before any request');
    assert.equal(warm.beforePaint.filter((p) => p === '/v6/deployments').length, 1);
    assert.equal(
      warm.beforePaint.filter((p) => p.startsWith('/v9/projects/')).length <= 1,
      true,
      'the project is read once at most, and only after the list',
    );
    const lists = (await control.requests()).filter((r) => r.path === '/v6/deployments');
    const projects = (await control.requests()).filter((r) => r.path.startsWith('/v9/projects/'));
    assert.equal(lists.length, 1);
    if (projects[0]) assert.ok(projects[0].time >= lists[0]!.time, 'the project after the list');
  });

  it('names the deployment production serves after the paint when no list holds it, and asks for it once', async () => {
    const state = memento();
    await open(state);
    const events: string[] = [];
    const client = new VercelClient({ origin: emulator.info.url, token: async () => 'open-token', maxRetries: 0 });
    const counting = {
      listDeployments: (...args: Parameters<VercelClient['listDeployments']>) => (events.push('list'), client.listDeployments(...args)),
      getProject: (...args: Parameters<VercelClient['getProject']>) => (events.push('project'), client.getProject(...args)),
      getDeployment: (...args: Parameters<VercelClient['getDeployment']>) => (events.push('deployment'), client.getDeployment(...args)),
    };
    // A page of one: the deployment serving production is not on it.
    const store = new DeploymentStore(counting, { pageSize: () => 1, projectCache: new ProjectCache(state) });
    store.onDidChange(() => {
      if (store.get(project.key)?.loaded && !events.includes('paint')) events.push('paint');
    });
    store.setProjects([project]);
    const production = store.get(project.key)?.production?.deploymentId;
    assert.ok(production);
    await store.refresh();
    await new Promise<void>((resolve) => {
      const done = () => (store.find(production) ? resolve() : setTimeout(done, 20));
      done();
    });
    assert.deepEqual(events.slice(0, 2), ['list', 'paint'], `asked before the paint: ${events.join(', ')}`);
    assert.equal(events.filter((e) => e === 'deployment').length, 1);
    await store.refresh();
    assert.equal(events.filter((e) => e === 'deployment').length, 1, 'read once, not every poll');
  });
});
