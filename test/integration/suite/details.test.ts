/**
 * Deployment details in a real extension host against the emulator: the panel
 * opened from a tree row (one per deployment, re-focused on a second call;
 * browsing rows reuses one preview panel until the person works in it), a
 * deployment handed over already fetched, and the read-only JSON document
 * with VS Code's JSON language server reading the schema association.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { descriptionOf } from '../../../src/api/schemas';
import { deploymentSchema } from '../../../src/api/deployment';
import { Commands, EXTENSION_ID, JSON_DOCUMENT_SCHEME, WEBVIEW_DETAILS } from '../../../src/constants';
import { stateLabel } from '../../../src/deployments/labels';
import { deploymentTitle } from '../../../src/details/header';
import type { DeploymentNode } from '../../../src/deployments/treeItems';
import reference from '../../fixtures/deployment-reference.json';
import { api, control, refresh, rootRows, signIn, until } from './helpers';

function detailsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(WEBVIEW_DETAILS));
}

async function rowOf(id: string): Promise<DeploymentNode> {
  let row: DeploymentNode | undefined;
  await until(async () => {
    await refresh();
    row = (await rootRows()).find((r): r is DeploymentNode => r.kind === 'deployment' && r.id === id);
    return row !== undefined;
  }, `the tree lists ${id}`);
  assert.ok(row);
  return row;
}

async function detailRequests(id: string): Promise<number> {
  return (await control.requests()).filter((r) => r.method === 'GET' && r.path === `/v13/deployments/${id}`).length;
}

/** Where `"key"` starts in the document's text, as a position inside the key. */
function positionOfKey(doc: vscode.TextDocument, key: string): vscode.Position {
  const offset = doc.getText().indexOf(`"${key}"`);
  assert.ok(offset >= 0, `no "${key}" in the document`);
  return doc.positionAt(offset + 2);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    // The JSON language server escapes the description as Markdown ("cancelled\.").
    .replace(/\\(.)/g, '$1');
}

describe('deployment details', function () {
  this.timeout(90_000);
  let row: DeploymentNode;
  /** The tab's first part: the commit's first line, else the short id. */
  let name: string;
  let state: string;

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    await api();
    const created = await control.createDeployment({ readyState: 'READY' });
    row = await rowOf(created.id);
    name = deploymentTitle({ id: row.deploymentRef.id, meta: row.deployment.meta });
    state = created.readyState;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(() => detailsTabs().length === 0, 'the panels are closed');
  });

  it("opens a panel for a tree row, fetched once and titled with the commit's first line and the state", async () => {
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.showDetails, row);
    await until(() => detailsTabs().length === 1, 'a details panel is open');
    await until(() => detailsTabs()[0]?.label === `${name} — ${stateLabel(state)}`, `the panel is titled "${name} — ${stateLabel(state)}"`);
    assert.equal(await detailRequests(row.deploymentRef.id), 1);
  });

  it('re-focuses the open panel on a second call instead of opening another', async () => {
    await vscode.commands.executeCommand(Commands.showDetails, row);
    await until(() => detailsTabs()[0]?.isActive === true, 'the panel is active');
    // A saved file, so that closing it later asks nothing.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const other = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, '.vercel', 'project.json'));
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await until(() => detailsTabs()[0]?.isActive === false, 'another editor took the focus');

    await vscode.commands.executeCommand(Commands.showDetails, row.deploymentRef);
    await until(() => detailsTabs()[0]?.isActive === true, 'the same panel is active again');
    assert.equal(detailsTabs().length, 1, 'a second panel was opened');
  });

  it('opens one panel per deployment', async () => {
    const second = await control.createDeployment({ readyState: 'BUILDING' });
    await vscode.commands.executeCommand(Commands.showDetails, row);
    await vscode.commands.executeCommand(Commands.showDetails, { id: second.id, teamId: row.deploymentRef.teamId });
    await until(() => detailsTabs().length === 2, 'two panels are open');
  });

  describe('browsing rows', () => {
    /** What a click on the row runs: the row's own command and arguments. */
    async function click(node: DeploymentNode): Promise<void> {
      assert.ok(node.command, 'the row has a command');
      await vscode.commands.executeCommand(node.command.command, ...(node.command.arguments ?? []));
    }
    const titleOf = (node: DeploymentNode): string => `${deploymentTitle({ id: node.deploymentRef.id, meta: node.deployment.meta })} — ${stateLabel('READY')}`;
    const labels = (): string[] => detailsTabs().map((t) => t.label).sort();
    /** Clicks on different rows, more than a double-click apart. */
    const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 600));

    let rows: DeploymentNode[];
    before(async () => {
      rows = [];
      for (let i = 0; i < 3; i++) {
        const created = await control.createDeployment({ readyState: 'READY' });
        rows.push(await rowOf(created.id));
      }
    });

    it('shows each clicked row in the one preview panel; working in it keeps it, and the next row opens a second panel', async () => {
      const a = await api();
      const [first, second, third] = rows;
      assert.ok(first && second && third);
      for (const node of rows) {
        await click(node);
        await pause();
      }
      await until(() => detailsTabs().length === 1 && detailsTabs()[0]?.label === titleOf(third), 'one panel shows the third row');
      assert.equal(detailsTabs().length, 1, 'browsing left a trail of tabs');
      assert.deepEqual(a.details.openIds, [third.deploymentRef.id]);
      assert.equal(a.details.previewId, third.deploymentRef.id);
      await until(() => a.details.headerOf(third.deploymentRef.id)?.title === deploymentTitle({ id: third.deploymentRef.id, meta: third.deployment.meta }), 'the header is the third row\'s');

      // The person works in it (the webview says so on a click, a key, a wheel): it is theirs to keep.
      a.details.receive(third.deploymentRef.id, { type: 'interacted' });
      assert.equal(a.details.previewId, undefined);
      await click(first);
      await until(() => detailsTabs().length === 2, 'the next row opens a second panel');
      await until(() => labels().join('|') === [titleOf(first), titleOf(third)].sort().join('|'), 'the kept panel still shows the third row');
      assert.equal(a.details.previewId, first.deploymentRef.id);

      // The next row replaces the preview, never the kept panel.
      await pause();
      await click(second);
      await until(() => labels().join('|') === [titleOf(second), titleOf(third)].sort().join('|'), 'the preview shows the second row');
      assert.equal(detailsTabs().length, 2);

      // A row whose deployment has a kept panel reveals that panel.
      await pause();
      await click(third);
      await until(() => detailsTabs().find((t) => t.isActive)?.label === titleOf(third), 'the kept panel is active');
      assert.equal(detailsTabs().length, 2);
      assert.equal(a.details.previewId, second.deploymentRef.id, 'the preview stays a preview');
    });

    it('keeps the preview when its row is double-clicked, or when it is opened again another way', async () => {
      const a = await api();
      const [first, second, third] = rows;
      assert.ok(first && second && third);
      // A double-click runs the row's command twice in quick succession.
      await click(first);
      await click(first);
      assert.equal(a.details.previewId, undefined, 'a double-click keeps the panel');
      await pause();
      await click(second);
      assert.equal(a.details.previewId, second.deploymentRef.id);
      // The status bar, a notification or the palette open a deployment to keep.
      await vscode.commands.executeCommand(Commands.showDetails, second.deploymentRef);
      assert.equal(a.details.previewId, undefined);
      await pause();
      await click(third);
      await until(() => detailsTabs().length === 3, 'three panels: two kept, one preview');
      // A header button, a copy, a link are work in the page too.
      a.details.receive(third.deploymentRef.id, { type: 'copy', kind: 'value', text: 'x' });
      assert.equal(a.details.previewId, undefined);
    });
  });

  it('follows a building deployment while its panel is in view', async () => {
    const building = await control.createDeployment({ readyState: 'BUILDING' });
    const buildingRow = await rowOf(building.id);
    const title = (s: string): string => `${deploymentTitle({ id: building.id, meta: buildingRow.deployment.meta })} — ${stateLabel(s)}`;
    await vscode.commands.executeCommand(Commands.showDetails, buildingRow);
    await until(() => detailsTabs()[0]?.label === title('BUILDING'), 'the panel says Building');
    await control.setState(building.id, 'READY');
    await until(() => detailsTabs()[0]?.label === title('READY'), 'the panel says Ready by itself', 30_000);
  });

  it('shows a deployment it is handed (the cancel response) without fetching it', async () => {
    const handed = { ...reference, id: 'dpl_handedOver', name: 'handed-over', readyState: 'CANCELED', meta: { githubCommitMessage: 'Handed over\n\nbody' } };
    assert.equal(deploymentSchema().safeParse(handed).success, true);
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.showDetails, { deployment: handed, teamId: row.deploymentRef.teamId });
    await until(() => detailsTabs()[0]?.label === `Handed over — ${stateLabel('CANCELED')}`, 'the panel is titled from the response');
    assert.equal(await detailRequests('dpl_handedOver'), 0);
  });

  it('opens the JSON as a read-only json document that the JSON language server reads with the schema', async () => {
    await vscode.commands.executeCommand(Commands.openJson, row);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    const doc = editor.document;
    assert.equal(doc.uri.scheme, JSON_DOCUMENT_SCHEME);
    assert.equal(doc.languageId, 'json');
    const parsed: unknown = JSON.parse(doc.getText());
    assert.ok(typeof parsed === 'object' && parsed !== null && 'id' in parsed);
    assert.equal(parsed.id, row.deploymentRef.id);

    // Read-only for a person: typing into the editor changes nothing.
    const before = doc.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'typed' });
    assert.equal(doc.getText(), before);
    assert.equal(doc.isDirty, false);

    // The association is contributed, and its schema file was built.
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const contributes: unknown = ext.packageJSON.contributes;
    const validations: unknown =
      typeof contributes === 'object' && contributes !== null && 'jsonValidation' in contributes ? contributes.jsonValidation : undefined;
    assert.ok(Array.isArray(validations), 'package.json contributes no jsonValidation');
    const ours = validations.find(
      (v: unknown) => typeof v === 'object' && v !== null && 'fileMatch' in v && String(v.fileMatch).startsWith(`${JSON_DOCUMENT_SCHEME}:`),
    );
    assert.ok(ours && typeof ours === 'object' && 'url' in ours && typeof ours.url === 'string', 'no jsonValidation for the scheme');
    assert.ok(fs.existsSync(vscode.Uri.joinPath(ext.extensionUri, ours.url).fsPath), `${ours.url} was not built`);

    // And VS Code's JSON language server uses it: hovering a key shows the schema's description.
    const documented = descriptionOf(deploymentSchema().shape.readyState);
    assert.ok(documented);
    let text = '';
    await until(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOfKey(doc, 'readyState'));
        text = hoverText(hovers ?? []);
        return text.includes(documented);
      },
      'the JSON hover shows the description of readyState',
      45_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; last hover: ${JSON.stringify(text)}`);
    });
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok((symbols ?? []).some((s) => s.name === 'readyState'), 'the JSON outline lists readyState');
  });

  it('opens the JSON of a deployment it is handed, and refreshes an open document', async () => {
    const handed = { ...reference, id: 'dpl_jsonHanded', name: 'first' };
    await vscode.commands.executeCommand(Commands.openJson, { deployment: handed });
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc);
    // The tab says which deployment: the commit's first line, else the short id.
    assert.equal(doc.uri.path, `/dpl_jsonHanded/jsonHande — ${stateLabel('BUILDING')}.json`);
    assert.match(doc.getText(), /"name": "first"/);
    await vscode.commands.executeCommand(Commands.openJson, { deployment: { ...handed, name: 'second' } });
    await until(() => /"name": "second"/.test(doc.getText()), 'the open document shows the new response');

    const titled = { ...reference, id: 'dpl_jsonTitled', meta: { githubCommitMessage: 'Fix checkout / cart\n\nLonger body' } };
    await vscode.commands.executeCommand(Commands.openJson, { deployment: titled });
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, `/dpl_jsonTitled/Fix checkout - cart — ${stateLabel('BUILDING')}.json`);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, `Fix checkout - cart — ${stateLabel('BUILDING')}.json`);

    // Opened again once it is ready: one tab, named for what it shows now.
    await vscode.commands.executeCommand(Commands.openJson, { deployment: { ...titled, readyState: 'READY' } });
    const titledTabs = (): string[] =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.startsWith('/dpl_jsonTitled/'))
        .map((t) => t.label);
    await until(() => titledTabs().length === 1, 'the tab of the old state is closed');
    assert.deepEqual(titledTabs(), [`Fix checkout - cart — ${stateLabel('READY')}.json`]);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /"readyState": "READY"/);
  });
});
