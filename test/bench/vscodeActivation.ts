/**
 * Row 2, second line — activation in the real VS Code: the packaged .vsix of
 * this run (or, when it cannot be packaged, the same files from the build)
 * installed into code-server (the offline runtime of test/harness),
 * a window on a folder linked to the emulator, headless Chromium, and the
 * figure VS Code itself shows in "Developer: Show Running Extensions"
 * (code loading + activate() call, as the extension host measured them).
 * Each sample reloads the window, which starts a fresh extension host.
 *
 * Skipped, not failed, when the runtime is not provisioned: fetching ~620 MB
 * is not the benchmark's business (npm run test:integration does it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator } from '../emulator/server';
import { launchChromium } from '../harness/browser';
import { startCodeServer, workbenchUrl } from '../harness/codeServer';
import { runtimePaths } from '../harness/paths';
import { createLinkedWorkspace } from '../harness/workspace';
import { packagedVsix } from './bundle';
import type { BenchContext } from './context';
import { run } from './context';
import type { Line } from './report';
import { median, ms } from './stats';

const LABEL = 'activation in VS Code (extension host)';
const WEB_LABEL = "activation in VS Code's web worker extension host (the browser entry)";
/** The issue's target for activation in VS Code, median of window loads. */
const TARGET_MS = 50;
const ROW_NAME = /Vercel Deployments|vercel-deployments\.vercel-deployments/;

function manifestId(root: string): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const field = (key: string): string => {
    const value: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, key) : undefined;
    if (typeof value !== 'string') throw new Error(`package.json has no ${key}`);
    return value;
  };
  return `${field('publisher')}.${field('name')}-${field('version')}`;
}

/** Opens "Developer: Show Running Extensions" and reads our row's activation time. */
async function readActivation(page: Page): Promise<{ ms: number; text: string }> {
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  const editor = page.locator('.runtime-extensions-editor');
  for (let attempt = 0; !(await editor.isVisible()); attempt++) {
    if (attempt >= 5) throw new Error('could not open "Developer: Show Running Extensions"');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Developer: Show Running Extensions');
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => undefined);
  }
  const deadline = Date.now() + 90_000;
  for (;;) {
    const rows = await editor.locator('.monaco-list-row').allInnerTexts();
    const ours = rows.find((r) => ROW_NAME.test(r));
    const match = ours === undefined ? null : /Activation:\s*(\d+)\s*ms/.exec(ours);
    if (match?.[1] !== undefined) return { ms: Number(match[1]), text: match[0] };
    if (Date.now() > deadline) {
      throw new Error(`no activation time for the extension in Running Extensions; rows: ${JSON.stringify(rows.map((r) => r.replace(/\s+/g, ' ')))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The files the .vscodeignore allowlist ships, besides the bundle. */
const SHIPPED = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'l10n', 'media/vercel.svg', 'media/dist'];

/**
 * Installs the packaged .vsix; when packaging fails (row 1 reports why), the
 * same files straight from this run's build, so the activation time is still measured.
 */
async function install(ctx: BenchContext, root: string, target: string): Promise<string> {
  try {
    const vsix = await packagedVsix(ctx);
    await run('unzip', ['-q', vsix.path, 'extension/*', '-d', path.join(root, 'unpacked')]);
    fs.renameSync(path.join(root, 'unpacked', 'extension'), target);
    return 'the packaged .vsix';
  } catch (error) {
    ctx.log(`vscode: no .vsix (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); installing the build's files`);
    const bundle = await ctx.productionBundle();
    for (const relative of SHIPPED) {
      const from = path.join(ctx.root, relative);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(target, relative), { recursive: true });
    }
    fs.mkdirSync(path.join(target, 'dist'), { recursive: true });
    fs.copyFileSync(bundle.path, path.join(target, 'dist', 'extension.js'));
    fs.copyFileSync(bundle.featuresPath, path.join(target, 'dist', 'features.js'));
    fs.cpSync(path.join(ctx.root, 'dist', 'web'), path.join(target, 'dist', 'web'), { recursive: true });
    return "this run's build files (the .vsix could not be packaged, see row 1)";
  }
}

export function vscodeActivationRow(ctx: BenchContext): Promise<Line[]> {
  return activationRow(ctx, false);
}

/** The same window with the extension's browser entry in the web worker extension host, as vscode.dev runs it. */
export function vscodeWebActivationRow(ctx: BenchContext): Promise<Line[]> {
  return activationRow(ctx, true);
}

async function activationRow(ctx: BenchContext, web: boolean): Promise<Line[]> {
  const id = web ? '2c' : '2b';
  const label = web ? WEB_LABEL : LABEL;
  const runtime = runtimePaths();
  if (!fs.existsSync(runtime.codeServerEntry) || !fs.existsSync(runtime.nodeBin)) {
    return [
      {
        id,
        label,
        value: 'not measured',
        raw: null,
        unit: 'ms',
        note: `the offline VS Code runtime is not provisioned at ${path.dirname(runtime.codeServerDir)} (npm run test:integration provisions it).`,
      },
    ];
  }
  const root = fs.mkdtempSync(path.join(ctx.tmp, 'vscode-'));
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const installed = await install(ctx, root, path.join(extensionsDir, manifestId(ctx.root)));

  const emulator = await startEmulator({ port: 0, buildMs: 3_600_000, newEveryMs: 0 });
  const cleanups: (() => Promise<unknown>)[] = [() => emulator.close()];
  try {
    const workspace = createLinkedWorkspace(path.join(root, 'workspace'), emulator.info);
    ctx.log(`vscode: starting code-server with ${installed}`);
    const server = await startCodeServer({
      runtime,
      tempRoot: root,
      port: 0,
      logFile: path.join(root, 'code-server.log'),
      userSettings: {
        'vercelDeployments.apiUrl': emulator.info.url,
        // The browser entry in the web worker host, as on vscode.dev (the harness's web suite does the same).
        ...(web ? { 'remote.extensionKind': { [manifestId(ctx.root).replace(/-[^-]+$/, '')]: ['web'] } } : {}),
      },
      // No gallery: this machine cannot reach one, and the benchmark needs none.
      env: { EXTENSIONS_GALLERY: '{}' },
    });
    cleanups.unshift(() => server.stop());
    const browser = await launchChromium(path.join(root, 'chromium-profile'));
    cleanups.unshift(() => browser.close());
    const page = browser.pages()[0] ?? (await browser.newPage());

    const samples: number[] = [];
    const texts: string[] = [];
    const n = ctx.quick ? 1 : 3;
    for (let i = 0; i < n; i++) {
      ctx.log(`vscode: window ${i + 1} of ${n}`);
      if (i === 0) await page.goto(workbenchUrl(server, workspace));
      else await page.reload();
      // A window now and then lists no time for us (seen once in many runs):
      // one more window load, then the failure stands.
      const { ms: value, text } = await readActivation(page).catch(async (error: unknown) => {
        ctx.log(`vscode: window ${i + 1} gave no figure (${error instanceof Error ? error.message.slice(0, 120) : String(error)}); reloading once`);
        await page.reload();
        return readActivation(page);
      });
      samples.push(value);
      texts.push(text);
    }
    const t = median(samples);
    return [
      {
        id,
        label,
        value: ms(t),
        raw: t,
        unit: 'ms',
        target: '≤ 50 ms median',
        met: t <= TARGET_MS,
        note:
          `what VS Code shows in Developer: Show Running Extensions (code loading + activate() call) for ${installed} installed in code-server, on a folder linked to the emulator, signed out; ` +
          `median of ${n} window load${n === 1 ? '' : 's'} (${texts.map((s) => `"${s}"`).join(', ')}); ` +
          (web
            ? 'dist/web/extension.js in the workbench\'s web worker (Chromium), its code fetched from code-server.'
            : "the extension host runs code-server's Node, not ours."),
      },
    ];
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}
