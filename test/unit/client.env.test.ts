/**
 * The client's environment-variable requests (`client.env`) against the
 * emulator over real HTTP: values never ride along with the list, a value is
 * read only when asked, changes are sent once and never retried, and Vercel's
 * re-authentication answers are recognisable.
 */
import { strict as assert } from 'node:assert';
import { VercelClient } from '../../src/api/client';
import { VercelApiError } from '../../src/api/errors';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN = 'client-env-token';

describe('VercelClient environment variables against the emulator', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let c: VercelClient;
  let scope: { teamId: string };
  let projectId: string;

  before(async () => {
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'client-env' });
    control = new EmulatorControl(emulator.info.url);
    scope = { teamId: emulator.info.teamId };
    projectId = emulator.info.projectId;
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await control.reset();
    c = new VercelClient({ origin: emulator.info.url, token: async () => TOKEN, sleep: async () => undefined });
  });

  it('lists variables without any value, whatever the answer held', async () => {
    const envs = await c.env.list(projectId, scope);
    assert.ok(envs.length >= 10);
    for (const env of envs) assert.ok(!('value' in env), `${env.key} carries no value`);
    assert.ok(!JSON.stringify(envs).includes('https://api.example.com'), 'a plain value is not kept');
    const preview = await c.env.list(projectId, { ...scope, target: 'preview', gitBranch: 'feat/checkout' });
    assert.ok(preview.some((e) => e.gitBranch === 'feat/checkout'));
    const query = (await control.requests()).at(-1)?.query;
    assert.deepEqual(query, { target: 'preview', gitBranch: 'feat/checkout', teamId: scope.teamId });
  });

  it('reads one value decrypted; a sensitive one comes back empty', async () => {
    const envs = await c.env.list(projectId, scope);
    const plain = envs.find((e) => e.key === 'NEXT_PUBLIC_API_URL');
    assert.equal((await c.env.value(projectId, plain?.id ?? '', scope)).value, 'https://api.example.com');
    const sensitive = envs.find((e) => e.type === 'sensitive');
    const hidden = await c.env.value(projectId, sensitive?.id ?? '', scope);
    assert.equal(hidden.value, '');
    assert.equal(hidden.decrypted, false);
  });

  it('creates once; a conflict is a VercelApiError with Vercel’s code, and upsert overwrites', async () => {
    const input = { key: 'NEXT_PUBLIC_API_URL', value: 'https://new', type: 'plain' as const, target: ['production' as const] };
    await assert.rejects(c.env.create(projectId, input, false, scope), (e: unknown) => e instanceof VercelApiError && e.code === 'ENV_ALREADY_EXISTS');
    const created = await c.env.create(projectId, input, true, scope);
    assert.equal(created?.key, 'NEXT_PUBLIC_API_URL');
    assert.ok(created && !('value' in created));
    const posts = (await control.requests()).filter((r) => r.method === 'POST');
    assert.deepEqual(posts.map((r) => r.query['upsert']), [undefined, 'true']);
  });

  it('never retries a change or a value read, even on a 503', async () => {
    const envs = await c.env.list(projectId, scope);
    const id = envs[0]?.id ?? '';
    await control.clearRequests();
    for (const [method, path] of [
      ['PATCH', `/v9/projects/${projectId}/env/`],
      ['DELETE', `/v9/projects/${projectId}/env/`],
      ['POST', `/v10/projects/${projectId}/env`],
      ['GET', `/v1/projects/${projectId}/env/`],
      ['GET', `/v3/env/pull/`],
    ] as const) {
      await control.fault({ method, path, status: 503 });
    }
    await assert.rejects(c.env.edit(projectId, id, { value: 'x' }, scope));
    await assert.rejects(c.env.remove(projectId, id, scope));
    await assert.rejects(c.env.create(projectId, { key: 'NEW_ONE', value: 'x', type: 'plain', target: ['development'] }, false, scope));
    await assert.rejects(c.env.value(projectId, id, scope));
    await assert.rejects(c.env.pull(projectId, 'development', undefined, scope));
    assert.equal((await control.requests()).length, 5);
  });

  it('recognises Vercel asking for a fresh sign-in', async () => {
    const envs = await c.env.list(projectId, scope);
    for (const code of ['challenge_required', 'challenge_required_email_otp', 'user_auth_required']) {
      await control.fault({ path: `/v1/projects/`, status: 403, body: { error: { code, message: 'Please sign in again' } } });
      await assert.rejects(c.env.value(projectId, envs[0]?.id ?? '', scope), (e: unknown) => e instanceof VercelApiError && e.needsSignIn);
    }
    await control.fault({ path: `/v1/projects/`, status: 403, body: { error: { code: 'forbidden', message: 'Not authorized' } } });
    await assert.rejects(c.env.value(projectId, envs[0]?.id ?? '', scope), (e: unknown) => e instanceof VercelApiError && !e.needsSignIn);
  });

  it('pulls an environment, a Preview branch with its slash encoded, with our own source', async () => {
    const env = await c.env.pull(projectId, 'preview', 'feat/checkout', scope);
    assert.equal(env['DATABASE_URL'], 'postgres://shop:feature@db-checkout.internal:5432/shop');
    const logged = (await control.requests()).at(-1);
    assert.equal(logged?.path, `/v3/env/pull/${projectId}/preview/feat%2Fcheckout`);
    assert.equal(logged?.query['source'], 'vscode-vercel-deployments:env:pull');
  });
});
