/**
 * The client's lifecycle actions against the emulator over real HTTP: what
 * each sends, what it answers, and that none is ever retried.
 */
import { strict as assert } from 'node:assert';
import { VercelClient } from '../../src/api/client';
import { VercelApiError } from '../../src/api/errors';
import type { DeploymentListItem } from '../../src/api/schemas';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN = 'client-actions-token';

describe('VercelClient lifecycle actions against the emulator', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let c: VercelClient;
  let scope: { teamId: string };
  let sleeps: number[];

  before(async () => {
    // Long builds: production only moves when a test moves it.
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'client-actions', buildMs: 600_000 });
    control = new EmulatorControl(emulator.info.url);
    scope = { teamId: emulator.info.teamId };
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await control.reset();
    sleeps = [];
    c = new VercelClient({ origin: emulator.info.url, token: async () => TOKEN, sleep: async (ms) => void sleeps.push(ms) });
  });

  async function productionReady(): Promise<DeploymentListItem[]> {
    const page = await c.listDeployments({ projectId: emulator.info.projectId, limit: 100, ...scope });
    return page.deployments.filter((d) => d.target === 'production' && d.readyState === 'READY');
  }

  async function mutations(): Promise<string[]> {
    return (await control.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} ${r.status}`);
  }

  it('reads the project with what serves production and, with rollbackInfo, the last alias job', async () => {
    const [current] = await productionReady();
    const plain = await c.getProject(emulator.info.projectId, scope);
    assert.equal(plain.targets?.['production']?.id, current?.uid);
    assert.equal(plain.lastAliasRequest, undefined, 'only asked for with rollbackInfo');
    const withInfo = await c.getProject(emulator.info.projectId, { ...scope, rollbackInfo: true });
    assert.equal(withInfo.lastAliasRequest, null);
    const logged = (await control.requests()).at(-1);
    assert.equal(logged?.query['rollbackInfo'], 'true');
  });

  it('redeploys with forceNew=1, keeping the build cache unless told not to', async () => {
    const [source] = await productionReady();
    assert.ok(source);
    await control.clearRequests();
    const again = await c.createDeployment(
      { deploymentId: source.uid, name: source.name, target: 'production', action: 'redeploy', withCache: true },
      scope,
    );
    assert.equal(again.readyState, 'QUEUED');
    assert.equal(again.target, 'production');
    assert.equal(again.meta['action'], 'redeploy');
    assert.equal(again.meta['githubCommitSha'], source.meta?.['githubCommitSha']);
    const fresh = await c.createDeployment({ deploymentId: source.uid, name: source.name, action: 'redeploy', withCache: false }, scope);
    assert.equal(fresh.target, null, 'no target is a preview');
    const posts = (await control.requests()).filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => [r.path, r.query['forceNew'], r.query['withCache']]),
      [
        ['/v13/deployments', '1', '1'],
        ['/v13/deployments', '1', undefined],
      ],
    );
  });

  it('promotes and rolls back: 201, one POST each, and the job is followed through the project', async () => {
    const [current, earlier] = await productionReady();
    assert.ok(current && earlier);
    await control.clearRequests();
    assert.equal(await c.rollbackDeployment(emulator.info.projectId, earlier.uid, scope), 201);
    let job = (await c.getProject(emulator.info.projectId, { ...scope, rollbackInfo: true })).lastAliasRequest;
    assert.equal(job?.type, 'rollback');
    assert.equal(job?.toDeploymentId, earlier.uid);
    while (job?.jobStatus === 'pending' || job?.jobStatus === 'in-progress') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await c.getProject(emulator.info.projectId, { ...scope, rollbackInfo: true })).lastAliasRequest;
    }
    assert.equal(job?.jobStatus, 'succeeded');
    assert.equal(await c.promoteDeployment(emulator.info.projectId, current.uid, scope), 201);
    assert.deepEqual(await mutations(), [
      `POST /v9/projects/${emulator.info.projectId}/rollback/${earlier.uid} 201`,
      `POST /v10/projects/${emulator.info.projectId}/promote/${current.uid} 201`,
    ]);
  });

  it("deletes, and gives Vercel's reason for a refusal", async () => {
    const page = await c.listDeployments({ projectId: emulator.info.projectId, limit: 100, ...scope });
    const preview = page.deployments.find((d) => d.target === null);
    assert.ok(preview);
    assert.deepEqual(await c.deleteDeployment(preview.uid, scope), { uid: preview.uid, state: 'DELETED' });
    const [current] = await productionReady();
    assert.ok(current);
    const refused = await c.rollbackDeployment(emulator.info.projectId, current.uid, scope).then(
      () => assert.fail('a rollback to the current deployment was accepted'),
      (error: unknown) => error,
    );
    assert.ok(refused instanceof VercelApiError);
    assert.equal(refused.status, 400);
    assert.match(refused.message, /already the current production deployment/);
  });

  it('never retries a mutation, even on a 503 or a dropped connection', async () => {
    const [current, earlier] = await productionReady();
    assert.ok(current && earlier);
    await control.fault({ method: 'POST', status: 503, count: 0 });
    await control.fault({ method: 'DELETE', drop: true, count: 0 });
    await control.clearRequests();
    const attempts: Array<() => Promise<unknown>> = [
      () => c.createDeployment({ deploymentId: earlier.uid, name: earlier.name, action: 'redeploy', withCache: true }, scope),
      () => c.promoteDeployment(emulator.info.projectId, earlier.uid, scope),
      () => c.rollbackDeployment(emulator.info.projectId, earlier.uid, scope),
      () => c.deleteDeployment(earlier.uid, scope),
    ];
    for (const attempt of attempts) {
      await assert.rejects(attempt());
    }
    assert.equal((await control.requests()).length, 4, 'one request each');
    assert.deepEqual(sleeps, [], 'no retry was even waited for');
  });
});
