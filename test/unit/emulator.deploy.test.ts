/**
 * Deploying to the emulator over real HTTP: `POST /v2/files` and
 * `POST /v13/deployments` with `files` or `gitSource`, as Vercel answers
 * them, held to the official @vercel/sdk; and the official Vercel CLI
 * (`vercel deploy --api <emulator>`) deploying a folder against it.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createIgnore } from '../../src/deploy/ignore';
import { startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { loadSdk, missingInRaw, withRepairs, type Sdk } from './sdkCheck';

const sha1 = (text: string | Buffer) => createHash('sha1').update(text).digest('hex');

function http(info: EmulatorInfo) {
  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const raw = body instanceof Buffer || typeof body === 'string';
    const response = await fetch(`${info.url}${path}${path.includes('?') ? '&' : '?'}teamId=${info.teamId}`, {
      method,
      headers: {
        Authorization: `Bearer ${info.token}`,
        ...(body === undefined ? {} : { 'Content-Type': raw ? 'application/octet-stream' : 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: (text === '' ? undefined : JSON.parse(text)) as Record<string, any> };
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.url}/_emulator${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    return (await response.json()) as Record<string, any>;
  };
  const upload = (content: string, digest = sha1(content)) =>
    api('POST', '/v2/files', Buffer.from(content), { 'x-now-digest': digest, 'x-now-size': String(Buffer.byteLength(content)) });
  return { api, control, upload };
}

describe('Vercel API emulator: deploying files and Git commits', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let info: EmulatorInfo;
  let sdk: Sdk;

  before(async function () {
    this.timeout(60_000);
    sdk = await loadSdk();
    emulator = await startEmulator({ seed: 'deploy-test', buildMs: 1500, deploymentCount: 12 });
    info = emulator.info;
  });
  after(() => emulator?.close());
  beforeEach(() => http(info).control('POST', '/reset'));

  it('stores a file by its digest, answers a known one the same way and refuses a digest that is not the body\'s', async function () {
    const { upload, control, api } = http(info);
    const first = await upload('hello');
    assert.equal(first.status, 200);
    assert.deepEqual(first.json, {});
    const again = await upload('hello');
    assert.equal(again.status, 200, 'a file Vercel already has is not an error');
    const wrong = await upload('hello', sha1('other'));
    assert.equal(wrong.status, 400);
    assert.match(wrong.json['error'].message, /doesn't match the provided SHA1 sum/);
    const none = await api('POST', '/v2/files', Buffer.from('x'));
    assert.equal(none.status, 400);
    assert.equal(none.json['error'].code, 'missing_digest');
    const files = (await control('GET', '/files'))['files'] as { sha: string; uploads: number }[];
    assert.deepEqual(files, [{ sha: sha1('hello'), size: 5, uploads: 2 }]);
  });

  it('answers missing_files with the digests it lacks, then creates a QUEUED deployment that builds', async function () {
    const { upload, control, api } = http(info);
    await upload('<h1>hi</h1>');
    const files = [
      { file: 'index.html', sha: sha1('<h1>hi</h1>'), size: 11, mode: 0o100644 },
      { file: 'app/page.js', sha: sha1('export {}'), size: 9, mode: 0o100644 },
    ];
    const missing = await api('POST', '/v13/deployments', { name: info.projectName, project: info.projectId, files });
    assert.equal(missing.status, 400);
    assert.equal(missing.json['error'].code, 'missing_files');
    assert.deepEqual(missing.json['error'].missing, [sha1('export {}')]);

    await upload('export {}');
    const created = await api('POST', '/v13/deployments', { name: info.projectName, project: info.projectId, target: 'production', files });
    assert.equal(created.status, 200);
    assert.equal(created.json['readyState'], 'QUEUED');
    assert.equal(created.json['target'], 'production');
    assert.equal(created.json['source'], 'cli');
    const stored = await control('GET', `/deployments/${created.json['id']}/files`);
    assert.deepEqual(stored['files'], files);
    const list = await api('GET', `/v6/deployments?projectId=${info.projectId}&limit=1`);
    assert.equal(list.json['deployments'][0].uid, created.json['id'], 'the new deployment is the newest');
    for (;;) {
      const now = await api('GET', `/v13/deployments/${created.json['id']}`);
      if (now.json['readyState'] === 'READY') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const events = await api('GET', `/v3/deployments/${created.json['id']}/events?limit=-1`);
    const lines = events.json as unknown as { text?: string; payload?: { text?: string } }[];
    assert.ok(lines.length > 10, 'a realistic build log');
    const texts = lines.map((e) => e.text ?? e.payload?.text ?? '');
    assert.ok(texts.includes('Downloading 2 deployment files...'), 'it downloads its files rather than cloning');
    assert.ok(!texts.some((t) => t.startsWith('Cloning github.com')));
  });

  it('refuses a path outside the deployment and an unknown project', async function () {
    const { api } = http(info);
    const bad = await api('POST', '/v13/deployments', { name: info.projectName, files: [{ file: '../etc/passwd', sha: sha1('x'), size: 1 }] });
    assert.equal(bad.status, 400);
    const unknown = await api('POST', '/v13/deployments', { name: 'no-such-project', files: [{ file: 'a', sha: sha1('x'), size: 1 }] });
    assert.equal(unknown.status, 404);
  });

  it('builds a commit from gitSource for GitHub, GitLab and Bitbucket links, and refuses another repository or none', async function () {
    const { api, control } = http(info);
    const project = (await api('GET', `/v9/projects/${info.projectId}`)).json;
    const link = project['link'];
    const sha = 'a'.repeat(40);
    const github = await api('POST', '/v13/deployments', {
      name: info.projectName,
      project: info.projectId,
      gitSource: { type: 'github', repoId: link.repoId, ref: 'feat/x', sha },
    });
    assert.equal(github.status, 200, JSON.stringify(github.json));
    assert.equal(github.json['meta'].githubCommitRef, 'feat/x');
    assert.equal(github.json['meta'].githubCommitSha, sha);
    assert.deepEqual(github.json['gitSource'], { type: 'github', repoId: String(link.repoId), ref: 'feat/x', sha, prId: null });
    const byName = await api('POST', '/v13/deployments', { name: info.projectName, gitSource: { type: 'github', org: link.org, repo: link.repo, ref: 'main' } });
    assert.equal(byName.status, 200);
    const other = await api('POST', '/v13/deployments', { name: info.projectName, gitSource: { type: 'github', repoId: 1, ref: 'main' } });
    assert.equal(other.status, 400);
    assert.equal(other.json['error'].code, 'incorrect_git_source_info');

    await control('POST', `/projects/${info.projectId}/link`, { link: { type: 'gitlab', projectId: '4711', projectNamespace: 'acme', projectNameWithNamespace: 'acme / shop' } });
    const gitlab = await api('POST', '/v13/deployments', { name: info.projectName, gitSource: { type: 'gitlab', projectId: 4711, ref: 'main', sha } });
    assert.equal(gitlab.status, 200, JSON.stringify(gitlab.json));
    assert.equal(gitlab.json['meta'].gitlabCommitRef, 'main');
    assert.equal(gitlab.json['gitSource'].type, 'gitlab');

    await control('POST', `/projects/${info.projectId}/link`, { link: { type: 'bitbucket', owner: 'acme', slug: 'shop', uuid: '{1234}', workspaceUuid: '{99}' } });
    const bitbucket = await api('POST', '/v13/deployments', { name: info.projectName, gitSource: { type: 'bitbucket', repoUuid: '{1234}', ref: 'fix/y' } });
    assert.equal(bitbucket.status, 200, JSON.stringify(bitbucket.json));
    assert.equal(bitbucket.json['meta'].bitbucketCommitRef, 'fix/y');
    const bySlug = await api('POST', '/v13/deployments', { name: info.projectName, gitSource: { type: 'bitbucket', owner: 'acme', slug: 'shop', ref: 'main' } });
    assert.equal(bySlug.status, 200);

    await control('POST', `/projects/${info.projectId}/link`, { link: null });
    const unlinked = await api('POST', '/v13/deployments', { name: info.projectName, gitSource: { type: 'github', repoId: link.repoId, ref: 'main' } });
    assert.equal(unlinked.status, 400);
    assert.equal(unlinked.json['error'].code, 'missing_git_repository');
  });

  it('answers uploads and both kinds of create so that the official SDK needs no repair', async function () {
    this.timeout(60_000);
    const vercel = new sdk.Vercel({ bearerToken: info.token, serverURL: info.url });
    const content = Buffer.from('console.log("sdk")');
    const [uploaded, uploadRepairs] = await withRepairs(sdk, () =>
      vercel.deployments.uploadFile({ teamId: info.teamId, xNowDigest: sha1(content), xNowSize: content.length, contentLength: content.length, requestBody: content }),
    );
    assert.equal(uploadRepairs, 0);
    assert.ok(uploaded);
    const [fromFiles, filesRepairs] = await withRepairs(sdk, () =>
      vercel.deployments.createDeployment({
        teamId: info.teamId,
        requestBody: { name: info.projectName, project: info.projectId, files: [{ file: 'index.js', sha: sha1(content), size: content.length }] },
      }),
    );
    assert.equal(filesRepairs, 0, 'the SDK repaired the create answer');
    const { api } = http(info);
    const link = (await api('GET', `/v9/projects/${info.projectId}`)).json['link'];
    const [fromGit, gitRepairs] = await withRepairs(sdk, () =>
      vercel.deployments.createDeployment({
        teamId: info.teamId,
        requestBody: { name: info.projectName, gitSource: { type: 'github', repoId: link.repoId, ref: 'main' } },
      }),
    );
    assert.equal(gitRepairs, 0);
    for (const created of [fromFiles, fromGit]) {
      const raw = (await api('GET', `/v13/deployments/${created.id}`)).json;
      const parsed = sdk.CreateDeploymentResponseBody$inboundSchema.safeParse(raw);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
      assert.deepEqual(missingInRaw(raw, parsed.data), []);
    }
  });
});

/** Runs `vercel deploy --api <emulator> --yes` in `cwd` with a home of its own; resolves with what it printed. */
function runCli(cwd: string, home: string, info: EmulatorInfo): Promise<string> {
  const cli = resolve(__dirname, '../../node_modules/.bin/vercel');
  return new Promise<string>((done, fail) => {
    execFile(
      cli,
      ['deploy', '--api', info.url, '--token', info.token, '--yes'],
      {
        cwd,
        timeout: 100_000,
        // Nothing of the machine: a home of its own, no telemetry, no update check, no proxy but a dead one for anything not on loopback.
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home,
          USERPROFILE: home,
          XDG_CONFIG_HOME: join(home, '.config'),
          XDG_DATA_HOME: join(home, '.local/share'),
          XDG_CACHE_HOME: join(home, '.cache'),
          VERCEL_TELEMETRY_DISABLED: '1',
          NO_UPDATE_NOTIFIER: '1',
          CI: '1',
          HTTP_PROXY: 'http://127.0.0.1:9',
          HTTPS_PROXY: 'http://127.0.0.1:9',
          NO_PROXY: '127.0.0.1,localhost',
        },
      },
      (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stdout}\n${stderr}`)) : done(`${stdout}\n${stderr}`)),
    );
  });
}

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

describe('client over real HTTP: the official Vercel CLI deploys a folder to the emulator', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let dir: string;

  before(async () => {
        // The CLI refuses a --token with a hyphen, as Vercel's tokens have none.
    emulator = await startEmulator({ seed: 'cli-deploy', token: 'clitoken', buildMs: 1500, deploymentCount: 12 });
    dir = await mkdtemp(join(tmpdir(), 'vercel-cli-deploy-'));
  });
  after(async () => {
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('`vercel deploy --api <emulator>` uploads the folder\'s files and the deployment exists with them', async function () {
    const info = emulator.info;
    const project = join(dir, 'project');
    const home = join(dir, 'home');
    const files: Record<string, string> = {
      'index.html': '<!doctype html><h1>Hello from the CLI</h1>\n',
      'app.js': 'console.log("hello");\n',
      'lib/util.js': 'export const answer = 42;\n',
      '.env': 'PUBLIC_FLAG=1\n',
      '.env.local': 'SECRET=never-uploaded\n',
      'node_modules/dep/index.js': 'module.exports = 1;\n',
      'secret.txt': 'ignored by .vercelignore\n',
      '.vercelignore': 'secret.txt\n',
      '.vercel/project.json': JSON.stringify({ projectId: info.projectId, orgId: info.teamId }),
    };
    await writeTree(project, files);
    await mkdir(home, { recursive: true });
    const output = await runCli(project, home, info);
    const host = /https:\/\/([a-z0-9.-]+\.vercel\.app)/.exec(output)?.[1];
    assert.ok(host, `the CLI printed the deployment's URL:\n${output}`);
    const { api, control } = http(info);
    const deployment = await api('GET', `/v13/deployments/${host}`);
    assert.equal(deployment.status, 200);
    assert.equal(deployment.json['projectId'], info.projectId);
    assert.equal(deployment.json['target'], null, 'a preview by default');
    const stored = (await control('GET', `/deployments/${deployment.json['id']}/files`))['files'] as { file: string; sha: string }[];
    // The CLI uploads .vercelignore itself (only .gitignore, .npmignore and .dockerignore are in its defaults).
    const expected = ['.env', '.vercelignore', 'app.js', 'index.html', 'lib/util.js'];
    assert.deepEqual(stored.map((f) => f.file).sort(), expected, 'the CLI\'s default ignores and .vercelignore applied');
    for (const f of stored) assert.equal(f.sha, sha1(files[f.file] ?? ''));
    const requests = (await control('GET', '/requests')) as unknown as { method: string; path: string; status: number }[];
    assert.equal(requests.filter((r) => r.method === 'POST' && r.path === '/v2/files').length, expected.length, 'each file uploaded once');
    assert.ok(!requests.some((r) => r.status === 404), 'no route the CLI needs is missing');
  });

  it('uploads exactly what our ignore rules keep, for a .vercelignore with anchors, globs, folders and negations', async function () {
    const info = emulator.info;
    const project = join(dir, 'rules');
    const home = join(dir, 'home-rules');
    const rules = ['secret.txt', '/build', 'docs/internal/', '*.log', '# a comment', '', 'dist/*', '!dist/keep.js', '**/fixtures/**', './README.md', '!.env.local'].join('\n');
    const paths = [
      'index.html', 'app/page.tsx', '.env', '.env.production', '.env.local', '.env.production.local', 'config/.env.local',
      '.gitignore', '.DS_Store', 'src/.DS_Store', '.main.ts.swp', 'npm-debug.log', 'logs/app.log', '.yarn/cache/a.zip', '.yarn/releases/y.cjs',
      '.pnp.cjs', '__pycache__/m.pyc', 'venv/bin/python', 'CVS/Entries', 'config.gypi', 'dist/bundle.js', 'dist/keep.js', 'docs/a.md',
      'docs/internal/b.md', 'build/out.txt', 'src/build/out.txt', 'secret.txt', 'nested/secret.txt', 'target/release/bin', 'README.md',
      'test/fixtures/x.json', 'node_modules/a/index.js', 'packages/p/node_modules/b/index.js', '.next/cache/x', '.cache/y',
    ];
    const files: Record<string, string> = Object.fromEntries(paths.map((p) => [p, `content of ${p}\n`]));
    files['.vercelignore'] = rules;
    files['.vercel/project.json'] = JSON.stringify({ projectId: info.projectId, orgId: info.teamId });
    await writeTree(project, files);
    await mkdir(home, { recursive: true });
    const output = await runCli(project, home, info);
    const host = /https:\/\/([a-z0-9.-]+\.vercel\.app)/.exec(output)?.[1];
    assert.ok(host, output);
    const { api, control } = http(info);
    const id = (await api('GET', `/v13/deployments/${host}`)).json['id'];
    const uploaded = ((await control('GET', `/deployments/${id}/files`))['files'] as { file: string }[]).map((f) => f.file).sort();
    const ignores = createIgnore({ userRules: rules });
    const keeps = (path: string) => {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) if (ignores(parts.slice(0, i).join('/'), true)) return false;
      return !ignores(path, false);
    };
    const ours = Object.keys(files).filter(keeps).sort();
    assert.deepEqual(ours, uploaded, 'our rules keep what the CLI uploaded');
    assert.ok(uploaded.includes('.env.local'), 'the .vercelignore re-included .env.local, as the CLI lets it');
  });
});
