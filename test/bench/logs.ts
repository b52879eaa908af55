/**
 * Row 7 — Build logs, outside VS Code: what the extension computes for a
 * 200,000-line log, and how fast a streamed line reaches the log model.
 *
 * 7a Parse: the log arrives in 20 chunks (as a followed stream delivers it);
 *    the model parses each chunk once and keeps steps (symbols, folding) and
 *    problems (diagnostics) up to date. The obvious alternative, in the same
 *    run, alternating: providers that re-parse the whole text on every change
 *    (each chunk) — what a provider reading `document.getText()` does.
 * 7b Stream latency: the real VercelClient following the emulator's event
 *    stream into the model; an event is posted through the control API and
 *    timed until the model holds its line. Beside it, the polled alternative:
 *    a GET of the whole log every second, timed the same way.
 *
 * Row 7 in VS Code (./logsVscode.ts) measures opening and painting the log,
 * the latency to the editor, and the requests while a log follows.
 */
import { VercelClient } from '../../src/api/client';
import { LogModel, normalizeEvent, type LogEntry } from '../../src/logs/model';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import type { BenchContext } from './context';
import { longLog } from './logLines';
import type { Line } from './report';
import { alternate, count, median, ms, pairedRatio, quantile, times } from './stats';

const LINES = 200_000;
const CHUNKS = 20;
const PARSE_TARGET_MS = 1000;
const LATENCY_TARGET_MS = 250;

function entries(): LogEntry[] {
  return longLog(LINES)
    .map((e) => normalizeEvent(e))
    .filter((e): e is LogEntry => e !== undefined);
}

function chunks<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / n);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Ours: each chunk parsed once, as it arrives; symbols and problems read from the model. */
function incremental(parts: readonly LogEntry[][]): { ms: number; steps: number; problems: number } {
  const t0 = performance.now();
  const model = new LogModel();
  for (const part of parts) {
    model.append(part);
    // What the providers hand VS Code after each change: reading, not parsing.
    void model.steps.length;
    void model.problems.length;
  }
  return { ms: performance.now() - t0, steps: model.steps.length, problems: model.problems.length };
}

/** The alternative: after every chunk, everything so far is parsed again from scratch. */
function reparseEachChange(parts: readonly LogEntry[][]): number {
  const t0 = performance.now();
  const seen: LogEntry[] = [];
  for (const part of parts) {
    seen.push(...part);
    const model = new LogModel();
    model.append(seen);
    void model.steps.length;
    void model.problems.length;
  }
  return performance.now() - t0;
}

async function streamLatency(ctx: BenchContext): Promise<{ ours: number[]; polled: number[] }> {
  const emulator = await startEmulator({ port: 0, token: 'bench', buildMs: 6 * 3_600_000, newEveryMs: 0 });
  const control = new EmulatorControl(emulator.info.url);
  const client = new VercelClient({ origin: emulator.info.url, token: async () => 'bench' });
  const scope = { teamId: emulator.info.teamId };
  const samples = ctx.quick ? 10 : 40;
  try {
    const building = await control.createDeployment({ readyState: 'BUILDING' });
    const measure = async (stop: () => void): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < samples; i++) {
        const text = `bench line ${i} ${Math.random().toString(36).slice(2)}`;
        const appeared = new Promise<number>((resolve) => {
          pending = { text, resolve };
        });
        const t0 = performance.now();
        await control.appendEvents(building.id, [{ type: 'stdout', text }]);
        out.push((await appeared) - t0);
      }
      stop();
      return out;
    };
    let pending: { text: string; resolve: (at: number) => void } | undefined;
    const check = (model: LogModel) => {
      const wanted = pending;
      if (wanted && model.lines.some((l) => l.text === wanted.text)) {
        pending = undefined;
        wanted.resolve(performance.now());
      }
    };

    // Ours: one followed stream into the model.
    const abort = new AbortController();
    const model = new LogModel();
    const following = (async () => {
      try {
        for await (const event of client.getDeploymentEvents(building.id, { ...scope, follow: true, signal: abort.signal })) {
          const entry = normalizeEvent(event);
          if (entry) model.append([entry]);
          check(model);
        }
      } catch {
        // Aborted at the end of the measurement.
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ours = await measure(() => abort.abort());
    await following;

    // The alternative: the whole log fetched every second.
    let polling = true;
    const polledModel = new LogModel();
    const poller = (async () => {
      while (polling) {
        const events = await client.getDeploymentEvents(building.id, scope);
        polledModel.append(events.map((e) => normalizeEvent(e)).filter((e): e is LogEntry => e !== undefined));
        check(polledModel);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    const polled = await measure(() => {
      polling = false;
    });
    await poller;
    return { ours, polled };
  } finally {
    await emulator.close();
  }
}

export async function logsRow(ctx: BenchContext): Promise<Line[]> {
  const all = entries();
  const parts = chunks(all, CHUNKS);
  const rounds = ctx.quick ? 2 : 5;
  let shape = { steps: 0, problems: 0 };
  const samples = await alternate(rounds, {
    ours: () => {
      const r = incremental(parts);
      shape = { steps: r.steps, problems: r.problems };
      return r.ms;
    },
    reparse: () => reparseEachChange(parts),
  });
  const oursMs = median(samples.ours);
  const reparseMs = median(samples.reparse);
  const stream = await streamLatency(ctx);
  const p50 = median(stream.ours);
  const p95 = quantile(stream.ours, 0.95);
  return [
    {
      id: '7a',
      label: `steps + problems of a ${count(LINES)}-line log, streamed in ${CHUNKS} chunks`,
      value: ms(oursMs),
      raw: oursMs,
      unit: 'ms',
      target: `≤ ${PARSE_TARGET_MS} ms`,
      met: oursMs <= PARSE_TARGET_MS,
      comparison: `re-parse everything on each change ${ms(reparseMs)} (${times(pairedRatio(samples.reparse, samples.ours))} slower)`,
      note: `LogModel.append per chunk (ANSI stripped, steps and problem matchers run once per line); ${shape.steps} steps and ${shape.problems} problem(s) found; median of ${rounds} rounds, alternating with the re-parse.`,
    },
    {
      id: '7b',
      label: 'stream latency, event written → line in the log model',
      value: `${ms(p50)} median, ${ms(p95)} p95`,
      raw: p50,
      unit: 'ms',
      target: `≤ ${LATENCY_TARGET_MS} ms`,
      met: p95 <= LATENCY_TARGET_MS,
      comparison: `polling the log every 1 s: ${ms(median(stream.polled))} median, ${ms(quantile(stream.polled, 0.95))} p95`,
      note: `${stream.ours.length} events posted through the emulator's control API to a BUILDING deployment; the real VercelClient follows /v3/deployments/{id}/events?follow=1. The editor's share is measured in row 7 in VS Code.`,
    },
  ];
}
