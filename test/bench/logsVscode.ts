/**
 * Row 7 in VS Code — build logs in a real workbench (code-server in headless
 * Chromium, the extension installed as `npm start` installs it), against the
 * emulator.
 *
 * 7c Open + first paint of a 200,000-line log: from choosing the deployment in
 *    "Vercel: Show Build Logs" to its first screen of text painted in the editor
 *    (a failed build's log opens on its error).
 *    Alternating with the obvious alternative: the same text as a plain file
 *    of the workspace, opened through Quick Open.
 * 7d Stream latency to the screen: an event posted to a following log, timed
 *    until its line is painted (playwright's own polling adds a few ms).
 * 7e Requests per minute while a log follows, beside the tree alone, in the
 *    same window: the log must add its one stream and nothing else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { LogModel, normalizeEvent, type LogEntry } from '../../src/logs/model';
import { enterToken, openWorkbench, runCommand } from '../e2e/workbench';
import { createLinkedWorkspace } from '../harness/workspace';
import type { BenchContext } from './context';
import { longLog } from './logLines';
import type { Line } from './report';
import { alternate, count, median, ms, pairedRatio, quantile, times } from './stats';

const LINES = 200_000;
const BIG_COMMIT = 'bench: the long build';
const LIVE_COMMIT = 'bench: the build that is running';
const OPEN_TARGET_MS = 3000;
const LATENCY_TARGET_MS = 250;

async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

/** Shows the log of the deployment whose commit message is `commit`, through the palette and its quick pick. */
async function showLogOf(page: Page, commit: string): Promise<void> {
  await runCommand(page, 'Vercel: Show Build Logs');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(commit);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: commit }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/**
 * The editor has painted lines of text. Every editor was closed before, so
 * these are the new one's: the first screen of the plain file, and where the
 * log opens (a failed build's log opens on its error, not on line 1).
 */
function painted(page: Page): Promise<void> {
  return page.locator('.editor-instance .monaco-editor .view-line', { hasText: /\S/ }).first().waitFor({ timeout: 120_000 });
}

export async function logsVscodeRow(ctx: BenchContext): Promise<Line[]> {
  // The workbench loads the extension from the working tree: make it this run's release build.
  await ctx.productionBundle();
  const events = longLog(LINES);
  const model = new LogModel();
  model.append(events.map((e) => normalizeEvent(e)).filter((e): e is LogEntry => e !== undefined));
  const plainText = model.render({ timestamps: false });
  let live = '';
  const bench = await openWorkbench({
    // The browser workbench asks before opening a file over 10 MB; the plain file is compared as it opens, not the prompt.
    settings: { 'workbench.editorLargeFileConfirmation': 1024 },
    seed: async (control) => {
      await control.createDeployment({ readyState: 'READY', meta: { githubCommitMessage: BIG_COMMIT }, events });
      live = (await control.createDeployment({ readyState: 'BUILDING', meta: { githubCommitMessage: LIVE_COMMIT } })).id;
    },
    layout: (root, info) => {
      const folder = createLinkedWorkspace(path.join(root, 'shop'), info);
      fs.writeFileSync(path.join(folder, 'build.log'), plainText);
      return { folder };
    },
  });
  try {
    const { page, control } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await runCommand(page, 'Vercel: Set Token');
    await enterToken(page);
    await page.getByRole('treeitem').filter({ hasText: BIG_COMMIT }).first().waitFor({ timeout: 60_000 });

    ctx.log(`7c: opening a ${count(LINES)}-line log and the same text as a plain file`);
    const rounds = ctx.quick ? 2 : 4;
    const open = await alternate(rounds, {
      ours: async () => {
        await closeAllEditors(page);
        const t0 = performance.now();
        await showLogOf(page, BIG_COMMIT);
        await painted(page).catch(async (error: unknown) => {
          await page.screenshot({ path: path.join(ctx.tmp, '..', 'bench-7c-ours.png') });
          throw error;
        });
        return performance.now() - t0;
      },
      plain: async () => {
        await closeAllEditors(page);
        const t0 = performance.now();
        await runCommand(page, 'Go to File...');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill('build.log');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'build.log' }).first().waitFor();
        await page.keyboard.press('Enter');
        await painted(page).catch(async (error: unknown) => {
          await page.screenshot({ path: path.join(ctx.tmp, '..', 'bench-7c-plain.png') });
          throw error;
        });
        return performance.now() - t0;
      },
    });
    await closeAllEditors(page);

    ctx.log('7e: requests per minute, the tree alone');
    const windowMs = ctx.quick ? 20_000 : 60_000;
    const perMinute = (n: number) => (n * 60_000) / windowMs;
    await control.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const alone = await control.requests();

    ctx.log('7d/7e: a following log — latency to the screen and requests');
    await control.clearRequests();
    await showLogOf(page, LIVE_COMMIT);
    await page.locator('.editor-instance .monaco-editor').first().waitFor();
    const started = performance.now();
    const latencies: number[] = [];
    const samples = ctx.quick ? 5 : 20;
    for (let i = 0; i < samples; i++) {
      const text = `bench-latency-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const t0 = performance.now();
      await control.appendEvents(live, [{ type: 'stdout', text }]);
      await page.locator('.editor-instance .monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: 30_000 });
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rest = windowMs - (performance.now() - started);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    const following = await control.requests();
    const lists = (rs: typeof following) => rs.filter((r) => /\/deployments\/?$/.test(r.path)).length;
    const streams = following.filter((r) => r.path.endsWith('/events'));
    const others = following.filter((r) => !/\/deployments\/?$/.test(r.path) && !r.path.endsWith('/events'));

    const p50 = median(latencies);
    const p95 = quantile(latencies, 0.95);
    const oursOpen = median(open.ours);
    return [
      {
        id: '7c',
        label: `open + first paint of a ${count(LINES)}-line log in VS Code`,
        value: ms(oursOpen),
        raw: oursOpen,
        unit: 'ms',
        target: `≤ ${OPEN_TARGET_MS} ms`,
        met: oursOpen <= OPEN_TARGET_MS,
        comparison: `the same text as a plain workspace file ${ms(median(open.plain))} (${times(pairedRatio(open.ours, open.plain))} of it)`,
        note: `from Enter in the quick pick of "Vercel: Show Build Logs" (the log fetched from the emulator, parsed, rendered) to its first screen painted — on the build's error, where a failed log opens; the plain file from Enter in Go to File, on line 1. ${rounds} rounds each, alternating; ${(plainText.length / 1024 / 1024).toFixed(1)} MB of text.`,
      },
      {
        id: '7d',
        label: 'stream latency, event written → line painted in the editor',
        value: `${ms(p50)} median, ${ms(p95)} p95`,
        raw: p50,
        unit: 'ms',
        target: `≤ ${LATENCY_TARGET_MS} ms`,
        met: p95 <= LATENCY_TARGET_MS,
        note: `${samples} events posted through the control API to a BUILDING deployment whose log is open; timed until playwright sees the line in the editor's DOM.`,
      },
      {
        id: '7e',
        label: 'requests per minute while a log follows',
        value: `${count(perMinute(lists(following)))} list + ${streams.length} stream`,
        raw: perMinute(following.length),
        unit: 'requests/min',
        target: 'the tree alone + 1 stream',
        met: lists(following) <= lists(alone) + 1 && streams.length === 1 && others.length === 0,
        comparison: `the tree alone: ${count(perMinute(lists(alone)))} list request(s) per minute`,
        note: `counted in the emulator's request log over ${windowMs / 1000} s each, the tree polling a BUILDING deployment at its 5 s pace; ${others.length === 0 ? 'no other request' : `others: ${others.map((r) => `${r.method} ${r.path}`).join(', ')}`}.`,
      },
    ];
  } finally {
    await bench.close();
  }
}
