/**
 * The shared client against the emulator over real HTTP: no fetch mocks.
 * Only the client's sleep is observed, so retry waits are checked exactly
 * without slowing the suite.
 */
import { strict as assert } from 'node:assert';
import { VercelClient } from '../../src/api/client';
import {
  VercelApiError,
  VercelError,
  VercelNetworkError,
  VercelSchemaError,
  VercelSignedOutError,
  VercelTimeoutError,
} from '../../src/api/errors';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN = 'unit-test-token-3f9a';

describe('VercelClient against the emulator', function () {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let sleeps: number[];
  let token: string | undefined;

  function client(options: Partial<ConstructorParameters<typeof VercelClient>[0]> = {}): VercelClient {
    return new VercelClient({
      origin: emulator.info.url,
      token: async () => token,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    });
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'client-tests' });
    control = new EmulatorControl(emulator.info.url);
  });

  after(() => emulator.close());

  beforeEach(async () => {
    await control.reset();
    sleeps = [];
    token = TOKEN;
  });

  async function expectError<T extends VercelError>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
      assert.ok(!error.message.includes(TOKEN), 'the token must never appear in an error');
      return error;
    }
    assert.fail(`expected ${type.name}, but the call succeeded`);
  }

  it('lists the team project page by page to the end', async () => {
    const c = client();
    const seen = new Set<string>();
    let until: number | undefined;
    let last = Infinity;
    let pages = 0;
    do {
      const page = await c.listDeployments({ projectId: emulator.info.projectId, teamId: emulator.info.teamId, limit: 50, until });
      pages++;
      for (const d of page.deployments) {
        assert.ok(!seen.has(d.uid), `duplicate ${d.uid}`);
        assert.ok(d.created < last, 'newest first, strictly');
        seen.add(d.uid);
        last = d.created;
      }
      until = page.pagination.next ?? undefined;
    } while (until !== undefined);
    assert.ok(seen.size >= 150, `only ${seen.size} deployments`);
    assert.ok(pages >= 3);
  });

  it('filters by state and target', async () => {
    const c = client();
    const scope = { projectId: emulator.info.projectId, teamId: emulator.info.teamId, limit: 100 };
    const building = await c.listDeployments({ ...scope, state: ['QUEUED', 'INITIALIZING', 'BUILDING'] });
    assert.ok(building.deployments.length >= 3);
    assert.ok(building.deployments.every((d) => ['QUEUED', 'INITIALIZING', 'BUILDING'].includes(d.readyState ?? '')));
    const previews = await c.listDeployments({ ...scope, target: 'preview' });
    assert.ok(previews.deployments.length > 0);
    assert.ok(previews.deployments.every((d) => d.target === null));
  });

  it('gets one deployment by id and by hostname', async () => {
    const c = client();
    const [first] = (await c.listDeployments({ projectId: emulator.info.projectId, teamId: emulator.info.teamId })).deployments;
    assert.ok(first);
    const byId = await c.getDeployment(first.uid, { teamId: emulator.info.teamId });
    const byHost = await c.getDeployment(first.url, { teamId: emulator.info.teamId });
    assert.equal(byId.id, first.uid);
    assert.equal(byHost.id, first.uid);
    assert.equal(byId.version, 2);
  });

  it('cancels a building deployment and gets the full CANCELED object back', async () => {
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    const cancelled = await client().cancelDeployment(created.id, { teamId: emulator.info.teamId });
    assert.equal(cancelled.readyState, 'CANCELED');
    assert.equal(cancelled.status, 'CANCELED');
    assert.equal(typeof cancelled.canceledAt, 'number');
    const after = await client().getDeployment(created.id, { teamId: emulator.info.teamId });
    assert.equal(after.readyState, 'CANCELED');
  });

  it('reports Vercel\'s reason for a finished deployment and does not retry the cancel', async () => {
    const created = await control.createDeployment({ readyState: 'READY' });
    await control.clearRequests();
    const error = await expectError(client().cancelDeployment(created.id, { teamId: emulator.info.teamId }), VercelApiError);
    assert.equal(error.status, 400);
    assert.match(error.message, /READY/);
    const patches = (await control.requests()).filter((r) => r.method === 'PATCH');
    assert.equal(patches.length, 1);
  });

  it('never retries a cancel, even on a retryable status', async () => {
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await control.fault({ method: 'PATCH', path: '/v12/deployments', status: 503, count: 0 });
    await control.clearRequests();
    await expectError(client().cancelDeployment(created.id, { teamId: emulator.info.teamId }), VercelApiError);
    assert.equal((await control.requests()).length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('scopes team resources to the team and personal ones to no team', async () => {
    const c = client();
    const unscoped = await expectError(c.listDeployments({ projectId: emulator.info.projectId }), VercelApiError);
    assert.ok([403, 404].includes(unscoped.status));
    assert.equal(unscoped.invalidToken, false);
    const bySlug = await c.listDeployments({ projectId: emulator.info.projectId, slug: emulator.info.teamSlug, limit: 1 });
    assert.equal(bySlug.deployments.length, 1);
    const personal = await c.listDeployments({ projectId: emulator.info.personalProjectId, limit: 5 });
    assert.ok(personal.deployments.length > 0);
    const requests = await control.requests();
    assert.ok(requests.some((r) => r.query['slug'] === emulator.info.teamSlug));
  });

  it('maps a bad token to invalidToken, without the token in the message', async () => {
    token = 'not-the-token';
    const error = await expectError(client().getUser(), VercelApiError);
    assert.equal(error.status, 403);
    assert.equal(error.code, 'forbidden');
    assert.equal(error.invalidToken, true);
    assert.ok(!error.message.includes('not-the-token'));
  });

  it('checks a candidate token without using the stored one', async () => {
    token = undefined;
    const user = await client().verifyToken(TOKEN);
    assert.ok(user.username.length > 0);
    await expectError(client().verifyToken('wrong'), VercelApiError);
  });

  it('sends nothing when signed out', async () => {
    token = undefined;
    await control.clearRequests();
    await expectError(client().getUser(), VercelSignedOutError);
    assert.equal((await control.requests()).length, 0);
  });

  it('reads the user, the teams and a project', async () => {
    const c = client();
    const user = await c.getUser();
    const teams = await c.listTeams();
    const project = await c.getProject(emulator.info.projectId, { teamId: emulator.info.teamId });
    assert.ok(user.id.length > 0);
    assert.ok(teams.some((t) => t.id === emulator.info.teamId && t.slug === emulator.info.teamSlug));
    assert.equal(project.id, emulator.info.projectId);
    assert.equal(project.name, emulator.info.projectName);
  });

  describe('faults', () => {
    const list = () =>
      client().listDeployments({ projectId: emulator.info.projectId, teamId: emulator.info.teamId, limit: 5 });

    it('maps a 500 to VercelApiError with Vercel\'s message, without retrying', async () => {
      await control.fault({
        path: '/v6/deployments',
        status: 500,
        body: { error: { code: 'internal_server_error', message: 'Something broke' } },
      });
      await control.clearRequests();
      const error = await expectError(list(), VercelApiError);
      assert.equal(error.status, 500);
      assert.equal(error.code, 'internal_server_error');
      assert.equal(error.message, 'Something broke');
      assert.equal((await control.requests()).length, 1);
    });

    it('retries a 502 and succeeds', async () => {
      await control.fault({ path: '/v6/deployments', status: 502, count: 1 });
      const page = await list();
      assert.equal(page.deployments.length, 5);
      assert.equal(sleeps.length, 1);
    });

    it('gives up after two retries', async () => {
      await control.fault({ path: '/v6/deployments', status: 503, count: 0 });
      await control.clearRequests();
      const error = await expectError(list(), VercelApiError);
      assert.equal(error.status, 503);
      assert.equal((await control.requests()).length, 3);
      assert.equal(sleeps.length, 2);
      assert.ok(sleeps[1]! > sleeps[0]!, 'backs off');
    });

    it('honours Retry-After on a 429', async () => {
      await control.fault({ path: '/v6/deployments', status: 429, headers: { 'Retry-After': '7' }, count: 1 });
      await list();
      assert.deepEqual(sleeps, [7000]);
    });

    it('hands a long Retry-After to the caller instead of waiting it out', async () => {
      await control.fault({ path: '/v6/deployments', status: 429, headers: { 'Retry-After': '120' }, count: 1 });
      const error = await expectError(list(), VercelApiError);
      assert.equal(error.isRateLimited, true);
      assert.equal(error.retryAfterMs, 120_000);
      assert.deepEqual(sleeps, []);
    });

    it('fills in a rate-limit body with x-ratelimit-reset when asked for a bare 429', async () => {
      await control.fault({ path: '/v6/deployments', status: 429, count: 0 });
      const error = await expectError(list(), VercelApiError);
      assert.equal(error.code, 'rate_limited');
      assert.ok(error.retryAfterMs !== undefined);
    });

    it('maps broken JSON to a schema error', async () => {
      await control.fault({ path: '/v6/deployments', malformed: true });
      const error = await expectError(list(), VercelSchemaError);
      assert.match(error.message, /not valid JSON/);
    });

    it('names the field of a body that breaks the schema', async () => {
      await control.fault({
        path: '/v6/deployments',
        status: 200,
        body: { deployments: [{ uid: 'dpl_x', name: 'x', url: 'x.vercel.app', created: 'soon' }], pagination: { count: 1, next: null, prev: null } },
      });
      const error = await expectError(list(), VercelSchemaError);
      assert.equal(error.path, 'deployments[0].created');
    });

    it('refuses a body that is not JSON', async () => {
      await control.fault({ path: '/v6/deployments', status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>' });
      const error = await expectError(list(), VercelSchemaError);
      assert.match(error.message, /text\/html/);
    });

    it('maps a dropped connection to a network error after retrying', async () => {
      await control.fault({ path: '/v6/deployments', drop: true, count: 0 });
      await expectError(list(), VercelNetworkError);
      assert.equal(sleeps.length, 2);
    });

    it('recovers when a dropped connection is followed by a good answer', async () => {
      await control.fault({ path: '/v6/deployments', drop: true, count: 1 });
      assert.equal((await list()).deployments.length, 5);
    });

    it('times out a slow answer', async () => {
      await control.fault({ path: '/v6/deployments', delayMs: 1500 });
      const error = await expectError(
        client({ timeoutMs: 200 }).listDeployments({ projectId: emulator.info.projectId, teamId: emulator.info.teamId }),
        VercelTimeoutError,
      );
      assert.equal(error.timeoutMs, 200);
    });
  });

  it('makes one request for identical concurrent GETs', async () => {
    const c = client();
    await control.clearRequests();
    const query = { projectId: emulator.info.projectId, teamId: emulator.info.teamId, limit: 10 };
    const [a, b, d] = await Promise.all([c.listDeployments(query), c.listDeployments(query), c.listDeployments(query)]);
    assert.deepEqual(a, b);
    assert.deepEqual(a, d);
    assert.equal((await control.requests()).length, 1);
    await c.listDeployments(query);
    assert.equal((await control.requests()).length, 2, 'a later call asks again');
  });

  it('reads the build log, and follows it until the build ends', async () => {
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    const c = client();
    const events = await c.getDeploymentEvents(created.id, { teamId: emulator.info.teamId });
    assert.ok(events.length > 0);
    const followed: string[] = [];
    const follow = (async () => {
      for await (const event of c.getDeploymentEvents(created.id, { teamId: emulator.info.teamId, follow: true })) {
        followed.push(event.type);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await control.setState(created.id, 'READY');
    await follow;
    assert.ok(followed.length > 0);
  });
});
