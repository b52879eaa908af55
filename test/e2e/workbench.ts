/**
 * A real VS Code workbench for end-to-end journeys: code-server with the
 * extension installed as `npm start` installs it, the emulator behind it, and
 * headless Chromium on the window — a folder, or a multi-root workspace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { launchChromium } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
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

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const runtime = await provision();
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'vercel-deployments-journey-'));
  let emulator: RunningEmulator | undefined;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const close = async () => {
    await browser?.close();
    await server?.stop();
    await emulator?.close();
    fs.rmSync(temp, { recursive: true, force: true });
  };
  try {
    // Builds stand still unless the journey moves them: nothing finishes behind its back.
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'journey', buildMs: 3_600_000 });
    const { info } = emulator;
    const control = new EmulatorControl(info.url);
    await options.seed?.(control, info);
    const root = path.join(temp, 'work');
    const opened = options.layout(root, info);
    linkExtension(path.join(temp, 'extensions'));
    server = await startCodeServer({
      runtime,
      tempRoot: temp,
      port: 0,
      logFile: path.join(temp, 'code-server.log'),
      userSettings: { ...options.settings, 'vercelDeployments.apiUrl': info.url },
    });
    browser = await launchChromium(path.join(temp, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
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
