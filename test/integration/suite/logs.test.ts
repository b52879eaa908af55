/**
 * Build logs in a real extension host against the emulator: the read-only
 * `vercel-log` document of a failed build with its steps, links and
 * Problems-panel diagnostics on the workspace file the log names (and none
 * for paths that leave the folder), and a building deployment's log that
 * follows the stream and closes it with its editor.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, JSON_DOCUMENT_SCHEME, LOG_LANGUAGE, LOG_SCHEME, Settings } from '../../../src/constants';
import { BUILD_PROBLEMS_SOURCE } from '../../../src/logs/diagnostics';
import { api, control, env, refresh, restoreStubs, setting, signIn, signOut, stub, until } from './helpers';

const CART = ['export interface Cart {', '  items: string[];', '}', '', 'export const cart: Cart = { items: [] };', 'export const total = cart.total;', ''].join('\n');

/** A failed build's log in the shape Next.js prints, naming files inside and outside the workspace. */
const FAILED_LOG = [
  { type: 'stdout', text: 'Running build in Washington, D.C., USA (East) – iad1' },
  { type: 'stdout', text: 'Cloning github.com/acme/shop (Branch: logs-test, Commit: 1a2b3c4)' },
  { type: 'stdout', text: 'Cloning completed: 412.000ms' },
  { type: 'command', text: 'Running "npm run build"' },
  { type: 'stdout', text: '\u001b[1m> shop@0.1.0 build\u001b[22m' },
  { type: 'stdout', text: 'See https://nextjs.org/docs/messages/failed-to-compile' },
  { type: 'stderr', text: '\u001b[31mFailed to compile.\u001b[39m', level: 'error' },
  { type: 'stderr', text: '' },
  { type: 'stderr', text: './src/logtest/cart.ts:6:27' },
  { type: 'stderr', text: "Type error: Property 'total' does not exist on type 'Cart'.", level: 'error' },
  { type: 'stderr', text: '' },
  { type: 'stderr', text: './src/logtest/outside.ts:1:1' },
  { type: 'stderr', text: "Type error: Cannot find name 'hostname'.", level: 'error' },
  { type: 'stderr', text: 'src/../../outside-secret.ts(1,1): error TS2322: Type string is not assignable to type number.', level: 'error' },
  { type: 'mystery-type', text: 'an event type nobody documented' },
  { type: 'stderr', text: 'Error: Command "npm run build" exited with 1', level: 'error' },
];

function logEditors(): vscode.TextEditor[] {
  return vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === LOG_SCHEME);
}

function buildDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, list]): [vscode.Uri, vscode.Diagnostic[]] => [uri, list.filter((d) => d.source === BUILD_PROBLEMS_SOURCE)])
    .filter(([, list]) => list.length > 0);
}

async function openLog(id: string): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand(Commands.showLogs, { id, teamId: env.teamId });
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && editor.document.uri.scheme === LOG_SCHEME, 'no log editor is active');
  return editor.document;
}

describe('build logs', function () {
  this.timeout(90_000);
  const cartFile = path.join(env.workspace, 'src', 'logtest', 'cart.ts');
  let failedId = '';

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    // A reset emulator hands out the ids of earlier suites again: forget the logs read under them, and their problems.
    (await api()).logs.followers.clear();
    (await api()).logs.problems.clear();
    fs.mkdirSync(path.dirname(cartFile), { recursive: true });
    fs.writeFileSync(cartFile, CART);
    // A file outside the workspace, reached by a symlink inside it and by a path that climbs out.
    const outside = path.join(path.dirname(env.workspace), 'outside-secret.ts');
    fs.writeFileSync(outside, 'export const secret = 1;\n');
    const link = path.join(env.workspace, 'src', 'logtest', 'outside.ts');
    if (!fs.existsSync(link)) fs.symlinkSync(outside, link);
    const created = await control.createDeployment({
      readyState: 'ERROR',
      meta: { githubCommitRef: 'logs-test', githubCommitMessage: 'feat: cart total\n\nbody' },
      events: FAILED_LOG,
    });
    failedId = created.id;
    await refresh();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control.clearFaults();
  });

  it('opens a failed build as a read-only vercel-log document with its steps', async () => {
    const doc = await openLog(failedId);
    assert.equal(doc.languageId, LOG_LANGUAGE);
    assert.equal(doc.uri.path, `/${failedId}/feat: cart total.log`, 'the tab is titled with the commit');
    const text = doc.getText();
    assert.match(text, /Type error: Property 'total' does not exist on type 'Cart'\./);
    assert.match(text, /an event type nobody documented/, 'an unknown event type shows as text');
    assert.doesNotMatch(text, /\u001b/, 'no escape sequence reaches the document');
    assert.match(text, /^\d{2}:\d{2}:\d{2}\.\d{3} Running build in/, 'lines start with their time');

    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    const names = symbols.flatMap((s) => [s.name, ...s.children.map((c) => c.name)]);
    assert.ok(names.some((n) => n.startsWith('Running "npm run build"')), `no step for the build command in ${JSON.stringify(names)}`);
    assert.ok(names.some((n) => n.startsWith('Cloning')), `no step for cloning in ${JSON.stringify(names)}`);
    const failed = [...symbols, ...symbols.flatMap((s) => s.children)].find((s) => s.name.startsWith('Running "npm run build"'));
    assert.match(failed?.detail ?? '', /failed/, 'the failing step is marked');
    const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri)) ?? [];
    assert.ok(
      failed && folds.some((f) => f.start === failed.range.start.line && f.end === failed.range.end.line),
      `the build step folds: ${JSON.stringify(folds)}`,
    );

    // Opening it again shows the same editor.
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await openLog(failedId);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === LOG_SCHEME);
    assert.equal(tabs.length, 1);
  });

  it('opens a failed build with the caret on the error message, not on the time column', async () => {
    const doc = await openLog(failedId);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc);
    const caret = editor.selection.active;
    assert.ok(editor.selection.isEmpty, 'nothing is selected');
    const text = doc.lineAt(caret.line).text;
    assert.match(text, /^\d{2}:\d{2}:\d{2}\.\d{3} /, 'the line starts with its time');
    assert.ok(caret.character >= 13, `the caret is past the time column, at ${caret.character} of ${JSON.stringify(text)}`);
    assert.ok(
      text.slice(caret.character).startsWith("Type error: Property 'total' does not exist on type 'Cart'."),
      `the caret is at the start of the first problem's message: ${JSON.stringify(text.slice(caret.character))}`,
    );
    // What VS Code highlights across the document is the word at the caret: it must not be a number of the time.
    const word = doc.getWordRangeAtPosition(caret);
    assert.ok(word === undefined || !/^\d+$/.test(doc.getText(word)), `the caret is on ${word && doc.getText(word)}`);
  });

  it('cannot be edited, not even through workspace.applyEdit', async () => {
    const doc = await openLog(failedId);
    const before = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'edited ');
    // VS Code applies an edit even to a read-only file system's model; the extension takes it back at once.
    const applied = await vscode.workspace.applyEdit(edit);
    await until(() => doc.getText() === before && !doc.isDirty, `the document is back as it was (applyEdit said ${applied})`);
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'the log is still the active editor');
  });

  it('publishes the build problem on the workspace file it names, and none for paths that leave the folder', async () => {
    const cartUri = vscode.Uri.file(cartFile);
    await until(() => vscode.languages.getDiagnostics(cartUri).some((d) => d.source === BUILD_PROBLEMS_SOURCE), 'the Problems panel lists the type error');
    const [diagnostic] = vscode.languages.getDiagnostics(cartUri).filter((d) => d.source === BUILD_PROBLEMS_SOURCE);
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 5);
    assert.equal(diagnostic.range.start.character, 26);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /Property 'total' does not exist on type 'Cart'\./);
    assert.match(diagnostic.message, /feat: cart total/, 'the message names the deployment');
    const related = diagnostic.relatedInformation?.[0];
    assert.equal(related?.location.uri.scheme, LOG_SCHEME, 'a related link leads back to the log');

    // Other failed builds of the emulator may name files of the workspace too; none may name one outside it.
    const root = fs.realpathSync(env.workspace);
    for (const [uri] of buildDiagnostics()) {
      assert.ok(fs.realpathSync(uri.fsPath).startsWith(`${root}${path.sep}`), `${uri.fsPath} is outside the workspace`);
      assert.ok(!uri.fsPath.includes('outside'), `${uri.fsPath} reaches outside through a symlink or ..`);
    }

    const doc = await openLog(failedId);
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
    const targets = links.map((l) => l.target?.toString(true) ?? '');
    assert.ok(targets.some((t) => t.startsWith(cartUri.toString(true)) && t.endsWith('#L6,27')), `no link into cart.ts in ${JSON.stringify(targets)}`);
    assert.ok(targets.includes('https://nextjs.org/docs/messages/failed-to-compile'), 'the URL is a link');
    assert.ok(!targets.some((t) => t.includes('outside')), 'a path out of the folder is no link');

    const line = doc.getText().split('\n').findIndex((l) => l.includes('./src/logtest/cart.ts:6:27'));
    const column = doc.lineAt(line).text.indexOf('./src/logtest') + 3;
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, column))) ?? [];
    const shown = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(shown, /export const total = cart\.total;/, 'the hover shows the referenced line');
  });

  it('clears the problems when a newer deployment of the branch is ready', async () => {
    const cartUri = vscode.Uri.file(cartFile);
    await until(() => vscode.languages.getDiagnostics(cartUri).length > 0, 'the problem is listed');
    await control.createDeployment({ readyState: 'READY', meta: { githubCommitRef: 'logs-test' } });
    await refresh();
    await until(() => vscode.languages.getDiagnostics(cartUri).every((d) => d.source !== BUILD_PROBLEMS_SOURCE), 'the problem is gone');
  });

  it("shows a failed build's problems while its log is open, though it is not the checked-out branch's newest", async () => {
    const cartUri = vscode.Uri.file(cartFile);
    const listed = () => vscode.languages.getDiagnostics(cartUri).some((d) => d.source === BUILD_PROBLEMS_SOURCE);
    // A newer READY deployment of its branch (the test before) took the problems away.
    await until(() => !listed(), 'no problem while the newer build is ready');
    await openLog(failedId);
    await until(listed, 'the problem is listed while its log is open');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(() => !listed(), 'the problem goes with the log');
  });

  it('follows a building deployment, shows appended lines, and closes the stream with its editor', async () => {
    const a = await api();
    const building = await control.createDeployment({
      readyState: 'BUILDING',
      events: [{ type: 'stdout', text: 'first line of a live build' }],
    });
    await refresh();
    const doc = await openLog(building.id);
    await until(() => doc.getText().includes('first line of a live build'), 'the document shows what was written');
    const follower = a.logs.followers.find(building.id);
    assert.ok(follower?.live, 'the log is followed live');

    await control.appendEvents(building.id, [{ type: 'stdout', text: 'a line written while it is open' }]);
    await until(() => doc.getText().includes('a line written while it is open'), 'the appended line shows');
    assert.equal(doc.getText().split('a line written while it is open').length, 2, 'the line shows once');

    const follows = async () => (await control.requests()).filter((r) => r.path === `/v3/deployments/${building.id}/events` && r.query['follow'] === '1').length;
    const opened = await follows();
    assert.equal(opened, 1, `one stream, no polling: ${JSON.stringify((await control.requests()).filter((r) => r.path.includes(building.id)))}`);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(() => logEditors().length === 0 && follower.live === false, 'the stream is closed with the editor');
    const lines = follower.model.lines.length;
    await control.appendEvents(building.id, [{ type: 'stdout', text: 'after the editor closed' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(follower.model.lines.length, lines, 'no data arrives after the editor closed');
    assert.equal(await follows(), opened, 'and it does not reconnect');
  });
  it('toggles the time column without moving what the providers point at', async () => {
    const doc = await openLog(failedId);
    const timed = doc.getText();
    await vscode.commands.executeCommand(Commands.toggleLogTimestamps);
    try {
      await until(() => doc.getText().startsWith('Running build in'), 'the time column is gone');
      assert.equal(doc.lineCount, timed.split('\n').length, 'the lines stay where they were');
      const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
      const url = links.find((l) => l.target?.scheme === 'https');
      assert.ok(url);
      assert.equal(doc.getText(url.range), 'https://nextjs.org/docs/messages/failed-to-compile');
    } finally {
      await setting(Settings.logTimestamps, undefined);
    }
    await until(() => doc.getText() === timed, 'the time column is back');
  });

  it('opens from the status-bar tooltip', async () => {
    const a = await api();
    const link = /\(command:vercelDeployments\.showLogs\?([^)]*)\)/.exec(a.statusBar.snapshot.tooltip);
    assert.ok(link?.[1], 'the tooltip offers the build logs');
    const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    await vscode.commands.executeCommand(Commands.showLogs, ...args);
    const uri = vscode.window.activeTextEditor?.document.uri;
    assert.equal(uri?.scheme, LOG_SCHEME);
    assert.equal(uri?.path.split('/')[1], a.statusBar.shown?.id);
  });

  it('shows an endpoint error on the first line with a way to retry', async () => {
    const created = await control.createDeployment({ readyState: 'ERROR', events: [{ type: 'stdout', text: 'the log after all' }] });
    await refresh();
    await control.fault({ method: 'GET', path: `/v3/deployments/${created.id}/events`, status: 500, count: 0 });
    const doc = await openLog(created.id);
    await until(() => doc.lineAt(0).text.includes('Could not load the build log'), 'the first line says why');
    // Reading the failed log again (VS Code does after every change) asks Vercel nothing.
    const asked = async () => (await control.requests()).filter((r) => r.path === `/v3/deployments/${created.id}/events`).length;
    const before = await asked();
    await vscode.workspace.fs.readFile(doc.uri);
    assert.equal((await api()).logs.followers.find(created.id)?.status, 'failed');
    assert.equal(await asked(), before, 'no request until Retry');
    let retry: vscode.CodeLens | undefined;
    await until(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      retry = lenses.find((l) => l.command?.command === Commands.retryLogs);
      return retry !== undefined;
    }, 'a Retry code lens above the error');
    assert.ok(retry?.command);
    await control.clearFaults();
    await vscode.commands.executeCommand(retry.command.command, ...(retry.command.arguments ?? []));
    await until(() => doc.getText().includes('the log after all') && !doc.getText().includes('Could not load'), 'the log shows after the retry');
  });

  it('opens a 200,000-line log and outlines it', async function () {
    this.timeout(180_000);
    const chunk = Array.from({ length: 1000 }, (_, i) => `line ${i} of a long build: compiling module number ${i} ........................`).join('\n');
    const events = [
      { type: 'command', text: 'Running "npm run build"' },
      ...Array.from({ length: 200 }, () => ({ type: 'stdout', text: chunk })),
      { type: 'stderr', text: 'Error: Command "npm run build" exited with 1', level: 'error' },
    ];
    const created = await control.createDeployment({ readyState: 'ERROR', events });
    await refresh();
    const doc = await openLog(created.id);
    assert.ok(doc.lineCount >= 200_002, `only ${doc.lineCount} lines`);
    assert.ok(doc.getText().length > 10_000_000, 'a 10 MB document');
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    assert.ok(symbols.some((s) => s.name.startsWith('Running "npm run build"') && s.range.end.line >= 200_000));
  });

  it('keeps the deployment JSON document read-only too', async () => {
    await vscode.commands.executeCommand(Commands.openJson, { id: failedId, teamId: env.teamId });
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, JSON_DOCUMENT_SCHEME);
    const before = doc.getText();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '// edited\n');
    const applied = await vscode.workspace.applyEdit(edit);
    await until(() => doc.getText() === before && !doc.isDirty, `the JSON is back as it was (applyEdit said ${applied})`).catch((error: unknown) => {
      const now = doc.getText();
      let i = 0;
      while (i < now.length && now[i] === before[i]) i++;
      throw new Error(`${String(error)}; dirty: ${doc.isDirty}, lengths ${before.length}/${now.length}, differ at ${i}: ${JSON.stringify(before.slice(i - 20, i + 40))} vs ${JSON.stringify(now.slice(i - 20, i + 40))}`);
    });
  });
  it('stays at the bottom while the build writes, unless the person scrolled up', async () => {
    const building = await control.createDeployment({ readyState: 'BUILDING', events: [{ type: 'stdout', text: 'start' }] });
    await refresh();
    const doc = await openLog(building.id);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === doc);
    const lastVisible = () => editor.visibleRanges[editor.visibleRanges.length - 1]?.end.line ?? -1;
    await control.appendEvents(building.id, Array.from({ length: 150 }, (_, i) => ({ type: 'stdout', text: `written ${i}` })));
    await until(() => doc.getText().includes('written 149'), 'the lines arrived');
    await until(() => lastVisible() >= doc.lineCount - 2, 'the view follows the end');

    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await until(() => editor.visibleRanges[0]?.start.line === 0, 'scrolled to the top');
    await control.appendEvents(building.id, Array.from({ length: 50 }, (_, i) => ({ type: 'stdout', text: `later ${i}` })));
    await until(() => doc.getText().includes('later 49'), 'the later lines arrived');
    assert.equal(editor.visibleRanges[0]?.start.line, 0, 'the view stays where the person put it');
  });

  it('closes the build logs on Sign Out, with no warning about what they can no longer read', async () => {
    const a = await api();
    await openLog(failedId);
    const logTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === LOG_SCHEME);
    assert.equal(logTabs().length, 1);
    const warnings: string[] = [];
    const warn = a.logs.log.warn.bind(a.logs.log);
    stub(a.logs.log, 'warn', (message: string, ...args: unknown[]) => {
      warnings.push(message);
      warn(message, ...args);
    });
    try {
      await signOut();
      await until(() => logTabs().length === 0, 'the log tab is closed');
      await until(() => a.logs.followers.find(failedId)?.live !== true, 'its follower is idle');
      // Whatever was still on its way when the token went would answer within this.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(warnings, [], 'nothing was logged as a warning');
    } finally {
      restoreStubs();
      assert.equal(await signIn(), true);
    }
  });

  it('clears the build problems when turned off and on Sign Out', async () => {
    const cartUri = vscode.Uri.file(cartFile);
    await control.createDeployment({ readyState: 'ERROR', meta: { githubCommitRef: 'logs-sign-out' }, events: FAILED_LOG });
    await refresh();
    await until(() => vscode.languages.getDiagnostics(cartUri).some((d) => d.source === BUILD_PROBLEMS_SOURCE), 'the problem is listed');
    await setting(Settings.buildProblems, 'off');
    try {
      await until(() => buildDiagnostics().length === 0, 'buildProblems "off" takes them away');
    } finally {
      await setting(Settings.buildProblems, undefined);
    }
    await until(() => vscode.languages.getDiagnostics(cartUri).some((d) => d.source === BUILD_PROBLEMS_SOURCE), 'they come back');
    await signOut();
    try {
      await until(() => buildDiagnostics().length === 0, 'no build problem is left');
    } finally {
      assert.equal(await signIn(), true);
    }
  });

  it('puts a problem the tool printed no line for on the import that names it', async () => {
    const a = await api();
    const project = a.store.projects[0]?.project;
    assert.ok(project, 'a linked project');
    // The newest failure of the branch checked out (or of a branch of its own where Git knows none) is the one shown.
    const branch = a.git.of(project)?.branch ?? 'logs-search';
    const widget = path.join(env.workspace, 'src', 'logtest', 'widget.tsx');
    fs.writeFileSync(widget, ["import { useState } from 'react';", "import { Header } from './missing-header';", '', 'export const Widget = () => Header;', ''].join('\n'));
    await control.createDeployment({
      readyState: 'ERROR',
      meta: { githubCommitRef: branch, githubCommitMessage: 'feat: widget' },
      events: [
        { type: 'command', text: 'Running "npm run build"' },
        { type: 'stderr', text: 'Failed to compile.', level: 'error' },
        { type: 'stderr', text: '' },
        { type: 'stderr', text: './src/logtest/widget.tsx' },
        { type: 'stderr', text: "Module not found: Can't resolve './missing-header'", level: 'error' },
        { type: 'stderr', text: 'Error: Command "npm run build" exited with 1', level: 'error' },
      ],
    });
    await refresh();
    const uri = vscode.Uri.file(widget);
    const listed = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === BUILD_PROBLEMS_SOURCE);
    await until(() => listed().length > 0, 'the Problems panel lists the missing module');
    const [diagnostic] = listed();
    assert.ok(diagnostic);
    assert.match(diagnostic.message, /Can't resolve '\.\/missing-header'/);
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [1, 23, 1, 41],
      "on './missing-header' in the import, not on line 1",
    );
  });

  it('keeps the problems it read, so the log is not downloaded again (not even by a new window)', async () => {
    const a = await api();
    const project = a.store.projects[0]?.project;
    assert.ok(project, 'a linked project');
    const branch = a.git.of(project)?.branch ?? 'logs-cache';
    const created = await control.createDeployment({
      readyState: 'ERROR',
      meta: { githubCommitRef: branch, githubCommitMessage: 'feat: remembered problems' },
      events: FAILED_LOG,
    });
    const downloads = async () => (await control.requests()).filter((r) => r.path === `/v3/deployments/${created.id}/events`).length;
    await refresh();
    const cartUri = vscode.Uri.file(cartFile);
    const listed = () => vscode.languages.getDiagnostics(cartUri).some((d) => d.source === BUILD_PROBLEMS_SOURCE && d.message.includes('remembered problems'));
    await until(listed, 'the problem of the new failure is listed');
    assert.equal(await downloads(), 1, 'its log was read once');

    // What a window that opens again starts with: no log in memory, the workspace state as it was left.
    a.logs.followers.clear();
    await refresh();
    await a.logs.problems.settled();
    await refresh();
    await a.logs.problems.settled();
    assert.ok(listed(), 'the problem is still listed');
    assert.equal(a.logs.followers.find(created.id), undefined, 'no log was loaded for it');
    assert.equal(await downloads(), 1, 'and none was downloaded');
  });
});
