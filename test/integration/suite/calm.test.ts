/**
 * Where the focus lands and what a picker shows while things change: "Load
 * more…" hands the focus to the first row it brought, and the palette's
 * deployment picker follows the store while it is open.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Views } from '../../../src/constants';
import { api, control, refresh, restoreStubs, rootRows, signIn, stub, until } from './helpers';

type PickItem = vscode.QuickPickItem & { ref: { id: string } };

describe('calm focus and live pickers', function () {
  this.timeout(60_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
    await refresh();
  });

  afterEach(() => restoreStubs());

  it('selects and focuses the first new row after "Load more…"', async () => {
    const a = await api();
    const key = a.store.projects[0]!.project.key;
    const before = a.store.get(key)!.deployments.length;
    const more = (await rootRows()).find((r) => r.kind === 'loadMore');
    assert.ok(more, 'a Load more… row');
    await vscode.commands.executeCommand(Commands.loadMore, more);
    const first = a.store.get(key)!.deployments[before];
    assert.ok(first, 'a page came');
    await until(() => a.view.selection[0]?.id === first.uid, `the row of ${first.uid} is selected`);
  });

  it('updates the deployment picker while it is open', async () => {
    const a = await api();
    const stays = await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: 'keeps building' } });
    const finishes = await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: 'finishes while the picker is open' } });
    await refresh();
    let pick: vscode.QuickPick<PickItem> | undefined;
    const createQuickPick = vscode.window.createQuickPick.bind(vscode.window);
    stub(vscode.window, 'createQuickPick', (() => {
      pick = createQuickPick<PickItem>();
      return pick;
    }) as typeof vscode.window.createQuickPick);
    const cancel = vscode.commands.executeCommand(Commands.cancel);
    await until(() => pick !== undefined && pick.items.length > 0, 'the picker is open');
    const ids = () => pick!.items.map((i) => i.ref.id);
    assert.ok(ids().includes(stays.id) && ids().includes(finishes.id), ids().join(', '));
    // The second item is active: the picker must keep it active by deployment, not by position.
    pick!.activeItems = pick!.items.filter((i) => i.ref.id === stays.id);
    await control.setState(finishes.id, 'READY');
    await refresh();
    await until(() => !ids().includes(finishes.id), 'the finished build leaves the picker of builds in progress');
    assert.ok(ids().includes(stays.id));
    assert.deepEqual(pick!.activeItems.map((i) => i.ref.id), [stays.id]);
    assert.equal(a.store.find(stays.id)?.deployment.readyState, 'BUILDING');
    pick!.hide();
    assert.equal(await cancel, undefined);
  });
});
