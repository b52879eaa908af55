/**
 * Following your own work, in a real extension host: the workspace becomes a
 * real Git repository (git init, a commit, a branch), the built-in Git
 * extension reports its branch and HEAD, and the status bar, the build
 * notifications and the view's filter follow them against the emulator.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import { api, control, env, listPath, plain, refresh, restoreStubs, setting, signIn, stub, until } from './helpers';

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: env.workspace,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).trim();
}

function commit(message: string): string {
  fs.appendFileSync(path.join(env.workspace, 'CHANGES.md'), `${message}\n`);
  git('add', 'CHANGES.md');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

describe('branch awareness', function () {
  this.timeout(90_000);
  let main = '';

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    git('init', '-q', '-b', 'main');
    main = commit('first');
    await vscode.commands.executeCommand('git.openRepository', env.workspace);
    const a = await api();
    const project = a.store.projects[0]?.project;
    assert.ok(project, 'the workspace is linked');
    await until(() => a.git.of(project)?.branch === 'main', 'the Git extension reports branch main', 30_000);
  });

  after(async () => {
    restoreStubs();
    await vscode.commands.executeCommand(Commands.clearFilter);
    // The suites after this one expect a folder that is no repository: the Git extension must let go of it.
    await vscode.commands.executeCommand('git.close');
    const a = await api();
    const project = a.store.projects[0]!.project;
    await until(() => a.git.of(project) === undefined, 'the Git extension closed the repository', 30_000);
    fs.rmSync(path.join(env.workspace, '.git'), { recursive: true, force: true });
    fs.rmSync(path.join(env.workspace, 'CHANGES.md'), { force: true });
  });

  afterEach(() => restoreStubs());

  it('reads the branch and HEAD of the project\'s repository, and follows a checkout', async () => {
    const a = await api();
    const project = a.store.projects[0]!.project;
    assert.equal(a.git.of(project)?.head, main);
    git('checkout', '-q', '-b', 'feat/login');
    const head = commit('login form');
    await until(() => a.git.of(project)?.branch === 'feat/login' && a.git.of(project)?.head === head, 'the checkout and commit are seen', 30_000);
  });

  it('status bar: the current branch\'s newest deployment, and whether HEAD is building', async () => {
    const a = await api();
    const project = a.store.projects[0]!.project;
    const head = a.git.of(project)!.head!;
    const mine = await control.createDeployment({
      readyState: 'BUILDING',
      meta: { githubCommitRef: 'feat/login', githubCommitSha: head, githubCommitMessage: 'login form' },
    });
    // Someone else's newer deployment on main: the project's newest, but not what I follow.
    await control.createDeployment({ readyState: 'READY', target: 'production', meta: { githubCommitRef: 'main', githubCommitMessage: 'their release' } });
    await refresh();
    await until(() => a.statusBar.shown?.id === mine.id, 'the status bar shows my branch\'s deployment');
    assert.match(plain(a.statusBar.snapshot.tooltip), new RegExp(`HEAD ${head.slice(0, 7)} is building`));

    await setting(Settings.statusBarFollow, 'project');
    try {
      await until(() => a.statusBar.shown?.id !== mine.id, '"project" follows the project\'s newest');
    } finally {
      await setting(Settings.statusBarFollow, undefined);
    }
  });

  it('status bar: a branch with no deployment falls back to the project\'s newest and says so', async () => {
    const a = await api();
    const project = a.store.projects[0]!.project;
    git('checkout', '-q', '-b', 'fix/typo');
    try {
      const head = commit('typo');
      await until(() => a.git.of(project)?.head === head, 'the new branch is seen', 30_000);
      await control.clearRequests();
      await refresh();
      await until(() => /no deployment yet/.test(plain(a.statusBar.snapshot.tooltip)), 'the tooltip says HEAD has none');
      assert.match(plain(a.statusBar.snapshot.tooltip), new RegExp(`HEAD ${head.slice(0, 7)} has no deployment yet`));
      assert.match(plain(a.statusBar.snapshot.tooltip), /No deployment of fix\/typo yet/);
      // A poll already under way when the log was cleared may end with its branch query: count from the first page on.
      const logged = (await control.requests()).filter((r) => r.path === listPath);
      const lists = logged.slice(Math.max(0, logged.findIndex((r) => r.query['branch'] === undefined)));
      const branchQueries = lists.filter((r) => r.query['branch'] === 'fix/typo');
      const pages = lists.filter((r) => r.query['branch'] === undefined);
      assert.ok(branchQueries.length > 0, 'the branch was asked for with the API\'s filter');
      assert.ok(branchQueries.length <= pages.length, `never more than one extra request a poll: ${JSON.stringify(lists)}`);
    } finally {
      git('checkout', '-q', 'feat/login');
      await until(() => a.git.of(project)?.branch === 'feat/login', 'back on feat/login', 30_000);
    }
  });

  it('notifies exactly once when a build of the current branch finishes', async () => {
    const a = await api();
    const project = a.store.projects[0]!.project;
    const shown: string[] = [];
    stub(vscode.window, 'showInformationMessage', (async (message: string) => {
      shown.push(message);
      return undefined;
    }) as typeof vscode.window.showInformationMessage);
    const build = await control.createDeployment({
      readyState: 'BUILDING',
      meta: { githubCommitRef: 'feat/login', githubCommitSha: a.git.of(project)!.head!, githubCommitMessage: 'notify me' },
    });
    const other = await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitRef: 'someone-else', githubCommitMessage: 'not mine' } });
    await refresh();
    assert.deepEqual(shown, [], 'nothing while it builds');
    await control.setState(build.id, 'READY');
    await control.setState(other.id, 'READY');
    await refresh();
    await until(() => shown.length > 0, 'a notification');
    await refresh();
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0] ?? '', /^Ready: feat\/login · [0-9a-f]{7} — https:\/\//);
  });

  it('filters the view through the API, keeps paging right under the filter, and remembers it', async () => {
    const a = await api();
    await setting(Settings.pageSize, 5);
    try {
      await refresh();
      await control.clearRequests();
      assert.equal(await vscode.commands.executeCommand(Commands.filter, { target: 'preview' }), true);
      await until(() => (a.store.projects[0]?.deployments.length ?? 0) > 0 && a.store.projects[0]!.loaded, 'the filtered list');
      assert.match(a.view.description ?? '', /Preview/);
      const first = (await control.requests()).filter((r) => r.path === listPath);
      const filtered = first.filter((r) => r.query['target'] === 'preview');
      assert.ok(filtered.length > 0, JSON.stringify(first));
      // Beside each filtered page, the newest whatever the filter (status bar, notifications, Problems): no other query.
      const others = first.filter((r) => r.query['target'] !== 'preview');
      assert.ok(others.every((r) => r.query['target'] === undefined && r.query['until'] === undefined), JSON.stringify(others));
      assert.ok(others.length <= filtered.length, JSON.stringify(first));
      const key = a.store.projects[0]!.project.key;
      await a.store.loadMore(key);
      const rows = a.store.projects[0]!.deployments;
      assert.equal(rows.length, 10, 'two pages of five');
      assert.ok(rows.every((d) => d.target === null || d.target === undefined), 'only previews, on both pages');
      assert.equal(new Set(rows.map((d) => d.uid)).size, rows.length, 'no row twice');
      const paged = (await control.requests()).filter((r) => r.path === listPath && r.query['until'] !== undefined);
      assert.ok(paged.length > 0 && paged.every((r) => r.query['target'] === 'preview'), 'Load more keeps the filter');
      assert.deepEqual(a.filters.filter, { target: 'preview' });
      assert.deepEqual(a.filterMemento(), { target: 'preview' }, 'kept in the workspace state, so a reload keeps it');
    } finally {
      await setting(Settings.pageSize, undefined);
    }
  });

  it('a filter that matches nothing says so, and Clear Filter brings everything back', async () => {
    const a = await api();
    await vscode.commands.executeCommand(Commands.filter, { branch: { kind: 'name', name: 'no-such-branch' } });
    await until(() => a.viewState.current === 'filteredEmpty', 'the "nothing matches" welcome view');
    await vscode.commands.executeCommand(Commands.clearFilter);
    await until(() => (a.store.projects[0]?.deployments.length ?? 0) > 0, 'everything again');
    assert.equal(a.view.description ?? '', '');
  });

  it('build problems: five failed branches and the workspace on a sixth download no log; checking out a failed one reads its log once, and a window that opens again none', async () => {
    const a = await api();
    const project = a.store.projects[0]!.project;
    const failed = new Map<string, string>();
    for (const branch of ['bp-1', 'bp-2', 'bp-3', 'bp-4', 'bp-5']) {
      failed.set(branch, (await control.createDeployment({ readyState: 'ERROR', meta: { githubCommitRef: branch, githubCommitMessage: `bp: ${branch} fails` } })).id);
    }
    git('checkout', '-q', '-b', 'bp-6');
    await until(() => a.git.of(project)?.branch === 'bp-6', 'the Git extension reports bp-6');
    await control.clearRequests();
    const downloads = async (id?: string) =>
      (await control.requests()).filter((r) => /^\/v\d+\/deployments\/[^/]+\/events$/.test(r.path) && (id === undefined || r.path.includes(id))).length;
    await refresh();
    await a.logs.problems.settled();
    await refresh();
    await a.logs.problems.settled();
    assert.equal(await downloads(), 0, 'no failed branch is checked out: no log is read');

    git('checkout', '-q', '-b', 'bp-3');
    await until(() => a.git.of(project)?.branch === 'bp-3', 'the Git extension reports bp-3');
    await until(async () => (await downloads(failed.get('bp-3'))) > 0, "bp-3's failed log is read");
    await refresh();
    await a.logs.problems.settled();
    assert.equal(await downloads(failed.get('bp-3')), 1, 'once');
    assert.equal(await downloads(), 1, 'and no other');

    // A window that opens again: no log in memory, the workspace state as it was left.
    a.logs.followers.clear();
    await refresh();
    await a.logs.problems.settled();
    await refresh();
    await a.logs.problems.settled();
    assert.equal(await downloads(), 1, 'no log is downloaded again');
    git('checkout', '-q', 'main');
    await until(() => a.git.of(project)?.branch === 'main', 'back on main');
  });
});
