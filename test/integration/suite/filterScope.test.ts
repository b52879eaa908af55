/**
 * A filter narrows the Deployments list and nothing else: with "Production ·
 * Error" set, the status bar, the build problems, Current, the rollback
 * notice and the details header of the deployment serving production stay as
 * they were, in a real extension host against the emulator.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import { isFilterArgument } from '../../../src/deployments/filter';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import { api, control, plain, refresh, restoreStubs, rootRows, setting, signIn, until } from './helpers';

const BRANCH = 'filter-scope';

async function rows(): Promise<DeploymentNode[]> {
  return (await rootRows()).filter((r): r is DeploymentNode => r.kind === 'deployment');
}

describe('a filter narrows the list and nothing else', function () {
  this.timeout(90_000);
  let oldFailure = '';
  let newest = '';

  before(async () => {
    await control.reset();
    await setting(Settings.statusBarFollow, 'project');
    assert.equal(await signIn(), true);
    const week = 7 * 24 * 3600_000;
    // A week-old failed production build of a branch that has been fixed since.
    oldFailure = (
      await control.createDeployment({
        readyState: 'ERROR',
        target: 'production',
        created: Date.now() - week,
        meta: { githubCommitMessage: 'filter scope: the old failure', githubCommitRef: BRANCH },
      })
    ).id;
    await control.createDeployment({
      readyState: 'READY',
      target: 'production',
      created: Date.now() - 60_000,
      meta: { githubCommitMessage: 'filter scope: the fix', githubCommitRef: BRANCH },
    });
    newest = (await control.createDeployment({ readyState: 'READY', meta: { githubCommitMessage: 'filter scope: the newest preview' } })).id;
    const a = await api();
    for (const p of a.store.projects) a.store.markProjectStale(p.project.key);
    await refresh();
    await a.logs.problems.settled();
  });

  after(async () => {
    restoreStubs();
    await vscode.commands.executeCommand(Commands.clearFilter);
    await setting(Settings.statusBarFollow, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('takes a filter object as its argument, and never a row that a title-bar button hands over', async () => {
    assert.equal(isFilterArgument({ target: 'production', states: ['ERROR'] }), true);
    assert.equal(isFilterArgument({}), true);
    const [row] = await rows();
    assert.ok(row);
    assert.equal(isFilterArgument(row), false, 'a tree row is no filter');
    assert.equal(isFilterArgument(null), false);
    assert.equal(isFilterArgument(vscode.Uri.file('/x')), false);
    assert.equal(isFilterArgument({ target: 'production', deploymentRef: { id: 'x' } }), false);
  });

  it('keeps the status bar, Problems, Current and the details header as they were', async () => {
    const a = await api();
    const production = a.store.projects[0]?.production?.deploymentId;
    assert.ok(production, 'the project was read');
    assert.notEqual(production, oldFailure);
    await vscode.commands.executeCommand(Commands.showDetails, { id: production, teamId: a.store.projects[0]?.project.teamId });
    await until(() => a.details.headerOf(production) !== undefined, 'the Current deployment\u2019s panel shows its header');
    const before = {
      statusBar: a.statusBar.snapshot.text,
      tooltip: plain(a.statusBar.snapshot.tooltip),
      problems: a.logs.problems.holds(oldFailure),
      current: production,
      actions: a.details.headerOf(production)?.actions,
      badge: a.view.badge?.value,
    };
    assert.match(before.tooltip, /the newest preview/, 'the status bar shows the newest deployment');
    assert.equal(before.problems, false, 'a fixed branch has no build problems');

    assert.equal(await vscode.commands.executeCommand(Commands.filter, { target: 'production', states: ['ERROR'] }), true);
    await until(async () => {
      const listed = await rows();
      return listed.length > 0 && listed.every((r) => r.deployment.target === 'production' && r.deployment.readyState === 'ERROR');
    }, 'the list shows failed production deployments only');
    assert.ok((await rows()).some((r) => r.id === oldFailure), 'the week-old failure is listed');
    await refresh();
    await a.logs.problems.settled();

    assert.equal(a.statusBar.snapshot.text, before.statusBar, 'the status bar still shows the newest deployment');
    assert.match(plain(a.statusBar.snapshot.tooltip), /the newest preview/);
    assert.equal(a.logs.problems.holds(oldFailure), false, 'Problems did not switch to the old failure');
    assert.equal(a.store.projects[0]?.production?.deploymentId, before.current, 'Current did not move');
    assert.equal(a.store.find(newest)?.deployment.uid, newest, 'what the list hides is still known');
    assert.equal(a.view.badge?.value, before.badge);
    // The open panel of the deployment serving production keeps its buttons.
    await until(() => JSON.stringify(a.details.headerOf(production)?.actions) === JSON.stringify(before.actions), 'the details header keeps its buttons');
  });
});
