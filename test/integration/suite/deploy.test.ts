/**
 * Deploying from the editor, in a real extension host against the emulator:
 * the linked workspace folder to Preview (files uploaded once, a second
 * deploy uploads none, a symlink out of the folder and a .env.local never
 * leave, the row at the top, the build log open), Production asking first,
 * a 4xx that keeps the tree, and a branch's commit through gitSource. Only
 * the pickers and dialogs are answered by the test.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Deployment } from '../../../src/api/deployment';
import { Commands, LOG_SCHEME } from '../../../src/constants';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import { answerModal, api, control, env, refresh, restoreStubs, rootRows, signIn, stub, until } from './helpers';

async function rows(): Promise<DeploymentNode[]> {
  return (await rootRows()).filter((r): r is DeploymentNode => r.kind === 'deployment');
}

/** Answers the quick picks in order: each with its `n`-th item (0 = the first); records their items' labels. */
function answerPicks(...answers: number[]): string[][] {
  const shown: string[][] = [];
  stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
    const list = await items;
    shown.push(list.map((i) => i.label));
    const n = answers.shift();
    return n === undefined ? undefined : list[n];
  }) as unknown as typeof vscode.window.showQuickPick);
  return shown;
}

/** Answers modal warnings in order, each with its `n`-th button (1 = the first, 0 = dismiss); records their text. */
function answerModals(...answers: number[]): string[] {
  const asked: string[] = [];
  stub(vscode.window, 'showWarningMessage', (async (message: string, ...rest: unknown[]) => {
    const detail = (rest[0] as vscode.MessageOptions | undefined)?.detail ?? '';
    asked.push(`${message}\n${detail}\n[${rest.slice(1).join('|')}]`);
    const n = answers.shift() ?? 0;
    return n === 0 ? undefined : rest[n];
  }) as typeof vscode.window.showWarningMessage);
  return asked;
}

function captureErrors(): string[] {
  const errors: string[] = [];
  stub(vscode.window, 'showErrorMessage', (async (message: string) => {
    errors.push(message);
    return undefined;
  }) as typeof vscode.window.showErrorMessage);
  return errors;
}

async function mutations(): Promise<string[]> {
  return (await control.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} ${r.status}`);
}

/** Files the test adds to the workspace, removed after the suite: the suites after it expect the demo folder as it was. */
const ADDED = ['.env', '.env.local', 'outside-link', 'node_modules/dep/index.js'];
let outside = '';

describe('deploy from the editor', function () {
  this.timeout(90_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside the folder\n');
    fs.writeFileSync(path.join(env.workspace, '.env'), 'NEXT_PUBLIC_FLAG=1\n');
    fs.writeFileSync(path.join(env.workspace, '.env.local'), 'SECRET=never-leaves\n');
    fs.symlinkSync(outside, path.join(env.workspace, 'outside-link'), 'dir');
    fs.mkdirSync(path.join(env.workspace, 'node_modules/dep'), { recursive: true });
    fs.writeFileSync(path.join(env.workspace, 'node_modules/dep/index.js'), 'module.exports = 1;\n');
  });

  after(async () => {
    restoreStubs();
    for (const file of ADDED) fs.rmSync(path.join(env.workspace, file), { recursive: true, force: true });
    fs.rmSync(path.join(env.workspace, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  beforeEach(async () => {
    await refresh();
    await control.clearRequests();
  });

  afterEach(async () => {
    restoreStubs();
    await control.clearFaults();
  });

  it('deploys the folder to Preview: missing files uploaded once, the row at the top, the build log open; .env named, .env.local and the symlink left here', async () => {
    const a = await api();
    const picks = answerPicks(0);
    const asked = answerModal(1);
    const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deploy);
    assert.ok(created, 'a deployment was created');
    assert.deepEqual(picks[0], ['Preview', 'Production'], 'Preview is the first choice');

    const confirm = asked[0]?.text ?? '';
    assert.match(confirm, /^Deploy ".+" to Preview\?/);
    assert.match(confirm, /\d+ files \(.+\) from .+ will be sent to Vercel/);
    assert.match(confirm, /environment files will be uploaded[^\n]*\n\.env(\n|$)/);
    assert.doesNotMatch(confirm, /\.env\.local/);
    assert.match(confirm, /Left out[^\n]*\noutside-link/);
    assert.match(confirm, /\[Deploy to Preview\]/);

    const stored = (await control.deploymentFiles(created.id)).files ?? [];
    const names = stored.map((f) => f.file);
    assert.ok(names.includes('.env') && names.includes('package.json') && names.includes('app/page.tsx'), names.join(', '));
    for (const never of ['.env.local', 'outside-link', 'outside-link/secret.txt', 'node_modules/dep/index.js', '.vercel/project.json']) {
      assert.ok(!names.includes(never), `${never} was uploaded`);
    }
    const distinct = new Set(stored.map((f) => f.sha)).size;
    const posts = await mutations();
    assert.deepEqual(posts[0], 'POST /v13/deployments 400', 'the first create names the missing files');
    assert.equal(posts.filter((p) => p === 'POST /v2/files 200').length, distinct, 'each missing content uploaded once');
    assert.deepEqual(posts.at(-1), 'POST /v13/deployments 200');
    assert.equal(posts.length, distinct + 2);

    const [top] = await rows();
    assert.equal(top?.id, created.id, 'the new deployment is the top row without a refresh');
    await until(() => vscode.window.activeTextEditor?.document.uri.scheme === LOG_SCHEME, 'its build log is open');
    assert.ok(vscode.window.activeTextEditor?.document.uri.path.includes(created.id));
    assert.ok(a.notifier.startedHere.has(created.id), 'its end will be notified');
  });

  it('a second deploy of the unchanged folder, from the Explorer\'s menu on it, uploads nothing: one create', async () => {
    answerPicks(0);
    answerModal(1);
    // The Explorer hands the command the folder's URI.
    const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deploy, vscode.Uri.file(env.workspace));
    assert.ok(created);
    assert.deepEqual(await mutations(), ['POST /v13/deployments 200']);
    const [top] = await rows();
    assert.equal(top?.id, created.id);
  });

  it('says when the deployment it started has finished', async () => {
    const a = await api();
    answerPicks(0);
    answerModal(1);
    const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deploy);
    assert.ok(created);
    await refresh();
    await control.setState(created.id, 'READY');
    await refresh();
    await until(() => a.notifier.shown.some((m) => m.includes(created.url)), 'a notification names the ready deployment');
    assert.match(a.notifier.shown.find((m) => m.includes(created.url)) ?? '', /^Ready: /);
  });

  it('Production asks first, saying production traffic will move; dismissed, nothing is sent', async () => {
    answerPicks(1);
    const asked = answerModal(0);
    const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deploy);
    assert.equal(created, undefined);
    assert.match(asked[0]?.text ?? '', /^Deploy ".+" to PRODUCTION\?/);
    assert.match(asked[0]?.text ?? '', /production traffic/);
    assert.match(asked[0]?.text ?? '', /\[Deploy to Production\]/);
    assert.deepEqual(await mutations(), []);
  });

  it('a 4xx names Vercel\'s reason, is not retried and keeps the tree as it was', async () => {
    const before = (await rows()).map((r) => r.id);
    await control.fault({
      method: 'POST',
      path: '/v13/deployments',
      status: 403,
      body: { error: { code: 'forbidden', message: 'You do not have permission to create deployments in this team.' } },
    });
    answerPicks(0);
    answerModal(1);
    const errors = captureErrors();
    const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deploy);
    assert.equal(created, undefined);
    assert.deepEqual(await mutations(), ['POST /v13/deployments 403'], 'one request, not retried');
    assert.match(errors[0] ?? '', /^Could not deploy ".+": You do not have permission to create deployments in this team\.$/);
    assert.deepEqual((await rows()).map((r) => r.id), before, 'the tree keeps its rows');
  });

  describe('a branch', () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: env.workspace,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
      }).trim();
    let remoteDir = '';

    before(async () => {
      remoteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-remote-'));
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remoteDir]);
      git('init', '-q', '-b', 'main');
      fs.writeFileSync(path.join(env.workspace, 'CHANGES.md'), 'first\n');
      git('add', 'CHANGES.md');
      git('commit', '-q', '-m', 'first');
      git('remote', 'add', 'origin', remoteDir);
      git('push', '-q', '-u', 'origin', 'main');
      await vscode.commands.executeCommand('git.openRepository', env.workspace);
      const a = await api();
      const project = a.store.projects[0]!.project;
      await until(
        async () => ((await a.git.repositoryOf(project)?.getBranches?.({ remote: true })) ?? []).some((b) => b.name === 'origin/main'),
        'the Git extension lists origin/main',
        30_000,
      );
    });

    after(async () => {
      await vscode.commands.executeCommand('git.close');
      const a = await api();
      const project = a.store.projects[0]!.project;
      await until(() => a.git.of(project) === undefined, 'the Git extension closed the repository', 30_000);
      fs.rmSync(path.join(env.workspace, '.git'), { recursive: true, force: true });
      fs.rmSync(path.join(env.workspace, 'CHANGES.md'), { force: true });
      fs.rmSync(remoteDir, { recursive: true, force: true });
    });

    it('deploys a branch on the remote with gitSource (the project\'s repoId, the ref and its commit); the row at the top', async () => {
      const sha = git('rev-parse', 'HEAD');
      const picks = answerPicks(0, 0);
      const asked = answerModal(1);
      const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deployBranch);
      assert.ok(created, 'a deployment was created');
      assert.equal(picks[0]?.[0], 'main');
      assert.match(asked[0]?.text ?? '', /nothing is uploaded from this machine/);
      const project = (await (await fetch(`${env.url}/v9/projects/${env.projectId}?teamId=${env.teamId}`, { headers: { Authorization: `Bearer ${env.token}` } })).json()) as {
        link: { repoId: number };
      };
      const body = (await control.files()).creates.at(-1);
      assert.deepEqual(body?.['gitSource'], { type: 'github', repoId: project.link.repoId, ref: 'main', sha });
      assert.equal(created.meta?.['githubCommitSha'], sha);
      assert.ok(!(await mutations()).some((m) => m.startsWith('POST /v2/files')), 'no file leaves the machine');
      const [top] = await rows();
      assert.equal(top?.id, created.id);
    });

    it('a project without a Git link on Vercel: says so and sends nothing', async () => {
      await control.setLink(env.projectId, null);
      try {
        answerPicks(0, 0);
        answerModals(1);
        const errors = captureErrors();
        const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deployBranch);
        assert.equal(created, undefined);
        assert.match(errors[0] ?? '', /is not connected to a Git repository/);
        assert.deepEqual(await mutations(), []);
      } finally {
        await control.reset();
      }
    });

    it('says when HEAD is not on the remote yet and offers to push; "as it is" deploys the remote\'s commit', async () => {
      const pushed = git('rev-parse', 'HEAD');
      fs.appendFileSync(path.join(env.workspace, 'CHANGES.md'), 'second\n');
      git('commit', '-q', '-am', 'second');
      const head = git('rev-parse', 'HEAD');
      const a = await api();
      const project = a.store.projects[0]!.project;
      await until(() => a.git.of(project)?.head === head, 'the Git extension sees the new HEAD', 30_000);
      answerPicks(0, 0);
      const asked = answerModals(2, 1);
      const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deployBranch);
      assert.match(asked[0] ?? '', new RegExp(`^HEAD ${head.slice(0, 7)} of main is not on origin yet\\.`));
      assert.match(asked[0] ?? '', /\[Push, then Deploy\|Deploy origin\/main as It Is\]/);
      assert.ok(created);
      const body = (await control.files()).creates.at(-1);
      assert.equal((body?.['gitSource'] as { sha?: string } | undefined)?.sha, pushed, 'the commit the remote has');
    });

    it('"Push, then Deploy" pushes through the Git extension and deploys the new HEAD', async () => {
      const head = git('rev-parse', 'HEAD');
      assert.notEqual(git('rev-parse', 'origin/main'), head, 'HEAD is ahead of the remote (the test before left it so)');
      answerPicks(0, 0);
      const asked = answerModals(1, 1);
      const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deployBranch);
      assert.match(asked[0] ?? '', /is not on origin yet/);
      assert.ok(created, 'a deployment was created after the push');
      assert.equal(execFileSync('git', ['rev-parse', 'main'], { cwd: remoteDir, encoding: 'utf8' }).trim(), head, 'the remote has HEAD');
      const body = (await control.files()).creates.at(-1);
      assert.equal((body?.['gitSource'] as { sha?: string } | undefined)?.sha, head);
    });

    it('a folder deploy in the repository is listed under its branch and HEAD, and the status bar follows it at once', async () => {
      const a = await api();
      const head = git('rev-parse', 'HEAD');
      answerPicks(0);
      answerModal(1);
      const created = await vscode.commands.executeCommand<Deployment | undefined>(Commands.deploy);
      assert.ok(created);
      assert.equal(created.meta?.['githubCommitRef'], 'main');
      assert.equal(created.meta?.['githubCommitSha'], head);
      const body = (await control.files()).creates.at(-1);
      assert.deepEqual(body?.['gitMetadata'], { commitRef: 'main', commitSha: head, remoteUrl: remoteDir });
      await until(() => a.statusBar.shown?.id === created.id, 'the status bar shows the new deployment');
    });
  });
});
