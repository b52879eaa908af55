/**
 * Cancelling from the tree and the palette, in a real extension host against
 * the emulator. Only the dialogs are answered by the test (the modal
 * confirmation, the quick pick); every request really reaches the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import { api, control, env, refresh, restoreStubs, rootRows, setting, signIn, stub, until } from './helpers';

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

/** Answers the modal confirmation with its confirming button, and records what it said. */
function confirmWith(answer: 'confirm' | 'dismiss', seen: string[] = [], delayMs = 0): string[] {
  stub(vscode.window, 'showWarningMessage', (async (message: string, ...rest: unknown[]) => {
    const options = rest[0] as vscode.MessageOptions;
    seen.push(`${message}\n${options.detail ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return answer === 'confirm' ? rest[1] : undefined;
  }) as typeof vscode.window.showWarningMessage);
  return seen;
}

function captureErrors(): string[] {
  const errors: string[] = [];
  stub(vscode.window, 'showErrorMessage', (async (message: string) => {
    errors.push(message);
    return undefined;
  }) as typeof vscode.window.showErrorMessage);
  return errors;
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
    const asked = confirmWith('confirm');
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, row);
    assert.equal(a.store.find(created.id)?.deployment.readyState, 'CANCELED', 'updated from the response');
    const requests = await control.requests();
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.path}`),
      [`PATCH /v12/deployments/${created.id}/cancel`],
      'exactly one request, and no reload before the row showed CANCELED',
    );
    assert.equal(await emulatorState(created.id), 'CANCELED');
    assert.match(asked[0] ?? '', /feat: ship the thing/);
    assert.match(asked[0] ?? '', /PRODUCTION/);
    const after = await rowOf(created.id);
    assert.doesNotMatch(String(after.contextValue), /\bcancellable\b/);
    assert.equal((after.iconPath as vscode.ThemeIcon).id, 'circle-slash');
  });

  it('does nothing when the confirmation is dismissed', async () => {
    const created = await control.createDeployment({ readyState: 'QUEUED' });
    await refresh();
    confirmWith('dismiss');
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, await rowOf(created.id));
    assert.equal((await control.requests()).filter((r) => r.method === 'PATCH').length, 0);
    assert.equal(await emulatorState(created.id), 'QUEUED');
  });

  it('skips the confirmation when confirmCancel is off', async () => {
    const created = await control.createDeployment({ readyState: 'QUEUED' });
    await refresh();
    const asked = confirmWith('dismiss');
    await setting(Settings.confirmCancel, false);
    try {
      await vscode.commands.executeCommand(Commands.cancel, await rowOf(created.id));
    } finally {
      await setting(Settings.confirmCancel, undefined);
    }
    assert.equal(asked.length, 0);
    assert.equal(await emulatorState(created.id), 'CANCELED');
  });

  it('says why a finished deployment cannot be cancelled, with exactly one PATCH', async () => {
    const a = await api();
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    const row = await rowOf(created.id);
    // The build finishes after the row was drawn: the click races it.
    await control.setState(created.id, 'READY');
    confirmWith('confirm');
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
    confirmWith('confirm', [], 300);
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
    stub(vscode.window, 'showQuickPick', (async (items: readonly (vscode.QuickPickItem & { ref: { id: string } })[]) => {
      offered = items.map((i) => i.ref.id);
      offeredStates = offered.map((id) => a.store.find(id)?.deployment.readyState ?? 'missing');
      return items.find((i) => i.ref.id === created.id);
    }) as unknown as typeof vscode.window.showQuickPick);
    confirmWith('confirm');
    await vscode.commands.executeCommand(Commands.cancel);
    assert.ok(offered.includes(created.id));
    for (const state of offeredStates) {
      assert.ok(['QUEUED', 'INITIALIZING', 'BUILDING'].includes(state), `a ${state} deployment was offered`);
    }
    assert.equal(await emulatorState(created.id), 'CANCELED');
  });

  it('reports a network failure plainly and does not retry', async () => {
    const created = await control.createDeployment({ readyState: 'BUILDING' });
    await refresh();
    confirmWith('confirm');
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
