/**
 * Every menu entry of package.json, clicked the way a person clicks it, in a
 * real workbench (code-server in headless Chromium, against the emulator).
 *
 * The entries are read from `contributes.menus` and `contributes.commands`
 * (titles through package.nls.json) when the file loads, one test each: the
 * view's title-bar buttons and its "…" menu, a row's context menu and inline
 * buttons, the build log's title bar, and the palette (every command it
 * lists). For each, the workbench is put in a state where the entry's `when`
 * holds (a row whose `contextValue` matches, a filter, an open build log, a
 * log that failed to load, two linked projects), the entry is clicked, and
 * what follows must be what its title promises — a picker, a confirmation
 * naming the row, an editor, a panel, the clipboard — with no error
 * notification and no request that changes anything: every destructive
 * command is taken to its confirmation and dismissed, never confirmed.
 *
 * An entry whose command the `expected` table below does not know still gets
 * a test: something must visibly happen, and no error. A `when` that reads a
 * context key this file does not know fails with the key's name, so a new
 * entry is never silently left out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { ControlDeployment, EmulatorControl } from '../emulator/control';
import type { EmulatorInfo } from '../emulator/server';
import { repoRoot } from '../harness/paths';
import { createLinkedWorkspace } from '../harness/workspace';
import { entryName, evaluateWhen, readMenuEntries, type ContextValues, type MenuEntry } from './menuManifest';
import {
  actionName,
  chooseFromRowMenu,
  chooseFromViewOverflow,
  chooseMenuItem,
  clickInlineAction,
  clickViewTitleAction,
  sidebarTitle,
  treeRow,
} from './sidebar';
import { enterToken, errorNotifications, openWorkbench, runCommandExact, TOKEN, type Workbench } from './workbench';

const VIEW = 'vercelDeployments.deployments';
/** The second view of the container, and its pane's title. */
const ENV_VIEW = 'vercelDeployments.environment';
const ENV_VIEW_TITLE = 'Environment Variables';
/** The seeded plain variable the env rows act on, and its value (what Reveal shows and Copy copies). */
const ENV_KEY = 'NEXT_PUBLIC_API_URL';
const ENV_VALUE = 'https://api.example.com';

/** Whether a menu entry belongs to the Environment Variables view. */
const isEnvEntry = (entry: MenuEntry) => entry.when?.includes(`view == ${ENV_VIEW}`) === true;

// ---------------------------------------------------------------------------
// What each command should do when clicked

/** What a person sees when a command did its job. */
type Outcome =
  /** A quick pick with choices (which deployment, which filter, …). */
  | 'picker'
  /** The password box of Set Token. */
  | 'password'
  /** A modal confirmation; for a row, it names the row's deployment. */
  | 'confirm'
  /** VS Code's "open the external website?" prompt, naming the address. */
  | 'external'
  /** A new editor tab with the deployment's build log in it. */
  | 'log'
  /** A new editor tab with the deployment's JSON, its id in it. */
  | 'json'
  /** A new webview tab named after the deployment. */
  | 'webview'
  /** The clipboard holds the row's id or address. */
  | 'clipboard'
  /** The Output panel, showing the extension's channel. */
  | 'output'
  /** The list is fetched again: a deployment made since shows up. */
  | 'refresh'
  /** The filter is gone: a row it hid is back. */
  | 'unfiltered'
  /** The project rows are collapsed. */
  | 'collapsed'
  /** The view asks to sign in again. */
  | 'signedOut'
  /** The open build log is drawn again differently (timestamps on or off). */
  | 'logRedrawn'
  /** The log that failed loads: its text changes and Retry leaves the title bar. */
  | 'logLoaded'
  /** The runtime log that was refused follows: its first line says it is live and Retry leaves the title bar. */
  | 'runtimeLogLoaded'
  /** An input box of the command's own (a name, a file), not the palette. */
  | 'input'
  /** The environment variables are listed again (a GET of the list). */
  | 'envListed'
  /** The env row shows its value. */
  | 'revealed'
  /** The clipboard holds the env row's value. */
  | 'envClipboard';

interface Expectation {
  readonly outcome: Outcome;
  /** A state to prefer when the entry shows in several (a retry means most where a log failed). */
  readonly prefer?: StateName;
}

/** Palette and title-bar entries: no row to act on. */
const WITHOUT_ROW: Readonly<Record<string, Expectation>> = {
  'vercelDeployments.setToken': { outcome: 'password' },
  'vercelDeployments.signOut': { outcome: 'signedOut' },
  'vercelDeployments.refresh': { outcome: 'refresh' },
  'vercelDeployments.cancel': { outcome: 'picker' },
  'vercelDeployments.redeploy': { outcome: 'picker' },
  // From the title bar while production is rolled back, too: which deployment is the person's choice.
  'vercelDeployments.promote': { outcome: 'picker' },
  'vercelDeployments.promoteFromTitle': { outcome: 'picker' },
  'vercelDeployments.rollback': { outcome: 'picker' },
  'vercelDeployments.delete': { outcome: 'picker' },
  'vercelDeployments.openUrl': { outcome: 'picker' },
  'vercelDeployments.openInspector': { outcome: 'picker' },
  'vercelDeployments.copyUrl': { outcome: 'picker' },
  'vercelDeployments.copyId': { outcome: 'picker' },
  'vercelDeployments.showDetails': { outcome: 'picker' },
  'vercelDeployments.openJson': { outcome: 'picker' },
  'vercelDeployments.showLogs': { outcome: 'picker' },
  'vercelDeployments.filter': { outcome: 'picker' },
  'vercelDeployments.clearFilter': { outcome: 'unfiltered' },
  'vercelDeployments.collapseAll': { outcome: 'collapsed' },
  // Already linked: it first asks whether to replace the link.
  'vercelDeployments.linkProject': { outcome: 'confirm' },
  'vercelDeployments.unlinkProject': { outcome: 'confirm' },
  'vercelDeployments.showLog': { outcome: 'output' },
  'vercelDeployments.toggleLogTimestamps': { outcome: 'logRedrawn' },
  'vercelDeployments.retryLogs': { outcome: 'logLoaded', prefer: 'failedLog' },
  // Which project (two linked), else Preview or Production: nothing leaves the machine before a later confirmation.
  'vercelDeployments.deploy': { outcome: 'picker' },
  // Deploy Branch… in a workspace whose repository has no remote says so (a warning): left to the "something visible" rule.
  // One linked project: they first ask which environment.
  'vercelDeployments.env.pull': { outcome: 'picker' },
  'vercelDeployments.env.compare': { outcome: 'picker' },
  'vercelDeployments.showRuntimeLogs': { outcome: 'picker' },
  'vercelDeployments.filterRuntimeLogs': { outcome: 'picker', prefer: 'runtimeLog' },
  'vercelDeployments.retryRuntimeLogs': { outcome: 'runtimeLogLoaded', prefer: 'failedRuntimeLog' },
  'vercelDeployments.env.add': { outcome: 'input' },
  'vercelDeployments.env.refresh': { outcome: 'envListed' },
};

/** A row's context menu and inline buttons: they act on that row. */
const ON_ROW: Readonly<Record<string, Expectation>> = {
  'vercelDeployments.showLogs': { outcome: 'log' },
  'vercelDeployments.showRuntimeLogs': { outcome: 'log' },
  'vercelDeployments.cancel': { outcome: 'confirm' },
  'vercelDeployments.redeploy': { outcome: 'confirm' },
  'vercelDeployments.promote': { outcome: 'confirm' },
  'vercelDeployments.rollback': { outcome: 'confirm' },
  'vercelDeployments.delete': { outcome: 'confirm' },
  'vercelDeployments.showDetails': { outcome: 'webview' },
  'vercelDeployments.openJson': { outcome: 'json' },
  'vercelDeployments.openUrl': { outcome: 'external' },
  'vercelDeployments.openInspector': { outcome: 'external' },
  'vercelDeployments.copyUrl': { outcome: 'clipboard' },
  'vercelDeployments.copyId': { outcome: 'clipboard' },
  // An environment's row names the environment: Pull and Compare ask for the file, Add for the name.
  'vercelDeployments.env.pull': { outcome: 'input' },
  'vercelDeployments.env.compare': { outcome: 'input' },
  'vercelDeployments.env.add': { outcome: 'input' },
  'vercelDeployments.env.reveal': { outcome: 'revealed' },
  'vercelDeployments.env.copyValue': { outcome: 'envClipboard' },
  'vercelDeployments.env.edit': { outcome: 'password' },
  'vercelDeployments.env.remove': { outcome: 'confirm' },
};

// ---------------------------------------------------------------------------
// The rows the emulator is seeded with, and what their contextValue holds

type RowKey = 'preview' | 'failed' | 'building' | 'older' | 'newer' | 'current' | 'loadMore' | 'envGroup' | 'envVar';

interface RowSpec {
  readonly key: RowKey;
  /** What the row shows (its commit message): how the test finds it. */
  readonly text: string;
  /**
   * The capability tokens of its `contextValue`, as the design gives them for
   * this deployment (production is rolled back to `current` from the start).
   */
  readonly contextValue: string;
  /** The view the row is in; the Deployments view's unless given. */
  readonly view?: string;
}

/** In the order a row is chosen for an entry: the first whose contextValue matches. */
const ROWS: readonly RowSpec[] = [
  { key: 'preview', text: 'menus: a ready preview', contextValue: 'deployment hasRuntimeLogs hasUrl hasInspector redeployable promotable deletable' },
  { key: 'failed', text: 'menus: a failed preview', contextValue: 'deployment failed hasUrl hasInspector redeployable deletable' },
  { key: 'building', text: 'menus: a production build', contextValue: 'deployment cancellable hasUrl hasInspector production deletable' },
  {
    key: 'older',
    text: 'menus: an earlier production',
    contextValue: 'deployment hasRuntimeLogs hasUrl hasInspector production redeployable promotable rollbackable deletable',
  },
  { key: 'newer', text: 'menus: the production rolled back from', contextValue: 'deployment hasRuntimeLogs hasUrl hasInspector production redeployable promotable deletable' },
  { key: 'current', text: 'menus: production after the rollback', contextValue: 'deployment hasRuntimeLogs hasUrl hasInspector production current redeployable promotable' },
  { key: 'loadMore', text: 'Load more…', contextValue: 'loadMore' },
  // The Environment Variables view, seeded by the emulator (test/emulator/env.ts).
  { key: 'envGroup', text: 'Development', contextValue: 'envGroup', view: ENV_VIEW },
  { key: 'envVar', text: ENV_KEY, contextValue: 'envVar plain readable editable', view: ENV_VIEW },
];

// ---------------------------------------------------------------------------
// The states the workbench is put in, and the context keys each one holds

type StateName = 'ready' | 'filtered' | 'log' | 'failedLog' | 'runtimeLog' | 'failedRuntimeLog' | 'twoProjects';

/** In the order they are tried, and the order the tests run in. */
const STATE_ORDER: readonly StateName[] = ['ready', 'filtered', 'log', 'failedLog', 'runtimeLog', 'failedRuntimeLog', 'twoProjects'];

const COMMON: ContextValues = {
  'vercelDeployments.signedIn': true,
  'vercelDeployments.hasLinkedProject': true,
  'vercelDeployments.viewState': 'ready',
  // Production is rolled back from the start (see the seed), which every other entry ignores.
  'vercelDeployments.rolledBack': true,
  'vercelDeployments.filtered': false,
  'vercelDeployments.multiProject': false,
  'vercelDeployments.logFailed': false,
  'vercelDeployments.runtimeLogFailed': false,
  resourceScheme: undefined,
};

const STATES: Readonly<Record<StateName, ContextValues>> = {
  ready: COMMON,
  filtered: { ...COMMON, 'vercelDeployments.filtered': true },
  log: { ...COMMON, resourceScheme: 'vercel-log' },
  failedLog: { ...COMMON, resourceScheme: 'vercel-log', 'vercelDeployments.logFailed': true },
  runtimeLog: { ...COMMON, resourceScheme: 'vercel-runtime-log' },
  failedRuntimeLog: { ...COMMON, resourceScheme: 'vercel-runtime-log', 'vercelDeployments.runtimeLogFailed': true },
  twoProjects: { ...COMMON, 'vercelDeployments.multiProject': true },
};

/** The keys a menu adds to the state's: the view, the row, nothing for the palette. */
function contextOf(entry: MenuEntry, state: StateName, row: RowSpec | undefined): ContextValues {
  const base = STATES[state];
  switch (entry.place) {
    case 'view/title':
      return { ...base, view: isEnvEntry(entry) ? ENV_VIEW : VIEW, viewItem: undefined };
    case 'view/item/context':
      return { ...base, view: row?.view ?? VIEW, viewItem: row?.contextValue };
    default:
      return { ...base, view: undefined, viewItem: undefined };
  }
}

interface Plan {
  readonly entry: MenuEntry;
  readonly name: string;
  readonly state?: StateName;
  readonly row?: RowSpec;
  readonly expectation?: Expectation;
  /** Why no state shows the entry, when none does: the test then fails with it. */
  readonly problem?: string;
}

function plan(entry: MenuEntry): Plan {
  const name = entryName(entry);
  const expectation = (entry.place === 'view/item/context' ? ON_ROW : WITHOUT_ROW)[entry.command];
  const rows: readonly (RowSpec | undefined)[] = entry.place === 'view/item/context' ? ROWS : [undefined];
  const states = expectation?.prefer ? [expectation.prefer, ...STATE_ORDER.filter((s) => s !== expectation.prefer)] : STATE_ORDER;
  try {
    for (const state of states) {
      // Rows are declared for the single project's flat list.
      if (entry.place === 'view/item/context' && state !== 'ready') continue;
      for (const row of rows) {
        if (evaluateWhen(entry.when, contextOf(entry, state, row))) return { entry, name, state, ...(row ? { row } : {}), ...(expectation ? { expectation } : {}) };
      }
    }
  } catch (error) {
    return { entry, name, problem: (error as Error).message };
  }
  return {
    entry,
    name,
    problem:
      entry.place === 'view/item/context'
        ? `no seeded row's contextValue makes "${entry.when}" hold: seed a deployment for it in menus.test.ts (ROWS)`
        : `no state of menus.test.ts makes "${entry.when}" hold: add one (STATES)`,
  };
}

/** Tests run state by state; within one, those that leave it (clearing the filter, signing out) go last. */
function runOrder(p: Plan): number {
  const state = p.state === undefined ? STATE_ORDER.length : STATE_ORDER.indexOf(p.state);
  const leaves = p.expectation?.outcome === 'unfiltered' || p.expectation?.outcome === 'signedOut' ? 1 : 0;
  return state * 2 + leaves;
}

const PLANS = readMenuEntries(repoRoot)
  .map(plan)
  .map((p, i) => ({ p, i }))
  .sort((a, b) => runOrder(a.p) - runOrder(b.p) || a.i - b.i)
  .map(({ p }) => p);

// ---------------------------------------------------------------------------

interface Seeded {
  readonly id: string;
  readonly url: string;
  readonly inspectorUrl: string;
}

/** MENUS_TRACE=1 prints each step with its time, to see where a slow entry spends it. */
const trace = (...what: unknown[]) => {
  if (process.env.MENUS_TRACE) console.log(`      [${new Date().toISOString().slice(11, 23)}]`, ...what);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function api<T>(info: EmulatorInfo, route: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${info.url}${route}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}` } });
  const text = await response.text();
  assert.ok(response.ok, `${init.method ?? 'GET'} ${route} → ${response.status}: ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** The rows above, newest last; then production rolled back to `current`, through Vercel's API, before the window opens. */
async function seed(control: EmulatorControl, info: EmulatorInfo, seeded: Map<RowKey, Seeded>): Promise<void> {
  const make = async (key: RowKey, fields: Record<string, unknown>) => {
    const spec = ROWS.find((r) => r.key === key);
    assert.ok(spec);
    const d: ControlDeployment = await control.createDeployment({ ...fields, meta: { githubCommitMessage: spec.text, ...(fields.meta as object) } });
    seeded.set(key, { id: d.id, url: d.url, inspectorUrl: String(d.inspectorUrl) });
  };
  const main = { githubCommitRef: 'main' };
  await make('older', { readyState: 'READY', target: 'production', meta: main });
  await make('current', { readyState: 'READY', target: 'production', meta: main });
  await make('newer', { readyState: 'READY', target: 'production', meta: main });
  await make('preview', { readyState: 'READY', target: null, meta: { githubCommitRef: 'feat/menus' } });
  await make('failed', {
    readyState: 'ERROR',
    target: null,
    errorCode: 'BUILD_FAILED',
    errorMessage: 'Command "npm run build" exited with 1',
    meta: { githubCommitRef: 'feat/menus-broken' },
  });
  await make('building', { readyState: 'BUILDING', target: 'production', meta: main });
  const current = seeded.get('current')?.id;
  const project = `/v9/projects/${info.projectId}`;
  await api(info, `${project}/rollback/${current}?teamId=${info.teamId}`, { method: 'POST' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const read = await api<{ lastAliasRequest?: { jobStatus: string } }>(info, `${project}?teamId=${info.teamId}&rollbackInfo=true`);
    if (read.lastAliasRequest?.jobStatus === 'succeeded') return;
    assert.ok(Date.now() < deadline, `the rollback job is still ${read.lastAliasRequest?.jobStatus}`);
    await sleep(100);
  }
}

describe('every menu entry in package.json does what its title says', function () {
  // Per entry; the first run of the runtime provisions it (minutes), so the window's opening gets longer.
  this.timeout(45_000);

  let bench: Workbench;
  let page: Page;
  const seeded = new Map<RowKey, Seeded>();
  let folder: string;
  let secondLink: string;
  let personal: { orgId: string; name: string };
  let state: StateName | 'unknown' = 'unknown';
  let refreshes = 0;
  const titles = new Map(readMenuEntries(repoRoot).map((e) => [e.command, e]));

  /** The title of a command (from package.json), for the setup steps that click it too. */
  const titleOf = (command: string): string => {
    const entry = titles.get(command);
    assert.ok(entry, `package.json has no ${command}`);
    return entry.title;
  };
  const paletteLabel = (entry: MenuEntry) => (entry.category ? `${entry.category}: ${entry.title}` : entry.title);
  const row = (key: RowKey): Locator => {
    const spec = ROWS.find((r) => r.key === key);
    assert.ok(spec);
    return treeRow(page, spec.text);
  };
  const seededRow = (key: RowKey): Seeded => {
    const s = seeded.get(key);
    assert.ok(s, `${key} was not seeded`);
    return s;
  };
  const quickInput = () => page.locator('.quick-input-widget');
  const dialog = () => page.locator('.monaco-dialog-box');
  /** The lines the active editor draws (none: ''), read without waiting for an editor to exist. */
  const activeEditorText = async () =>
    (
      await page
        .locator('.part.editor .editor-group-container.active .monaco-editor .view-lines')
        .evaluateAll((lines) => lines.map((l) => (l as HTMLElement).innerText).join('\n'))
    ).replace(/\u00a0/g, ' ');
  const tabs = async () => page.locator('.part.editor .tabs-container .tab').evaluateAll((ts) => ts.map((t) => `${t.classList.contains('active') ? '*' : ''}${t.textContent ?? ''}`));

  /**
   * Polls `probe` until it gives a value; an error notification that shows
   * meanwhile fails at once with its text.
   */
  async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const errors = await errorNotifications(page);
      assert.deepEqual(errors, [], `an error notification appeared while waiting for ${what}`);
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      assert.ok(Date.now() < deadline, `${what} did not happen within ${timeoutMs / 1000} s`);
      await sleep(100);
    }
  }

  const menu = () => page.locator('.context-view .monaco-menu').first();
  const transientOpen = async () => (await quickInput().isVisible()) || (await dialog().isVisible()) || (await menu().isVisible());

  /** Closes a picker, dialog or menu a failed test may have left open. */
  async function dismissTransient(): Promise<void> {
    for (let i = 0; i < 5 && (await transientOpen()); i++) {
      await page.keyboard.press('Escape');
      await until('the picker, dialog or menu to close', async () => !(await transientOpen()), 2_000).catch(() => undefined);
    }
  }

  /** Clears error notifications an earlier entry left (its test has failed on them already), so each entry answers for its own. */
  async function clearErrorNotifications(): Promise<void> {
    if ((await errorNotifications(page)).length === 0) return;
    await runCommandExact(page, 'Notifications: Clear All Notifications');
    await page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  async function closeAllEditors(): Promise<void> {
    if ((await page.locator('.part.editor .tabs-container .tab').count()) === 0) return;
    await runCommandExact(page, 'View: Close All Editors');
    await page.locator('.part.editor .tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  async function signIn(): Promise<void> {
    await page.locator('.part.sidebar').getByRole('button', { name: titleOf('vercelDeployments.setToken') }).click();
    await enterToken(page);
    await row('preview').waitFor({ timeout: 60_000 });
  }

  const signedOutWelcome = () => page.locator('.part.sidebar .welcome-view').getByRole('button', { name: titleOf('vercelDeployments.setToken') });

  /** Brings the workbench back to `ready` from wherever a test left it. */
  async function toReady(): Promise<void> {
    await dismissTransient();
    if (await signedOutWelcome().isVisible()) await signIn();
    await bench.control.clearFaults();
    await closeAllEditors();
    if (fs.existsSync(secondLink)) {
      fs.rmSync(path.dirname(path.dirname(secondLink)), { recursive: true, force: true });
      await runCommandExact(page, paletteLabel(titles.get('vercelDeployments.refresh') as MenuEntry));
      await treeRow(page, personal.name).waitFor({ state: 'detached', timeout: 30_000 });
    }
    if (await sidebarTitle(page).getByRole('button', { name: actionName(titleOf('vercelDeployments.clearFilter')) }).isVisible()) {
      await runCommandExact(page, paletteLabel(titles.get('vercelDeployments.clearFilter') as MenuEntry));
    }
    await row('preview').waitFor({ timeout: 30_000 });
    await row('older').waitFor({ timeout: 30_000 });
    state = 'ready';
  }

  /** Expands the Environment Variables view and its Development group, once. */
  async function openEnvView(): Promise<void> {
    if (!(await row('envGroup').isVisible())) {
      await page.locator('.part.sidebar .pane-header').filter({ hasText: ENV_VIEW_TITLE }).first().click();
      await row('envGroup').waitFor({ timeout: 30_000 });
    }
    if (!(await row('envVar').isVisible())) {
      await row('envGroup').click();
      await row('envVar').waitFor({ timeout: 10_000 });
    }
  }

  async function openLog(key: RowKey): Promise<void> {
    await chooseFromRowMenu(page, row(key), titleOf('vercelDeployments.showLogs'));
    await until('the build log to open', async () => (await activeEditorText()).trim() !== '', 30_000);
  }

  async function enter(target: StateName): Promise<void> {
    await dismissTransient();
    if (await signedOutWelcome().isVisible()) state = 'unknown';
    if (state === target) return;
    if (state !== 'ready') await toReady();
    switch (target) {
      case 'ready':
        break;
      case 'filtered': {
        // Production only; the other steps as they are.
        await runCommandExact(page, paletteLabel(titles.get('vercelDeployments.filter') as MenuEntry));
        for (const [step, choice] of [[1, /Production only/], [2, undefined], [3, undefined], [4, undefined]] as const) {
          await page.locator('.quick-input-widget .quick-input-title', { hasText: `(${step}/4)` }).waitFor();
          if (choice) await page.locator('.quick-input-list .monaco-list-row', { hasText: choice }).first().click();
          else await page.keyboard.press('Enter');
        }
        await row('preview').waitFor({ state: 'detached', timeout: 30_000 });
        break;
      }
      case 'log':
        await openLog('failed');
        break;
      case 'failedLog':
        // Vercel refuses this deployment's events (a 4xx: no retry helps), so the log fails at once.
        await bench.control.fault({ path: `/v3/deployments/${seededRow('current').id}/events`, status: 404, count: 0 });
        await chooseFromRowMenu(page, row('current'), titleOf('vercelDeployments.showLogs'));
        await page.locator('.part.editor .editor-actions').getByRole('button', { name: actionName(titleOf('vercelDeployments.retryLogs')) }).waitFor({ timeout: 30_000 });
        break;
      case 'runtimeLog':
        await chooseFromRowMenu(page, row('preview'), titleOf('vercelDeployments.showRuntimeLogs'));
        await until('the runtime log to open', async () => (await activeEditorText()).includes('Live'), 30_000);
        break;
      case 'failedRuntimeLog': {
        // Vercel refuses this deployment's runtime logs (a 403: no retry helps), so the log stops at once.
        const older = seededRow('older').id;
        await bench.control.fault({ path: `/v1/projects/${bench.info.projectId}/deployments/${older}/runtime-logs`, status: 403, count: 0 });
        await bench.control.fault({ path: '/api/logs/request-logs', status: 403, count: 0 });
        const retry = page.locator('.part.editor .editor-actions').getByRole('button', { name: actionName(titleOf('vercelDeployments.retryRuntimeLogs')) });
        await chooseFromRowMenu(page, row('older'), titleOf('vercelDeployments.showRuntimeLogs'));
        // Just closed by toReady, the same log may still be VS Code's open document for a moment (it follows
        // on, live): then close it once more, give the extension its close grace, and open it again.
        if (!(await retry.waitFor({ timeout: 15_000 }).then(() => true, () => false))) {
          await closeAllEditors();
          await sleep(1500);
          await chooseFromRowMenu(page, row('older'), titleOf('vercelDeployments.showRuntimeLogs'));
          await retry.waitFor({ timeout: 30_000 });
        }
        break;
      }
      case 'twoProjects':
        fs.mkdirSync(path.dirname(secondLink), { recursive: true });
        fs.writeFileSync(secondLink, JSON.stringify({ projectId: bench.info.personalProjectId, orgId: personal.orgId, projectName: personal.name }, null, 2));
        // In this workbench the file watcher did not report a link written into a new folder; Refresh looks for link files again.
        await runCommandExact(page, paletteLabel(titles.get('vercelDeployments.refresh') as MenuEntry));
        await treeRow(page, personal.name).waitFor({ timeout: 30_000 });
        break;
    }
    state = target;
  }

  before(async function () {
    this.timeout(15 * 60_000);
    bench = await openWorkbench({
      seed: (control, info) => seed(control, info, seeded),
      layout: (root, info) => {
        folder = createLinkedWorkspace(path.join(root, 'shop'), info);
        secondLink = path.join(folder, 'apps', 'blog', '.vercel', 'project.json');
        return { folder };
      },
      settings: {
        // Nothing refreshes by itself: a refresh the test sees is one a click asked for.
        'vercelDeployments.refresh.activeIntervalSeconds': 3600,
        'vercelDeployments.refresh.idleIntervalSeconds': 0,
        'vercelDeployments.notifications': 'off',
      },
    });
    page = bench.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const user = await api<{ user: { id: string } }>(bench.info, '/v2/user');
    const project = await api<{ name: string }>(bench.info, `/v9/projects/${bench.info.personalProjectId}`);
    personal = { orgId: user.user.id, name: project.name };
    await page.getByRole('tab', { name: /^Vercel/ }).first().click({ timeout: 60_000 });
    await signIn();
    await row('older').waitFor({ timeout: 30_000 });
    state = 'ready';
  });

  after(() => bench?.close());

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') state = 'unknown';
  });

  /** Clicks the entry where a person finds it. */
  async function click(p: Plan): Promise<void> {
    const { entry } = p;
    switch (entry.place) {
      case 'view/title': {
        const env = isEnvEntry(entry);
        if (env) await openEnvView();
        // A person who was working in the list: a row has the focus (VS Code hands it to title-bar commands).
        // In the Environment Variables view a variable's row: an environment's row would tell Pull which environment.
        await row(env ? 'envVar' : 'older').click({ button: 'right' });
        await menu().waitFor();
        await page.keyboard.press('Escape');
        await menu().waitFor({ state: 'hidden' });
        if (entry.overflow) await chooseFromViewOverflow(page, entry.title, env ? ENV_VIEW_TITLE : undefined);
        else await clickViewTitleAction(page, entry.title, env ? ENV_VIEW_TITLE : undefined);
        return;
      }
      case 'view/item/context': {
        assert.ok(p.row);
        if (p.row.view === ENV_VIEW) await openEnvView();
        const target = row(p.row.key);
        if (entry.inline) await clickInlineAction(target, entry.title);
        else await chooseFromRowMenu(page, target, entry.title);
        return;
      }
      case 'editor/title': {
        const actions = page.locator('.part.editor .editor-group-container.active .editor-actions');
        if (entry.overflow) {
          await actions.getByRole('button', { name: /More Actions/ }).first().click();
          await chooseMenuItem(page, entry.title);
        } else {
          const button = actions.getByRole('button', { name: actionName(entry.title) });
          await button.waitFor();
          await button.click();
        }
        return;
      }
      case 'commandPalette':
        await runCommandExact(page, paletteLabel(entry));
        return;
    }
  }

  /** A picker of the command's own, not the palette that ran it. */
  const pickerShown = async () => {
    if (!(await quickInput().isVisible())) return undefined;
    const value = await page.locator('.quick-input-widget input').first().inputValue();
    if (value.startsWith('>')) return undefined;
    const rows = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').count();
    return rows > 0 ? (await quickInput().innerText()).slice(0, 200) : undefined;
  };

  const dialogText = async () => ((await dialog().isVisible()) ? (await dialog().innerText()).replace(/\s+/g, ' ') : undefined);

  /** What the screen shows, coarsely: for an entry whose outcome is not in the table, "something happened". */
  const screen = () =>
    page.evaluate(() =>
      // No named helpers in here: the bundler would wrap them in a function the page does not have.
      JSON.stringify(
        [
          ['.quick-input-widget', 'visible'],
          ['.monaco-dialog-box', 'visible'],
          ['.part.editor .tabs-container .tab', 'text'],
          ['.part.panel', 'visible'],
          ['.part.panel .composite.title', 'text'],
          ['.part.sidebar .monaco-list-rows', 'text'],
          ['.notifications-toasts .notification-list-item-message', 'text'],
        ].map(([selector, what]) =>
          [...document.querySelectorAll(selector ?? '')].map((e) => (what === 'visible' ? (e as HTMLElement).offsetParent !== null : e.textContent)),
        ),
      ),
    );

  /** Waits for what the entry's title promises, checks it, and puts things back. */
  async function expectOutcome(p: Plan, before: { tabs: string[]; editor: string; screen: string; marker?: string }): Promise<string> {
    const target = p.row && p.row.view !== ENV_VIEW ? seededRow(p.row.key) : undefined;
    const rowText = p.row?.text;
    const outcome = p.expectation?.outcome;
    switch (outcome) {
      case 'picker': {
        const shown = await until('a picker', async () => {
          // A confirmation instead means the command acted on something nobody chose.
          const instead = await dialogText();
          assert.equal(instead, undefined, `a dialog showed instead of a picker: ${instead}`);
          return pickerShown();
        });
        await page.keyboard.press('Escape');
        await quickInput().waitFor({ state: 'hidden' });
        return shown;
      }
      case 'input': {
        const shown = await until('an input box', async () => {
          const instead = await dialogText();
          assert.equal(instead, undefined, `a dialog showed instead of an input box: ${instead}`);
          if (!(await quickInput().isVisible())) return undefined;
          const value = await page.locator('.quick-input-widget input').first().inputValue();
          return value.startsWith('>') ? undefined : (await quickInput().innerText()).slice(0, 200) || 'input box';
        });
        await page.keyboard.press('Escape');
        await quickInput().waitFor({ state: 'hidden' });
        return shown;
      }
      case 'envListed':
        return until('the environment variables listed again', async () =>
          (await bench.control.requests()).some((r) => r.method === 'GET' && r.path.endsWith('/env')) ? 'listed' : undefined,
        );
      case 'revealed':
        return until(`the row to show ${ENV_VALUE}`, async () => ((await row('envVar').innerText()).includes(ENV_VALUE) ? ENV_VALUE : undefined));
      case 'envClipboard':
        await until(`the clipboard to hold ${ENV_VALUE}`, async () => (await page.evaluate(() => navigator.clipboard.readText())) === ENV_VALUE);
        return ENV_VALUE;
      case 'password':
        await until('the password box', async () => page.locator('.quick-input-widget input[type="password"]').isVisible());
        await page.keyboard.press('Escape');
        await quickInput().waitFor({ state: 'hidden' });
        return 'password box';
      case 'confirm':
      case 'external': {
        const text = await until(outcome === 'confirm' ? 'a confirmation dialog' : 'the prompt to open the address', dialogText);
        if (outcome === 'external') {
          assert.ok(target);
          const address = p.entry.command.endsWith('openInspector') ? target.inspectorUrl : `https://${target.url}`;
          assert.ok(text.includes(address), `the prompt does not name ${address}: ${text}`);
        } else if (rowText) {
          assert.ok(text.includes(rowText), `the confirmation does not name "${rowText}": ${text}`);
        }
        // Never confirmed: Escape is the dialog's Cancel.
        await page.keyboard.press('Escape');
        await dialog().waitFor({ state: 'hidden' });
        return text;
      }
      case 'log':
      case 'json': {
        const text = await until('a new editor with text', async () => {
          const now = await tabs();
          const active = now.find((t) => t.startsWith('*'));
          if (now.length <= before.tabs.length || !active || before.tabs.includes(active)) return undefined;
          const shown = await activeEditorText();
          return shown.trim() !== '' ? `${active}: ${shown.slice(0, 120)}` : undefined;
        });
        if (outcome === 'json') {
          // The tab is named after the deployment (`<message> — <state>.json`) and the document is JSON.
          assert.ok(rowText);
          assert.ok(text.startsWith(`*${rowText}`) && /\.json/.test(text), `the tab does not name "${rowText}": ${text}`);
          assert.match(await activeEditorText(), /^\s*\{/, `not JSON: ${text}`);
        }
        await closeAllEditors();
        return text;
      }
      case 'webview': {
        assert.ok(rowText);
        const tab = await until(`a tab named after "${rowText}"`, async () => (await tabs()).find((t) => t.startsWith('*') && t.includes(rowText)));
        const frame = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
        await until('the panel to draw', async () => ((await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '')).trim() !== '' ? true : undefined));
        await closeAllEditors();
        return tab;
      }
      case 'clipboard': {
        assert.ok(target);
        const expected = p.entry.command.endsWith('copyId') ? target.id : `https://${target.url}`;
        await until(`the clipboard to hold ${expected}`, async () => (await page.evaluate(() => navigator.clipboard.readText())) === expected);
        return expected;
      }
      case 'output': {
        const channel = await until('the Output panel showing the extension', async () => {
          if (!(await page.locator('.part.panel').isVisible())) return undefined;
          const selected = await page
            .locator('.part.panel select')
            .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''));
          return selected.find((s) => s === 'Vercel Deployments');
        });
        await runCommandExact(page, 'View: Toggle Panel Visibility');
        await page.locator('.part.panel').waitFor({ state: 'hidden' });
        return channel;
      }
      case 'refresh': {
        assert.ok(before.marker);
        await treeRow(page, before.marker).waitFor({ timeout: 15_000 });
        return `listed "${before.marker}"`;
      }
      case 'unfiltered':
        await until('the rows the filter hid', async () => row('preview').isVisible());
        state = 'ready';
        return 'filter cleared';
      case 'collapsed': {
        const project = treeRow(page, personal.name);
        await until('the project rows to collapse', async () => (await project.getAttribute('aria-expanded')) === 'false' && !(await row('older').isVisible()));
        return 'collapsed';
      }
      case 'signedOut':
        await until('the view to ask for a token', async () => signedOutWelcome().isVisible());
        // Signed out for real (there is no confirmation to stop at): sign in again for the tests that follow.
        await signIn();
        return 'signed out';
      case 'logRedrawn': {
        const now = await until('the log to be drawn again', async () => {
          const text = await activeEditorText();
          return text !== before.editor && text.trim() !== '' ? text.slice(0, 120) : undefined;
        });
        return now;
      }
      case 'logLoaded': {
        const retry = page.locator('.part.editor .editor-actions').getByRole('button', { name: actionName(titleOf('vercelDeployments.retryLogs')) });
        const now = await until('the log to load', async () => {
          const text = await activeEditorText();
          return text !== before.editor && !(await retry.isVisible()) ? text.slice(0, 120) : undefined;
        });
        state = 'log';
        return now;
      }
      case 'runtimeLogLoaded': {
        const retry = page.locator('.part.editor .editor-actions').getByRole('button', { name: actionName(titleOf('vercelDeployments.retryRuntimeLogs')) });
        const now = await until('the runtime log to follow', async () => {
          const text = await activeEditorText();
          return text.includes('Live') && !(await retry.isVisible()) ? text.slice(0, 120) : undefined;
        });
        state = 'runtimeLog';
        return now;
      }
      case undefined: {
        // Not in the table: something visible must change, and no error.
        const now = await until('something to show', async () => {
          const after = await screen();
          return after !== before.screen ? after : undefined;
        });
        state = 'unknown';
        return now.slice(0, 200);
      }
    }
  }

  for (const p of PLANS) {
    it(p.name, async () => {
      assert.equal(p.problem, undefined, p.problem);
      assert.ok(p.state);
      trace('enter', p.state);
      await enter(p.state);
      await clearErrorNotifications();
      await bench.control.clearRequests();
      const before: { tabs: string[]; editor: string; screen: string; marker?: string } = {
        tabs: await tabs(),
        editor: await activeEditorText(),
        screen: await screen(),
      };
      if (p.expectation?.outcome === 'refresh') {
        before.marker = `menus: made since the last refresh ${++refreshes}`;
        await bench.control.createDeployment({ readyState: 'READY', target: null, meta: { githubCommitMessage: before.marker, githubCommitRef: 'feat/menus' } });
      }
      if (p.expectation?.outcome === 'clipboard' || p.expectation?.outcome === 'envClipboard') await page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
      if (p.expectation?.outcome === 'logLoaded' || p.expectation?.outcome === 'runtimeLogLoaded') await bench.control.clearFaults();
      trace('click');
      await click(p);
      trace('expect', p.expectation?.outcome ?? 'anything');
      const seen = await expectOutcome(p, before);
      trace('seen', seen);
      assert.deepEqual(await errorNotifications(page), [], `an error notification appeared after: ${seen}`);
      const changes = (await bench.control.requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} → ${r.status}`);
      assert.deepEqual(changes, [], 'a click that should only ask or show sent a request that changes something');
    });
  }

  it('covers every entry of package.json', () => {
    const entries = readMenuEntries(repoRoot);
    assert.equal(PLANS.length, entries.length);
    const places = new Set(entries.map((e) => e.place));
    for (const place of ['view/title', 'view/item/context', 'editor/title', 'commandPalette']) assert.ok(places.has(place as MenuEntry['place']), `no ${place} entry was read`);
  });
});
