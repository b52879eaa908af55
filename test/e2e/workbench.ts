/**
 * A real VS Code workbench for end-to-end journeys: code-server with the
 * extension installed as `npm start` installs it, the emulator behind it, and
 * headless Chromium on the window — a folder, or a multi-root workspace.
 *
 * One emulator, one code-server and one Chromium serve every suite of a mocha
 * run (starting them is most of a suite's time). What a suite must not see
 * of the one before it is renewed per suite: the emulator's data (reset, then
 * the suite's seed), the user settings (rewritten before its window opens),
 * the folder it opens (its own path, so no workspace state carries over) and
 * the browser context (so no secret, global state or tab carries over).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { CHROMIUM_ARGS } from '../harness/browser';
import { killGroupNow, QUIET_SETTINGS, startCodeServer, type CodeServer } from '../harness/codeServer';
import { chromiumPath } from '../harness/paths';
import { provision } from '../harness/provision';
import { linkExtension } from '../harness/workspace';

export const TOKEN = 'journey-token';

export interface Workbench {
  readonly page: Page;
  readonly info: EmulatorInfo;
  readonly control: EmulatorControl;
  /** Where the window's folders live. */
  readonly root: string;
  /** The emulator's own view of a deployment's state. */
  state(id: string): Promise<string>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Writes the folders (link files and all) under `root` and says what the window opens. */
  readonly layout: (root: string, info: EmulatorInfo) => { folder: string } | { workspaceFile: string };
  /** Runs against the emulator before the window opens: create the deployments the journey needs. */
  readonly seed?: (control: EmulatorControl, info: EmulatorInfo) => Promise<void>;
  /** User settings beside the emulator's API origin. */
  readonly settings?: Record<string, unknown>;
}

interface World {
  readonly temp: string;
  readonly emulator: RunningEmulator;
  readonly control: EmulatorControl;
  readonly server: CodeServer;
  readonly browser: Browser;
}

let world: Promise<World> | undefined;
let suites = 0;

async function startWorld(): Promise<World> {
  const runtime = await provision();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'vercel-deployments-journey-'));
  let emulator: RunningEmulator | undefined;
  let server: CodeServer | undefined;
  try {
    // Builds stand still unless the journey moves them: nothing finishes behind its back.
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'journey', buildMs: 3_600_000 });
    linkExtension(path.join(temp, 'extensions'));
    server = await startCodeServer({
      runtime,
      tempRoot: temp,
      port: 0,
      logFile: path.join(temp, 'code-server.log'),
      userSettings: { 'vercelDeployments.apiUrl': emulator.info.url },
      // A window that is gone is not waited for: its extension host would go on polling the next suite's emulator.
      extraArgs: ['--reconnection-grace-time', '0'],
    });
    const pid = server.pid;
    // Should the run end without the root hook (a crash), the server's group goes with it.
    process.once('exit', () => killGroupNow(pid));
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return { temp, emulator, control: new EmulatorControl(emulator.info.url), server, browser };
  } catch (error) {
    await server?.stop();
    await emulator?.close();
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

async function closeWorld(): Promise<void> {
  const current = world;
  world = undefined;
  // A world that failed to start cleaned up after itself; the suites already reported why.
  const started = await current?.catch(() => undefined);
  if (!started) return;
  const { browser, server, emulator, temp } = started;
  await browser.close();
  await server.stop();
  await emulator.close();
  fs.rmSync(temp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

// Under mocha, the world outlives each suite and ends with the run (a root
// `after`, registered as the spec files load); a script (the screenshots,
// the benchmarks) ends it with its one workbench's close().
const underMocha = typeof after === 'function';
if (underMocha) after(closeWorld);

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  world ??= startWorld();
  const { temp, emulator, control, server, browser } = await world;
  const { info } = emulator;
  suites += 1;
  const root = path.join(temp, `suite-${suites}`, 'work');
  let context: BrowserContext | undefined;
  const close = async () => {
    if (context) {
      // Leaving the page unloads the workbench, which ends its extension host at once.
      await Promise.all(context.pages().map((page) => page.goto('about:blank').catch(() => undefined)));
      await context.close();
      context = undefined;
    }
    if (!underMocha) await closeWorld();
  };
  try {
    await control.reset();
    await options.seed?.(control, info);
    const opened = options.layout(root, info);
    // VS Code reads the user settings when the window opens (and watches them after).
    fs.writeFileSync(
      path.join(server.userDataDir, 'User', 'settings.json'),
      // The Vercel container holds two views, so each view's title actions sit in its own pane header, which VS Code shows
      // only under the pointer unless told to always: the tests click and look for them without hovering first.
      JSON.stringify({ ...QUIET_SETTINGS, 'workbench.view.alwaysShowHeaderActions': true, ...options.settings, 'vercelDeployments.apiUrl': info.url }, null, 2) + '\n',
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const query = 'folder' in opened ? `folder=${encodeURIComponent(opened.folder)}` : `workspace=${encodeURIComponent(opened.workspaceFile)}`;
    await page.goto(`${server.origin}/?${query}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    return {
      page,
      info,
      control,
      root,
      close,
      async state(id) {
        const response = await fetch(`${info.url}/v13/deployments/${id}?teamId=${info.teamId}`, {
          headers: { Authorization: `Bearer ${TOKEN}` },
        });
        return ((await response.json()) as { readyState: string }).readyState;
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Resolves once the extension has listed deployments `count` more times (counted from now, in the emulator's request log). */
export async function polls(bench: Pick<Workbench, 'control'>, count: number, timeoutMs = 90_000): Promise<void> {
  await bench.control.clearRequests();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lists = (await bench.control.requests()).filter((r) => r.path === '/v6/deployments' && r.status === 200).length;
    if (lists >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${lists} of ${count} polls came in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a palette command by its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Signs in through Set Token's password box. */
export async function enterToken(page: Page): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor();
  await input.fill(TOKEN);
  await input.press('Enter');
}

/**
 * Runs a palette command by its full label (`Category: Title`), choosing the
 * row that says exactly that rather than whichever the fuzzy match put first.
 */
export async function runCommandExact(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${label}`);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escaped}$`) }) })
    .first();
  await row.waitFor();
  await row.click();
}

/** The texts of the error notifications on screen: toasts, and the notification center when it is open. */
export async function errorNotifications(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
    .filter({ has: page.locator('.notification-list-item-icon.codicon-error') })
    .evaluateAll((items) => items.map((item) => (item.querySelector('.notification-list-item-message')?.textContent ?? item.textContent ?? '').trim()));
}
