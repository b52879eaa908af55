/**
 * The details panel and JSON document follow the account: signing out closes
 * them, and the JSON document shows a timestamp's date on hover.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, JSON_DOCUMENT_SCHEME, WEBVIEW_DETAILS } from '../../../src/constants';
import { formatDate } from '../../../src/util/time';
import { api, control, env, refresh, signIn, signOut, until } from './helpers';

function openTabs(): { panels: number; documents: number } {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  return {
    panels: tabs.filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(WEBVIEW_DETAILS)).length,
    documents: tabs.filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === JSON_DOCUMENT_SCHEME).length,
  };
}

describe('details and the account', function () {
  this.timeout(90_000);
  let id: string;

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    await api();
    id = (await control.createDeployment({ readyState: 'READY', meta: { githubCommitMessage: 'details and the account' } })).id;
    await refresh();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signIn();
  });

  it('shows the date of a timestamp on hover in the JSON document', async () => {
    await vscode.commands.executeCommand(Commands.openJson, { id, teamId: env.teamId });
    await until(() => vscode.window.activeTextEditor?.document.uri.scheme === JSON_DOCUMENT_SCHEME, 'the JSON document is open');
    const doc = vscode.window.activeTextEditor!.document;
    const created = JSON.parse(doc.getText()) as { createdAt: number };
    const offset = doc.getText().indexOf(`"createdAt": ${created.createdAt}`) + '"createdAt": '.length + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.ok(text.includes(formatDate(created.createdAt, vscode.env.language)), text);
  });

  it('closes open details panels and JSON documents on sign-out', async () => {
    await vscode.commands.executeCommand(Commands.showDetails, { id, teamId: env.teamId });
    await until(() => openTabs().panels === 1 && openTabs().documents === 1, 'a panel and a JSON document are open');
    await signOut();
    await until(() => openTabs().panels === 0 && openTabs().documents === 0, 'both are closed');
    assert.equal(await signIn(), true);
    assert.deepEqual(openTabs(), { panels: 0, documents: 0 });
  });
});
