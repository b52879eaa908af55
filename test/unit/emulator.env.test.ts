/**
 * The emulator's environment variables over real HTTP: list filters, one
 * decrypted value, create (conflict, upsert), edit, remove and the pull
 * route, with Vercel's semantics, every answer held to the official @vercel/sdk.
 */
import * as assert from 'node:assert/strict';
import { startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { loadSdk, missingInRaw, withRepairs, type Sdk } from './sdkCheck';

interface Env {
  id: string;
  key: string;
  value: string;
  type: string;
  target: string[];
  gitBranch?: string;
  customEnvironmentIds: string[];
}

describe('Vercel API emulator: environment variables', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let info: EmulatorInfo;
  let sdk: Sdk;

  before(async function () {
    this.timeout(60_000);
    sdk = await loadSdk();
    emulator = await startEmulator({ port: 0, token: 'env-token', seed: 'env' });
    info = emulator.info;
  });
  after(() => emulator.close());
  beforeEach(async () => {
    assert.equal((await fetch(`${info.url}/_emulator/reset`, { method: 'POST' })).status, 200);
  });

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${info.url}${path}${path.includes('?') ? '&' : '?'}teamId=${info.teamId}`, {
      method,
      headers: { Authorization: `Bearer ${info.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const envs = async (query = '') => (await api('GET', `/v10/projects/${info.projectId}/env${query}`)).json['envs'] as Env[];

  it('lists every seeded type and target; a sensitive value is never in it, an encrypted one only as cipher text', async () => {
    const all = await envs();
    assert.deepEqual([...new Set(all.map((e) => e.type))].sort(), ['encrypted', 'plain', 'sensitive', 'system']);
    const sensitive = all.find((e) => e.type === 'sensitive');
    assert.equal(sensitive?.value, '');
    const database = all.find((e) => e.key === 'DATABASE_URL' && e.target.includes('production'));
    assert.ok(database && !database.value.includes('postgres'), 'an encrypted value is not listed in clear');
    assert.ok(all.some((e) => e.gitBranch === 'feat/checkout'));
    assert.ok(all.some((e) => e.customEnvironmentIds.length > 0 && e.target.length === 0));
  });

  it('filters by target, branch and custom environment', async () => {
    const production = await envs('?target=production');
    assert.ok(production.length > 0 && production.every((e) => e.target.includes('production')));
    const branch = await envs('?target=preview&gitBranch=feat%2Fcheckout');
    assert.ok(branch.every((e) => e.gitBranch === undefined || e.gitBranch === 'feat/checkout'));
    assert.ok(branch.some((e) => e.gitBranch === 'feat/checkout'));
    const staging = await envs('?customEnvironmentSlug=staging');
    assert.deepEqual(staging.map((e) => e.key), ['STAGING_BANNER']);
  });

  it('decrypts one value, but never a sensitive one', async () => {
    const all = await envs();
    const database = all.find((e) => e.key === 'DATABASE_URL' && e.target.includes('development'));
    const one = (await api('GET', `/v1/projects/${info.projectId}/env/${database?.id}`)).json;
    assert.equal(one['value'], 'postgres://localhost:5432/shop');
    assert.equal(one['decrypted'], true);
    const sensitive = all.find((e) => e.type === 'sensitive');
    const hidden = (await api('GET', `/v1/projects/${info.projectId}/env/${sensitive?.id}`)).json;
    assert.equal(hidden['value'], '');
    assert.equal(hidden['decrypted'], false);
  });

  it('refuses a key already set for a target unless upsert; upsert overwrites it', async () => {
    const body = { key: 'NEXT_PUBLIC_API_URL', value: 'https://other', type: 'plain', target: ['production'] };
    const conflict = await api('POST', `/v10/projects/${info.projectId}/env`, body);
    assert.equal(conflict.status, 400);
    assert.equal((conflict.json['error'] as { code: string }).code, 'ENV_ALREADY_EXISTS');
    const upserted = await api('POST', `/v10/projects/${info.projectId}/env?upsert=true`, body);
    assert.equal(upserted.status, 201);
    const production = (await envs('?target=production&decrypt=true')).filter((e) => e.key === 'NEXT_PUBLIC_API_URL');
    assert.deepEqual(production.map((e) => e.value), ['https://other']);
    const preview = (await envs('?target=preview')).filter((e) => e.key === 'NEXT_PUBLIC_API_URL');
    assert.deepEqual(preview.map((e) => e.value), ['https://api.example.com'], 'the other targets keep their variable');
  });

  it('validates keys, targets, branches and sensitive development values as Vercel does', async () => {
    const post = (body: unknown) => api('POST', `/v10/projects/${info.projectId}/env`, body);
    const code = async (body: unknown) => ((await post(body)).json['error'] as { code: string } | undefined)?.code;
    assert.equal(await code({ key: '1ABC', value: 'x', type: 'plain', target: ['production'] }), 'KEY_INVALID_CHARACTERS');
    assert.equal(await code({ key: 'A-B', value: 'x', type: 'plain', target: ['production'] }), 'KEY_INVALID_CHARACTERS');
    assert.equal(await code({ key: 'AWS_REGION', value: 'x', type: 'plain', target: ['production'] }), 'RESERVED_ENV_VARIABLE');
    assert.equal(await code({ key: 'OK', value: 'x', type: 'plain', target: [] }), 'MISSING_TARGET');
    assert.equal(await code({ key: 'OK', value: 'x', type: 'sensitive', target: ['development'] }), 'bad_request');
    assert.equal(await code({ key: 'OK', value: 'x', type: 'plain', target: ['production'], gitBranch: 'main' }), 'bad_request');
    assert.equal((await post({ key: 'OK', value: 'x', type: 'plain', target: ['preview'], gitBranch: 'main' })).status, 201);
  });

  it('edits and removes one variable', async () => {
    const created = await api('POST', `/v10/projects/${info.projectId}/env`, { key: 'EDIT_ME', value: 'one', type: 'encrypted', target: ['development'] });
    const id = (created.json['created'] as Env).id;
    const edited = await api('PATCH', `/v9/projects/${info.projectId}/env/${id}`, { value: 'two' });
    assert.equal(edited.status, 200);
    assert.equal((await api('GET', `/v1/projects/${info.projectId}/env/${id}`)).json['value'], 'two');
    assert.equal((await api('DELETE', `/v10/projects/${info.projectId}/env/${id}`)).status, 200);
    assert.equal((await api('GET', `/v1/projects/${info.projectId}/env/${id}`)).status, 404);
  });

  it('pulls a target: the branch value wins, a sensitive value is empty, system variables are added', async () => {
    const pull = async (path: string) => (await api('GET', `/v3/env/pull/${info.projectId}${path}?source=vercel-cli:env:pull`)).json['env'] as Record<string, string>;
    const development = await pull('/development');
    assert.equal(development['DATABASE_URL'], 'postgres://localhost:5432/shop');
    assert.equal(development['VERCEL_ENV'], 'development');
    assert.equal(development['SESSION_SECRET'], 'line one\r\nline "two"');
    assert.deepEqual(await pull(''), development, 'the target defaults to development');
    const branch = await pull('/preview/feat%2Fcheckout');
    assert.equal(branch['DATABASE_URL'], 'postgres://shop:feature@db-checkout.internal:5432/shop');
    assert.equal(branch['STRIPE_SECRET_KEY'], '');
    assert.equal((await pull('/preview'))['DATABASE_URL'], 'postgres://shop:preview-pass@db-preview.internal:5432/shop');
    assert.equal((await pull('/staging'))['STAGING_BANNER'], 'You are on staging');
  });

  it('answers every env route so that the official SDK needs no repair', async function () {
    this.timeout(60_000);
    const vercel = new sdk.Vercel({ bearerToken: info.token, serverURL: info.url });
    const scope = { idOrName: info.projectId, teamId: info.teamId };

    const rawList = (await api('GET', `/v10/projects/${info.projectId}/env`)).json;
    const parsedList = sdk.FilterProjectEnvsResponseBody$inboundSchema.safeParse(rawList);
    assert.ok(parsedList.success, JSON.stringify(parsedList.error?.issues.slice(0, 3)));
    assert.deepEqual(missingInRaw(rawList, parsedList.data), []);
    const [, listRepairs] = await withRepairs(sdk, () => vercel.projects.filterProjectEnvs({ ...scope, target: 'production' } as Parameters<typeof vercel.projects.filterProjectEnvs>[0]));
    assert.equal(listRepairs, 0, 'the SDK repaired the list');

    const first = (rawList['envs'] as Env[])[0];
    assert.ok(first);
    const rawOne = (await api('GET', `/v1/projects/${info.projectId}/env/${first.id}`)).json;
    const parsedOne = sdk.GetProjectEnvResponseBody$inboundSchema.safeParse(rawOne);
    assert.ok(parsedOne.success, JSON.stringify(parsedOne.error?.issues.slice(0, 3)));
    assert.deepEqual(missingInRaw(rawOne, parsedOne.data), []);
    const [, oneRepairs] = await withRepairs(sdk, () => vercel.projects.getProjectEnv({ ...scope, id: first.id }));
    assert.equal(oneRepairs, 0);

    const body = { key: 'SDK_CHECK', value: 'v', type: 'encrypted' as const, target: ['preview' as const] };
    const rawCreated = (await api('POST', `/v10/projects/${info.projectId}/env`, body)).json;
    const parsedCreated = sdk.CreateProjectEnvResponseBody$inboundSchema.safeParse(rawCreated);
    assert.ok(parsedCreated.success, JSON.stringify(parsedCreated.error?.issues.slice(0, 3)));
    assert.deepEqual(missingInRaw(rawCreated, parsedCreated.data), []);
    const [created, createRepairs] = await withRepairs(sdk, () => vercel.projects.createProjectEnv({ ...scope, upsert: 'true', requestBody: { ...body, value: 'w' } }));
    assert.equal(createRepairs, 0);
    const createdId = (Array.isArray(created.created) ? created.created[0]?.id : created.created?.id) ?? '';

    const rawEdited = (await api('PATCH', `/v9/projects/${info.projectId}/env/${createdId}`, { value: 'x' })).json;
    const parsedEdited = sdk.EditProjectEnvResponseBody$inboundSchema.safeParse(rawEdited);
    assert.ok(parsedEdited.success, JSON.stringify(parsedEdited.error?.issues.slice(0, 3)));
    assert.deepEqual(missingInRaw(rawEdited, parsedEdited.data), []);
    const [, editRepairs] = await withRepairs(sdk, () => vercel.projects.editProjectEnv({ ...scope, id: createdId, requestBody: { value: 'y' } }));
    assert.equal(editRepairs, 0);

    const rawRemoved = (await api('DELETE', `/v9/projects/${info.projectId}/env/${first.id}`)).json;
    const parsedRemoved = sdk.RemoveProjectEnvResponseBody$inboundSchema.safeParse(rawRemoved);
    assert.ok(parsedRemoved.success, JSON.stringify(parsedRemoved.error?.issues.slice(0, 3)));
    assert.deepEqual(missingInRaw(rawRemoved, parsedRemoved.data), []);
    const [, removeRepairs] = await withRepairs(sdk, () => vercel.projects.removeProjectEnv({ ...scope, id: createdId }));
    assert.equal(removeRepairs, 0);
  });
});
