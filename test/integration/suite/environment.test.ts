/**
 * The Environment Variables view and its commands in a real extension host
 * against the emulator: the view lists the seeded variables without values
 * (one request when it opens, none while it stays open), Pull writes the
 * CLI's file, Add / Edit Value / Remove send exactly one request each and the
 * view follows, and a sentinel value taken through every command at Trace
 * log level is found in no file the window wrote. Only dialogs are answered
 * by the test.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EnvCommands, Views } from '../../../src/constants';
import type { EnvironmentApi } from '../../../src/env';
import type { BranchNode, EnvNode, GroupNode, VarNode } from '../../../src/env/treeProvider';
import { answerModal, api, control, env, restoreStubs, signIn, stub, until } from './helpers';

const SEEDED_VALUES = ['postgres://shop:prod-pass', 'postgres://localhost:5432/shop', 'sk_live_emulated', 'sk_test_emulated', 'https://api.example.com', 'line one', 'emulated-analytics-id'];

async function environment(): Promise<EnvironmentApi> {
  return (await api()).features.get('the environment tests').environment;
}

/** Every node of the view, depth first, as VS Code would ask for them. */
async function allNodes(): Promise<EnvNode[]> {
  const { tree } = await environment();
  const out: EnvNode[] = [];
  const walk = (nodes: EnvNode[]) => {
    for (const node of nodes) {
      out.push(node);
      walk(tree.getChildren(node));
    }
  };
  walk(tree.getChildren());
  return out;
}

async function group(target: string): Promise<GroupNode> {
  const found = (await allNodes()).find((n): n is GroupNode => n.kind === 'group' && n.group.target === target);
  assert.ok(found, `no ${target} group`);
  return found;
}

async function varRow(key: string, shownIn: string): Promise<VarNode> {
  const found = (await allNodes()).find((n): n is VarNode => n.kind === 'var' && n.env.key === key && n.shownIn === shownIn);
  assert.ok(found, `no row ${key} in ${shownIn}`);
  return found;
}

function itemText(item: vscode.TreeItem): string {
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
  return [typeof item.label === 'string' ? item.label : item.label?.label, item.description, tooltip].join('\n');
}

const envListPath = `/v10/projects/${env.projectId}/env`;

async function listRequests(): Promise<number> {
  return (await control.requests()).filter((r) => r.method === 'GET' && r.path === envListPath).length;
}

async function mutations(): Promise<string[]> {
  return (await control.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace(/\/env\/[^/]+$/, '/env/{id}')}`);
}

/** Answers input boxes in order; records their prompts. */
function answerInputs(...answers: Array<string | undefined>): string[] {
  const asked: string[] = [];
  stub(vscode.window, 'showInputBox', (async (options?: vscode.InputBoxOptions) => {
    asked.push(options?.prompt ?? '');
    return answers.shift();
  }) as typeof vscode.window.showInputBox);
  return asked;
}

/** Answers quick picks: the items marked picked for a multi-pick, else the first. */
function answerPicks(): void {
  stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    return options?.canPickMany ? list.filter((i) => i.picked) : list[0];
  }) as unknown as typeof vscode.window.showQuickPick);
}

/** Information messages (notifications and the .gitignore question), dismissed; returns what they said. */
function quietInfo(): string[] {
  const said: string[] = [];
  stub(vscode.window, 'showInformationMessage', (async (message: string) => {
    said.push(message);
    return undefined;
  }) as typeof vscode.window.showInformationMessage);
  return said;
}

function quietErrors(): string[] {
  const errors: string[] = [];
  stub(vscode.window, 'showErrorMessage', (async (message: string) => {
    errors.push(message);
    return undefined;
  }) as typeof vscode.window.showErrorMessage);
  return errors;
}

const readWorkspaceFile = (name: string) => fs.readFileSync(path.join(env.workspace, name), 'utf8');

describe('environment variables', function () {
  this.timeout(60_000);

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
  });

  afterEach(async () => {
    restoreStubs();
    await control.clearFaults();
  });

  it('lists the seeded variables without values: one request when the view opens, none while it stays open', async () => {
    await control.clearRequests();
    await vscode.commands.executeCommand(`${Views.environment}.focus`);
    const e = await environment();
    await until(() => e.store.projects.some((p) => p.project.projectId === env.projectId && p.envs !== undefined), 'the view listed the project');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await listRequests(), 1, 'one list request per project');

    const nodes = await allNodes();
    const groups = nodes.filter((n): n is GroupNode => n.kind === 'group').map((g) => g.group.target);
    assert.deepEqual(groups.slice(0, 3), ['production', 'preview', 'development']);
    assert.ok(groups.some((g) => g.startsWith('env_')), 'the custom environment has its group');
    const keys = new Set(nodes.filter((n): n is VarNode => n.kind === 'var').map((n) => n.env.key));
    for (const key of ['DATABASE_URL', 'NEXT_PUBLIC_API_URL', 'STRIPE_SECRET_KEY', 'FEATURE_FLAGS', 'SESSION_SECRET', 'VERCEL_ANALYTICS_ID', 'STAGING_BANNER']) {
      assert.ok(keys.has(key), key);
    }
    const branch = nodes.find((n): n is BranchNode => n.kind === 'branch');
    assert.equal(branch?.branch, 'feat/checkout');

    const shown = nodes.map((n) => itemText(e.tree.getTreeItem(n))).join('\n');
    for (const value of SEEDED_VALUES) assert.ok(!shown.includes(value), `a row shows ${value}`);
    assert.match(itemText(e.tree.getTreeItem(await varRow('STRIPE_SECRET_KEY', 'production'))), /sensitive/);
    assert.match(String(e.tree.getTreeItem(await varRow('STRIPE_SECRET_KEY', 'production')).contextValue), /^(?!.*\breadable\b)/);
    assert.match(String(e.tree.getTreeItem(await varRow('VERCEL_ANALYTICS_ID', 'production')).contextValue), /^(?!.*\beditable\b)/);

    // Open and idle: no poll.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal(await listRequests(), 1, 'nothing while the view stays open');
    await vscode.commands.executeCommand(EnvCommands.refresh);
    assert.equal(await listRequests(), 2, 'Refresh lists again');
  });

  it('pulls in the CLI’s format: silently over a file it wrote, only after asking over another', async () => {
    quietInfo();
    answerInputs('.env.pulled.local');
    const result = await vscode.commands.executeCommand<{ written: boolean }>(EnvCommands.pull, await group('development'));
    assert.equal(result?.written, true);
    const text = readWorkspaceFile('.env.pulled.local');
    const lines = text.split('\n');
    assert.equal(lines[0], '# Created by Vercel CLI');
    assert.ok(text.endsWith('"\n'));
    const keys = lines.slice(1, -1).map((l) => l.slice(0, l.indexOf('=')));
    assert.deepEqual(keys, [...keys].sort());
    assert.ok(text.includes('SESSION_SECRET="line one\\r\\nline "two""\n'), 'newlines and carriage returns escaped, quotes kept');
    assert.ok(text.includes('FEATURE_FLAGS="{"checkout":true,\\n"beta":"on"}"\n'));
    assert.ok(!text.includes('VERCEL_ANALYTICS_ID'), 'the CLI leaves the analytics id out');

    restoreStubs();
    quietInfo();
    answerInputs('.env.branch.local');
    const branch = (await allNodes()).find((n): n is BranchNode => n.kind === 'branch');
    await vscode.commands.executeCommand(EnvCommands.pull, branch);
    const branchText = readWorkspaceFile('.env.branch.local');
    assert.ok(branchText.includes('DATABASE_URL="postgres://shop:feature@db-checkout.internal:5432/shop"'));
    assert.ok(branchText.includes('STRIPE_SECRET_KEY="[SENSITIVE]"'));

    // A file of one's own: asked first, and left alone when the answer is no.
    restoreStubs();
    quietInfo();
    fs.writeFileSync(path.join(env.workspace, '.env.mine.local'), 'MINE=1\nDATABASE_URL=old\n');
    answerInputs('.env.mine.local');
    const asked = answerModal(0);
    await vscode.commands.executeCommand(EnvCommands.pull, await group('development'));
    assert.equal(asked.length, 1);
    assert.match(asked[0]?.text ?? '', /not written by Vercel CLI/);
    assert.match(asked[0]?.detail ?? '', /DATABASE_URL/);
    assert.ok(!(asked[0]?.detail ?? '').includes('postgres'), 'the question names keys, never values');
    assert.equal(readWorkspaceFile('.env.mine.local'), 'MINE=1\nDATABASE_URL=old\n');

    // The CLI's own file: overwritten without a question.
    restoreStubs();
    quietInfo();
    answerInputs('.env.pulled.local');
    const none = answerModal(0);
    await vscode.commands.executeCommand(EnvCommands.pull, await group('production'));
    assert.equal(none.length, 0);
    assert.ok(readWorkspaceFile('.env.pulled.local').includes('DATABASE_URL="postgres://shop:prod-pass@db.internal:5432/shop"'));
  });

  it('adds, edits and removes with exactly one request each, and the view follows', async () => {
    const e = await environment();
    const said = quietInfo();
    const errors = quietErrors();
    answerPicks();
    await control.clearRequests();
    answerInputs('ADDED_BY_TEST', 'first value');
    assert.equal(await vscode.commands.executeCommand(EnvCommands.add, await group('development')), true);
    assert.deepEqual(await mutations(), [`POST ${envListPath}`]);
    assert.ok(e.store.projects.some((p) => p.envs?.some((v) => v.key === 'ADDED_BY_TEST')), 'the view lists it at once');
    assert.match(said.join('\n'), /applies to new deployments/);

    await control.clearRequests();
    answerInputs('second value');
    assert.equal(await vscode.commands.executeCommand(EnvCommands.edit, await varRow('ADDED_BY_TEST', 'development')), true);
    assert.deepEqual(await mutations(), [`PATCH /v9/projects/${env.projectId}/env/{id}`]);

    await control.clearRequests();
    const asked = answerModal(1);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.remove, await varRow('ADDED_BY_TEST', 'development')), true);
    assert.match(asked[0]?.message ?? '', /ADDED_BY_TEST.*Development/);
    assert.deepEqual(await mutations(), [`DELETE /v9/projects/${env.projectId}/env/{id}`]);
    assert.ok(!e.store.projects.some((p) => p.envs?.some((v) => v.key === 'ADDED_BY_TEST')), 'the view drops it at once');
    assert.deepEqual(errors, []);
  });

  it('offers to overwrite a key that exists; a failed change is not retried', async () => {
    quietInfo();
    quietErrors();
    answerPicks();
    await control.clearRequests();
    answerInputs('NEXT_PUBLIC_API_URL', 'https://other.example.com');
    const asked = answerModal(1);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.add, await group('development')), true);
    assert.match(asked[0]?.message ?? '', /exists already/);
    const posts = (await control.requests()).filter((r) => r.method === 'POST');
    assert.deepEqual(posts.map((r) => `${r.status} ${r.query['upsert'] ?? ''}`), ['400 ', '201 true']);

    await control.clearRequests();
    await control.fault({ method: 'DELETE', path: '/v9/projects/', status: 503 });
    answerModal(1);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.remove, await varRow('FEATURE_FLAGS', 'development')), false);
    assert.equal((await mutations()).length, 1, 'one DELETE, not retried');
  });

  it('says Vercel wants a new sign-in and offers Set Token', async () => {
    const warnings: Array<{ message: string; items: unknown[] }> = [];
    stub(vscode.window, 'showWarningMessage', (async (message: string, ...items: unknown[]) => {
      warnings.push({ message, items });
      return undefined;
    }) as typeof vscode.window.showWarningMessage);
    await control.fault({ path: '/v1/projects/', status: 403, body: { error: { code: 'challenge_required', message: 'Re-authentication required' } } });
    assert.equal(await vscode.commands.executeCommand(EnvCommands.reveal, await varRow('DATABASE_URL', 'development')), false);
    assert.match(warnings[0]?.message ?? '', /sign in again/);
    assert.deepEqual(warnings[0]?.items, ['Set Token']);
  });

  it('a sentinel value taken through every command at Trace level is written to no file of the window', async function () {
    this.timeout(120_000);
    const e = await environment();
    // Every line the extension logs, at every level down to Trace, whatever level the window writes to disk.
    const logged: string[] = [];
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append'] as const) {
      const original = e.log[level].bind(e.log) as (message: string, ...args: unknown[]) => void;
      stub(e.log, level, ((message: string, ...args: unknown[]) => {
        logged.push(`${level} ${String(message)} ${args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(' ')}`);
        original(message, ...args);
      }) as never);
    }
    const sentinel = `sentinel-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const edited = `${sentinel}-edited`;
    quietInfo();
    quietErrors();
    answerPicks();

    answerInputs('SENTINEL_SECRET', sentinel);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.add, await group('development')), true);
    const row = await varRow('SENTINEL_SECRET', 'development');
    assert.ok(!itemText(e.tree.getTreeItem(row)).includes(sentinel), 'hidden until revealed');

    assert.equal(await vscode.commands.executeCommand(EnvCommands.reveal, row), true);
    assert.equal(e.tree.getTreeItem(row).description, sentinel);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await until(() => e.tree.revealedCount === 0, 'hiding the view drops the value');
    await vscode.commands.executeCommand(`${Views.environment}.focus`);

    assert.equal(await vscode.commands.executeCommand(EnvCommands.copyValue, row), true);
    assert.equal(await vscode.env.clipboard.readText(), sentinel);
    await vscode.env.clipboard.writeText('');

    quietInfo();
    answerPicks();
    answerInputs('.env.sentinel.local');
    await vscode.commands.executeCommand(EnvCommands.pull, await group('development'));
    assert.ok(readWorkspaceFile('.env.sentinel.local').includes(`SENTINEL_SECRET="${sentinel}"`));

    quietInfo();
    answerInputs('.env.sentinel.local');
    stub(vscode.window, 'showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => (await items)[1]) as unknown as typeof vscode.window.showQuickPick);
    const confirmed = answerModal(1);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(EnvCommands.compare, await group('development'));
    assert.match(confirmed[0]?.message ?? '', /values .* on screen/);
    assert.ok(uri);
    assert.ok((await vscode.workspace.openTextDocument(uri)).getText().includes(sentinel));

    quietInfo();
    answerPicks();
    answerInputs(edited);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.edit, await varRow('SENTINEL_SECRET', 'development')), true);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.reveal, await varRow('SENTINEL_SECRET', 'development')), true);
    answerModal(1);
    assert.equal(await vscode.commands.executeCommand(EnvCommands.remove, await varRow('SENTINEL_SECRET', 'development')), true);

    await vscode.commands.executeCommand(Commands.signOut);
    await until(() => e.tree.revealedCount === 0 && e.documents.size === 0, 'Sign Out drops every value');
    await until(async () => !(await vscode.workspace.openTextDocument(uri)).getText().includes(sentinel), 'the open comparison forgets the values');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await signIn(), true);
    // Logs and state are written behind; give them time to reach the disk.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const root = path.dirname(env.workspace);
    const hits: string[] = [];
    let searched = 0;

    const search = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (file === env.workspace || entry.isSymbolicLink()) continue;
        if (entry.isDirectory()) search(file);
        else if (entry.isFile() && fs.statSync(file).size < 64 * 1024 * 1024) {
          const bytes = fs.readFileSync(file);
          searched++;
          for (const needle of [sentinel, edited]) if (bytes.includes(needle)) hits.push(`${path.relative(root, file)}: ${needle}`);
        }
      }
    };
    search(root);
    assert.ok(searched > 10, `searched ${searched} files under ${root}`);
    assert.ok(logged.some((l) => l.startsWith('debug') && l.includes(`${envListPath} → 200`)), 'the requests were logged at Debug, where a leak would hide');
    assert.deepEqual(logged.filter((l) => l.includes(sentinel) || l.includes(edited)), [], 'no log line at any level holds the value');
    assert.deepEqual(hits, [], 'no file the window wrote holds the value');
  });
});
