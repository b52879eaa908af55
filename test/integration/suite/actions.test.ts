/**
 * Redeploy, promote, Instant Rollback and delete from their commands with a
 * tree node, in a real extension host against the emulator. Only the dialogs
 * are answered by the test; every request really reaches the emulator, and
 * the tree is read right after each command, with no refresh in between.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import { answerModal, api, control, env, refresh, restoreStubs, rootRows, signIn, stub } from './helpers';

async function rows(): Promise<DeploymentNode[]> {
  return (await rootRows()).filter((r): r is DeploymentNode => r.kind === 'deployment');
}

async function rowOf(id: string): Promise<DeploymentNode> {
  const row = (await rows()).find((r) => r.id === id);
  assert.ok(row, `no row for ${id}`);
  return row;
}

function tokensOf(row: DeploymentNode): string[] {
  return String(row.contextValue).split(' ');
}

/** The first row whose context value has every token and none of the excluded ones. */
async function rowWith(tokens: string[], exclude: string[] = [], extra: (row: DeploymentNode) => boolean = () => true): Promise<DeploymentNode> {
  const row = (await rows()).find(
    (r) => tokens.every((t) => tokensOf(r).includes(t)) && !exclude.some((t) => tokensOf(r).includes(t)) && extra(r),
  );
  if (!row) {
    const production = (await api()).store.projects[0]?.production;
    const seen = (await rows()).map((r) => `${r.id} ${r.deployment.target} ${r.deployment.readyState} ${r.deployment.created} [${String(r.contextValue)}]`);
    assert.fail(`no row with ${tokens.join(' ')} and without ${exclude.join(' ')}: ${JSON.stringify(production)}\n${seen.join('\n')}`);
  }
  return row;
}

async function currentRow(): Promise<DeploymentNode | undefined> {
  return (await rows()).find((r) => tokensOf(r).includes('current'));
}

/**
 * A READY production deployment just older than the current one, so there is
 * always one to roll back to on the first page, whatever earlier tests did.
 */
async function rollbackTarget(): Promise<DeploymentNode> {
  const current = await currentRow();
  assert.ok(current, 'a deployment serves production');
  const created = await control.createDeployment({ target: 'production', readyState: 'READY', created: current.deployment.created - 1 });
  await refresh();
  await control.clearRequests();
  return rowOf(created.id);
}

/** API requests other than reads. */
async function mutations(): Promise<string[]> {
  return (await control.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

async function emulatorStatus(id: string): Promise<number> {
  const response = await fetch(`${env.url}/v13/deployments/${id}?teamId=${env.teamId}`, { headers: { Authorization: `Bearer ${env.token}` } });
  await response.body?.cancel();
  return response.status;
}

function captureErrors(): string[] {
  const errors: string[] = [];
  stub(vscode.window, 'showErrorMessage', (async (message: string) => {
    errors.push(message);
    return undefined;
  }) as typeof vscode.window.showErrorMessage);
  return errors;
}

describe('actions', function () {
  this.timeout(60_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
  });

  beforeEach(async () => {
    // Production as the emulator has it now, whatever an earlier test or suite left in the store.
    const a = await api();
    for (const p of a.store.projects) a.store.markProjectStale(p.project.key);
    await refresh();
    await control.clearRequests();
  });

  afterEach(async () => {
    restoreStubs();
    await control.clearFaults();
  });

  it('marks the deployment serving production as Current, in its description, label, tooltip domains and context value', async () => {
    const a = await api();
    const production = a.store.projects[0]?.production;
    assert.ok(production?.deploymentId, 'the project was read');
    const row = await rowOf(production.deploymentId);
    assert.match(String(row.description), /Current/);
    assert.match(row.accessibilityInformation?.label ?? '', /Current/);
    assert.ok(tokensOf(row).includes('current'));
    assert.ok(!tokensOf(row).includes('deletable') && !tokensOf(row).includes('rollbackable'));
    assert.ok(production.domains.length > 0);
    assert.equal((await rows()).filter((r) => tokensOf(r).includes('current')).length, 1);
  });

  it('redeploys from a row: one POST, the new deployment at the top at once', async () => {
    const source = await rowWith(['redeployable'], [], (r) => r.deployment.target === null);
    const asked = answerModal(1);
    const created = await vscode.commands.executeCommand<{ id: string; target: unknown } | undefined>(Commands.redeploy, source);
    assert.ok(created);
    assert.deepEqual(await mutations(), ['POST /v13/deployments']);
    const post = (await control.requests()).find((r) => r.method === 'POST');
    assert.equal(post?.query['forceNew'], '1');
    assert.equal(post?.query['withCache'], '1', '"Redeploy" keeps the build cache');
    const [top] = await rows();
    assert.equal(top?.id, created.id, 'the new deployment is the top row without a refresh');
    assert.equal(top?.deployment.target, null, 'same target as the source');
    assert.match(asked[0]?.text ?? '', /^Redeploy ".+"\?/);
    assert.match(asked[0]?.text ?? '', /preview/);
    assert.match(asked[0]?.text ?? '', /\[Redeploy\|Redeploy without Build Cache\]/);
  });

  it('redeploys without the build cache when asked, and says so plainly for production', async () => {
    const source = await rowWith(['redeployable', 'current']);
    const asked = answerModal(2);
    const created = await vscode.commands.executeCommand<{ id: string } | undefined>(Commands.redeploy, source);
    assert.ok(created);
    const posts = (await control.requests()).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    assert.equal(posts[0]?.query['withCache'], undefined);
    assert.match(asked[0]?.text ?? '', /PRODUCTION/);
    assert.equal((await rows())[0]?.deployment.target, 'production');
  });

  it('rolls back from a row: one POST, the job followed, Current moved and the view says production is rolled back', async () => {
    const a = await api();
    const before = await currentRow();
    const target = await rollbackTarget();
    const asked = answerModal(1);
    const outcome = await vscode.commands.executeCommand(Commands.rollback, target);
    assert.equal(outcome, 'succeeded');
    assert.deepEqual(await mutations(), [`POST /v9/projects/${env.projectId}/rollback/${target.id}`]);
    const after = await rowOf(target.id!);
    assert.ok(tokensOf(after).includes('current'), 'Current moved to the rolled-back-to deployment');
    assert.match(String(after.description), /Current/);
    if (before) assert.ok(!tokensOf(await rowOf(before.id!)).includes('current'));
    assert.equal(a.store.projects[0]?.production?.rolledBack, true);
    assert.match(a.view.message ?? '', /rolled back/);
    assert.match(asked[0]?.text ?? '', /Later production deployments will not take over until one is promoted/);
    assert.match(asked[0]?.text ?? '', /\[Roll Back\]/);
  });

  it('promotes a production deployment from a row: one POST, Current moves and the rollback is over', async () => {
    const a = await api();
    const target = await rowWith(['promotable'], ['current'], (r) => r.deployment.target === 'production');
    answerModal(1);
    const outcome = await vscode.commands.executeCommand(Commands.promote, target);
    assert.equal(outcome, 'succeeded');
    assert.deepEqual(await mutations(), [`POST /v10/projects/${env.projectId}/promote/${target.id}`]);
    assert.ok(tokensOf(await rowOf(target.id!)).includes('current'));
    assert.equal(a.store.projects[0]?.production?.rolledBack, false);
    assert.doesNotMatch(a.view.message ?? '', /rolled back/);
  });

  it('explains a preview cannot be promoted as it is, and builds it again for production when confirmed', async () => {
    const preview = await rowWith(['promotable'], [], (r) => r.deployment.target === null);
    const asked = answerModal(1);
    const outcome = await vscode.commands.executeCommand(Commands.promote, preview);
    assert.equal(outcome, 'rebuilt');
    assert.deepEqual(await mutations(), ['POST /v13/deployments']);
    const [top] = await rows();
    assert.equal(top?.deployment.target, 'production');
    assert.match(asked[0]?.text ?? '', /cannot be promoted as it is/);
  });

  it('deletes from a row: one DELETE, the row goes at once, and the emulator agrees', async () => {
    const victim = await rowWith(['deletable'], [], (r) => r.deployment.target === null);
    const asked = answerModal(1);
    assert.equal(await vscode.commands.executeCommand(Commands.delete, victim), true);
    assert.deepEqual(await mutations(), [`DELETE /v13/deployments/${victim.id}`]);
    assert.ok(!(await rows()).some((r) => r.id === victim.id), 'the row is gone without a refresh');
    assert.equal(await emulatorStatus(victim.id!), 404);
    assert.match(asked[0]?.text ?? '', /cannot be undone/);
  });

  it('sends nothing when the confirmation is declined', async () => {
    const target = await rollbackTarget();
    answerModal(0);
    await vscode.commands.executeCommand(Commands.delete, await rowWith(['deletable']));
    await vscode.commands.executeCommand(Commands.redeploy, await rowWith(['redeployable']));
    await vscode.commands.executeCommand(Commands.rollback, target);
    assert.deepEqual(await mutations(), []);
  });

  it("shows Vercel's reason for a 400 and reloads the row, with exactly one POST", async () => {
    const a = await api();
    const target = await rollbackTarget();
    // The deployment changed after the row was drawn: the click races it.
    await control.setState(target.id!, 'ERROR');
    answerModal(1);
    const errors = captureErrors();
    assert.equal(await vscode.commands.executeCommand(Commands.rollback, target), undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^Could not roll back: .*not ready/);
    assert.deepEqual(await mutations(), [`POST /v9/projects/${env.projectId}/rollback/${target.id}`]);
    assert.equal(a.store.find(target.id!)?.deployment.readyState, 'ERROR', 'the row was looked at again');
  });

  it('sends one request for two quick clicks', async () => {
    const victim = await rowWith(['deletable'], [], (r) => r.deployment.target === null);
    answerModal(1, 300);
    await Promise.all([vscode.commands.executeCommand(Commands.delete, victim), vscode.commands.executeCommand(Commands.delete, victim)]);
    assert.deepEqual(await mutations(), [`DELETE /v13/deployments/${victim.id}`]);
  });

  it('says so when the rollback job fails, and Current stays', async () => {
    const before = await currentRow();
    const target = await rollbackTarget();
    answerModal(1);
    const errors = captureErrors();
    const fault = await fetch(`${env.url}/_emulator/alias-fault`, { method: 'POST', body: '{"count":1}', headers: { 'Content-Type': 'application/json' } });
    assert.equal(fault.status, 200);
    assert.equal(await vscode.commands.executeCommand(Commands.rollback, target), 'failed');
    assert.match(errors[0] ?? '', /could not roll back/);
    assert.equal((await currentRow())?.id, before?.id);
  });

  it('offers only deployments that qualify in the palette', async () => {
    const a = await api();
    const target = await rollbackTarget();
    let offered: string[] = [];
    // The real quick pick, shown in the workbench: the test looks at what it offers, then dismisses it.
    const createQuickPick = vscode.window.createQuickPick.bind(vscode.window);
    stub(vscode.window, 'createQuickPick', (() => {
      const pick = createQuickPick<vscode.QuickPickItem & { ref: { id: string } }>();
      const show = pick.show.bind(pick);
      pick.show = () => {
        show();
        offered = pick.items.map((i) => i.ref.id);
        pick.hide();
      };
      return pick;
    }) as typeof vscode.window.createQuickPick);
    await vscode.commands.executeCommand(Commands.rollback);
    assert.ok(offered.includes(target.id!));
    const current = a.store.projects[0]?.production?.deploymentId;
    for (const id of offered) {
      const d = a.store.find(id)?.deployment;
      assert.equal(d?.target, 'production', id);
      assert.equal(d?.readyState, 'READY', id);
      assert.notEqual(id, current);
    }
    assert.deepEqual(await mutations(), []);
  });
});
