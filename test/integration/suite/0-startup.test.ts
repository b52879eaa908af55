/**
 * Cost of presence, in a real extension host: this suite runs first (its
 * name sorts first), in the window as it opened. Activation loads none of the
 * features bundle; a token whose account is remembered costs no /v2/user;
 * the first paint costs the list (and, cold, the project beside it); and the
 * features bundle loads on the first command that needs it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import { api, control, env, refresh, restoreStubs, rootRows, setting, until } from './helpers';

describe('start-up cost', function () {
  this.timeout(60_000);

  // Build problems would load the features bundle once the window is quiet, if the newest build failed: not here.
  before(() => setting(Settings.buildProblems, 'off'));

  after(async () => {
    restoreStubs();
    await setting(Settings.buildProblems, undefined);
    // The account was made up for this suite: later suites sign in as themselves.
    const a = await api();
    await a.session.accounts.clear();
    await a.session.refresh();
  });

  async function unregistered(): Promise<string[]> {
    const ext = vscode.extensions.all.find((e) => e.packageJSON?.name === 'vercel-deployments');
    assert.ok(ext);
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    return contributed.filter((id) => !registered.has(id));
  }

  it('activates without loading the features bundle, every contributed command registered', async () => {
    const a = await api();
    assert.equal(a.features.loaded, false, `loaded for ${a.features.loadedFor}`);
    assert.deepEqual(await unregistered(), []);
  });

  it('paints the tree for a remembered account with no /v2/user and no build log, and a window that opens again with one request', async () => {
    const a = await api();
    await control.clearRequests();
    // As a window whose token Set Token stored earlier: the account was remembered with it.
    await a.session.accounts.set(env.token, { id: 'user_startup', label: 'startup' });
    await a.session.tokens.set(env.token);
    await until(async () => (await rootRows()).some((r) => r.kind === 'deployment'), 'the tree shows rows');
    const paths = (await control.requests()).map((r) => r.path);
    assert.ok(!paths.includes('/v2/user'), `asked who is signed in: ${paths.join(', ')}`);
    assert.ok(!paths.some((p) => p.includes('/events')), `downloaded a build log: ${paths.join(', ')}`);
    assert.equal(paths.filter((p) => p === '/v6/deployments').length >= 1, true);
    assert.equal(a.session.account, 'startup', 'the remembered account names the session');

    // As a window that opens again: its projects painted from the workspace state, then one list before the rows show.
    const projects = a.store.projects.map((p) => p.project);
    a.store.setProjects([]);
    a.store.setProjects(projects);
    assert.ok(a.store.projects[0]?.production?.deploymentId, 'Current comes from the workspace state');
    await control.clearRequests();
    let paintedAt = 0;
    const watch = a.store.onDidChange(() => {
      if (paintedAt === 0 && a.store.projects[0]?.loaded) paintedAt = Date.now();
    });
    try {
      await refresh();
      await until(() => paintedAt > 0, 'the rows show again');
    } finally {
      watch.dispose();
    }
    const beforePaint = (await control.requests()).filter((r) => r.time < paintedAt).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(beforePaint, ['GET /v6/deployments'], 'one request before the rows show');
    assert.equal(a.features.loaded, false, `loaded for ${a.features.loadedFor}`);
  });

  it('loads the features bundle on the first command that needs it, and runs that command', async () => {
    const a = await api();
    const row = (await rootRows()).find((r): r is DeploymentNode => r.kind === 'deployment');
    assert.ok(row);
    assert.equal(a.features.loaded, false, `loaded for ${a.features.loadedFor}`);
    await vscode.commands.executeCommand(Commands.showDetails, row);
    assert.equal(a.features.loaded, true);
    assert.equal(a.features.loadedFor, `command ${Commands.showDetails}`);
    await until(() => a.details.headerOf(row.deploymentRef.id) !== undefined, 'the details panel shows the row');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  it('keeps every contributed command registered once the features bundle took over', async () => {
    const a = await api();
    assert.equal(a.features.loaded, true);
    assert.deepEqual(await unregistered(), []);
  });

});
