/**
 * Cancelling from the tree and the palette, in a real extension host against
 * the emulator. Only the dialogs are answered by the test (the modal
 * confirmation, the quick pick); every request really reaches the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import { answerModal, api, control, env, listPath, refresh, restoreStubs, rootRows, setting, signIn, stub, until } from './helpers';

async function rowOf(id: string): Promise<DeploymentNode> {
  const row = (await rootRows()).find((r): r is DeploymentNode => r.kind === 'deployment' && r.id === id);
  assert.ok(row, `no row for ${id}`);
  return row;
}

async function emulatorState(id: string): Promise<string> {
  const response = await fetch(`${env.url}/v13/deployments/${id}?teamId=${env.teamId}`, {
    headers: { Authorization: `Bearer ${env.token}` },
  });
  return ((await response.json()) as { readyState: string }).readyState;
}

function capture(kind: 'showErrorMessage' | 'showInformationMessage'): string[] {
  const said: string[] = [];
  stub(vscode.window, kind, (async (message: string) => {
    said.push(message);
    return undefined;
  }) as typeof vscode.window.showErrorMessage);
  return said;
}

function captureErrors(): string[] {
  return capture('showErrorMessage');
}

describe('cancel', function () {
  this.timeout(60_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
  });

  afterEach(async () => {
    restoreStubs();
    await control.clearFaults();
  });

  it('cancels from a tree row: one PATCH, the row turns CANCELED in place, the emulator agrees', async () => {
    const a = await api();
    const created = await control.createDeployment({
      readyState: 'BUILDING',
      target: 'production',
      meta: { githubCommitMessage: 'feat: ship the thing\n\nbody', githubCommitRef: 'main' },
    });
    await refresh();
    const row = await rowOf(created.id);
    assert.match(String(row.contextValue), /\bcancellable\b/);
    const asked = answerModal(1);
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, row);
    assert.equal(a.store.find(created.id)?.deployment.readyState, 'CANCELED', 'updated from the response');
    // The store was updated from the answer above, before any list came back; the view's own polls may fall in between.
    const requests = (await control.requests()).filter((r) => r.path !== listPath && !r.path.startsWith('/v9/projects/'));
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      [`GET /v13/deployments/${created.id}`, `PATCH /v12/deployments/${created.id}/cancel`],
      'one look at the deployment and one cancel',
    );
    assert.deepEqual(asked[0]?.buttons, ['Cancel Deployment', 'Keep Building (close)']);
    assert.equal(await emulatorState(created.id), 'CANCELED');
    assert.match(asked[0]?.text ?? '', /feat: ship the thing/);
    assert.match(asked[0]?.text ?? '', /PRODUCTION/);
    const after = await rowOf(created.id);
    assert.doesNotMatch(String(after.contextValue), /\bcancellable\b/);
    assert.equal((after.iconPath as vscode.ThemeIcon).id, 'circle-slash');
  });

  it('does nothing when the confirmation is dismissed', async () => {
    const created = await control.createDeployment({ readyState: 'QUEUED' });
    await refresh();
    answerModal(0);
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, await rowOf(created.id));
    assert.equal((await control.requests()).filter((r) => r.method === 'PATCH').length, 0);
    assert.equal(await emulatorState(created.id), 'QUEUED');
  });

  it('skips the confirmation when confirmCancel is off', async () => {
    const created = await control.createDeployment({ readyState: 'QUEUED' });
    await refresh();
    const asked = answerModal(0);
    await setting(Settings.confirmCancel, false);
    try {
      await vscode.commands.executeCommand(Commands.cancel, await rowOf(created.id));
    } finally {
      await setting(Settings.confirmCancel, undefined);
    }
    assert.equal(asked.length, 0);
    assert.equal(await emulatorState(created.id), 'CANCELED');
  });

  it('sends no PATCH for a build that finished while the confirmation was open, and says so', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: 'finishes meanwhile' } });
    await refresh();
    const row = await rowOf(created.id);
    // The build fails after the row was drawn: the click races it.
    await control.setState(created.id, 'ERROR');
    answerModal(1);
    const said = capture('showInformationMessage');
    const errors = captureErrors();
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, row);
    // The view's own polls may fall in between (a build was running): what the cancel sent is the rest.
    assert.deepEqual(
      (await control.requests()).filter((r) => r.path !== listPath && !r.path.startsWith('/v9/projects/')).map((r) => `${r.method} ${r.path}`),
      [`GET /v13/deployments/${created.id}`],
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(said, ['Deployment "finishes meanwhile" already finished (Error); nothing was canceled.']);
    assert.equal(a.store.find(created.id)?.deployment.readyState, 'ERROR', 'the row is corrected from that look');
    assert.equal(await emulatorState(created.id), 'ERROR');
  });

  it('says why Vercel refused a cancel when the look before it failed, with exactly one PATCH', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    const row = await rowOf(created.id);
    await control.setState(created.id, 'READY');
    await control.fault({ method: 'GET', path: `/v13/deployments/${created.id}`, status: 500 });
    answerModal(1);
    const errors = captureErrors();
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, row);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^Could not cancel deployment: .*READY/);
    const patches = (await control.requests()).filter((r) => r.method === 'PATCH');
    assert.equal(patches.length, 1);
    await until(() => a.store.find(created.id)?.deployment.readyState === 'READY', 'the row is corrected');
  });

  it('sends one request for two quick clicks', async () => {
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    const row = await rowOf(created.id);
    answerModal(1, 300);
    await control.clearRequests();
    await Promise.all([
      vscode.commands.executeCommand(Commands.cancel, row),
      vscode.commands.executeCommand(Commands.cancel, row),
    ]);
    assert.equal((await control.requests()).filter((r) => r.method === 'PATCH').length, 1);
    assert.equal(await emulatorState(created.id), 'CANCELED');
  });

  it('cancels from the palette through a quick pick of builds in progress', async () => {
    const created = await control.createDeployment({ readyState: 'INITIALIZING', meta: { githubCommitMessage: 'palette pick' } });
    await refresh();
    const a = await api();
    let offered: string[] = [];
    let offeredStates: string[] = [];
    let labels: string[] = [];
    // The real quick pick, shown in the workbench: the test only chooses in it.
    const createQuickPick = vscode.window.createQuickPick.bind(vscode.window);
    stub(vscode.window, 'createQuickPick', (() => {
      const pick = createQuickPick<vscode.QuickPickItem & { ref: { id: string } }>();
      const show = pick.show.bind(pick);
      pick.show = () => {
        show();
        offered = pick.items.map((i) => i.ref.id);
        offeredStates = offered.map((id) => a.store.find(id)?.deployment.readyState ?? 'missing');
        labels = pick.items.map((i) => i.label);
        pick.activeItems = pick.items.filter((i) => i.ref.id === created.id);
        void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      };
      return pick;
    }) as typeof vscode.window.createQuickPick);
    answerModal(1);
    await vscode.commands.executeCommand(Commands.cancel);
    assert.ok(offered.includes(created.id));
    assert.ok(labels.includes('palette pick'), 'the label is the commit, with no codicon name in it');
    for (const state of offeredStates) {
      assert.ok(['QUEUED', 'INITIALIZING', 'BUILDING'].includes(state), `a ${state} deployment was offered`);
    }
    assert.equal(await emulatorState(created.id), 'CANCELED');
  });

  it('reports a network failure plainly and does not retry', async () => {
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    answerModal(1);
    const errors = captureErrors();
    await control.fault({ method: 'PATCH', path: '/v12/deployments', drop: true });
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, await rowOf(created.id));
    assert.match(errors[0] ?? '', /^Could not cancel deployment: /);
    assert.equal((await control.requests()).filter((r) => r.method === 'PATCH').length, 1);
    assert.equal(await emulatorState(created.id), 'BUILDING');
  });

  it('gives every state its context value', async () => {
    const states = ['QUEUED', 'INITIALIZING', 'BUILDING', 'READY', 'ERROR', 'CANCELED'];
    const ids: Record<string, string> = {};
    for (const state of states) {
      ids[state] = (await control.createDeployment({ readyState: state })).id;
    }
    await refresh();
    for (const state of states) {
      const value = String((await rowOf(ids[state]!)).contextValue);
      const tokens = value.split(' ');
      assert.ok(tokens.includes('deployment') && tokens.includes('hasUrl'), `${state}: ${value}`);
      assert.equal(tokens.includes('cancellable'), ['QUEUED', 'INITIALIZING', 'BUILDING'].includes(state), `${state}: ${value}`);
    }
  });
});
