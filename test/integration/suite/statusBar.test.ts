/**
 * The status-bar indicator in a real extension host: it follows the latest
 * deployment through its life and after a cancel, and costs no request.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import { answerModal, api, control, env, listPath, plain, refresh, restoreStubs, setting, signIn, until } from './helpers';

describe('status bar', function () {
  this.timeout(60_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
  });

  afterEach(() => restoreStubs());

  it('follows the latest deployment from QUEUED through BUILDING to READY', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'QUEUED', target: 'production', meta: { githubCommitMessage: 'status bar lifecycle' } });
    await refresh();
    assert.equal(a.statusBar.snapshot.visible, true);
    // The Vercel mark, the state's glyph, and how long it has been waiting.
    assert.match(a.statusBar.snapshot.text, /^\$\(triangle-up\) \$\(watch\) Queued \d+[smh]/);
    assert.match(a.statusBar.snapshot.label, new RegExp(`^Latest Vercel deployment of ${env.projectName}: status bar lifecycle\\. Queued for \\d+s\\.$`));
    assert.doesNotMatch(a.statusBar.snapshot.label, /\$\(|~spin/);
    assert.match(plain(a.statusBar.snapshot.tooltip), /status bar lifecycle/);
    assert.match(plain(a.statusBar.snapshot.tooltip), /Production/);
    const link = /\(command:vercelDeployments\.showDetails\?([^)]*)\)/.exec(a.statusBar.snapshot.tooltip);
    assert.ok(link, 'the tooltip offers the details panel');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1]!)), [{ id: created.id, teamId: env.teamId }]);
    await control.setState(created.id, 'BUILDING');
    await refresh();
    assert.match(a.statusBar.snapshot.text, /^\$\(triangle-up\) \$\(loading~spin\) Building \d+[smh]/);
    await control.setState(created.id, 'READY');
    await refresh();
    assert.equal(a.statusBar.snapshot.text, '$(triangle-up) $(check) Ready');
    assert.match(plain(a.statusBar.snapshot.tooltip), /Built in \d+s/);
    assert.equal(a.statusBar.snapshot.error, false);
  });

  it('shows Canceled right after a cancel', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    assert.match(a.statusBar.snapshot.text, /Building \d+[smh]/);
    answerModal(1);
    await vscode.commands.executeCommand(Commands.cancel, { id: created.id, teamId: a.store.projects[0]?.project.teamId });
    assert.equal(a.statusBar.snapshot.text, '$(triangle-up) $(circle-slash) Canceled');
  });

  it('turns red when a refresh fails, and back when it recovers', async () => {
    const a = await api();
    await control.fault({ path: listPath, status: 500, count: 0 });
    try {
      await refresh();
      assert.equal(a.statusBar.snapshot.error, true);
      assert.match(plain(a.statusBar.snapshot.tooltip), /Could not refresh/);
    } finally {
      await control.clearFaults();
    }
    await refresh();
    assert.equal(a.statusBar.snapshot.error, false);
  });

  it('costs no request of its own: one list request serves tree and status bar', async () => {
    const a = await api();
    await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: 'one request' } });
    await control.clearRequests();
    await refresh();
    const requests = await control.requests();
    assert.equal(requests.length, a.store.projects.length, JSON.stringify(requests));
    assert.ok(requests.every((r) => r.path === listPath));
    assert.match(a.statusBar.snapshot.text, /Building \d+[smh]/);
  });

  it('reveals its deployment in the tree when clicked', async () => {
    const a = await api();
    const shown = a.statusBar.shown;
    assert.ok(shown);
    await vscode.commands.executeCommand(Commands.revealLatest, shown);
    await until(() => a.view.selection[0]?.id === shown.id, 'the row is selected');
  });

  it('hides when the setting turns it off', async () => {
    const a = await api();
    await setting(Settings.statusBarEnabled, false);
    try {
      await until(() => !a.statusBar.snapshot.visible, 'hidden');
    } finally {
      await setting(Settings.statusBarEnabled, undefined);
    }
    await until(() => a.statusBar.snapshot.visible, 'shown again');
  });
});
