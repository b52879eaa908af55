/**
 * Row 11 in VS Code — runtime logs in a real workbench (code-server in
 * headless Chromium, the extension installed as `npm start` installs it),
 * against the emulator.
 *
 * 11c Open + first paint with 100,000 lines of history: from choosing the
 *    deployment in "Vercel: Show Runtime Logs" to its newest lines painted
 *    at the bottom. Alternating with the obvious alternative: the same text
 *    as a plain file of the workspace, opened through Quick Open.
 * 11d Latency to the screen: a line posted to a followed runtime log, timed
 *    until it is painted (playwright's own polling adds a few ms).
 * 11e Requests per minute while a runtime log follows, beside the tree alone,
 *    in the same window: the log adds its stream and the history it read
 *    when it opened (Vercel's streams last minutes: reconnects are 9f).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { RuntimeLogModel, type HistoryRequest } from '../../src/runtimeLogs/model';
import type { ControlRuntimeLog } from '../emulator/control';
import { enterToken, openWorkbench, runCommand } from '../e2e/workbench';
import { createLinkedWorkspace } from '../harness/workspace';
import type { BenchContext } from './context';
import type { Line } from './report';
import { alternate, count, median, ms, pairedRatio, quantile, times } from './stats';

const BIG_COMMIT = 'bench: the busy hour';
const LIVE_COMMIT = 'bench: the quiet preview';
/** The last line of the busy hour: where a runtime log opens, at the bottom. */
const LAST = 'bench-the-newest-line';
const OPEN_TARGET_MS = 3000;
const LATENCY_TARGET_MS = 500;

/** 50 requests (request-logs' first page) of 5 lines of 400 lines each: 100,000 lines of history. */
function busyHour(): ControlRuntimeLog[] {
  const start = Date.now() - 30 * 60_000;
  const body = Array.from({ length: 399 }, (_, j) => `    at step${j} (/var/task/node_modules/lib/step.js:${j + 1}:1)`).join('\n');
  const out: ControlRuntimeLog[] = [];
  for (let r = 0; r < 50; r++) {
    for (let k = 0; k < 5; k++) {
      out.push({
        level: k === 0 ? 'error' : 'info',
        message: `request ${r} log ${k}\n${body}`,
        requestMethod: 'GET',
        requestPath: `/busy/${r}`,
        responseStatusCode: 500,
        timestampInMs: start + r * 1000,
      });
    }
  }
  // The last line of the newest request: what the bottom of the log shows when it opens.
  out.push({ level: 'info', message: LAST, requestMethod: 'GET', requestPath: '/busy/49', responseStatusCode: 500, timestampInMs: start + 49 * 1000 });
  return out;
}

/** The same lines as the document renders them, for the plain file. */
function plainText(logs: readonly ControlRuntimeLog[]): string {
  const model = new RuntimeLogModel({ timeZone: 'UTC' });
  const requests: HistoryRequest[] = [];
  for (const log of logs) {
    const last = requests.at(-1);
    const line = { level: log.level, message: log.message, truncated: false };
    if (last !== undefined && last.request?.path === log.requestPath) (last.lines as { level: string; message: string; truncated: boolean }[]).push(line);
    else requests.push({ time: log.timestampInMs, request: { method: 'GET', path: log.requestPath ?? '/', status: 500, source: 'serverless' }, lines: [line] });
  }
  model.appendHistory(requests);
  return model.render();
}

async function closeAllEditors(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

async function showRuntimeLogOf(page: Page, commit: string): Promise<void> {
  await runCommand(page, 'Vercel: Show Runtime Logs');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(commit);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: commit }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
}

function painted(page: Page, text: string | RegExp): Promise<void> {
  return page.locator('.editor-instance .monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout: 120_000 });
}

export async function runtimeLogsVscodeRow(ctx: BenchContext): Promise<Line[]> {
  await ctx.productionBundle();
  const logs = busyHour();
  const text = plainText(logs);
  const lines = text.split('\n').length;
  let live = '';
  const bench = await openWorkbench({
    settings: { 'workbench.editorLargeFileConfirmation': 1024 },
    seed: async (control) => {
      const big = await control.createDeployment({ readyState: 'READY', target: null, meta: { githubCommitMessage: BIG_COMMIT } });
      await control.appendRuntimeLogs(big.id, logs);
      live = (await control.createDeployment({ readyState: 'READY', target: null, meta: { githubCommitMessage: LIVE_COMMIT } })).id;
    },
    layout: (root, info) => {
      const folder = createLinkedWorkspace(path.join(root, 'shop'), info);
      fs.writeFileSync(path.join(folder, 'runtime.log'), text);
      return { folder };
    },
  });
  try {
    const { page, control } = bench;
    await page.getByRole('tab', { name: /^Vercel/ }).first().click();
    await runCommand(page, 'Vercel: Set Token');
    await enterToken(page);
    await page.getByRole('treeitem').filter({ hasText: BIG_COMMIT }).first().waitFor({ timeout: 60_000 });

    ctx.log(`9c: opening ${count(lines)} lines of history and the same text as a plain file`);
    const rounds = ctx.quick ? 2 : 4;
    const open = await alternate(rounds, {
      ours: async () => {
        await closeAllEditors(page);
        const t0 = performance.now();
        await showRuntimeLogOf(page, BIG_COMMIT);
        await painted(page, LAST);
        return performance.now() - t0;
      },
      plain: async () => {
        await closeAllEditors(page);
        const t0 = performance.now();
        await runCommand(page, 'Go to File...');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor();
        await input.fill('runtime.log');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'runtime.log' }).first().waitFor();
        await page.keyboard.press('Enter');
        await painted(page, /\S/);
        return performance.now() - t0;
      },
    });
    await closeAllEditors(page);

    ctx.log('9e: requests per minute, the tree alone');
    const windowMs = ctx.quick ? 20_000 : 60_000;
    const perMinute = (n: number) => (n * 60_000) / windowMs;
    await control.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const alone = await control.requests();

    ctx.log('9d/9e: a followed runtime log — latency to the screen and requests');
    await control.clearRequests();
    await showRuntimeLogOf(page, LIVE_COMMIT);
    await painted(page, /Live/);
    const started = performance.now();
    const latencies: number[] = [];
    const samples = ctx.quick ? 5 : 20;
    for (let i = 0; i < samples; i++) {
      const line = `bench-runtime-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const t0 = performance.now();
      await control.appendRuntimeLogs(live, [{ level: 'error', message: line, requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500 }]);
      await painted(page, line);
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rest = windowMs - (performance.now() - started);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    const following = await control.requests();
    const lists = (rs: typeof following) => rs.filter((r) => /\/deployments\/?$/.test(r.path)).length;
    const streams = following.filter((r) => r.path.endsWith('/runtime-logs'));
    const history = following.filter((r) => r.path === '/api/logs/request-logs');
    const others = following.filter((r) => !/\/deployments\/?$/.test(r.path) && !r.path.endsWith('/runtime-logs') && r.path !== '/api/logs/request-logs');

    const p50 = median(latencies);
    const p95 = quantile(latencies, 0.95);
    const oursOpen = median(open.ours);
    return [
      {
        id: '11c',
        label: `open + first paint of a runtime log with ${count(lines)} lines of history in VS Code`,
        value: ms(oursOpen),
        raw: oursOpen,
        unit: 'ms',
        target: `≤ ${OPEN_TARGET_MS} ms`,
        met: oursOpen <= OPEN_TARGET_MS,
        comparison: `the same text as a plain workspace file ${ms(median(open.plain))} (${times(pairedRatio(open.ours, open.plain))} of it)`,
        note: `from Enter in the quick pick of "Vercel: Show Runtime Logs" (request-logs' first page of 50 requests read from the emulator, parsed, rendered) to its newest line painted at the bottom, where a runtime log opens; the plain file from Enter in Go to File, on line 1. ${rounds} rounds each, alternating; ${(text.length / 1024 / 1024).toFixed(1)} MB of text. What the runtime log adds is the ratio to the plain file: reading the page, parsing 100,000 lines, serving the text; the rest is VS Code opening that much text.`,
      },
      {
        id: '11d',
        label: 'stream latency, line written → line painted in the editor',
        value: `${ms(p50)} median, ${ms(p95)} p95`,
        raw: p50,
        unit: 'ms',
        target: `≤ ${LATENCY_TARGET_MS} ms`,
        met: p95 <= LATENCY_TARGET_MS,
        comparison: 'polling request-logs every 2 s (11a): about a second, plus this row\'s share of the editor',
        note: `${samples} lines posted through the control API to a READY deployment whose runtime log is open; timed until playwright sees the line in the editor's DOM.`,
      },
      {
        id: '11e',
        label: 'requests per minute while a runtime log follows',
        value: `${count(perMinute(lists(following)))} list + ${streams.length} stream + ${history.length} request-logs`,
        raw: perMinute(following.length),
        unit: 'requests/min',
        target: 'the tree alone + 1 stream (+ its history read at open)',
        met: lists(following) <= lists(alone) + 1 && streams.length === 1 && history.length <= 1 && others.length === 0,
        comparison: `the tree alone: ${count(perMinute(lists(alone)))} list request(s) per minute; request-logs polled every 2 s: 30 a minute`,
        note: `counted in the emulator's request log over ${windowMs / 1000} s each, the tree at its idle pace; the log's request-logs read is the last hour it opens with; ${others.length === 0 ? 'no other request' : `others: ${others.map((r) => `${r.method} ${r.path}`).join(', ')}`}.`,
      },
    ];
  } finally {
    await bench.close();
  }
}
