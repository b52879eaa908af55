/**
 * Runtime logs in a real extension host against the emulator: a READY
 * deployment's log opens as a read-only `vercel-runtime-log` document with
 * its history, a line posted through the control API appears, a stack frame
 * becomes a link and a "Vercel runtime" diagnostic on the workspace file
 * while a frame that climbs out of the folder gets neither, filters reach
 * the tab's title and the history's query, a refusal says so on the first
 * line, hostile text stays text, and closing the editor closes the stream.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, RUNTIME_LOG_LANGUAGE, RUNTIME_LOG_SCHEME, Settings } from '../../../src/constants';
import { RUNTIME_PROBLEMS_SOURCE } from '../../../src/runtimeLogs/diagnostics';
import type { ControlRuntimeLog } from '../../emulator/control';
import { api, control, env, plain, refresh, restoreStubs, setting, signIn, signOut, until } from './helpers';

const ROUTE = 'app/api/checkout/route.ts';

/** The checkout's 500 as a function prints it, its top frame on a real line of the workspace's route. */
function checkoutError(message: string): string {
  return [message, `    at POST (/var/task/${ROUTE}:12:25)`, '    at async AppRouteRouteModule.do (/var/task/node_modules/next/dist/compiled/next-server/app-route.runtime.prod.js:10:34190)'].join('\n');
}

function runtimeTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === RUNTIME_LOG_SCHEME);
}

function runtimeDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, list]): [vscode.Uri, vscode.Diagnostic[]] => [uri, list.filter((d) => d.source === RUNTIME_PROBLEMS_SOURCE)])
    .filter(([, list]) => list.length > 0);
}

async function openRuntimeLog(id: string): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand(Commands.showRuntimeLogs, { id, teamId: env.teamId });
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && editor.document.uri.scheme === RUNTIME_LOG_SCHEME, 'no runtime log editor is active');
  return editor.document;
}

/** A READY preview with the given history (dated minutes ago) and nothing else posted. */
async function readyWith(message: string, history: ControlRuntimeLog[], meta: Record<string, string> = {}): Promise<string> {
  const created = await control.createDeployment({ readyState: 'READY', target: null, meta: { githubCommitMessage: message, githubCommitRef: 'feat/runtime-logs', ...meta } });
  if (history.length > 0) await control.appendRuntimeLogs(created.id, history);
  await refresh();
  return created.id;
}

const ago = (minutes: number) => Date.now() - minutes * 60_000;

describe('runtime logs', function () {
  this.timeout(90_000);
  const routeFile = () => path.join(env.workspace, ROUTE);
  let readyId = '';

  before(async () => {
    await control.reset();
    assert.equal(await signIn(), true);
    (await api()).runtimeLogs.followers.clear();
    // A file outside the workspace, reached through a symlink inside it and by a path that climbs out.
    const outside = path.join(path.dirname(env.workspace), 'outside-runtime.ts');
    fs.writeFileSync(outside, 'export const secret = 1;\n');
    const link = path.join(env.workspace, 'lib', 'outside-link.ts');
    if (!fs.existsSync(link)) fs.symlinkSync(outside, link);
    readyId = await readyWith('feat: checkout totals', [
      { level: 'info', message: 'checkout: 1 × Enamel mug = $18.00', requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 200, timestampInMs: ago(30) },
      { level: 'error', message: checkoutError("TypeError: Cannot read properties of undefined (reading 'price') [runtime-test]"), requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500, timestampInMs: ago(20) },
      { level: 'error', message: checkoutError("TypeError: Cannot read properties of undefined (reading 'price') [runtime-test]"), requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500, timestampInMs: ago(19) },
      {
        level: 'error',
        message: ['Error: escape attempt [runtime-test]', '    at steal (/var/task/../../outside-runtime.ts:1:1)', '    at link (/var/task/lib/outside-link.ts:1:1)'].join('\n'),
        requestMethod: 'GET',
        requestPath: '/escape',
        responseStatusCode: 500,
        timestampInMs: ago(18),
      },
    ]);
  });

  afterEach(async () => {
    restoreStubs();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await control.clearFaults();
  });

  it('opens a READY deployment as a read-only vercel-runtime-log document with its last hour, one editor per deployment', async () => {
    const doc = await openRuntimeLog(readyId);
    assert.equal(doc.languageId, RUNTIME_LOG_LANGUAGE);
    assert.match(doc.uri.path, new RegExp(`^/${readyId}/feat: checkout totals \\(runtime\\)\\.log$`), 'the tab is titled with the commit');
    await until(() => doc.getText().includes('checkout: 1 × Enamel mug'), 'the history shows');
    const lines = doc.getText().split('\n');
    assert.match(lines[0] ?? '', /^── Live/, 'the first line says it is live');
    const header = lines.findIndex((l) => / POST +500 \/api\/checkout {2}\(serverless\)$/.test(l));
    assert.ok(header > 0, `a request header: ${lines.slice(0, 8).join(' | ')}`);
    assert.match(lines[header + 1] ?? '', /^ {12} {4}error {3}TypeError: Cannot read properties of undefined/, 'its line under it');

    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    assert.ok(symbols.some((s) => s.name === 'POST /api/checkout 500'), `symbols: ${JSON.stringify(symbols.map((s) => s.name))}`);
    const folds = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri)) ?? [];
    assert.ok(folds.some((f) => f.start === header && f.end >= header + 2), `the request folds: ${JSON.stringify(folds)}`);

    // Opening it again shows the same editor.
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await openRuntimeLog(readyId);
    assert.equal(runtimeTabs().length, 1);

    const edit = new vscode.WorkspaceEdit();
    const before = doc.getText();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'edited ');
    await vscode.workspace.applyEdit(edit);
    await until(() => doc.getText() === before && !doc.isDirty, 'an edit is taken back');
  });

  it('shows a line posted through the control route within half a second, once, at the bottom', async () => {
    const doc = await openRuntimeLog(readyId);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await until(async () => (await control.runtimeLogStreams()).some((s) => s.deploymentId === readyId), 'the stream is open');
    const posted = Date.now();
    await control.appendRuntimeLogs(readyId, [{ level: 'warning', message: 'a line written while it is open', requestMethod: 'GET', requestPath: '/cart', responseStatusCode: 200 }]);
    await until(() => doc.getText().includes('a line written while it is open'), 'the posted line shows', 5000);
    assert.ok(Date.now() - posted < 1500, `it took ${Date.now() - posted} ms`);
    assert.equal(doc.getText().split('a line written while it is open').length, 2, 'once');
    await until(() => (editor.visibleRanges.at(-1)?.end.line ?? 0) >= doc.lineCount - 2, 'the view is at the bottom');
  });

  it('makes a stack frame a link and a "Vercel runtime" diagnostic on the workspace file; a frame that leaves the folder gets neither', async () => {
    const doc = await openRuntimeLog(readyId);
    const uri = vscode.Uri.file(routeFile());
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === RUNTIME_PROBLEMS_SOURCE && d.message.includes('[runtime-test]'));
    await until(() => ours().length > 0, 'the Problems panel lists the runtime error');
    const [diagnostic] = ours();
    assert.ok(diagnostic);
    assert.equal(diagnostic.range.start.line, 11);
    assert.equal(diagnostic.range.start.character, 24);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /POST \/api\/checkout → 500/, 'names the request');
    assert.match(diagnostic.message, /2 times/, 'says how often');
    assert.match(diagnostic.message, /feat: checkout totals/, 'names the deployment');
    assert.equal(diagnostic.relatedInformation?.[0]?.location.uri.scheme, RUNTIME_LOG_SCHEME, 'a link back to the log');

    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
    const targets = links.map((l) => l.target?.toString(true) ?? '');
    assert.ok(targets.some((t) => t.startsWith(uri.toString(true)) && t.endsWith('#L12,25')), `no link into the route: ${JSON.stringify(targets)}`);
    assert.ok(!targets.some((t) => t.includes('outside')), `a frame out of the folder is no link: ${JSON.stringify(targets)}`);
    const root = fs.realpathSync(env.workspace);
    for (const [file] of runtimeDiagnostics()) {
      assert.ok(fs.realpathSync(file.fsPath).startsWith(`${root}${path.sep}`), `${file.fsPath} is outside the workspace`);
      assert.ok(!file.fsPath.includes('outside'), `${file.fsPath} is reached through a symlink or ..`);
    }

    const line = doc.getText().split('\n').findIndex((l) => l.includes(`/var/task/${ROUTE}:12:25`));
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('/var/task') + 2))) ?? [];
    const shown = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(shown, /const total = product\.price \* quantity;/, 'the hover shows the line');
  });

  it("links a built route's frame through the workspace's source map, else to the function it names", async () => {
    const built = (column: number, marker: string) => ({
      level: 'error' as const,
      message: [`TypeError: a built frame [${marker}]`, `    at POST (/var/task/.next/server/app/api/checkout/route.js:1:${column})`].join('\n'),
      requestMethod: 'POST',
      requestPath: '/api/checkout',
      responseStatusCode: 500,
      timestampInMs: ago(3),
    });
    const id = await readyWith('feat: built frames', [built(1377, 'no-map')], { githubCommitRef: 'feat/built-frames' });
    const doc = await openRuntimeLog(id);
    const uri = vscode.Uri.file(routeFile());
    const routeLines = fs.readFileSync(routeFile(), 'utf8').split('\n');
    const definition = routeLines.findIndex((l) => l.includes('function POST')) + 1;
    const linkTo = async (marker: string) => {
      const line = doc.getText().split('\n').findIndex((l) => l.includes(`[${marker}]`)) + 1;
      const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
      return links.find((l) => l.range.start.line === line)?.target?.toString(true);
    };
    await until(async () => (await linkTo('no-map')) !== undefined, 'the built frame is a link');
    assert.equal(await linkTo('no-map'), `${uri.toString(true)}#L${definition},1`, 'without a map: where POST is defined');
    const viaDefinition = () => vscode.languages.getDiagnostics(uri).find((d) => d.source === RUNTIME_PROBLEMS_SOURCE && d.message.includes('[no-map]'));
    await until(() => viaDefinition() !== undefined, 'a problem where the function is defined');
    assert.equal(viaDefinition()?.range.start.line, definition - 1);
    assert.match(viaDefinition()?.message ?? '', /no source map/);

    // The workspace's build output has the route's source map: the frame lands on the line it maps to.
    const mapFile = path.join(env.workspace, '.next', 'server', 'app', 'api', 'checkout', 'route.js.map');
    fs.mkdirSync(path.dirname(mapFile), { recursive: true });
    const vlq = (values: number[]) =>
      values
        .map((value) => {
          let v = value < 0 ? (-value << 1) | 1 : value << 1;
          let out = '';
          do {
            let digit = v & 31;
            v >>>= 5;
            if (v > 0) digit |= 32;
            out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[digit];
          } while (v > 0);
          return out;
        })
        .join('');
    // Built column 2000 (0-based 1999) comes from route.ts line 12, column 25 (0-based 11, 24).
    fs.writeFileSync(mapFile, JSON.stringify({ version: 3, sources: [`webpack://storefront/./${ROUTE}`], mappings: `${vlq([0, 0, 0, 0])},${vlq([1999, 0, 11, 24])}` }));
    try {
      await control.appendRuntimeLogs(id, [{ ...built(2001, 'mapped'), timestampInMs: undefined }]);
      await until(async () => (await linkTo('mapped')) === `${uri.toString(true)}#L12,25`, 'the frame follows the source map to line 12', 10_000);
    } finally {
      fs.rmSync(path.join(env.workspace, '.next'), { recursive: true, force: true });
    }
  });

  it('takes the diagnostics away when the log closes, and closes the stream (the emulator sees it end)', async () => {
    await openRuntimeLog(readyId);
    await until(async () => (await control.runtimeLogStreams()).some((s) => s.deploymentId === readyId), 'the stream is open');
    await until(() => runtimeDiagnostics().length > 0, 'a runtime problem is listed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(async () => !(await control.runtimeLogStreams()).some((s) => s.deploymentId === readyId), 'the stream is closed');
    await until(() => runtimeDiagnostics().length === 0, 'its problems are gone');
    assert.equal((await api()).runtimeLogs.followers.find(readyId), undefined, 'nothing of it stays');
  });

  it('takes the diagnostics away when a newer deployment of the branch is READY, and with runtimeProblems "off"', async () => {
    await openRuntimeLog(readyId);
    await until(() => runtimeDiagnostics().length > 0, 'a runtime problem is listed');
    await setting(Settings.runtimeProblems, 'off');
    try {
      await until(() => runtimeDiagnostics().length === 0, '"off" takes them away');
    } finally {
      await setting(Settings.runtimeProblems, undefined);
    }
    await until(() => runtimeDiagnostics().length > 0, 'they come back');
    await control.createDeployment({ readyState: 'READY', target: null, meta: { githubCommitRef: 'feat/runtime-logs', githubCommitMessage: 'feat: the fix' } });
    await refresh();
    await until(() => runtimeDiagnostics().length === 0, 'a newer READY deployment of the branch takes them away');
  });

  it('filters history and stream, says so in the tab’s title, and asks Vercel for what it can filter', async () => {
    const id = await readyWith('feat: filters', [
      { level: 'info', message: 'quiet info line', requestMethod: 'GET', requestPath: '/cart', responseStatusCode: 200, timestampInMs: ago(10) },
      { level: 'error', message: 'loud error line', requestMethod: 'GET', requestPath: '/api/hello', responseStatusCode: 500, timestampInMs: ago(9) },
    ]);
    const doc = await openRuntimeLog(id);
    await until(() => doc.getText().includes('quiet info line'), 'the history shows');
    await control.clearRequests();
    await vscode.commands.executeCommand(Commands.filterRuntimeLogs, doc.uri, { levels: ['error'], statuses: ['5xx'], path: '/api' });
    const filtered = () => vscode.window.activeTextEditor?.document;
    // The path's slash is a fraction slash in a title (a slash would be a path separator).
    await until(() => filtered()?.uri.path.includes('(runtime · errors · 5xx · \u2044api)') === true, `the title names the filter: ${filtered()?.uri.path}`);
    const now = filtered();
    assert.ok(now);
    await until(() => now.getText().includes('loud error line') && !now.getText().includes('quiet info line'), 'only what the filter lets through');
    assert.equal(runtimeTabs().length, 1, 'still one editor for the deployment');
    const asked = (await control.requests()).find((r) => r.path === '/api/logs/request-logs');
    assert.equal(asked?.query['level'], 'error,fatal');
    assert.equal(asked?.query['statusCode'], '5xx');
    await control.appendRuntimeLogs(id, [
      { level: 'info', message: 'live info line', requestMethod: 'GET', requestPath: '/api/x', responseStatusCode: 200 },
      { level: 'error', message: 'live error line', requestMethod: 'GET', requestPath: '/api/x', responseStatusCode: 500 },
    ]);
    await until(() => now.getText().includes('live error line'), 'a matching live line shows');
    assert.ok(!now.getText().includes('live info line'), 'another does not');
  });

  it('keeps hostile text inert: escapes, controls, reordering marks, markup, 1 MB and invalid UTF-8', async () => {
    const id = await readyWith('feat: hostile', []);
    const doc = await openRuntimeLog(id);
    await until(async () => (await control.runtimeLogStreams()).some((s) => s.deploymentId === id), 'the stream is open');
    await control.appendRuntimeLogs(id, [
      { level: 'error', message: '\u001b[31mred\u001b[0m \u001b]8;;command:workbench.action.quit\u0007click\u001b]8;;\u0007 rlo\u202Eexe.txt', requestMethod: 'GET', requestPath: '/a', responseStatusCode: 500 },
      { level: 'info', message: '[run](command:workbench.action.quit) <img src=x onerror=alert(1)> bad \ud800 surrogate', requestMethod: 'GET', requestPath: '/b', responseStatusCode: 200 },
      { level: 'info', message: 'M'.repeat(1024 * 1024), requestMethod: 'GET', requestPath: '/c', responseStatusCode: 200, messageTruncated: true },
    ]);
    await until(() => doc.getText().includes('more not shown'), 'the long message arrived');
    const text = doc.getText();
    assert.doesNotMatch(text, /\u001b|\u202E/, 'no escape or reordering mark reaches the document');
    assert.match(text, /red click rlo<U\+202E>exe\.txt/);
    assert.match(text, /\[run\]\(command:workbench\.action\.quit\) <img src=x onerror=alert\(1\)>/, 'markup stays text');
    assert.match(text, /cut short by Vercel/);
    assert.ok(doc.lineCount < 1000 && text.length < 200_000, 'a 1 MB message is cut to what an editor shows');
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
    assert.ok(!links.some((l) => l.target?.scheme === 'command'), 'no command link');
  });

  it('says on the first line when Vercel refuses (403), with Retry', async () => {
    const id = await readyWith('feat: refused', []);
    const a = await api();
    await control.fault({ path: `/v1/projects/${env.projectId}/deployments/${id}/runtime-logs`, status: 403, count: 0 });
    await control.fault({ path: '/api/logs/request-logs', status: 403, count: 0 });
    const doc = await openRuntimeLog(id);
    await until(() => doc.lineAt(0).text.includes('Vercel refused'), 'the first line says why', 10_000);
    assert.match(doc.lineAt(0).text, /HTTP 403/);
    let retry: vscode.CodeLens | undefined;
    await until(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      retry = lenses.find((l) => l.command?.command === Commands.retryRuntimeLogs);
      return retry !== undefined;
    }, 'a Retry lens');
    await control.clearFaults();
    assert.ok(retry?.command);
    await vscode.commands.executeCommand(retry.command.command, ...(retry.command.arguments ?? []));
    await until(() => doc.lineAt(0).text.startsWith('── Live'), 'it follows after the retry');
    assert.equal(a.runtimeLogs.followers.find(id)?.status, 'live');
  });

  it('offers "Load older…" and puts the older lines above', async () => {
    const id = await readyWith('feat: older', [
      { level: 'info', message: 'three hours ago', requestMethod: 'GET', requestPath: '/old', responseStatusCode: 200, timestampInMs: ago(180) },
      { level: 'info', message: 'ten minutes ago', requestMethod: 'GET', requestPath: '/new', responseStatusCode: 200, timestampInMs: ago(10) },
    ]);
    const doc = await openRuntimeLog(id);
    await until(() => doc.getText().includes('ten minutes ago'), 'the last hour shows');
    assert.ok(!doc.getText().includes('three hours ago'));
    let older: vscode.CodeLens | undefined;
    await until(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
      older = lenses.find((l) => l.command?.command === Commands.loadOlderRuntimeLogs);
      return older !== undefined;
    }, 'a Load older… lens');
    assert.ok(older?.command);
    await vscode.commands.executeCommand(older.command.command, ...(older.command.arguments ?? []));
    await until(() => doc.getText().includes('three hours ago'), 'the older line shows');
    assert.ok(doc.getText().indexOf('three hours ago') < doc.getText().indexOf('ten minutes ago'), 'above the newer');
  });

  it('opens from the status-bar tooltip of a READY deployment, and pauses in the background', async () => {
    const a = await api();
    await until(() => a.statusBar.shown?.id !== undefined, 'the status bar shows a deployment');
    const shown = a.statusBar.shown?.id;
    const listed = shown ? a.store.find(shown)?.deployment : undefined;
    if (listed?.readyState === 'READY') {
      const link = /\(command:vercelDeployments\.showRuntimeLogs\?([^)]*)\)/.exec(a.statusBar.snapshot.tooltip);
      assert.ok(link?.[1], `the tooltip offers the runtime logs: ${plain(a.statusBar.snapshot.tooltip)}`);
      await vscode.commands.executeCommand(Commands.showRuntimeLogs, ...(JSON.parse(decodeURIComponent(link[1])) as unknown[]));
      assert.equal(vscode.window.activeTextEditor?.document.uri.path.split('/')[1], shown);
    }
    const doc = await openRuntimeLog(readyId);
    const follower = a.runtimeLogs.followers.find(readyId);
    assert.ok(follower);
    await until(() => follower.status === 'live', 'it is live');
    follower.pause();
    await until(() => doc.lineAt(0).text.startsWith('⏸ Paused'), 'the first line says it is paused');
    await until(async () => !(await control.runtimeLogStreams()).some((s) => s.deploymentId === readyId), 'no stream while paused');
    follower.resume();
    await until(() => doc.lineAt(0).text.startsWith('── Live'), 'it follows again');
  });

  it('opens 100,000 lines of history and stays responsive', async function () {
    this.timeout(180_000);
    const start = ago(50);
    // 250 requests of 400 lines each: five pages of request-logs, the newest when the log opens, the rest through Load older.
    const body = Array.from({ length: 399 }, (_, j) => `    detail ${j} of a busy request`).join('\n');
    const history: ControlRuntimeLog[] = Array.from({ length: 250 }, (_, i) => ({
      level: i % 50 === 0 ? 'error' : 'info',
      message: `request ${i} of a busy hour\n${body}`,
      requestMethod: 'GET',
      requestPath: `/r/${i}`,
      responseStatusCode: i % 50 === 0 ? 500 : 200,
      timestampInMs: start + i * 1000,
    }));
    const id = await readyWith('feat: busy', history);
    const a = await api();
    const doc = await openRuntimeLog(id);
    const follower = a.runtimeLogs.followers.find(id);
    assert.ok(follower);
    await until(() => doc.lineCount > 20_000, `the newest page shows (${doc.lineCount})`, 30_000);
    while (follower.canLoadOlder && follower.model.lines.length < 100_000) await follower.loadOlder();
    await until(() => doc.lineCount >= 100_000, `100,000 lines (${doc.lineCount})`, 60_000);
    const started = Date.now();
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    // The emulator's own traffic to the preview may add a request or two.
    assert.ok(symbols.length >= 250, `${symbols.length} requests`);
    await control.appendRuntimeLogs(id, [{ level: 'info', message: 'after the busy hour', requestMethod: 'GET', requestPath: '/z', responseStatusCode: 200 }]);
    await until(() => doc.getText(new vscode.Range(Math.max(0, doc.lineCount - 3), 0, doc.lineCount, 0)).includes('after the busy hour'), 'a live line still arrives');
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  it('closes the runtime logs and clears their problems on Sign Out', async () => {
    // A branch of its own: the one of the logs above has a newer READY deployment by now.
    const id = await readyWith('feat: sign out', [{ level: 'error', message: checkoutError('TypeError: before sign out'), requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500, timestampInMs: ago(5) }], {
      githubCommitRef: 'feat/runtime-sign-out',
    });
    await openRuntimeLog(id);
    await until(() => runtimeDiagnostics().length > 0, 'a runtime problem is listed');
    await signOut();
    try {
      await until(() => runtimeTabs().length === 0, 'the tab is closed');
      await until(() => runtimeDiagnostics().length === 0, 'no runtime problem is left');
    } finally {
      assert.equal(await signIn(), true);
    }
  });
});
