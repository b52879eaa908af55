/**
 * The emulator's lifecycle actions over real HTTP: redeploy, promote, Instant
 * Rollback, delete and the project's production state, with Vercel's
 * semantics, and every answer held to the official @vercel/sdk.
 */
import * as assert from 'node:assert/strict';
import { DeploymentListSchema, ProjectSchema, type DeploymentListItem, type Project } from '../../src/api/schemas';
import { startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { loadSdk, missingInRaw, withRepairs, type Sdk } from './sdkCheck';

const BUILD_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function http(info: EmulatorInfo) {
  const team = `teamId=${info.teamId}`;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.url}${path}${path.includes('?') ? '&' : '?'}${team}`, {
      method,
      headers: { Authorization: `Bearer ${info.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: (text === '' ? undefined : JSON.parse(text)) as unknown, text };
  };
  const control = (path: string, body?: unknown) =>
    fetch(`${info.url}/_emulator${path}`, {
      method: 'POST',
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  return { api, control };
}

async function listed(info: EmulatorInfo): Promise<DeploymentListItem[]> {
  const { json } = await http(info).api('GET', `/v6/deployments?projectId=${info.projectId}&limit=100`);
  return DeploymentListSchema().parse(json).deployments;
}

async function project(info: EmulatorInfo): Promise<Project> {
  const { json } = await http(info).api('GET', `/v9/projects/${info.projectId}?rollbackInfo=true`);
  return ProjectSchema().parse(json);
}

async function settled(info: EmulatorInfo): Promise<Project> {
  for (;;) {
    const p = await project(info);
    const status = p.lastAliasRequest?.jobStatus;
    if (status !== 'pending' && status !== 'in-progress') return p;
    await sleep(100);
  }
}

describe('Vercel API emulator: lifecycle actions', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let info: EmulatorInfo;
  let sdk: Sdk;

  before(async function () {
    // Loading the generated SDK takes seconds: once, before any request, so no idle keep-alive socket goes stale meanwhile.
    this.timeout(60_000);
    sdk = await loadSdk();
    emulator = await startEmulator({ port: 0, token: 'actions-token', seed: 'actions', buildMs: BUILD_MS });
    info = emulator.info;
  });
  after(() => emulator.close());
  beforeEach(async () => {
    assert.equal((await http(info).control('/reset')).status, 200);
    // The seeded builds finish first, so production only moves when a test moves it.
    await sleep(BUILD_MS + 100);
  });

  /** READY production deployments, newest first. */
  async function readyProduction(): Promise<DeploymentListItem[]> {
    return (await listed(info)).filter((d) => d.target === 'production' && d.readyState === 'READY');
  }

  it('says which deployment serves production: the newest READY production one', async () => {
    const p = await project(info);
    const [newest] = await readyProduction();
    assert.ok(newest);
    assert.equal(p.targets?.['production']?.id, newest.uid);
    assert.ok((p.targets?.['production']?.alias ?? []).length > 0, 'the production domains');
    assert.equal(p.lastRollbackTarget, null);
    assert.equal(p.lastAliasRequest, null);
    assert.ok('rootDirectory' in p);
  });

  it('redeploys: a new deployment of the same project and target, with the source Git metadata, that builds', async () => {
    const { api } = http(info);
    const [source] = await readyProduction();
    assert.ok(source);
    const created = await api('POST', '/v13/deployments?forceNew=1', {
      deploymentId: source.uid,
      name: source.name,
      target: 'production',
      meta: { action: 'redeploy' },
    });
    assert.equal(created.status, 200);
    const body = created.json as Record<string, unknown> & { meta: Record<string, string> };
    assert.notEqual(body['id'], source.uid);
    assert.equal(body['readyState'], 'QUEUED');
    assert.equal(body['target'], 'production');
    assert.equal(body['source'], 'redeploy');
    assert.equal(body['projectId'], info.projectId);
    assert.equal(body.meta['action'], 'redeploy');
    assert.equal(body.meta['originalDeploymentId'], source.uid);
    for (const key of ['githubCommitSha', 'githubCommitRef', 'githubCommitMessage']) {
      assert.equal(body.meta[key], source.meta?.[key], key);
    }
    const [top] = await listed(info);
    assert.equal(top?.uid, body['id'], 'the newest in the list');
    // It builds to READY and then, being the newest READY production deployment, serves production.
    for (let i = 0; i < 50 && (await project(info)).targets?.['production']?.id !== body['id']; i++) {
      await sleep(100);
    }
    assert.equal((await project(info)).targets?.['production']?.id, body['id']);
  });

  it('refuses a redeploy without a source, and of an unknown one', async () => {
    const { api } = http(info);
    assert.equal((await api('POST', '/v13/deployments?forceNew=1', { name: 'x' })).status, 400);
    assert.equal((await api('POST', '/v13/deployments?forceNew=1', { name: 'x', deploymentId: 'dpl_nope' })).status, 404);
  });

  it('rolls back as a job, pins production and keeps it pinned past newer builds until a promote', async () => {
    const { api, control } = http(info);
    const [current, earlier] = await readyProduction();
    assert.ok(current && earlier);
    const answer = await api('POST', `/v9/projects/${info.projectId}/rollback/${earlier.uid}`, {});
    assert.equal(answer.status, 201);
    assert.equal(answer.text, '');
    const pending = await project(info);
    assert.equal(pending.lastAliasRequest?.type, 'rollback');
    assert.equal(pending.lastAliasRequest?.fromDeploymentId, current.uid);
    assert.equal(pending.lastAliasRequest?.toDeploymentId, earlier.uid);
    assert.ok(['pending', 'in-progress'].includes(String(pending.lastAliasRequest?.jobStatus)));
    assert.equal(pending.targets?.['production']?.id, current.uid, 'production moves only when the job is done');
    const done = await settled(info);
    assert.equal(done.lastAliasRequest?.jobStatus, 'succeeded');
    assert.equal(done.targets?.['production']?.id, earlier.uid);
    assert.ok(done.lastRollbackTarget, 'rolled back');

    const newer = await control('/deployments', { target: 'production', readyState: 'READY' });
    const newerId = ((await newer.json()) as { id: string }).id;
    assert.equal((await project(info)).targets?.['production']?.id, earlier.uid, 'a newer build does not take over');

    assert.equal((await api('POST', `/v10/projects/${info.projectId}/promote/${newerId}`, {})).status, 201);
    const promoted = await settled(info);
    assert.equal(promoted.lastAliasRequest?.type, 'promote');
    assert.equal(promoted.lastAliasRequest?.jobStatus, 'succeeded');
    assert.equal(promoted.targets?.['production']?.id, newerId);
    assert.equal(promoted.lastRollbackTarget, null);
  });

  it('promotes an older READY production deployment, and only builds made after the promote take over', async () => {
    const { api, control } = http(info);
    const [current, earlier] = await readyProduction();
    assert.ok(current && earlier);
    assert.equal((await api('POST', `/v10/projects/${info.projectId}/promote/${earlier.uid}`, {})).status, 201);
    const promoted = await settled(info);
    assert.equal(promoted.lastAliasRequest?.jobStatus, 'succeeded');
    assert.equal(promoted.targets?.['production']?.id, earlier.uid, 'the older deployment serves production, though a newer one exists');
    assert.equal(promoted.lastRollbackTarget, null, 'a promote is not a rollback');
    const later = ((await (await control('/deployments', { target: 'production', readyState: 'READY' })).json()) as { id: string }).id;
    assert.equal((await project(info)).targets?.['production']?.id, later, 'a production build made after the promote takes over');
  });

  it('answers 400 to a rollback to a preview or an unfinished deployment, and to the current one', async () => {
    const { api, control } = http(info);
    const preview = (await listed(info)).find((d) => d.target === null && d.readyState === 'READY');
    assert.ok(preview);
    const failed = ((await (await control('/deployments', { target: 'production', readyState: 'ERROR' })).json()) as { id: string }).id;
    const [current] = await readyProduction();
    for (const [id, wording] of [
      [preview.uid, /not a production deployment/],
      [failed, /not ready/],
      [current?.uid ?? '', /already the current production deployment/],
    ] as const) {
      const answer = await api('POST', `/v9/projects/${info.projectId}/rollback/${id}`, {});
      assert.equal(answer.status, 400, id);
      assert.match(String((answer.json as { error: { message: string } }).error.message), wording);
    }
    assert.equal((await project(info)).lastAliasRequest, null, 'no job was started');
  });

  it('refuses to promote a preview and a second job while one runs (409)', async () => {
    const { api } = http(info);
    const preview = (await listed(info)).find((d) => d.target === null && d.readyState === 'READY');
    assert.ok(preview);
    assert.equal((await api('POST', `/v10/projects/${info.projectId}/promote/${preview.uid}`, {})).status, 400);
    const [, earlier, older] = await readyProduction();
    assert.ok(earlier && older);
    assert.equal((await api('POST', `/v9/projects/${info.projectId}/rollback/${earlier.uid}`, {})).status, 201);
    assert.equal((await api('POST', `/v9/projects/${info.projectId}/rollback/${older.uid}`, {})).status, 409);
  });

  it('fails a job when the control API says so, and production stays', async () => {
    const { api, control } = http(info);
    const [current, earlier] = await readyProduction();
    assert.ok(current && earlier);
    assert.equal((await control('/alias-fault', { count: 1 })).status, 200);
    assert.equal((await api('POST', `/v9/projects/${info.projectId}/rollback/${earlier.uid}`, {})).status, 201);
    const done = await settled(info);
    assert.equal(done.lastAliasRequest?.jobStatus, 'failed');
    assert.equal(done.targets?.['production']?.id, current.uid);
    assert.equal(done.lastRollbackTarget, null);
  });

  it('deletes a deployment (404 afterwards) but not the one serving production', async () => {
    const { api } = http(info);
    const [current] = await readyProduction();
    const preview = (await listed(info)).find((d) => d.target === null);
    assert.ok(current && preview);
    const deleted = await api('DELETE', `/v13/deployments/${preview.uid}`);
    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.json, { uid: preview.uid, state: 'DELETED' });
    assert.equal((await api('GET', `/v13/deployments/${preview.uid}`)).status, 404);
    assert.ok(!(await listed(info)).some((d) => d.uid === preview.uid));
    assert.equal((await api('DELETE', `/v13/deployments/${preview.uid}`)).status, 404);
    assert.equal((await api('DELETE', `/v13/deployments/${current.uid}`)).status, 400);
  });

  it('answers every action so that the official SDK needs no repair', async function () {
    this.timeout(60_000);
    const vercel = new sdk.Vercel({ bearerToken: info.token, serverURL: info.url });
    const { api } = http(info);
    const [current, earlier] = await readyProduction();
    assert.ok(current && earlier);

    const [created, repaired] = await withRepairs(sdk, () =>
      vercel.deployments.createDeployment({
        forceNew: '1',
        teamId: info.teamId,
        requestBody: { deploymentId: current.uid, name: current.name, target: 'production', meta: { action: 'redeploy' } },
      }),
    );
    assert.equal(repaired, 0, 'the SDK repaired the redeploy answer');
    const rawCreated = (await api('GET', `/v13/deployments/${created.id}`)).json;
    const parsedCreated = sdk.CreateDeploymentResponseBody$inboundSchema.safeParse(rawCreated);
    assert.ok(parsedCreated.success, JSON.stringify(parsedCreated.error?.issues.slice(0, 3)));
    assert.deepEqual(missingInRaw(rawCreated, parsedCreated.data), []);

    await vercel.projects.requestRollback({ projectId: info.projectId, deploymentId: earlier.uid, teamId: info.teamId });
    const rolledBack = (await api('GET', `/v9/projects/${info.projectId}?rollbackInfo=true`)).json;
    await settled(info);
    await vercel.projects.requestPromote({ projectId: info.projectId, deploymentId: current.uid, teamId: info.teamId });
    await settled(info);

    const [sdkProject, projectRepairs] = await withRepairs(sdk, () => vercel.projects.getProject({ idOrName: info.projectId, teamId: info.teamId }));
    assert.equal(sdkProject.id, info.projectId);
    assert.equal(projectRepairs, 0, 'the SDK repaired the project');
    for (const raw of [rolledBack, (await api('GET', `/v9/projects/${info.projectId}?rollbackInfo=true`)).json]) {
      const parsed = sdk.GetProjectResponseBody$inboundSchema.safeParse(raw);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
      assert.deepEqual(missingInRaw(raw, parsed.data), []);
      assert.ok((parsed.data as { lastAliasRequest?: unknown }).lastAliasRequest, 'lastAliasRequest survives the SDK parse');
    }

    const [preview, other] = (await listed(info)).filter((d) => d.target === null);
    assert.ok(preview && other);
    const rawDeleted = (await api('DELETE', `/v13/deployments/${other.uid}`)).json;
    const parsedDeleted = sdk.DeleteDeploymentResponseBody$inboundSchema.safeParse(rawDeleted);
    assert.ok(parsedDeleted.success);
    assert.deepEqual(missingInRaw(rawDeleted, parsedDeleted.data), []);
    const [deleted, deleteRepairs] = await withRepairs(sdk, () => vercel.deployments.deleteDeployment({ id: preview.uid, teamId: info.teamId }));
    assert.equal(deleteRepairs, 0);
    assert.equal(deleted.state, 'DELETED');
  });
});
