/**
 * The details panel's header in a real extension host against the emulator:
 * what it says of a deployment (Current, commit and where it lives, a failed
 * build's error, the actions that apply, decided here from the capability
 * rules), and that a button's message runs the same command as the tree's
 * menu: one request, the modal answered by the test. The webview itself is
 * tested in Chromium (test/e2e/detailsHeader.webview.test.ts); here messages
 * are handed to the panel as its webview would post them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, WEBVIEW_DETAILS } from '../../../src/constants';
import { commitMessage, commitShaOf, firstLine } from '../../../src/deployments/presentation';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import type { DeploymentHeader } from '../../../src/details/protocol';
import { answerModal, api, control, env, refresh, restoreStubs, rootRows, signIn, stub, until } from './helpers';

async function rows(): Promise<DeploymentNode[]> {
  return (await rootRows()).filter((r): r is DeploymentNode => r.kind === 'deployment');
}

async function rowOf(id: string): Promise<DeploymentNode> {
  let row: DeploymentNode | undefined;
  await until(async () => {
    await refresh();
    row = (await rows()).find((r) => r.id === id);
    return row !== undefined;
  }, `the tree lists ${id}`);
  assert.ok(row);
  return row;
}

/** Opens the deployment's panel and waits for the header it shows. */
async function headerOf(row: DeploymentNode, until_: (h: DeploymentHeader) => boolean = () => true): Promise<DeploymentHeader> {
  const a = await api();
  await vscode.commands.executeCommand(Commands.showDetails, row);
  let header: DeploymentHeader | undefined;
  await until(() => {
    header = a.details.headerOf(row.deploymentRef.id);
    return header !== undefined && until_(header);
  }, `the panel of ${row.deploymentRef.id} shows its header`);
  assert.ok(header);
  return header;
}

async function mutations(): Promise<string[]> {
  return (await control.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

function detailsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(WEBVIEW_DETAILS));
}

describe('details header', function () {
  this.timeout(90_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
  });

  beforeEach(async () => {
    const a = await api();
    for (const p of a.store.projects) a.store.markProjectStale(p.project.key);
    await refresh();
  });

  afterEach(async () => {
    restoreStubs();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(() => detailsTabs().length === 0, 'the panels are closed');
  });

  it('says which deployment serves production, its commit with a link to it, and offers what applies to it', async () => {
    const a = await api();
    const production = a.store.projects[0]?.production;
    assert.ok(production?.deploymentId, 'the project was read');
    const row = await rowOf(production.deploymentId);
    const header = await headerOf(row);
    assert.equal(header.current, true);
    assert.equal(header.production, true);
    assert.equal(header.targetLabel, 'Production');
    assert.equal(header.state, 'READY');
    assert.equal(header.url, `https://${row.deployment.url}`);
    const message = commitMessage(row.deployment);
    const sha = commitShaOf(row.deployment);
    assert.ok(message && sha, 'the emulator gives Git metadata');
    assert.equal(header.title, firstLine(message, 60));
    assert.equal(header.commit?.message, firstLine(message, 200));
    assert.equal(header.commit?.shortSha, sha.slice(0, 7));
    const meta = row.deployment.meta ?? {};
    assert.equal(header.commit?.url, `https://github.com/${meta['githubOrg']}/${meta['githubRepo']}/commit/${sha}`);
    // Current: redeploy, no rollback to itself, no promote (unless production is rolled back).
    assert.deepEqual(header.actions, production.rolledBack ? ['redeploy', 'promote', 'showLogs', 'showRuntimeLogs', 'openOnVercel'] : ['redeploy', 'showLogs', 'showRuntimeLogs', 'openOnVercel']);
    assert.equal(header.error, undefined);
    assert.ok(header.build?.end !== undefined && header.build.template.includes('{0}'), 'a finished build says how long it took');
    // The domains it serves, as the tree's tooltip names them, and not its own URL again.
    assert.ok(production.domains.length > 0, 'the emulated project has production domains');
    assert.deepEqual(header.domains?.slice(0, production.domains.length), [...production.domains]);
    assert.ok(!header.domains?.includes(row.deployment.url));
  });

  it("leads with a failed build's error, and offers its logs and a redeploy", async () => {
    const failed = await control.createDeployment({ readyState: 'ERROR', errorMessage: 'The build failed: <module> not found in ./src/index.ts' });
    const header = await headerOf(await rowOf(failed.id));
    assert.equal(header.state, 'ERROR');
    assert.ok(header.error, 'the header has the error');
    assert.equal(header.error.message, '<module> not found in ./src/index.ts', 'with its message, without saying again that the build failed');
    assert.ok(header.build?.end !== undefined && header.build.end >= header.build.start, 'how long it ran until it failed');
    assert.equal(header.build.template, 'Failed after {0}');
    assert.ok(header.error.code, 'with its code');
    assert.equal(header.error.step, 'build');
    assert.deepEqual(header.actions.slice(0, 1), ['redeploy']);
    assert.ok(header.actions.includes('showLogs'));
  });

  it('offers Cancel while a build runs, and counts it on', async () => {
    const building = await control.createDeployment({ readyState: 'BUILDING' });
    const header = await headerOf(await rowOf(building.id));
    assert.equal(header.live, true);
    assert.equal(header.actions[0], 'cancel');
    assert.equal(header.build?.end, undefined);
  });

  it('runs Redeploy from its button: the modal, then exactly one POST, and the new deployment in the tree', async () => {
    const a = await api();
    const row = (await rows()).find((r) => r.deployment.readyState === 'READY' && r.deployment.target !== 'production');
    assert.ok(row, 'a ready preview is listed');
    await headerOf(row, (h) => h.actions.includes('redeploy'));
    await control.clearRequests();
    const asked = answerModal(1);
    const before = new Set((await rows()).map((r) => r.id));
    a.details.receive(row.deploymentRef.id, { type: 'action', action: 'redeploy' });
    await until(async () => (await mutations()).length > 0, 'the redeploy is sent');
    await until(async () => (await rows()).some((r) => !before.has(r.id)), 'the new deployment is in the tree');
    assert.deepEqual(await mutations(), ['POST /v13/deployments']);
    assert.equal(asked.length, 1, 'one confirmation');
  });

  it('sends nothing for a declined modal, an action that does not apply, or a message the protocol does not know', async () => {
    const a = await api();
    const row = (await rows()).find((r) => r.deployment.readyState === 'READY' && r.deployment.target !== 'production');
    assert.ok(row);
    await headerOf(row, (h) => h.actions.includes('redeploy'));
    await control.clearRequests();
    const asked = answerModal(0);
    a.details.receive(row.deploymentRef.id, { type: 'action', action: 'redeploy' });
    await until(() => asked.length === 1, 'the modal was shown');
    // Cancel does not apply to a ready deployment; delete is no header action; the rest is not a message at all.
    a.details.receive(row.deploymentRef.id, { type: 'action', action: 'cancel' });
    a.details.receive(row.deploymentRef.id, { type: 'action', action: 'delete' });
    a.details.receive(row.deploymentRef.id, { type: 'action', action: 'redeploy', extra: '<script>' });
    a.details.receive(row.deploymentRef.id, { type: 'command', command: 'workbench.action.terminal.new' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(asked.length, 2, 'only the two redeploy messages asked');
    assert.deepEqual(await mutations(), []);
  });

  it('moves Current in an open header after an Instant Rollback from its button', async () => {
    const a = await api();
    const current = a.store.projects[0]?.production;
    assert.ok(current?.deploymentId);
    const currentRow = await rowOf(current.deploymentId);
    const older = await control.createDeployment({ target: 'production', readyState: 'READY', created: currentRow.deployment.created - 1 });
    const target = await rowOf(older.id);
    await headerOf(target, (h) => h.actions.includes('rollback') && !h.current);
    await control.clearRequests();
    answerModal(1);
    stub(vscode.window, 'showInformationMessage', (async () => undefined) as typeof vscode.window.showInformationMessage);
    a.details.receive(target.deploymentRef.id, { type: 'action', action: 'rollback' });
    await until(() => a.details.headerOf(target.deploymentRef.id)?.current === true, 'the header says Current', 30_000);
    assert.deepEqual(await mutations(), [`POST /v9/projects/${env.projectId}/rollback/${target.deploymentRef.id}`]);
    const header = a.details.headerOf(target.deploymentRef.id);
    assert.ok(header && !header.actions.includes('rollback'), 'no rollback to what is current');
  });
});
