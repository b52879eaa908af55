/**
 * The Deployments view in a real extension host against the emulator:
 * sign-in, the rows, paging, monorepo roots, live updates, faults and sign-out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings, Views } from '../../../src/constants';
import { STATE_VISUALS } from '../../../src/deployments/presentation';
import type { DeploymentNode, DeploymentsTreeNode } from '../../../src/deployments/treeItems';
import { formatAge } from '../../../src/util/time';
import { api, control, env, labelOf, listPath, refresh, restoreStubs, rootRows, setting, signIn, signOut, stub, until } from './helpers';

function deploymentRows(rows: readonly DeploymentsTreeNode[]): DeploymentNode[] {
  return rows.filter((r): r is DeploymentNode => r.kind === 'deployment');
}

async function listed(): Promise<{ uid: string; created: number; meta?: Record<string, string>; url: string; readyState?: string }[]> {
  const response = await fetch(`${env.url}${listPath}?projectId=${env.projectId}&teamId=${env.teamId}&limit=20`, {
    headers: { Authorization: `Bearer ${env.token}` },
  });
  const body = (await response.json()) as { deployments: { uid: string; created: number; meta?: Record<string, string>; url: string; readyState?: string }[] };
  return body.deployments;
}

describe('deployments view', function () {
  this.timeout(60_000);

  before(async () => {
    await control.reset();
    await setting(Settings.activeInterval, 2);
    await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
  });

  afterEach(async () => {
    restoreStubs();
    await control.clearFaults();
  });

  after(async () => {
    await setting(Settings.activeInterval, undefined);
  });

  it('shows the signed-out welcome until a token is set', async () => {
    const a = await api();
    await signOut();
    await until(() => a.viewState.current === 'signedOut', 'the view says signed out');
    assert.deepEqual(await rootRows(), []);
  });

  it('refuses a token Vercel does not accept and stores nothing', async () => {
    const a = await api();
    const errors: string[] = [];
    stub(vscode.window, 'showErrorMessage', (async (message: string) => {
      errors.push(message);
      return undefined;
    }) as typeof vscode.window.showErrorMessage);
    assert.equal(await signIn('definitely-wrong'), false);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /Not authorized/);
    assert.ok(!(errors[0] ?? '').includes('definitely-wrong'));
    assert.equal(a.viewState.current, 'signedOut');
  });

  it('lists the emulator\'s deployments in order with labels, icons and context values after sign-in', async () => {
    const a = await api();
    assert.equal(await signIn(), true);
    await until(async () => deploymentRows(await rootRows()).length > 0, 'deployments are listed');
    const rows = deploymentRows(await rootRows());
    const expected = await listed();
    assert.deepEqual(
      rows.slice(0, 10).map((r) => r.id),
      expected.slice(0, 10).map((d) => d.uid),
    );
    for (const [i, row] of rows.slice(0, 10).entries()) {
      const d = expected[i]!;
      const message = d.meta?.['githubCommitMessage']?.split('\n').find((l) => l.trim() !== '')?.trim();
      // "5m · fix: login": the age first, so a long message cannot hide it.
      const [age, ...rest] = labelOf(row).split(' · ');
      const title = rest.join(' · ');
      assert.match(age ?? '', /^(now|\d+[mhdwy])$/, `age of ${d.uid}: ${labelOf(row)}`);
      assert.ok(message ? message.startsWith(title.replace(/…$/, '')) : title === d.url, `label of ${d.uid}: ${labelOf(row)}`);
      const icon = row.iconPath as vscode.ThemeIcon;
      const building = ['QUEUED', 'INITIALIZING', 'BUILDING'].includes(d.readyState ?? '');
      assert.equal(icon.id, STATE_VISUALS[d.readyState as keyof typeof STATE_VISUALS].icon, `icon of ${d.readyState}`);
      assert.equal(/\bcancellable\b/.test(String(row.contextValue)), building, `contextValue of ${d.readyState}`);
      assert.match(String(row.contextValue), /\bdeployment\b/);
      assert.match(String(row.contextValue), /\bhasUrl\b/);
    }
    assert.equal(a.viewState.current, 'ready');
  });

  it('renders hostile commit text as text in the tooltip', async () => {
    const created = await control.createDeployment({
      readyState: 'READY',
      meta: { githubCommitMessage: '<img src=x onerror=alert(1)> **bold** [link](command:workbench.action.quit)', githubCommitRef: 'main' },
    });
    await refresh();
    const row = deploymentRows(await rootRows()).find((r) => r.id === created.id);
    assert.ok(row);
    const a = await api();
    const tooltip = (await a.tree.resolveTreeItem(row, row)).tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.ok(!tooltip.value.includes('<img'), tooltip.value);
    assert.ok(tooltip.value.includes('&lt;img') || tooltip.value.includes('\\<img'), tooltip.value);
    assert.ok(!tooltip.value.includes('](command:'), 'markdown links are escaped');
  });

  it('pages with "Load more…" down to deployment 150', async () => {
    const a = await api();
    for (let i = 0; i < 20; i++) {
      const rows = await rootRows();
      if (deploymentRows(rows).length >= 150) {
        break;
      }
      const more = rows.find((r) => r.kind === 'loadMore');
      assert.ok(more, 'a Load more… row while more pages exist');
      await vscode.commands.executeCommand(Commands.loadMore, more);
    }
    const rows = deploymentRows(await rootRows());
    assert.ok(rows.length >= 150, `${rows.length} rows`);
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no duplicates');
    const created = rows.map((r) => a.store.find(String(r.id))?.deployment.created ?? 0);
    assert.ok(created.every((c, i) => i === 0 || c < created[i - 1]!), 'newest first');
  });

  it('updates a build that finishes without a manual refresh', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    assert.equal(a.store.find(created.id)?.deployment.readyState, 'BUILDING');
    await control.setState(created.id, 'READY');
    await until(() => a.store.find(created.id)?.deployment.readyState === 'READY', 'the row turns READY by itself', 20_000);
    const row = deploymentRows(await rootRows()).find((r) => r.id === created.id);
    assert.equal((row?.iconPath as vscode.ThemeIcon).id, 'pass-filled');
  });

  /**
   * Records the tree's change events while `act` runs. Rows may rightly be
   * redrawn when their age text turned over meanwhile ("4m" → "5m") or when
   * Vercel's answer about them changed (a seeded build moving on by itself):
   * those are returned apart, from the clock and the store before and after.
   */
  async function changesDuring(act: () => Promise<void>): Promise<{ whole: number; ids: string[]; excused: Set<string> }> {
    const a = await api();
    const snapshot = () => new Map(a.store.projects.flatMap((p) => p.deployments).map((d) => [d.uid, JSON.stringify(d)]));
    const data = snapshot();
    const events: (DeploymentsTreeNode | DeploymentsTreeNode[] | undefined | null | void)[] = [];
    const listening = a.tree.onDidChangeTreeData((e) => events.push(e));
    const before = Date.now();
    try {
      await act();
    } finally {
      listening.dispose();
    }
    const after = Date.now();
    const excused = new Set(
      a.store.projects
        .flatMap((p) => p.deployments)
        .filter(
          (d) =>
            formatAge(d.created, before, vscode.env.language) !== formatAge(d.created, after, vscode.env.language) ||
            data.get(d.uid) !== JSON.stringify(d),
        )
        .map((d) => d.uid),
    );
    const whole = events.filter((e) => e === undefined || e === null).length;
    const ids = events.flatMap((e) => (e ? (Array.isArray(e) ? e : [e]) : [])).map((n) => String(n.id));
    return { whole, ids, excused };
  }

  it('fires no tree change for a poll that brings no change', async () => {
    await refresh();
    const { whole, ids, excused } = await changesDuring(async () => {
      await refresh();
      await refresh();
    });
    assert.equal(whole, 0, 'the whole tree was redrawn');
    assert.deepEqual(ids.filter((id) => !excused.has(id)), [], 'rows were redrawn though nothing about them changed');
    assert.ok(excused.size < 5, `${excused.size} rows changed by themselves: the test watched too little`);
  });

  it('fires a tree change for that element only when a build changes state', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'BUILDING', target: 'preview', meta: { githubCommitMessage: 'only this row' } });
    await refresh();
    assert.equal(a.store.find(created.id)?.deployment.readyState, 'BUILDING');
    const { whole, ids, excused } = await changesDuring(async () => {
      await control.setState(created.id, 'ERROR');
      await refresh();
    });
    assert.equal(whole, 0, 'the whole tree was redrawn');
    assert.ok(ids.includes(created.id), `the row itself was not redrawn: ${ids.join(', ')}`);
    assert.deepEqual(ids.filter((id) => id !== created.id && !excused.has(id)), [], 'other rows were redrawn');
    const row = deploymentRows(await rootRows()).find((r) => r.id === created.id);
    assert.equal((row?.iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(String(row?.accessibilityInformation?.label), /^Error, only this row, Preview/);
  });

  it('keeps the old rows on a failed refresh, says why, and recovers', async () => {
    const a = await api();
    const before = deploymentRows(await rootRows()).map((r) => r.id);
    await control.fault({ path: listPath, status: 500, count: 0, body: { error: { code: 'internal_server_error', message: 'Emulated outage' } } });
    await refresh();
    const rows = await rootRows();
    assert.equal(rows[0]?.kind, 'message');
    assert.match(labelOf(rows[0]!), /Emulated outage/);
    assert.deepEqual(deploymentRows(rows).map((r) => r.id), before);
    assert.match(a.view.message ?? '', /Emulated outage/);
    await control.clearFaults();
    await refresh();
    assert.equal((await rootRows())[0]?.kind, 'deployment');
    assert.equal(a.view.message, undefined);
  });

  it('waits as long as a 429 Retry-After asks before the next request', async () => {
    const a = await api();
    await control.fault({ path: listPath, status: 429, headers: { 'Retry-After': '2' }, count: 3 });
    await control.clearRequests();
    await refresh();
    await until(() => a.store.projects[0]?.error === undefined, 'the refresh after the limit succeeds', 20_000);
    const times = (await control.requests()).filter((r) => r.path === listPath).map((r) => r.time);
    assert.ok(times.length >= 4, `${times.length} list requests`);
    for (let i = 1; i < 4; i++) {
      assert.ok(times[i]! - times[i - 1]! >= 1900, `request ${i} came ${times[i]! - times[i - 1]!} ms after the one before`);
    }
  });

  it('shows one root per project when a monorepo links a second project', async () => {
    const repoJson = path.join(env.workspace, '.vercel', 'repo.json');
    await fs.writeFile(
      repoJson,
      JSON.stringify({ remoteName: 'origin', projects: [{ id: env.personalProjectId, name: 'personal-site', directory: 'apps/site' }] }),
    );
    try {
      await until(async () => (await rootRows()).filter((r) => r.kind === 'project').length === 2, 'two project roots');
      const roots = (await rootRows()).filter((r) => r.kind === 'project');
      assert.deepEqual(roots.map(labelOf).sort(), [env.projectName, 'personal-site'].sort());
      const a = await api();
      await until(() => a.store.projects.every((p) => p.deployments.length > 0), 'both projects list deployments');
    } finally {
      await fs.rm(repoJson);
    }
    await until(async () => deploymentRows(await rootRows()).length > 0, 'back to one project at the root');
  });

  it('names a malformed link file instead of failing', async () => {
    const broken = path.join(env.workspace, 'apps', 'broken', '.vercel', 'project.json');
    await fs.mkdir(path.dirname(broken), { recursive: true });
    await fs.writeFile(broken, '{ "projectId": ');
    try {
      // Refresh looks for link files again. (Whether the file watcher sees a file in a folder
      // made a moment ago is up to the platform's watcher; the repo.json test covers the watcher.)
      await refresh();
      await until(async () => (await rootRows()).some((r) => r.kind === 'message' && labelOf(r).includes('project.json')), 'a row names the file');
    } finally {
      await fs.rm(path.join(env.workspace, 'apps'), { recursive: true });
    }
  });

  it('ignores an apiUrl set in the workspace\'s .vscode/settings.json', async () => {
    const settingsFile = path.join(env.workspace, '.vscode', 'settings.json');
    await fs.mkdir(path.dirname(settingsFile), { recursive: true });
    // editor.tabSize beside it: a value that shows when VS Code has read the file.
    await fs.writeFile(settingsFile, JSON.stringify({ 'vercelDeployments.apiUrl': 'http://127.0.0.1:9/steal', 'editor.tabSize': 7 }));
    const tabSize = () => vscode.workspace.getConfiguration('editor').get<number>('tabSize');
    try {
      await until(() => tabSize() === 7, 'VS Code read the workspace settings file');
      assert.equal(vscode.workspace.getConfiguration(Settings.section).get(Settings.apiUrl), env.url);
      await control.clearRequests();
      await refresh();
      const a = await api();
      assert.equal(a.store.projects[0]?.error, undefined);
      assert.ok((await control.requests()).some((r) => r.path === listPath), 'the request still went to the emulator');
    } finally {
      await fs.rm(path.join(env.workspace, '.vscode'), { recursive: true });
      await until(() => tabSize() !== 7, 'VS Code read that the workspace settings file is gone');
    }
  });

  it('clears the view on sign-out', async () => {
    const a = await api();
    await signOut();
    await until(() => a.viewState.current === 'signedOut', 'signed out');
    assert.deepEqual(await rootRows(), []);
    assert.ok(a.store.projects.every((p) => p.deployments.length === 0));
    assert.equal(a.statusBar.snapshot.visible, false);
  });
});
