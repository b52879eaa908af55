/**
 * The extension's browser entry in a browser's web worker extension host
 * (what vscode.dev and github.dev run), against the emulator across origins:
 * sign-in by a pasted token, the tree, cancel, a live build log, the details
 * panel and the JSON document, environment variables (listed, pulled through
 * the workspace's file system), deploying the folder, Sign Out.
 * Only dialogs are answered by the test; every request really goes out.
 * The launcher checks that nothing but the emulator was asked (runIntegration.ts --web).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EnvCommands, EXTENSION_ID, JSON_DOCUMENT_SCHEME, LOG_SCHEME, Settings, WEBVIEW_DETAILS } from '../../../src/constants';
import type { DeploymentNode, DeploymentsTreeNode } from '../../../src/deployments/treeItems';
import type { EnvNode, GroupNode, VarNode } from '../../../src/env/treeProvider';
import type { ExtensionApi } from '../../../src/extension';
import { EmulatorControl } from '../../emulator/control';
import { INTEGRATION_TOKEN } from '../../harness/testEnv';

const apiUrl = (): string => {
  const url = vscode.workspace.getConfiguration(Settings.section).inspect<string>(Settings.apiUrl)?.globalValue;
  assert.ok(url, 'the launcher sets vercelDeployments.apiUrl to the emulator');
  return url;
};
const control = (): EmulatorControl => new EmulatorControl(apiUrl());

interface Link {
  readonly projectId: string;
  readonly orgId: string;
}

async function link(): Promise<Link> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vercel', 'project.json')));
  return JSON.parse(text) as Link;
}

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const exports = await ext.activate();
  await exports.ready;
  return exports;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const restorers: (() => void)[] = [];
function stub<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const original = target[key];
  target[key] = value;
  restorers.push(() => (target[key] = original));
}

async function rootRows(): Promise<DeploymentsTreeNode[]> {
  return (await api()).tree.getChildren() ?? [];
}

function deploymentRows(rows: readonly DeploymentsTreeNode[]): DeploymentNode[] {
  return rows.filter((r): r is DeploymentNode => r.kind === 'deployment');
}

async function signIn(): Promise<boolean> {
  stub(vscode.window, 'showInputBox', async () => INTEGRATION_TOKEN);
  try {
    return (await vscode.commands.executeCommand<boolean>(Commands.setToken)) === true;
  } finally {
    restorers.pop()?.();
  }
}

describe('the browser entry (web worker extension host)', function () {
  this.timeout(60_000);

  afterEach(() => {
    while (restorers.length > 0) restorers.pop()?.();
  });

  it('runs without Node, and loads nothing of the features bundle at start-up', async () => {
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node process in a web worker');
    const a = await api();
    assert.equal(a.features.loaded, false, `the features bundle loaded at start-up (${a.features.loadedFor ?? ''})`);
  });

  it("signs in with a pasted token (the CLI's login is not offered) and lists the emulator's deployments", async () => {
    await control().reset();
    const offered: string[] = [];
    stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      offered.push(...(await items).map((i) => i.label));
      return undefined;
    }) as unknown as typeof vscode.window.showQuickPick);
    assert.equal(await signIn(), true, 'Set Token stored the pasted token');
    assert.ok(!offered.some((label) => /CLI/i.test(label)), `offered: ${offered.join(', ')}`);
    const { projectId, orgId } = await link();
    const response = await fetch(`${apiUrl()}/v6/deployments?projectId=${projectId}&teamId=${orgId}&limit=5`, {
      headers: { Authorization: `Bearer ${INTEGRATION_TOKEN}` },
    });
    const listed = ((await response.json()) as { deployments: { uid: string }[] }).deployments.map((d) => d.uid);
    assert.ok(listed.length > 0, 'the emulator lists deployments');
    await until(async () => deploymentRows(await rootRows()).length > 0, 'the tree shows deployments');
    const shown = deploymentRows(await rootRows()).map((r) => r.id);
    assert.deepEqual(shown.slice(0, listed.length), listed, 'the newest rows are the emulator’s newest deployments, in order');
  });

  it('cancels a build from its row with one PATCH, and the row turns CANCELED', async () => {
    const a = await api();
    const created = await control().createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: 'web: cancel me', githubCommitRef: 'main' } });
    await vscode.commands.executeCommand(Commands.refresh);
    const row = deploymentRows(await rootRows()).find((r) => r.id === created.id);
    assert.ok(row, 'the new build has a row');
    stub(vscode.window, 'showWarningMessage', (async (_message: string, ...rest: unknown[]) => rest[1]) as typeof vscode.window.showWarningMessage);
    await control().clearRequests();
    await vscode.commands.executeCommand(Commands.cancel, row);
    assert.equal(a.store.find(created.id)?.deployment.readyState, 'CANCELED');
    const patches = (await control().requests()).filter((r) => r.method === 'PATCH');
    assert.deepEqual(patches.map((r) => r.path), [`/v12/deployments/${created.id}/cancel`], 'exactly one cancel');
  });

  it('follows a build log live', async () => {
    const { orgId } = await link();
    const created = await control().createDeployment({ readyState: 'BUILDING' });
    await vscode.commands.executeCommand(Commands.showLogs, { id: created.id, teamId: orgId });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === LOG_SCHEME && e.document.uri.path.includes(created.id));
    assert.ok(editor, 'the build log is open');
    await control().appendEvents(created.id, [{ type: 'stdout', text: 'written while the browser follows' }]);
    await until(() => editor.document.getText().includes('written while the browser follows'), 'the new line shows');
  });

  it("opens a deployment's details panel and its JSON document", async () => {
    const row = deploymentRows(await rootRows())[0];
    assert.ok(row, 'a deployment row');
    await vscode.commands.executeCommand(Commands.showDetails, row);
    const detailsTabs = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(WEBVIEW_DETAILS));
    await until(() => detailsTabs().length > 0, 'the details panel is open');
    await vscode.commands.executeCommand(Commands.openJson, row);
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'the JSON document is open');
    assert.equal(doc.uri.scheme, JSON_DOCUMENT_SCHEME);
    assert.equal((JSON.parse(doc.getText()) as { id?: unknown }).id, row.id);
  });

  it("lists the project's environment variables without values, and pulls .env.local through the workspace's file system", async () => {
    const { environment } = await (await api()).features.load('the web suite');
    const nodes = (): EnvNode[] => {
      const out: EnvNode[] = [];
      const walk = (list: EnvNode[]) => {
        for (const node of list) {
          out.push(node);
          walk(environment.tree.getChildren(node));
        }
      };
      walk(environment.tree.getChildren());
      return out;
    };
    await until(() => nodes().some((n) => n.kind === 'var'), 'the variables are listed');
    const rows = nodes().filter((n): n is VarNode => n.kind === 'var');
    assert.ok(rows.some((r) => r.env.key === 'DATABASE_URL'), 'a seeded variable is listed');
    for (const row of rows) {
      const item = environment.tree.getTreeItem(row);
      const text = [typeof item.label === 'string' ? item.label : item.label?.label, item.description, String(item.tooltip ?? '')].join(' ');
      assert.doesNotMatch(text, /postgres:\/\/|sk_live|sk_test/, `a row shows a value: ${text}`);
    }
    const development = nodes().find((n): n is GroupNode => n.kind === 'group' && n.group.target === 'development');
    assert.ok(development, 'a Development group');
    stub(vscode.window, 'showInputBox', async () => '.env.web.local');
    stub(vscode.window, 'showInformationMessage', (async () => undefined) as typeof vscode.window.showInformationMessage);
    const result = await vscode.commands.executeCommand<{ written: boolean }>(EnvCommands.pull, development);
    assert.equal(result?.written, true);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.env.web.local')));
    assert.equal(text.split('\n')[0], '# Created by Vercel CLI');
    assert.match(text, /^DATABASE_URL="postgres:\/\/localhost:5432\/shop"$/m);
  });

  it('deploys the folder to Preview: read through the workspace, hashed with Web Crypto, uploaded across origins', async () => {
    stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => (await items)[0]) as unknown as typeof vscode.window.showQuickPick);
    stub(vscode.window, 'showWarningMessage', (async (_message: string, ...rest: unknown[]) => rest[1]) as typeof vscode.window.showWarningMessage);
    await control().clearRequests();
    const created = await vscode.commands.executeCommand<{ id: string } | undefined>(Commands.deploy);
    assert.ok(created, 'a deployment was created');
    const stored = (await control().deploymentFiles(created.id)).files ?? [];
    const names = stored.map((f) => f.file);
    assert.ok(names.includes('.env.web.local') === false, 'a .env.*.local file stays here');
    assert.ok(!names.some((n) => n.startsWith('.vercel/')), 'the link stays here');
    assert.ok(names.length > 0, 'the folder has files to send');
    const posts = (await control().requests()).filter((r) => r.method === 'POST').map((r) => r.path);
    assert.equal(posts.filter((p) => p === '/v2/files').length, new Set(stored.map((f) => f.sha)).size, 'each missing content uploaded once');
    assert.equal(posts.at(-1), '/v13/deployments');
    assert.equal(deploymentRows(await rootRows())[0]?.id, created.id, 'the new deployment is the top row');
  });

  it('signs out: the view asks to sign in again, and nothing more is fetched', async () => {
    const a = await api();
    await vscode.commands.executeCommand(Commands.signOut);
    await until(() => a.viewState.current === 'signedOut', 'signed out');
    await control().clearRequests();
    await vscode.commands.executeCommand(Commands.refresh);
    assert.deepEqual(await control().requests(), [], 'no request without a token');
    assert.equal(await signIn(), true, 'signing in again works');
    await until(() => a.viewState.current !== 'signedOut', 'the view follows the sign-in');
  });
});
