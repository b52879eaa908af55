/**
 * Row 4 — Request cost, against the emulator over real HTTP.
 *
 * First paint: the production bundle, activated under the vscode shim on a
 * linked folder with a stored token, until the tree shows deployments and the
 * status bar shows the latest; every request the emulator saw is counted.
 *
 * Cadence: the real VercelClient, DeploymentStore and RefreshScheduler with
 * the extension's default intervals, on a fake clock the benchmark moves (an
 * hour takes as long as its requests). Beside it, in the same run, the
 * obvious alternative: a fixed 5-second poll that ignores build state and focus.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VercelClient } from '../../src/api/client';
import { RefreshScheduler } from '../../src/deployments/scheduler';
import { DeploymentStore } from '../../src/deployments/store';
import type { LinkedProject } from '../../src/workspace/linkFiles';
import { isInProgress, readyStateOf } from '../../src/api/schemas';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type EmulatorInfo } from '../emulator/server';
import type { BenchContext } from './context';
import { FakeClock, Work } from './fakeClock';
import { deploymentNodes, hostExtension, waitFor } from './hostedExtension';
import type { Line } from './report';
import { count, ms, times } from './stats';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How long after the first paint we keep listening for stray requests. */
const GRACE_MS = 1000;

/** `value.a.b.c`, or undefined where the path breaks off. */
function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

/** The extension's default intervals, read from the manifest so the benchmark follows any change. */
function defaultIntervals(root: string): { activeMs: number; idleMs: number } {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const seconds = (key: string, fallback: number): number => {
    const value = dig(manifest, 'contributes', 'configuration', 'properties', key, 'default');
    return typeof value === 'number' ? value : fallback;
  };
  return {
    activeMs: seconds('vercelDeployments.refresh.activeIntervalSeconds', 5) * 1000,
    idleMs: seconds('vercelDeployments.refresh.idleIntervalSeconds', 60) * 1000,
  };
}

interface FirstPaint {
  readonly requests: number;
  readonly endpoints: string;
  readonly ms: number;
  readonly rows: number;
  readonly statusBar: string;
}

async function firstPaint(bundle: string, info: EmulatorInfo, control: EmulatorControl, scratch: string): Promise<FirstPaint> {
  await control.clearRequests();
  const t0 = performance.now();
  const hosted = await hostExtension(bundle, info, scratch);
  try {
    await waitFor(() => deploymentNodes(hosted.treeRoots()).length > 0 && hosted.statusBarText() !== undefined, 'the first paint of tree and status bar');
    const paintedMs = performance.now() - t0;
    const rows = deploymentNodes(hosted.treeRoots()).length;
    const statusBar = hosted.statusBarText() ?? '';
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    const log = await control.requests();
    return {
      requests: log.length,
      endpoints: log.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', '),
      ms: paintedMs,
      rows,
      statusBar,
    };
  } finally {
    hosted.dispose();
  }
}

interface Cadence {
  readonly buildingMinute: number;
  readonly idleHour: number;
  readonly unfocusedHour: number;
  /** Requests on regaining focus after the unfocused hour. */
  readonly refocus: number;
}

type Poller = 'adaptive' | 'fixed';

async function cadence(kind: Poller, info: EmulatorInfo, control: EmulatorControl, intervals: { activeMs: number; idleMs: number }): Promise<Cadence> {
  const work = new Work();
  const clock = new FakeClock(() => work.idle());
  const client = new VercelClient({ origin: info.url, token: () => Promise.resolve(info.token) });
  const store = new DeploymentStore(client, { pageSize: () => 20, now: () => clock.now() });
  const project: LinkedProject = {
    key: `${info.teamId}/${info.projectId}`,
    projectId: info.projectId,
    orgId: info.teamId,
    teamId: info.teamId,
    name: info.projectName,
    directory: '/bench',
    file: '/bench/.vercel/project.json',
  };
  store.setProjects([project]);
  const refresh = () => work.track(store.refresh());

  // The extension's way: the scheduler. The alternative: a fixed timer, blind to builds and focus.
  let scheduler: RefreshScheduler | undefined;
  let fixedTimer: unknown;
  const fixedPoll = () => {
    void refresh();
    fixedTimer = clock.setTimeout(fixedPoll, 5000);
  };
  const setFocused = (focused: boolean) => scheduler?.setFocused(focused);
  const requests = async () => (await control.requests()).length;

  try {
    await control.createDeployment({ readyState: 'BUILDING' });
    if (kind === 'adaptive') {
      scheduler = new RefreshScheduler(refresh, { activeMs: () => intervals.activeMs, idleMs: () => intervals.idleMs, clock });
      void scheduler.start();
    } else {
      fixedPoll();
    }
    await work.idle();
    if (!store.inProgress) throw new Error('the store does not see the build the benchmark started');

    await control.clearRequests();
    await clock.advance(MINUTE);
    const buildingMinute = await requests();

    // Every build on the first page finishes; the next refresh sees it, then an idle hour.
    for (const d of store.projects[0]?.deployments ?? []) {
      if (isInProgress(readyStateOf(d))) await control.setState(d.uid, 'READY');
    }
    await clock.advance(intervals.activeMs);
    if (store.inProgress) throw new Error('the store still sees a build in progress after they all finished');
    await control.clearRequests();
    await clock.advance(HOUR);
    const idleHour = await requests();

    // The harshest unfocused case: a build is running when the window loses focus.
    await control.createDeployment({ readyState: 'BUILDING' });
    if (scheduler) void scheduler.refreshNow();
    await work.idle();
    setFocused(false);
    await control.clearRequests();
    await clock.advance(HOUR);
    const unfocusedHour = await requests();
    setFocused(true);
    await work.idle();
    const refocus = (await requests()) - unfocusedHour;
    return { buildingMinute, idleHour, unfocusedHour, refocus };
  } finally {
    scheduler?.dispose();
    if (fixedTimer !== undefined) clock.clearTimeout(fixedTimer);
    await work.idle();
    store.dispose();
  }
}

function fewer(ours: number, theirs: number): string {
  if (ours === theirs) return 'the same';
  if (ours === 0) return 'ours none';
  return ours < theirs ? `ours ${times(theirs / ours)} fewer` : `ours ${times(ours / theirs)} more`;
}

export async function requestsRow(ctx: BenchContext): Promise<Line[]> {
  const bundle = await ctx.productionBundle();
  const intervals = defaultIntervals(ctx.root);
  // Builds that outlast the benchmark: only the benchmark moves them.
  const emulator = await startEmulator({ port: 0, buildMs: 6 * HOUR, newEveryMs: 0 });
  const control = new EmulatorControl(emulator.info.url);
  try {
    ctx.log('requests: first paint of the activated bundle');
    const paint = await firstPaint(bundle.path, emulator.info, control, ctx.tmp);
    ctx.log('requests: an hour of polling, the extension\'s scheduler');
    await control.reset();
    const ours = await cadence('adaptive', emulator.info, control, intervals);
    ctx.log('requests: an hour of polling, a fixed 5 s timer');
    await control.reset();
    const fixed = await cadence('fixed', emulator.info, control, intervals);
    const schedule = `default intervals from package.json: ${intervals.activeMs / 1000} s while building, ${intervals.idleMs / 1000} s idle; real client, store and scheduler over HTTP, fake clock`;

    return [
      {
        id: '4a',
        label: 'first paint of tree + status bar',
        value: count(paint.requests),
        raw: paint.requests,
        unit: 'requests',
        target: '1',
        met: paint.requests === 1,
        note: `production bundle activated under the shim on a linked folder with a stored token; counted in the emulator's log until the tree showed ${paint.rows} deployments and the status bar "${paint.statusBar}" (${ms(paint.ms)} after require + activate began), and ${GRACE_MS / 1000} s more: ${paint.endpoints || 'none'}.`,
      },
      {
        id: '4b',
        label: 'per minute while a build runs',
        value: count(ours.buildingMinute),
        raw: ours.buildingMinute,
        unit: 'requests',
        target: '≤ 12',
        met: ours.buildingMinute <= 12,
        comparison: `fixed 5 s poll: ${count(fixed.buildingMinute)} (${fewer(ours.buildingMinute, fixed.buildingMinute)})`,
        note: `${schedule}.`,
      },
      {
        id: '4c',
        label: 'per idle hour',
        value: count(ours.idleHour),
        raw: ours.idleHour,
        unit: 'requests',
        target: '≤ 60',
        met: ours.idleHour <= 60,
        comparison: `fixed 5 s poll: ${count(fixed.idleHour)} (${fewer(ours.idleHour, fixed.idleHour)})`,
        note: 'every build on the first page finished, one refresh saw it, then a fake hour.',
      },
      {
        id: '4d',
        label: 'per hour while the window is unfocused',
        value: count(ours.unfocusedHour),
        raw: ours.unfocusedHour,
        unit: 'requests',
        target: '0',
        met: ours.unfocusedHour === 0,
        comparison: `fixed 5 s poll: ${count(fixed.unfocusedHour)} (${fewer(ours.unfocusedHour, fixed.unfocusedHour)})`,
        note: `focus lost while a build was running; regaining focus costs ${count(ours.refocus)} request${ours.refocus === 1 ? '' : 's'} (one catch-up look).`,
      },
    ];
  } finally {
    await emulator.close();
  }
}
