/**
 * Deploying a folder, the pure parts: the ignore rules against the CLI's
 * (the `ignore` package the CLI bundles is the oracle), the upload plan, the
 * gitSource of each Git provider; and the send (create, missing_files,
 * uploads, create) against the emulator over real HTTP.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import ignore from 'ignore';
import { VercelClient } from '../../src/api/client';
import { VercelApiError } from '../../src/api/errors';
import { DEFAULT_IGNORES, chooseIgnoreFile, createIgnore, isEnvFile } from '../../src/deploy/ignore';
import { gitSourceFor } from '../../src/deploy/gitSource';
import { deploymentFiles, safeRelativePath, summarize, uploadPlan, type HashedFile } from '../../src/deploy/plan';
import { sendDeployment } from '../../src/deploy/send';
import { formatBytes } from '../../src/util/bytes';
import type { GitRepository } from '../../src/git/gitApi';
import { remoteBranches } from '../../src/git/remoteBranches';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

/** What the CLI deploys: it walks the folder asking `ignore` about every entry (folders without a slash) and never enters an ignored folder. */
function cliKeeps(rules: string, path: string): boolean {
  const ig = ignore().add(`${DEFAULT_IGNORES.join('\n')}\n${rules.replace(/(\n|^)\.\//g, '$1')}`);
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    if (ig.ignores(parts.slice(0, i).join('/'))) return false;
  }
  return true;
}

function oursKeeps(rules: string, path: string): boolean {
  const ignores = createIgnore({ userRules: rules });
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (ignores(parts.slice(0, i).join('/'), true)) return false;
  }
  return !ignores(path, false);
}

const PATHS = [
  'index.html',
  'app/page.tsx',
  '.env',
  '.env.production',
  '.env.local',
  '.env.production.local',
  'config/.env.local',
  'config/.env',
  '.git/HEAD',
  'sub/.git/config',
  '.gitignore',
  '.gitmodules',
  '.vercelignore',
  '.vercel/project.json',
  '.now/project.json',
  'node_modules/react/index.js',
  'packages/a/node_modules/x/index.js',
  '.next/cache/x',
  '.cache/a',
  '.DS_Store',
  'src/.DS_Store',
  '.main.ts.swp',
  '.wafpicke-12',
  'npm-debug.log',
  'logs/npm-debug.log',
  '.yarn/cache/a.zip',
  '.yarn/releases/yarn.cjs',
  '.pnp.cjs',
  '__pycache__/m.pyc',
  'venv/bin/python',
  '.venv/bin/python',
  'CVS/Entries',
  'config.gypi',
  'dist/bundle.js',
  'dist/keep.js',
  'docs/a.md',
  'docs/internal/b.md',
  'docs/internal/keep.md',
  'build/out.txt',
  'src/build/out.txt',
  'secret.txt',
  'nested/secret.txt',
  'a/b/c/deep.log',
  'target/release/bin',
  'README.md',
  'test/fixtures/[x].json',
];

const RULE_SETS: Record<string, string> = {
  'no .vercelignore': '',
  'names, anchors, dir-only, globs': ['secret.txt', '/build', 'docs/internal/', '*.log', '# a comment', '', 'dist/*', '!dist/keep.js'].join('\n'),
  'negation cannot re-include inside an ignored folder': ['docs/internal', '!docs/internal/keep.md'].join('\n'),
  'double stars and ./': ['./README.md', '**/fixtures/**', 'a/**/deep.log'].join('\n'),
  'an allow-list (everything, then some back)': ['/*', '!/app', '!/index.html', '!/.env'].join('\n'),
  'undo a default': ['!.env.local'].join('\n'),
};

describe('deploy: ignore rules as the Vercel CLI applies them', () => {
  for (const [name, rules] of Object.entries(RULE_SETS)) {
    it(`keeps what the CLI keeps: ${name}`, () => {
      for (const path of PATHS) {
        assert.equal(oursKeeps(rules, path), cliKeeps(rules, path), `${path} with:\n${rules}`);
      }
    });
  }

  it('by default leaves out .env.local and .env.*.local but uploads .env and .env.production, as the CLI does', () => {
    const expected: Record<string, boolean> = {
      '.env': true,
      '.env.production': true,
      '.env.local': false,
      '.env.production.local': false,
      'config/.env.local': false,
      'node_modules/react/index.js': false,
      '.git/HEAD': false,
      '.vercel/project.json': false,
      '.vercelignore': true,
      'app/page.tsx': true,
    };
    for (const [path, kept] of Object.entries(expected)) assert.equal(oursKeeps('', path), kept, path);
  });

  it('ignores /target only in a Rust project', () => {
    assert.equal(createIgnore({ rust: true })('target', true), true);
    assert.equal(createIgnore({ rust: true })('src/target', true), false);
    assert.equal(createIgnore({})('target', true), false);
  });

  it('refuses both ignore files with rules, as the CLI does', () => {
    assert.deepEqual(chooseIgnoreFile('a', 'b'), { conflict: true });
    assert.deepEqual(chooseIgnoreFile(undefined, 'b'), { rules: 'b' });
    assert.deepEqual(chooseIgnoreFile('a', ''), { rules: 'a' });
  });

  it('names .env files', () => {
    for (const path of ['.env', '.env.production', 'config/.env.staging', 'prod.env']) assert.ok(isEnvFile(path), path);
    for (const path of ['env.ts', 'src/environment.ts', '.envrc.example/x']) assert.ok(!isEnvFile(path), path);
  });
});

describe('deploy: the upload plan', () => {
  const files: HashedFile[] = [
    { path: 'b.js', sha: 'b'.repeat(40), size: 10 },
    { path: 'a.js', sha: 'a'.repeat(40), size: 5 },
    { path: 'copy/a.js', sha: 'a'.repeat(40), size: 5 },
    { path: '.env', sha: 'e'.repeat(40), size: 3 },
  ];

  it('uploads only the missing digests, each content once', () => {
    const plan = uploadPlan(files, ['a'.repeat(40), 'a'.repeat(40)]);
    assert.deepEqual(plan.uploads.map((f) => f.path), ['a.js']);
    assert.equal(plan.bytes, 5);
    assert.deepEqual(uploadPlan(files, []).uploads, []);
    assert.deepEqual(uploadPlan(files, ['f'.repeat(40)]).unknown, ['f'.repeat(40)]);
  });

  it('lists every path in the create, sorted, and says how much and which .env files', () => {
    assert.deepEqual(
      deploymentFiles(files).map((f) => [f.file, f.mode]),
      [
        ['.env', 0o100644],
        ['a.js', 0o100644],
        ['b.js', 0o100644],
        ['copy/a.js', 0o100644],
      ],
    );
    assert.deepEqual(summarize(files), { files: 4, bytes: 23, envFiles: ['.env'] });
  });

  it('never names a path that could leave the folder', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', './a', 'a\\..\\b', 'C:/x', 'a/\u0000b', '']) assert.equal(safeRelativePath(bad), undefined, bad);
    assert.equal(safeRelativePath('a/b..c/.d'), 'a/b..c/.d');
  });
});

describe('deploy: sizes as a confirmation says them', () => {
  it('bytes with the B symbol, then decimal kB, MB, GB in the locale', () => {
    assert.equal(formatBytes(0, 'en'), '0 B');
    assert.equal(formatBytes(999, 'en'), '999 B');
    assert.equal(formatBytes(6200, 'en'), '6.2 kB');
    assert.equal(formatBytes(2_400_000, 'de'), '2,4 MB');
    assert.equal(formatBytes(150_000_000, 'en'), '150 MB');
  });
});

describe('deploy: branches on the remote, from the Git extension', () => {
  const repo = (refs: unknown[], head?: unknown): GitRepository =>
    ({
      rootUri: undefined,
      state: { HEAD: head, remotes: [{ name: 'upstream' }, { name: 'origin' }], onDidChange: () => ({ dispose() {} }) },
      log: async () => [],
      getBranches: async (q: { remote?: boolean }) => (q.remote ? refs : []),
    }) as unknown as GitRepository;

  it('lists origin\'s branches without its prefix, not HEAD, not another remote\'s, with where HEAD stands', async () => {
    const answer = await remoteBranches(
      repo(
        [
          { type: 1, name: 'origin/main', commit: 'a1', remote: 'origin' },
          { type: 1, name: 'origin/feat/x', commit: 'b2', remote: 'origin' },
          { type: 1, name: 'origin/HEAD', commit: 'a1', remote: 'origin' },
          { type: 1, name: 'upstream/main', commit: 'c3', remote: 'upstream' },
          { type: 0, name: 'main', commit: 'd4' },
        ],
        { name: 'main', commit: 'd4', upstream: { remote: 'origin', name: 'main' }, ahead: 1 },
      ),
    );
    assert.deepEqual(answer, {
      remote: 'origin',
      branches: [
        { name: 'main', commit: 'a1' },
        { name: 'feat/x', commit: 'b2' },
      ],
      head: { branch: 'main', commit: 'd4', upstream: 'origin/main', ahead: 1 },
    });
    assert.equal(await remoteBranches(undefined), undefined);
  });
});

describe('deploy: gitSource for each Git provider', () => {
  it('GitHub by repoId, GitLab by projectId, Bitbucket by repoUuid or owner and slug', () => {
    assert.deepEqual(gitSourceFor({ type: 'github', org: 'acme', repo: 'shop', repoId: 123 }, 'main', 'abc'), {
      ok: true,
      gitSource: { type: 'github', repoId: 123, ref: 'main', sha: 'abc' },
    });
    assert.deepEqual(gitSourceFor({ type: 'gitlab', projectId: '4711' }, 'feat/x'), { ok: true, gitSource: { type: 'gitlab', projectId: '4711', ref: 'feat/x' } });
    assert.deepEqual(gitSourceFor({ type: 'bitbucket', uuid: '{r}', workspaceUuid: '{w}', owner: 'o', slug: 's' }, 'main'), {
      ok: true,
      gitSource: { type: 'bitbucket', repoUuid: '{r}', workspaceUuid: '{w}', ref: 'main' },
    });
    assert.deepEqual(gitSourceFor({ type: 'bitbucket', owner: 'o', slug: 's' }, 'main', 'f00'), {
      ok: true,
      gitSource: { type: 'bitbucket', owner: 'o', slug: 's', ref: 'main', sha: 'f00' },
    });
  });

  it('says why when there is no link or no id to name the repository by', () => {
    assert.deepEqual(gitSourceFor(null, 'main'), { ok: false, reason: 'noLink' });
    assert.deepEqual(gitSourceFor(undefined, 'main'), { ok: false, reason: 'noLink' });
    assert.deepEqual(gitSourceFor({ type: 'github', org: 'a', repo: 'b' }, 'main'), { ok: false, reason: 'unsupported', provider: 'github' });
    assert.deepEqual(gitSourceFor({ type: 'azure' }, 'main'), { ok: false, reason: 'unsupported', provider: 'azure' });
  });
});

describe('deploy: sending a folder to the emulator', function () {
  this.timeout(20_000);
  const TOKEN = 'deploy-send-token';
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let client: VercelClient;
  const contents: Record<string, string> = { 'index.html': '<h1>hi</h1>', 'a.js': 'a()', 'copy/a.js': 'a()', '.env': 'X=1' };
  const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
  const files: HashedFile[] = Object.entries(contents).map(([path, text]) => ({ path, sha: sha1(text), size: Buffer.byteLength(text) }));
  const read = async (f: HashedFile) => new Uint8Array(Buffer.from(contents[f.path] ?? ''));

  before(async () => {
    emulator = await startEmulator({ token: TOKEN, seed: 'deploy-send', buildMs: 600_000, deploymentCount: 12 });
    control = new EmulatorControl(emulator.info.url);
    client = new VercelClient({ origin: emulator.info.url, token: async () => TOKEN, sleep: async () => undefined });
  });
  after(() => emulator.close());

  it('creates, uploads only what Vercel lacks (each content once), creates again; a second deploy uploads nothing', async () => {
    const request = { name: emulator.info.projectName, project: emulator.info.projectId };
    const scope = { teamId: emulator.info.teamId };
    const phases: string[] = [];
    const first = await sendDeployment({ client, request, scope, files, read, onProgress: (p) => phases.push(`${p.phase} ${p.uploaded}/${p.toUpload}`) });
    assert.equal(first.uploaded, 3);
    assert.equal(first.bytesUploaded, 11 + 3 + 3);
    assert.equal(phases[0], 'creating 0/0');
    assert.equal(phases.at(-1), 'creating 3/3');
    const calls = (await control.requests()).filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.status}`);
    assert.deepEqual(calls, ['/v13/deployments 400', '/v2/files 200', '/v2/files 200', '/v2/files 200', '/v13/deployments 200']);
    assert.deepEqual(
      (await control.deploymentFiles(first.deployment.id)).files?.map((f) => f.file),
      ['.env', 'a.js', 'copy/a.js', 'index.html'],
    );

    await control.clearRequests();
    const second = await sendDeployment({ client, request, scope, files, read });
    assert.equal(second.uploaded, 0);
    assert.deepEqual((await control.requests()).filter((r) => r.method === 'POST').map((r) => r.path), ['/v13/deployments']);
    assert.notEqual(second.deployment.id, first.deployment.id);
  });

  it('stops when cancelled during the uploads: no create after it', async () => {
    await control.reset();
    const controller = new AbortController();
    const request = { name: emulator.info.projectName, project: emulator.info.projectId };
    await assert.rejects(
      sendDeployment({
        client,
        request,
        scope: { teamId: emulator.info.teamId },
        files,
        read,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'uploading' && p.uploaded === 1) controller.abort(new Error('cancelled by the person'));
        },
      }),
      /cancelled by the person/,
    );
    const posts = (await control.requests()).filter((r) => r.method === 'POST').map((r) => r.path);
    assert.equal(posts.filter((p) => p === '/v13/deployments').length, 1, 'only the first create, which named the missing files');
  });

  it('stops at the first refused upload and sends no create after it', async () => {
    await control.reset();
    await control.fault({ method: 'POST', path: '/v2/files', status: 403, body: { error: { code: 'forbidden', message: 'You do not have permission to upload' } } });
    const request = { name: emulator.info.projectName, project: emulator.info.projectId };
    await assert.rejects(
      sendDeployment({ client, request, scope: { teamId: emulator.info.teamId }, files, read }),
      (e: unknown) => e instanceof VercelApiError && e.status === 403 && /permission/.test(e.message),
    );
    const creates = (await control.requests()).filter((r) => r.path === '/v13/deployments');
    assert.equal(creates.length, 1, 'only the first create, no second');
  });
});
