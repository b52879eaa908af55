/**
 * The client's deploy requests against the emulator over real HTTP: uploads
 * keyed by SHA-1 (`x-now-digest`, `x-now-size`, the team), a create that
 * names the files Vercel lacks (`missing_files`), a create from a Git
 * commit, and none of them ever retried.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { VercelClient } from '../../src/api/client';
import { VercelApiError } from '../../src/api/errors';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN = 'client-deploy-token';
const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

describe('VercelClient deploy requests against the emulator', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let c: VercelClient;
  let scope: { teamId: string };

  before(async () => {
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'client-deploy', buildMs: 600_000, deploymentCount: 12 });
    control = new EmulatorControl(emulator.info.url);
    scope = { teamId: emulator.info.teamId };
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await control.reset();
    c = new VercelClient({ origin: emulator.info.url, token: async () => TOKEN, sleep: async () => undefined });
  });

  it('uploads a file under its digest and the team, and a wrong digest is Vercel\'s refusal, not retried', async () => {
    await c.uploadFile(bytes('hello'), sha1('hello'), scope);
    const stored = await control.files();
    assert.deepEqual(stored.files, [{ sha: sha1('hello'), size: 5, uploads: 1 }]);
    const [request] = await control.requests();
    assert.equal(request?.query['teamId'], scope.teamId);
    await assert.rejects(c.uploadFile(bytes('hello'), sha1('nope'), scope), (e: unknown) => e instanceof VercelApiError && e.status === 400 && /SHA1 sum/.test(e.message));
    await control.fault({ method: 'POST', path: '/v2/files', status: 503 });
    await control.clearRequests();
    await assert.rejects(c.uploadFile(bytes('again'), sha1('again'), scope), (e: unknown) => e instanceof VercelApiError && e.status === 503);
    assert.equal((await control.requests()).length, 1, 'an upload is never retried');
  });

  it('a create from files names the missing digests, and succeeds once they are uploaded', async () => {
    const files = [
      { file: 'index.html', sha: sha1('<p>hi</p>'), size: 9, mode: 0o100644 },
      { file: 'a.js', sha: sha1('1'), size: 1, mode: 0o100644 },
    ];
    const request = { name: emulator.info.projectName, project: emulator.info.projectId, files };
    await c.uploadFile(bytes('<p>hi</p>'), sha1('<p>hi</p>'), scope);
    const error = await c.createDeployment(request, scope).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof VercelApiError);
    assert.equal(error.code, 'missing_files');
    assert.deepEqual(error.missingFiles, [sha1('1')]);
    await c.uploadFile(bytes('1'), sha1('1'), scope);
    const created = await c.createDeployment({ ...request, target: 'production' }, scope);
    assert.equal(created.readyState, 'QUEUED');
    assert.equal(created.target, 'production');
    assert.deepEqual((await control.deploymentFiles(created.id)).files, files);
    const creates = (await control.files()).creates;
    assert.deepEqual(creates[0], { name: emulator.info.projectName, project: emulator.info.projectId, target: 'production', files });

    const fromBranch = await c.createDeployment({ ...request, gitMetadata: { commitRef: 'feat/x', commitSha: 'c'.repeat(40) } }, scope);
    assert.equal(fromBranch.meta?.['githubCommitRef'], 'feat/x', 'listed under the folder\'s branch');
    assert.equal(fromBranch.meta?.['githubCommitSha'], 'c'.repeat(40));
  });

  it('a create from a Git commit sends gitSource and is never retried', async () => {
    const project = await c.getProject(emulator.info.projectId, scope);
    const repoId = project.link?.repoId;
    assert.ok(repoId !== undefined, 'the project\'s link has its repoId');
    const created = await c.createDeployment(
      { name: project.name, project: project.id, gitSource: { type: 'github', repoId, ref: 'feat/x', sha: 'b'.repeat(40) } },
      scope,
    );
    assert.equal(created.meta?.['githubCommitRef'], 'feat/x');
    await control.fault({ method: 'POST', path: '/v13/deployments', status: 502 });
    await control.clearRequests();
    await assert.rejects(c.createDeployment({ name: project.name, project: project.id, gitSource: { type: 'github', repoId, ref: 'main' } }, scope));
    assert.equal((await control.requests()).length, 1);
  });
});
