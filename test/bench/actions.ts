/**
 * Row 8 — Lifecycle actions: HTTP round trips and wall time from the command
 * to the tree showing its result, for redeploy (the new row at the top),
 * delete (the row gone), Instant Rollback and promote (the Current mark
 * moved). The production bundle runs under the vscode shim against the
 * emulator; each command is invoked on the row's tree node, as the context
 * menu does, and the person confirms the modal (the shim answers it with its
 * first button). The clock stops at the first tree redraw that shows the
 * result, and the round trips are the emulator's request log up to then.
 *
 * Beside each, in the same run and alternating, the obvious alternative: the
 * same mutating request, then the view refreshed to show the result — once
 * for redeploy and delete; for rollback and promote, refreshed (list and
 * project) every 300 ms, the pace our job follower keeps, until Current moves.
 *
 * Rollback goes to an earlier READY production deployment and promote brings
 * the newest one back, a cycle that repeats. Redeploy and delete are timed
 * once more with every request held back as over a network (8i, 8j).
 *
 * Polling is turned off for the measurement (idle interval 0, active interval
 * an hour), so that every logged request is one the action caused.
 */
import { Commands, Settings } from '../../src/constants';
import type { DeploymentNode } from '../../src/deployments/treeItems';
import { EmulatorControl, type LoggedRequest } from '../emulator/control';
import { startEmulator, type EmulatorInfo } from '../emulator/server';
import type { BenchContext } from './context';
import { hostExtension, waitFor, type HostedExtension } from './hostedExtension';
import type { Line } from './report';
import { count, median, ms, pairedRatio, times } from './stats';
import { shimControl } from './vscodeShim';

/** Redeploy looks at the list once more 2 s after it (src/commands/redeploy.ts); waited out and reported, not counted. */
const REDEPLOY_SETTLE_MS = 2500;
/** Long enough to see a request an action would send after the tree showed its result. */
const QUIET_MS = 400;
/** The alternative's refresh pace while a promote or rollback job runs: our follower's (src/commands/lifecycle.ts). */
const ALT_POLL_MS = 300;
/**
 * On loopback a round trip costs next to nothing, which hides what an extra
 * request costs a person; redeploy and delete are timed again with every API
 * request held back this long, a plain round trip to a far-away API.
 */
const NETWORK_MS = 80;

interface Sample {
  readonly ms: number;
  /** API requests from the command until the tree showed the result. */
  readonly requests: readonly LoggedRequest[];
  /** API requests after that, within the quiet wait. */
  readonly later: readonly LoggedRequest[];
}

type Action = 'redeploy' | 'delete' | 'rollback' | 'promote';
const ACTIONS: readonly Action[] = ['redeploy', 'delete', 'rollback', 'promote'];

function isDeploymentNode(node: unknown): node is DeploymentNode {
  return typeof node === 'object' && node !== null && 'kind' in node && node.kind === 'deployment';
}

function tokensOf(row: DeploymentNode): string[] {
  return String(row.contextValue).split(' ');
}

const isProjectRead = (r: LoggedRequest) => r.method === 'GET' && r.path.startsWith('/v9/projects/') && r.query['rollbackInfo'] === 'true';
const isMutation = (r: LoggedRequest) => r.method !== 'GET';
const requestText = (r: LoggedRequest) => `${r.method} ${r.path}${r.query['rollbackInfo'] === 'true' ? '?rollbackInfo=true' : ''}`;

/** "POST /x, 5 × GET /y": consecutive repeats folded, so a job's polls read as a count. */
function sequence(requests: readonly LoggedRequest[]): string {
  const runs: { text: string; n: number }[] = [];
  for (const text of requests.map(requestText)) {
    const last = runs.at(-1);
    if (last?.text === text) last.n++;
    else runs.push({ text, n: 1 });
  }
  return runs.map((r) => (r.n === 1 ? r.text : `${r.n} × ${r.text}`)).join(', ');
}

class ActionBench {
  /** When each API request left this process (extension and alternative alike), in order. */
  private readonly sent: number[] = [];
  private readonly realFetch = globalThis.fetch;

  constructor(
    private readonly hosted: HostedExtension,
    private readonly control: EmulatorControl,
    private readonly info: EmulatorInfo,
  ) {
    // The emulator dates a request to the millisecond, too coarse to tell one sent just after the redraw from one before it.
    const api = `${info.url}/`;
    const controlApi = `${info.url}/_emulator`;
    globalThis.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.startsWith(api) && !url.startsWith(controlApi)) this.sent.push(performance.now());
      return this.realFetch(input, init);
    };
  }

  dispose(): void {
    globalThis.fetch = this.realFetch;
  }

  rows(): DeploymentNode[] {
    return this.hosted.treeRoots().filter(isDeploymentNode);
  }

  row(id: string): DeploymentNode | undefined {
    return this.rows().find((r) => r.id === id);
  }

  current(): DeploymentNode | undefined {
    return this.rows().find((r) => tokensOf(r).includes('current'));
  }

  /** True when exactly `id` wears the Current mark. */
  isCurrent(id: string): boolean {
    const current = this.rows().filter((r) => tokensOf(r).includes('current'));
    return current.length === 1 && current[0]?.id === id;
  }

  /** The tree and production as the emulator has them now, then an empty request log: outside every measurement. */
  async sync(): Promise<void> {
    for (const p of this.hosted.api.store.projects) this.hosted.api.store.markProjectStale(p.project.key);
    await this.hosted.executeCommand(Commands.refresh);
    await this.control.clearRequests();
  }

  /**
   * Times `act` until the first tree redraw for which `shown` holds (or its
   * end, if the tree already showed it then), and reads the request log.
   */
  async measure(act: () => Promise<unknown>, shown: () => boolean, what: string, quietMs: number): Promise<Sample> {
    let shownAt: number | undefined;
    const t0 = performance.now();
    const check = () => {
      if (shownAt === undefined && shown()) shownAt = performance.now();
    };
    const subscription = this.hosted.api.tree.onDidChangeTreeData(check);
    try {
      await act();
      check();
    } finally {
      subscription.dispose();
    }
    if (shownAt === undefined) throw new Error(`the tree does not show ${what}`);
    const at = shownAt;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const all = await this.control.requests();
    const sent = this.sent.filter((time) => time >= t0);
    if (sent.length !== all.length) throw new Error(`${sent.length} requests left this process but the emulator logged ${all.length}`);
    // Sent one after another, so they arrive in the order they left.
    const before = sent.filter((time) => time <= at).length;
    return { ms: at - t0, requests: all.slice(0, before), later: all.slice(before) };
  }

  /** An API request sent straight to the emulator, as the alternative's mutation. */
  async api(method: string, path: string, query: Record<string, string> = {}, body?: unknown): Promise<unknown> {
    const url = new URL(path, this.info.url);
    for (const [k, v] of Object.entries({ ...query, teamId: this.info.teamId })) url.searchParams.set(k, v);
    const response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${this.info.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }

  /** The alternative's way to show a result: the view's Refresh; with `project`, the project is read along (Current). */
  async refreshView(project: boolean): Promise<void> {
    if (project) for (const p of this.hosted.api.store.projects) this.hosted.api.store.markProjectStale(p.project.key);
    await this.hosted.executeCommand(Commands.refresh);
  }

  /** Waits until no API request arrived for `quietMs` (what activation started in the background is over). */
  async quiet(quietMs: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const last = (await this.control.requests()).at(-1)?.time ?? 0;
      if (Date.now() - last >= quietMs) return;
      if (Date.now() > deadline) throw new Error(`requests did not stop within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function newTopRow(bench: ActionBench, before: ReadonlySet<string | undefined>): () => boolean {
  return () => {
    const top = bench.rows()[0];
    return top !== undefined && !before.has(top.id);
  };
}

export async function actionsRow(ctx: BenchContext): Promise<Line[]> {
  const bundle = await ctx.productionBundle();
  // Builds never finish on their own: nothing turns READY and takes production behind the benchmark's back.
  const emulator = await startEmulator({ port: 0, buildMs: 6 * 3_600_000, newEveryMs: 0 });
  const control = new EmulatorControl(emulator.info.url);
  const rounds = ctx.quick ? 2 : 7;
  const ours: Record<Action, Sample[]> = { redeploy: [], delete: [], rollback: [], promote: [] };
  const alt: Record<Action, Sample[]> = { redeploy: [], delete: [], rollback: [], promote: [] };
  /** Redeploy and delete again with every API request held back NETWORK_MS, as over a network. */
  const oursNet: Record<'redeploy' | 'delete', Sample[]> = { redeploy: [], delete: [] };
  const altNet: Record<'redeploy' | 'delete', Sample[]> = { redeploy: [], delete: [] };
  try {
    const hosted = await hostExtension(bundle.path, emulator.info, ctx.tmp);
    const bench = new ActionBench(hosted, control, emulator.info);
    try {
      shimControl.settings.set(`${Settings.section}.${Settings.idleInterval}`, 0);
      shimControl.settings.set(`${Settings.section}.${Settings.activeInterval}`, 3600);
      hosted.api.scheduler.reschedule();
      await waitFor(() => bench.current() !== undefined, 'the Current mark in the tree');
      const production = bench.current();
      if (!production) throw new Error('no row is Current');
      const productionId = String(production.id);

      // Promote brings the newest back: the emulator lets a newer READY production deployment take over again after a promote.
      const earlier = await control.createDeployment({ target: 'production', readyState: 'READY', created: production.deployment.created - 1 });
      await bench.sync();
      const source = bench.rows().find((r) => r.deployment.target === null && r.deployment.readyState === 'READY' && tokensOf(r).includes('redeployable'));
      if (!source) throw new Error('no READY preview row to redeploy');
      if (!bench.row(earlier.id) || !tokensOf(bench.row(earlier.id) as DeploymentNode).includes('rollbackable')) {
        throw new Error(`the earlier production deployment ${earlier.id} is not a rollbackable row on the first page`);
      }
      // Activation's background reads (e.g. the build-problem diagnostics' log and project reads) are not an action's.
      await bench.quiet(1000);
      const stubbedAtActivation = new Set(shimControl.missing);

      const redeployWith = (into: Sample[], how: 'ours' | 'alt') => async () => {
        const before = new Set(bench.rows().map((r) => r.id));
        let id: string | undefined;
        into.push(
          await bench.measure(
            async () => {
              if (how === 'ours') {
                const created = await hosted.executeCommand(Commands.redeploy, bench.row(String(source.id)));
                id = typeof created === 'object' && created !== null && 'id' in created ? String(created.id) : undefined;
                if (id === undefined || bench.rows()[0]?.id !== id) throw new Error('redeploy did not return the new deployment shown at the top');
                return;
              }
              const created = (await bench.api(
                'POST',
                '/v13/deployments',
                { forceNew: '1', withCache: '1' },
                { deploymentId: source.deployment.uid, name: source.deployment.name, meta: { action: 'redeploy' } },
              )) as { id: string };
              id = created.id;
              await bench.refreshView(false);
            },
            newTopRow(bench, before),
            'the redeployed deployment at the top',
            how === 'ours' ? REDEPLOY_SETTLE_MS : QUIET_MS,
          ),
        );
        // Keeps the first page as it was, so Current and the earlier deployment stay on it.
        if (id !== undefined) await bench.api('DELETE', `/v13/deployments/${id}`);
      };
      const deleteWith = (into: Sample[], how: 'ours' | 'alt') => async () => {
        const victim = await control.createDeployment({ readyState: 'READY', target: null });
        await bench.sync();
        const node = bench.row(victim.id);
        if (!node || !tokensOf(node).includes('deletable')) throw new Error(`the new preview ${victim.id} is not a deletable row`);
        into.push(
          await bench.measure(
            async () => {
              if (how === 'ours') {
                if ((await hosted.executeCommand(Commands.delete, node)) !== true) throw new Error('delete did not succeed');
              } else {
                await bench.api('DELETE', `/v13/deployments/${victim.id}`);
                await bench.refreshView(false);
              }
            },
            () => bench.row(victim.id) === undefined,
            'the deleted row gone',
            QUIET_MS,
          ),
        );
      };
      const overNetwork = (run: () => Promise<void>) => async () => {
        // No path: every API request waits, then gets its normal answer; control requests never do.
        await control.fault({ delayMs: NETWORK_MS, count: 0 });
        try {
          await run();
        } finally {
          await control.clearFaults();
        }
      };
      /** Rollback to the earlier deployment, then promote the newest back, by the command or by the alternative. */
      const cycle = (into: Record<Action, Sample[]>, how: 'ours' | 'alt') => async () => {
        const steps: [Action, string, string][] = [
          ['rollback', earlier.id, `/v9/projects/${emulator.info.projectId}/rollback/${earlier.id}`],
          ['promote', productionId, `/v10/projects/${emulator.info.projectId}/promote/${productionId}`],
        ];
        for (const [action, target, path] of steps) {
          await bench.sync();
          const node = bench.row(target);
          const token = action === 'rollback' ? 'rollbackable' : 'promotable';
          if (!node || !tokensOf(node).includes(token)) throw new Error(`${target} is not a ${token} row before the ${action}`);
          into[action].push(
            await bench.measure(
              async () => {
                if (how === 'ours') {
                  const outcome = await hosted.executeCommand(action === 'rollback' ? Commands.rollback : Commands.promote, node);
                  if (outcome !== 'succeeded') throw new Error(`${action} ended ${String(outcome)}`);
                  return;
                }
                await bench.api('POST', path, {}, {});
                for (;;) {
                  await bench.refreshView(true);
                  if (bench.isCurrent(target)) return;
                  await new Promise((resolve) => setTimeout(resolve, ALT_POLL_MS));
                }
              },
              () => bench.isCurrent(target),
              `Current on ${target}`,
              QUIET_MS,
            ),
          );
        }
      };

      const contenders: [string, () => Promise<void>][][] = [
        [
          ['redeploy', redeployWith(ours.redeploy, 'ours')],
          ['redeploy (alternative)', redeployWith(alt.redeploy, 'alt')],
        ],
        [
          ['delete', deleteWith(ours.delete, 'ours')],
          ['delete (alternative)', deleteWith(alt.delete, 'alt')],
        ],
        [
          ['rollback + promote', cycle(ours, 'ours')],
          ['rollback + promote (alternative)', cycle(alt, 'alt')],
        ],
        [
          ['redeploy over a network', overNetwork(redeployWith(oursNet.redeploy, 'ours'))],
          ['redeploy over a network (alternative)', overNetwork(redeployWith(altNet.redeploy, 'alt'))],
        ],
        [
          ['delete over a network', overNetwork(deleteWith(oursNet.delete, 'ours'))],
          ['delete over a network (alternative)', overNetwork(deleteWith(altNet.delete, 'alt'))],
        ],
      ];
      for (let round = 0; round < rounds; round++) {
        ctx.log(`row 8: round ${round + 1} of ${rounds}`);
        for (const pair of contenders) {
          // Ours first in even rounds, the alternative first in odd ones: a burst of load hits both alike.
          for (const [name, run] of round % 2 === 0 ? pair : [...pair].reverse()) {
            await bench.sync();
            try {
              await run();
            } catch (error) {
              throw new Error(`${name}, round ${round + 1}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
        }
      }
      const stubbed = [...shimControl.missing].filter((name) => !stubbedAtActivation.has(name));
      return [...lines(ours, alt, rounds, stubbed), ...networkLines(oursNet, altNet)];
    } finally {
      bench.dispose();
      hosted.dispose();
    }
  } finally {
    await emulator.close();
  }
}

/** The figure every sample agrees on, or the range when they do not. */
function agreed(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? count(lo) : `${count(lo)}–${count(hi)}`;
}

const LABEL: Record<Action, { what: string; shown: string }> = {
  redeploy: { what: 'redeploy', shown: 'the new row at the top' },
  delete: { what: 'delete', shown: 'the row gone' },
  rollback: { what: 'Instant Rollback', shown: 'Current moved' },
  promote: { what: 'promote', shown: 'Current moved' },
};

function lines(ours: Record<Action, Sample[]>, alt: Record<Action, Sample[]>, rounds: number, stubbed: readonly string[]): Line[] {
  const out: Line[] = [];
  const letters = 'abcdefgh';
  ACTIONS.forEach((action, i) => {
    const samples = ours[action];
    const others = alt[action];
    const job = action === 'rollback' || action === 'promote';
    const mutations = samples.map((s) => s.requests.filter(isMutation).length);
    const polls = samples.map((s) => s.requests.filter(isProjectRead).length);
    const rest = samples.map((s) => s.requests.filter((r) => !isMutation(r) && !isProjectRead(r)).length);
    const totals = samples.map((s) => s.requests.length);
    const altTotals = others.map((s) => s.requests.length);
    const altPolls = others.map((s) => s.requests.filter(isProjectRead).length);
    const met = mutations.every((n) => n === 1) && rest.every((n) => n === 0) && (job || polls.every((n) => n === 0));
    const later = samples.flatMap((s) => s.later.map(requestText));
    const watched = `${(action === 'redeploy' ? REDEPLOY_SETTLE_MS : QUIET_MS) / 1000} s`;
    const laterText =
      later.length === 0
        ? `no request in the ${watched} afterwards`
        : `in the ${watched} afterwards, not counted: ${[...new Set(later)].join(', ')} (${count(later.length)} in ${samples.length} runs)`;
    out.push({
      id: `8${letters[i]}`,
      label: `round trips, ${LABEL[action].what} command → ${LABEL[action].shown}`,
      value: job ? `1 + ${count(median(polls))} polls` : agreed(totals),
      raw: median(totals),
      unit: 'requests',
      target: job ? '1 + job polls' : '1',
      met,
      comparison: job
        ? `POST, then Refresh (list + project) every ${ALT_POLL_MS} ms until Current moves: ${count(median(altTotals))} (${count(median(altPolls))} refreshes)`
        : `${action === 'redeploy' ? 'POST' : 'DELETE'}, then Refresh: ${agreed(altTotals)}`,
      note:
        `${samples.length} runs on the row's tree node, modal confirmed; the first: ${sequence(samples[0]?.requests ?? [])}` +
        (job
          ? `; polls until settled per run: ${polls.join(', ')} (GET /v9/projects/{id}?rollbackInfo=true every 300 ms while the emulator's job goes pending → in-progress at 300 ms → succeeded at 1 s)`
          : '') +
        `; ${laterText}.`,
    });
  });
  ACTIONS.forEach((action, i) => {
    const samples = ours[action].map((s) => s.ms);
    const others = alt[action].map((s) => s.ms);
    const ratio = pairedRatio(others, samples);
    out.push({
      id: `8${letters[i + 4]}`,
      label: `time, ${LABEL[action].what} command → ${LABEL[action].shown}`,
      value: ms(median(samples)),
      raw: median(samples),
      unit: 'ms',
      comparison: `the alternative above: ${ms(median(others))} (${ratio >= 1 ? `ours ${times(ratio)} faster` : `ours ${times(1 / ratio)} slower`})`,
      note:
        `median of ${samples.length} runs (${samples.map((v) => Math.round(v)).join(', ')} ms), alternating with the alternative over ${rounds} rounds; to the first tree redraw that shows it` +
        (action === 'rollback' || action === 'promote'
          ? '; most of it is the job itself (the emulator settles it after 1 s, as Vercel takes about as long)'
          : `; on loopback, where a round trip costs next to nothing: the command's own cost (${action === 'redeploy' ? '8i' : '8j'} adds a network)`) +
        (i === 0 ? `; the shim ${stubbed.length === 0 ? 'stubbed no API the four commands used' : `stubbed, for the commands, ${stubbed.join(', ')}`}` : '') +
        '.',
    });
  });
  return out;
}

function networkLines(ours: Record<'redeploy' | 'delete', Sample[]>, alt: Record<'redeploy' | 'delete', Sample[]>): Line[] {
  return (['redeploy', 'delete'] as const).map((action, i) => {
    const samples = ours[action].map((s) => s.ms);
    const others = alt[action].map((s) => s.ms);
    const ratio = pairedRatio(others, samples);
    return {
      id: `8${'ij'[i] ?? ''}`,
      label: `time, ${LABEL[action].what} command → ${LABEL[action].shown}, ${NETWORK_MS} ms per request`,
      value: ms(median(samples)),
      raw: median(samples),
      unit: 'ms',
      comparison: `${action === 'redeploy' ? 'POST' : 'DELETE'}, then Refresh: ${ms(median(others))} (${ratio >= 1 ? `ours ${times(ratio)} faster` : `ours ${times(1 / ratio)} slower`})`,
      note: `as ${LABEL[action].what === 'redeploy' ? '8e' : '8f'}, with an emulator fault holding every API request back ${NETWORK_MS} ms before its normal answer; median of ${samples.length} runs (${samples.map((v) => Math.round(v)).join(', ')} ms), alternating with the alternative.`,
    };
  });
}
