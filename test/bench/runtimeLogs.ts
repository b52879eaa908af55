/**
 * Row 11 — Runtime logs, outside VS Code: how fast a line a function writes
 * reaches the runtime log's model, what 100,000 lines of history cost to
 * take in, and what following costs in requests when Vercel ends the stream.
 *
 * 11a Stream latency: the real RuntimeLogFollower and VercelClient following
 *    the emulator's runtime-logs stream; a line is posted through the control
 *    API and timed until the model holds it. Beside it, the obvious
 *    alternative (the one a pending CLI change takes): request-logs polled
 *    every 2 s, timed the same way.
 * 11b History: 100,000 lines arriving in 20 pages; the model takes each page
 *    once (rendering included, as the document reads it after each change),
 *    beside re-reading everything so far on every page.
 * 11f Reconnects: the follower against streams the server ends every few
 *    seconds, counting what each reconnect costs.
 *
 * Row 11 in VS Code (./runtimeLogsVscode.ts) measures opening and painting,
 * the latency to the editor, and requests per minute in a real window.
 */
import { VercelClient } from '../../src/api/client';
import { RuntimeLogFollower } from '../../src/runtimeLogs/follower';
import { RuntimeLogModel, type HistoryRequest } from '../../src/runtimeLogs/model';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import type { BenchContext } from './context';
import type { Line } from './report';
import { alternate, count, median, ms, pairedRatio, quantile, times } from './stats';

const LATENCY_TARGET_MS = 500;
const PARSE_TARGET_MS = 1000;
const POLL_MS = 2000;
const HISTORY_LINES = 100_000;
const PAGES = 20;

/** 100,000 lines of history as requests of 10 lines, a few of them failing with a stack. */
function historyPages(): HistoryRequest[][] {
  const t0 = Date.UTC(2026, 0, 2, 12, 0, 0);
  const perRequest = 10;
  const requests = HISTORY_LINES / (perRequest + 1);
  const all: HistoryRequest[] = [];
  for (let i = 0; i < requests; i++) {
    const failing = i % 97 === 0;
    const message = failing
      ? ["TypeError: Cannot read properties of undefined (reading 'price')", '    at POST (/var/task/app/api/checkout/route.ts:12:25)', ...Array.from({ length: perRequest - 2 }, (_, j) => `    at frame${j} (/var/task/node_modules/next/dist/server/x.js:${j + 1}:1)`)].join('\n')
      : Array.from({ length: perRequest }, (_, j) => `request ${i} line ${j}: rendered the cart for 2 items`).join('\n');
    all.push({ time: t0 + i * 40, request: { method: failing ? 'POST' : 'GET', path: failing ? '/api/checkout' : `/cart/${i}`, status: failing ? 500 : 200, source: 'serverless' }, lines: [{ level: failing ? 'error' : 'info', message, truncated: false }] });
  }
  const size = Math.ceil(all.length / PAGES);
  const pages: HistoryRequest[][] = [];
  for (let i = 0; i < all.length; i += size) pages.push(all.slice(i, i + size));
  return pages;
}

function incremental(pages: readonly HistoryRequest[][]): { ms: number; lines: number; errors: number } {
  const t0 = performance.now();
  const model = new RuntimeLogModel({ timeZone: 'UTC' });
  for (const page of pages) {
    model.appendHistory(page);
    // What the document reads after each change, and what the providers read.
    void model.render().length;
    void model.blocks.length;
    void model.errors.length;
  }
  return { ms: performance.now() - t0, lines: model.lines.length, errors: model.errors.length };
}

function reparseEachChange(pages: readonly HistoryRequest[][]): number {
  const t0 = performance.now();
  const seen: HistoryRequest[] = [];
  for (const page of pages) {
    seen.push(...page);
    const model = new RuntimeLogModel({ timeZone: 'UTC' });
    model.appendHistory(seen);
    void model.render().length;
  }
  return performance.now() - t0;
}

interface Latency {
  readonly ours: number[];
  readonly polled: number[];
}

async function streamLatency(ctx: BenchContext): Promise<Latency> {
  const emulator = await startEmulator({ port: 0, token: 'bench', newEveryMs: 0, runtimeLogStreamMs: 60 * 60_000 });
  const control = new EmulatorControl(emulator.info.url);
  const client = new VercelClient({ origin: emulator.info.url, token: async () => 'bench' });
  const samples = ctx.quick ? 8 : 30;
  try {
    // A preview made now: no seeded traffic of its own for minutes, only what is posted.
    const id = (await control.createDeployment({ readyState: 'READY', target: null })).id;
    const project = await client.getProject(emulator.info.projectId, { teamId: emulator.info.teamId });
    const post = (message: string) => control.appendRuntimeLogs(id, [{ level: 'error', message, requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500 }]);

    const follower = new RuntimeLogFollower({ id, teamId: emulator.info.teamId }, { client, known: () => ({ projectId: emulator.info.projectId, ownerId: project.accountId, readyState: 'READY' }) });
    follower.start();
    while (follower.status !== 'live') await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ours: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `bench-runtime-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const seen = new Promise<number>((resolve) => {
        const subscription = follower.onDidChange(() => {
          if (follower.model.lines.some((l) => l.text.endsWith(text))) {
            subscription.dispose();
            resolve(performance.now());
          }
        });
      });
      const t0 = performance.now();
      await post(text);
      ours.push((await seen) - t0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    follower.dispose();

    // The alternative: request-logs every 2 s, looking for the line.
    const polled: number[] = [];
    for (let i = 0; i < Math.ceil(samples / 2); i++) {
      const text = `bench-polled-${i}-${Math.random().toString(36).slice(2, 8)}`;
      // Posted at a random moment of the poll's cycle, as a line written by a function is.
      const delay = Math.random() * POLL_MS;
      let t0 = 0;
      const posting = new Promise<void>((resolve) =>
        setTimeout(() => {
          t0 = performance.now();
          void post(text).then(() => resolve());
        }, delay),
      );
      const started = Date.now();
      for (;;) {
        const page = await client.getRequestLogs({ projectId: emulator.info.projectId, ownerId: project.accountId, teamId: emulator.info.teamId, deploymentId: id, startDate: started - 10_000, endDate: Date.now() });
        if (t0 > 0 && (page.rows ?? []).some((r) => (r.logs ?? []).some((l) => l.message === text))) {
          polled.push(performance.now() - t0);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      await posting;
    }
    return { ours, polled };
  } finally {
    await emulator.close();
  }
}

async function reconnects(ctx: BenchContext): Promise<{ streams: number; history: number; seconds: number; lost: number; doubled: number; posted: number }> {
  const streamMs = 3000;
  const emulator = await startEmulator({ port: 0, token: 'bench', newEveryMs: 0, runtimeLogStreamMs: streamMs, runtimeLogKeepAliveMs: 0 });
  const control = new EmulatorControl(emulator.info.url);
  const client = new VercelClient({ origin: emulator.info.url, token: async () => 'bench' });
  const seconds = ctx.quick ? 10 : 30;
  try {
    const id = (await control.createDeployment({ readyState: 'READY', target: null })).id;
    const follower = new RuntimeLogFollower({ id, teamId: emulator.info.teamId }, { client, known: () => undefined });
    follower.start();
    while (follower.status !== 'live') await new Promise((resolve) => setTimeout(resolve, 20));
    await control.clearRequests();
    const sent: string[] = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const text = `reconnect-${sent.length}`;
      sent.push(text);
      await control.appendRuntimeLogs(id, [{ level: 'info', message: text, requestMethod: 'GET', requestPath: `/p/${sent.length}`, responseStatusCode: 200 }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const requests = await control.requests();
    follower.dispose();
    const shown = follower.model.lines.map((l) => l.text.slice(l.messageColumn));
    const counts = sent.map((t) => shown.filter((s) => s === t).length);
    return {
      streams: requests.filter((r) => r.path.endsWith('/runtime-logs')).length,
      history: requests.filter((r) => r.path === '/api/logs/request-logs').length,
      seconds,
      lost: counts.filter((c) => c === 0).length,
      doubled: counts.filter((c) => c > 1).length,
      posted: sent.length,
    };
  } finally {
    await emulator.close();
  }
}

export async function runtimeLogsRow(ctx: BenchContext): Promise<Line[]> {
  const latency = await streamLatency(ctx);
  const p50 = median(latency.ours);
  const p95 = quantile(latency.ours, 0.95);

  const pages = historyPages();
  const rounds = ctx.quick ? 2 : 5;
  let shape = { lines: 0, errors: 0 };
  const parse = await alternate(rounds, {
    ours: () => {
      const r = incremental(pages);
      shape = { lines: r.lines, errors: r.errors };
      return r.ms;
    },
    reparse: () => reparseEachChange(pages),
  });
  const oursParse = median(parse.ours);

  const again = await reconnects(ctx);
  return [
    {
      id: '11a',
      label: 'stream latency, line written → line in the runtime log model',
      value: `${ms(p50)} median, ${ms(p95)} p95`,
      raw: p50,
      unit: 'ms',
      target: `≤ ${LATENCY_TARGET_MS} ms`,
      met: p95 <= LATENCY_TARGET_MS,
      comparison: `polling request-logs every 2 s: ${ms(median(latency.polled))} median, ${ms(quantile(latency.polled, 0.95))} p95`,
      note: `${latency.ours.length} lines posted through the emulator's control API to a READY deployment; the real RuntimeLogFollower (50 ms coalescing included) and VercelClient follow /v1/projects/{id}/deployments/{id}/runtime-logs. The polled alternative: ${latency.polled.length} lines, each posted at a random moment of a 2 s request-logs poll, timed until a poll's rows hold it. The editor's share is row 11d.`,
    },
    {
      id: '11b',
      label: `${count(shape.lines)} lines of history taken in page by page (${PAGES} pages)`,
      value: ms(oursParse),
      raw: oursParse,
      unit: 'ms',
      target: `≤ ${PARSE_TARGET_MS} ms`,
      met: oursParse <= PARSE_TARGET_MS,
      comparison: `reading everything again on each page ${ms(median(parse.reparse))} (${times(pairedRatio(parse.reparse, parse.ours))} slower)`,
      note: `RuntimeLogModel.appendHistory per page (messages sanitized, frames found once per line) and the document text after each page, as the file system serves it; ${count(shape.errors)} errors with frames indexed for links and the Problems panel; median of ${rounds} rounds, alternating with the re-read.`,
    },
    {
      id: '11f',
      label: 'what a reconnect costs (Vercel ends the stream every few minutes)',
      value: `1 stream + ${(again.history / Math.max(1, again.streams)).toFixed(1)} request-logs a reconnect`,
      raw: (again.streams + again.history) / Math.max(1, again.streams),
      unit: 'requests/reconnect',
      target: 'no line lost or doubled',
      met: again.lost === 0 && again.doubled === 0,
      comparison: `polling request-logs every 2 s: ${count(30 * again.seconds / 60)} requests in the same ${again.seconds} s`,
      note: `streams the emulator ended every 3 s for ${again.seconds} s while ${again.posted} lines were posted 100 ms apart, counted after the first stream was open: ${again.streams} streams opened again and ${again.history} request-logs reads (the catch-up of each gap); ${again.lost} lines lost, ${again.doubled} doubled. Vercel ends a stream after about 5 minutes: 0.2 streams and 0.2 request-logs reads a minute.`,
    },
  ];
}
