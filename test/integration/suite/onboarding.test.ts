/**
 * Getting started without a terminal, in a real extension host against the
 * emulator: link the workspace through the quick picks, unlink it, sign in
 * with the Vercel CLI's login, the Vercel account in VS Code's Accounts
 * menu, and a link the token cannot see.
 *
 * The suite's workspace is linked already and shared with every other test:
 * each test that changes `.vercel` or `.gitignore` puts back the exact bytes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, Views } from '../../../src/constants';
import { api, control, env, labelOf, refresh, restoreStubs, rootRows, signIn, signOut, stub, until } from './helpers';

const vercelDir = path.join(env.workspace, '.vercel');
const projectFile = path.join(vercelDir, 'project.json');
const readmeFile = path.join(vercelDir, 'README.txt');
const gitignoreFile = path.join(env.workspace, '.gitignore');

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function putBack(file: string, bytes: Buffer | undefined): Promise<void> {
  if (bytes === undefined) {
    await fs.rm(file, { force: true });
  } else {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes);
  }
}

async function whoAmI(): Promise<{ id: string; username: string }> {
  const response = await fetch(`${env.url}/v2/user`, { headers: { Authorization: `Bearer ${env.token}` } });
  return ((await response.json()) as { user: { id: string; username: string } }).user;
}

/** What the test sees of a quick pick the command made, and how it answers it. */
interface DrivenPick {
  readonly pick: vscode.QuickPick<vscode.QuickPickItem>;
  type(value: string): void;
  accept(item: vscode.QuickPickItem): void;
}

/**
 * Lets the real createQuickPick make and show the picker, but hands its
 * value and accept events to the test: the extension host has no keyboard.
 */
function driveNextQuickPick(): Promise<DrivenPick> {
  const original = vscode.window.createQuickPick.bind(vscode.window);
  return new Promise((resolve) => {
    stub(vscode.window, 'createQuickPick', (<T extends vscode.QuickPickItem>() => {
      const real = original<T>();
      const value = new vscode.EventEmitter<string>();
      const accept = new vscode.EventEmitter<void>();
      const proxy = new Proxy(real, {
        get(target, key) {
          if (key === 'onDidChangeValue') return value.event;
          if (key === 'onDidAccept') return accept.event;
          const v: unknown = Reflect.get(target, key, target);
          return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
        },
        set(target, key, v) {
          return Reflect.set(target, key, v, target);
        },
      });
      resolve({
        pick: proxy as unknown as vscode.QuickPick<vscode.QuickPickItem>,
        type: (text) => {
          real.value = text;
          value.fire(text);
        },
        accept: (item) => {
          real.selectedItems = [item as T];
          accept.fire();
        },
      });
      return proxy;
    }) as typeof vscode.window.createQuickPick);
  });
}

/** Answers showQuickPick with what `choose` picks from the items offered. */
function answerQuickPick(choose: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined): void {
  const answer = async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => choose(await items);
  stub(vscode.window, 'showQuickPick', answer as unknown as typeof vscode.window.showQuickPick);
}

/** Answers modal questions by their button, records every message. */
function answerMessages(answers: Record<string, string>): string[] {
  const seen: string[] = [];
  const answer = (async (message: string, ...rest: unknown[]) => {
    seen.push(message);
    const buttons = rest.filter((r): r is string => typeof r === 'string');
    return buttons.find((b) => answers[b] !== undefined && new RegExp(answers[b] as string).test(message));
  }) as typeof vscode.window.showInformationMessage;
  stub(vscode.window, 'showInformationMessage', answer);
  stub(vscode.window, 'showWarningMessage', answer as typeof vscode.window.showWarningMessage);
  return seen;
}

describe('onboarding', function () {
  this.timeout(90_000);
  let originalLink: Buffer | undefined;
  let originalReadme: Buffer | undefined;
  let originalGitignore: Buffer | undefined;
  const originalXdg = process.env['XDG_DATA_HOME'];
  let xdg: string;

  before(async () => {
    await control.reset();
    originalLink = await readIfPresent(projectFile);
    originalReadme = await readIfPresent(readmeFile);
    originalGitignore = await readIfPresent(gitignoreFile);
    assert.ok(originalLink, 'the suite workspace is linked');
    xdg = await fs.mkdtemp(path.join(os.tmpdir(), 'onboarding-xdg-'));
    assert.equal(await signIn(), true);
    await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
  });

  afterEach(() => {
    restoreStubs();
    if (originalXdg === undefined) delete process.env['XDG_DATA_HOME'];
    else process.env['XDG_DATA_HOME'] = originalXdg;
  });

  after(async () => {
    await putBack(projectFile, originalLink);
    await putBack(readmeFile, originalReadme);
    await putBack(gitignoreFile, originalGitignore);
    await fs.rm(xdg, { recursive: true, force: true });
    const a = await api();
    await a.links.refresh();
    await signIn();
  });

  it('asks before replacing an existing link, and leaves it alone when told no', async () => {
    const seen = answerMessages({});
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.linkProject), false);
    assert.match(seen[0] ?? '', new RegExp(`already linked to the Vercel project ${env.projectName}`));
    assert.deepEqual(await readIfPresent(projectFile), originalLink);
  });

  it('links an unlinked folder through the quick picks, writes what vercel link writes, and the tree fills', async () => {
    const a = await api();
    await fs.rm(vercelDir, { recursive: true, force: true });
    await a.links.refresh();
    await until(() => a.viewState.current === 'noProject', 'the view says no project is linked');

    answerQuickPick((list) => {
      const personal = list.find((i) => i.description === 'Personal account');
      assert.ok(personal, 'the personal account is offered');
      return list.find((i) => (i as { scope?: { teamId?: string } }).scope?.teamId === env.teamId);
    });
    const seen = answerMessages({ 'Add to .gitignore': 'gitignore' });
    const driven = driveNextQuickPick();
    const linked = vscode.commands.executeCommand<boolean>(Commands.linkProject);

    const { pick, type, accept } = await driven;
    await until(() => !pick.busy && pick.items.some((i) => i.label === env.projectName), 'the first page lists the project');
    // Search as you type: Vercel answers with the matching projects only.
    const term = env.projectName.slice(0, 4);
    type(term);
    await until(
      async () => (await control.requests()).some((r) => r.path === '/v10/projects' && r.query['search'] === term && r.status === 200),
      'Vercel was asked for the projects matching what was typed',
    );
    await until(() => !pick.busy && pick.items.every((i) => i.label.includes(term)), 'the list shows the search result');
    const item = pick.items.find((i) => i.label === env.projectName);
    assert.ok(item, 'the project is found by its name');
    accept(item);
    assert.equal(await linked, true);

    assert.equal(
      await fs.readFile(projectFile, 'utf8'),
      JSON.stringify({ projectId: env.projectId, orgId: env.teamId, projectName: env.projectName }),
      'project.json is byte for byte what vercel link writes',
    );
    assert.match(await fs.readFile(readmeFile, 'utf8'), /^> Why do I have a folder named "\.vercel" in my project\?\n/);
    if (originalGitignore === undefined) {
      assert.equal(await fs.readFile(gitignoreFile, 'utf8'), '.vercel\n');
    }
    if (originalGitignore === undefined) {
      assert.ok(seen.some((m) => /gitignore/.test(m)), 'asked before touching .gitignore');
    }
    assert.ok(seen.some((m) => m.includes(`Linked ${path.basename(env.workspace)} to ${env.teamSlug}/${env.projectName}`)), seen.join('\n'));

    await refresh();
    await until(async () => (await rootRows()).some((r) => r.kind === 'deployment'), 'the tree lists the deployments');
    assert.equal(a.viewState.current, 'ready');
  });

  it('unlinks: removes project.json, README.txt, the empty .vercel folder, and the .gitignore line it added, after asking', async () => {
    const a = await api();
    const seen = answerMessages({ Unlink: 'Unlink', 'Remove the Line': 'gitignore' });
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.unlinkProject), true);
    assert.ok(seen.some((m) => new RegExp(`Unlink .* from the Vercel project ${env.projectName}`).test(m)), seen.join('\n'));
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root);
    assert.ok(
      seen.some((m) => m.startsWith(`Unlink ${root.name} from`)),
      `the dialog names the folder as the workspace does, not by its path: ${seen.join('\n')}`,
    );
    assert.ok(!seen.some((m) => m.includes(root.uri.fsPath)), 'no full path in the dialog');
    assert.equal(await exists(projectFile), false);
    assert.equal(await exists(readmeFile), false);
    assert.equal(await exists(vercelDir), false);
    assert.deepEqual(await readIfPresent(gitignoreFile), originalGitignore);
    await until(() => a.viewState.current === 'noProject', 'the view says no project is linked');

    await putBack(projectFile, originalLink);
    await a.links.refresh();
    await until(() => a.viewState.current !== 'noProject', 'the original link is back');
  });

  it('signs in with the Vercel CLI login from $XDG_DATA_HOME, and the Accounts menu has the session until Sign Out', async () => {
    const a = await api();
    const user = await whoAmI();
    await signOut();
    await until(() => a.viewState.current === 'signedOut', 'signed out');
    const authFile = path.join(xdg, 'com.vercel.cli', 'auth.json');
    await fs.mkdir(path.dirname(authFile), { recursive: true });
    const cliText = JSON.stringify({ '// Note': 'This is your Vercel credentials file. DO NOT SHARE!', token: env.token }, null, 2);
    await fs.writeFile(authFile, cliText);
    process.env['XDG_DATA_HOME'] = xdg;

    assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { silent: true }), undefined);
    // Another extension asks without forcing: VS Code adds "Sign in with Vercel" to the Accounts menu.
    assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], {}), undefined);
    const menuItem = (await vscode.commands.getCommands(true)).find((c) => new RegExp(`^${AUTH_PROVIDER_ID}:.+:signIn\\d+$`).test(c));
    assert.ok(menuItem, 'the Accounts menu offers to sign in with Vercel');

    const picks: string[][] = [];
    answerQuickPick((list) => {
      picks.push(list.map((i) => i.label));
      return list.find((i) => i.label === "Use the Vercel CLI's Login");
    });
    stub(vscode.window, 'showInputBox', async () => assert.fail('the paste box must not open'));
    const seen = answerMessages({});
    // What a person's click on that menu item runs: createSession, which is Set Token.
    await vscode.commands.executeCommand(menuItem);

    assert.deepEqual(picks, [["Use the Vercel CLI's Login", 'Paste a Token']]);
    assert.ok(seen.some((m) => m.includes(`Signed in to Vercel as ${user.username} with the Vercel CLI's login (${authFile})`)), seen.join('\n'));
    assert.equal(await fs.readFile(authFile, 'utf8'), cliText, "the CLI's file is not written");
    const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { silent: true });
    assert.ok(session, 'the provider returns a session');
    assert.equal(session.account.label, user.username);
    assert.equal(session.account.id, user.id);
    await until(() => a.viewState.current !== 'signedOut', 'the view follows the sign-in');

    await signOut();
    await until(() => a.viewState.current === 'signedOut', 'the view follows the sign-out');
    assert.equal(await vscode.authentication.getSession(AUTH_PROVIDER_ID, [], { silent: true }), undefined);
  });

  it('says what is wrong with a malformed CLI login and opens the paste box', async () => {
    const authFile = path.join(xdg, 'com.vercel.cli', 'auth.json');
    await fs.mkdir(path.dirname(authFile), { recursive: true });
    await fs.writeFile(authFile, '{"token": 42}');
    process.env['XDG_DATA_HOME'] = xdg;
    answerQuickPick((list) => list.find((i) => i.label === "Use the Vercel CLI's Login"));
    let pasted = false;
    stub(vscode.window, 'showInputBox', async () => {
      pasted = true;
      return env.token;
    });
    const seen = answerMessages({});
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.setToken), true);
    assert.ok(seen.some((m) => m.includes(`Could not read the Vercel CLI's login in ${authFile}: its "token" is not text`)), seen.join('\n'));
    assert.equal(pasted, true, 'the paste box opened');
    assert.equal(await fs.readFile(authFile, 'utf8'), '{"token": 42}');
  });

  it('shows a link the token cannot see with its link file, the account, Relink… and Set Token', async () => {
    const a = await api();
    assert.equal(await signIn(), true);
    const user = await whoAmI();
    await fs.writeFile(projectFile, JSON.stringify({ projectId: 'prj_elsewhere', orgId: 'team_not_a_member', projectName: 'elsewhere' }));
    try {
      await a.links.refresh();
      await refresh();
      await until(async () => (await rootRows()).some((r) => r.id === 'broken:team_not_a_member/prj_elsewhere'), 'the broken link is shown');
      await until(
        async () => (await rootRows()).some((r) => labelOf(r).includes(`is not visible to ${user.username}`)),
        'the signed-in account is named',
      );
      const rows = await rootRows();
      const broken = rows.find((r) => r.id === 'broken:team_not_a_member/prj_elsewhere');
      assert.ok(broken);
      assert.equal(labelOf(broken), `elsewhere is not visible to ${user.username}`);
      assert.match(String(broken.description), /^linked in .*\.vercel[\\/]project\.json$/);
      const tooltip = (broken.tooltip as vscode.MarkdownString).value;
      assert.ok(tooltip.includes('Link file'), tooltip);
      const relink = rows.find((r) => r.id === 'relink:team_not_a_member/prj_elsewhere');
      assert.equal(relink?.command?.command, Commands.linkProject);
      assert.equal((relink?.command?.arguments?.[0] as vscode.Uri | undefined)?.fsPath, vscode.Uri.file(env.workspace).fsPath);
      const setToken = rows.find((r) => r.id === 'otherAccount:team_not_a_member/prj_elsewhere');
      assert.equal(setToken?.command?.command, Commands.setToken);
    } finally {
      await putBack(projectFile, originalLink);
      await a.links.refresh();
    }
  });
});
