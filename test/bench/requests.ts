/**
 * Row 4 — Request cost, against the emulator over real HTTP.
 *
 * Window open: the production bundle, activated under the vscode shim on a
 * linked folder with a stored token, until the tree shows deployments and the
 * status bar shows the latest (the first paint), and a few seconds more, for
 * what the build problems fetch once the window is idle. Every request passes
 * a counting proxy (its start and its response bytes). Cold: empty global and
 * workspace state; warm: the state the cold window left, as VS Code keeps it
 * between openings. With 20 branches whose newest build failed, the same
 * window beside the rule it replaced (every failed branch head's log
 * downloaded at open), in the same run.
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
import { startCountingProxy, type CountingProxy, type ProxiedRequest } from './countingProxy';
import { FakeClock, Work } from './fakeClock';
import { deploymentNodes, hostExtension, waitFor } from './hostedExtension';
import type { Line } from './report';
import { count, ms, size, times } from './stats';
import { memento, shimControl, type WindowState } from './vscodeShim';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * How long after the first paint we keep counting: the build problems load
 * once the window has been quiet for 1.5 s (src/logs/problemsTrigger.ts) and
 * then fetch what they need; the next poll (5 s while a build runs) is later.
 */
const GRACE_MS = 3500;
/** Failed branches in the window-open line. */
const FAILED_BRANCHES = 20;

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

const isLog = (r: ProxiedRequest) => /^\/v3\/deployments\/[^/]+\/events$/.test(r.path);

interface WindowOpen {
  /** Requests that began before the first paint. */
  readonly beforePaint: readonly ProxiedRequest[];
  /** Every request from opening to the end of the grace period. */
  readonly all: readonly ProxiedRequest[];
  readonly ms: number;
  readonly rows: number;
  readonly statusBar: string;
  readonly projects: number;
  readonly state: WindowState;
  readonly workspace: string;
  /** Why the features bundle was loaded, if it was. */
  readonly featuresLoadedFor: string | undefined;
}

function paintedNow(): { rows: number; statusBar: string } | undefined {
  const provider = shimControl.trees.get('vercelDeployments.deployments');
  const roots = provider?.getChildren(undefined);
  const rows = deploymentNodes(Array.isArray(roots) ? roots : []).length;
  const statusBar = shimControl.statusBarItems.find((item) => item.visible)?.text;
  return rows > 0 && statusBar !== undefined ? { rows, statusBar } : undefined;
}

/**
 * Opens a window on the linked folder, through the counting proxy: the
 * requests that began before the first paint (watched on every change of the
 * store, after the tree and status bar took it), and all of them until
 * GRACE_MS after it.
 */
async function openWindow(
  bundle: string,
  info: EmulatorInfo,
  proxy: CountingProxy,
  scratch: string,
  options: { state?: WindowState; workspace?: string; gitBranch?: string } = {},
): Promise<WindowOpen> {
  const state = options.state ?? { globalState: memento(), workspaceState: memento() };
  proxy.clear();
  const t0 = performance.now();
  let paint: { at: number; rows: number; statusBar: string } | undefined;
  const look = () => {
    if (paint) return;
    const now = paintedNow();
    if (now) paint = { at: performance.now(), ...now };
  };
  const hosted = await hostExtension(bundle, info, scratch, {
    state,
    apiUrl: proxy.url,
    ...(options.workspace !== undefined ? { workspace: options.workspace } : {}),
    ...(options.gitBranch !== undefined ? { gitBranch: options.gitBranch } : {}),
    onActivated: (api) => {
      api.store.onDidChange(look);
    },
  });
  try {
    await waitFor(() => {
      look();
      return paint !== undefined;
    }, 'the first paint of tree and status bar');
    const painted = paint ?? { at: performance.now(), rows: 0, statusBar: '' };
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    const all = [...proxy.requests];
    const loadedFor = hosted.api.features.loadedFor;
    return {
      beforePaint: all.filter((r) => r.startedAt < painted.at),
      all,
      ms: painted.at - t0,
      rows: painted.rows,
      statusBar: painted.statusBar,
      projects: hosted.api.store.projects.length,
      state,
      workspace: hosted.workspace,
      featuresLoadedFor: loadedFor,
    };
  } finally {
    hosted.dispose();
  }
}

function endpoints(requests: readonly ProxiedRequest[]): string {
  return requests.length === 0 ? 'none' : requests.map((r) => `${r.method} ${r.path.replace(/dpl_[A-Za-z0-9]+/g, 'dpl_…')} → ${r.status}`).join(', ');
}

const bytesOf = (requests: readonly ProxiedRequest[]) => requests.reduce((sum, r) => sum + r.bytes, 0);
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

/** "2 requests, 14.2 KB" */
function cost(requests: readonly ProxiedRequest[]): string {
  return `${plural(requests.length, 'request')}, ${size(bytesOf(requests))}`;
}

interface ManyFailed {
  /** The new rule, warm: the window opened a second time. */
  readonly ours: WindowOpen;
  /** The window's own requests (a cold open: no caches, as before them) plus every failed branch head's log. */
  readonly old: readonly ProxiedRequest[];
  readonly oldOpen: WindowOpen;
  readonly heads: number;
  readonly checkedOut: string;
  readonly logBytes: number;
}

/**
 * 20 branches whose newest build failed, newest of all; the folder has one
 * of them checked out. Ours: the window opened once (which reads the
 * checked-out branch's log and keeps its problems), then opened again — the
 * figure. The old rule, in the same run: a window opened with no state at
 * all (there were no caches), plus what the old build problems did at every
 * open, a download of each failed branch head's log through the real client.
 */
async function manyFailedBranches(bundle: string, info: EmulatorInfo, control: EmulatorControl, proxy: CountingProxy, scratch: string): Promise<ManyFailed> {
  await control.reset();
  const heads: string[] = [];
  for (let i = 1; i <= FAILED_BRANCHES; i++) {
    const d = await control.createDeployment({ readyState: 'ERROR', target: null, meta: { githubCommitRef: `feature-${String(i).padStart(2, '0')}` } });
    heads.push(d.id);
  }
  const checkedOut = 'feature-07';
  const first = await openWindow(bundle, info, proxy, scratch, { gitBranch: checkedOut });
  const ours = await openWindow(bundle, info, proxy, scratch, { gitBranch: checkedOut, state: first.state, workspace: first.workspace });

  const oldOpen = await openWindow(bundle, info, proxy, scratch, { gitBranch: checkedOut, workspace: first.workspace });
  const client = new VercelClient({ origin: proxy.url, token: () => Promise.resolve(info.token) });
  const downloaded = new Set(oldOpen.all.filter(isLog).map((r) => r.path));
  const before = proxy.requests.length;
  for (const id of heads) {
    if (!downloaded.has(`/v3/deployments/${encodeURIComponent(id)}/events`)) await client.getDeploymentEvents(id, { teamId: info.teamId });
  }
  const old = [...oldOpen.all, ...proxy.requests.slice(before)];
  const logs = old.filter(isLog);
  return { ours, old, oldOpen, heads: heads.length, checkedOut, logBytes: logs.length === 0 ? 0 : bytesOf(logs) / logs.length };
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
  const proxy = await startCountingProxy(emulator.info.url);
  try {
    ctx.log('requests: window open, cold (empty state), then warm (the state it left)');
    const cold = await openWindow(bundle.path, emulator.info, proxy, ctx.tmp);
    const warm = await openWindow(bundle.path, emulator.info, proxy, ctx.tmp, { state: cold.state, workspace: cold.workspace });
    ctx.log(`requests: window open with ${FAILED_BRANCHES} failed branches, ours and the old rule`);
    const many = await manyFailedBranches(bundle.path, emulator.info, control, proxy, ctx.tmp);
    ctx.log("requests: an hour of polling, the extension's scheduler");
    await control.reset();
    const ours = await cadence('adaptive', emulator.info, control, intervals);
    ctx.log('requests: an hour of polling, a fixed 5 s timer');
    await control.reset();
    const fixed = await cadence('fixed', emulator.info, control, intervals);
    const schedule = `default intervals from package.json: ${intervals.activeMs / 1000} s while building, ${intervals.idleMs / 1000} s idle; real client, store and scheduler over HTTP, fake clock`;

    const paintNote = (w: WindowOpen) =>
      `the tree showed ${w.rows} deployments and the status bar "${w.statusBar}" ${ms(w.ms)} after require + activate began; before it: ${endpoints(w.beforePaint)} (${size(bytesOf(w.beforePaint))}); ` +
      `in the ${GRACE_MS / 1000} s after it: ${endpoints(w.all.slice(w.beforePaint.length))}; ` +
      `features bundle ${w.featuresLoadedFor === undefined ? 'not loaded' : `loaded for ${w.featuresLoadedFor}`}`;
    const warmLogs = warm.all.filter(isLog).length;
    const warmMet = warm.beforePaint.length <= warm.projects && warmLogs === 0;
    const manyLogs = many.ours.all.filter(isLog).length;
    const manyMet = many.ours.beforePaint.length <= many.ours.projects && manyLogs === 0;
    const oldLogs = many.old.filter(isLog).length;

    return [
      {
        id: '4a',
        label: 'first paint, cold (empty workspace state): requests before the tree paints',
        value: `${count(cold.beforePaint.length)} (${size(bytesOf(cold.beforePaint))})`,
        raw: cold.beforePaint.length,
        unit: 'requests',
        comparison: `the whole open, paint + ${GRACE_MS / 1000} s: ${cost(cold.all)}, ${plural(cold.all.filter(isLog).length, 'log download')}`,
        note: `production bundle activated under the shim on a linked folder (${plural(cold.projects, 'project')}) with a stored token, no Git extension, fresh global and workspace state; every request counted at a proxy in front of the emulator; ${paintNote(cold)}. The issue sets no target for a cold open; by design it is the list and the project in parallel.`,
      },
      {
        id: '4b',
        label: 'first paint, warm (state of the previous open): requests before the tree paints',
        value: `${count(warm.beforePaint.length)} (${size(bytesOf(warm.beforePaint))})`,
        raw: warm.beforePaint.length,
        unit: 'requests',
        target: '≤ 1 per linked project, 0 log downloads',
        met: warmMet,
        comparison: `cold (4a): ${count(cold.beforePaint.length)}; the whole open, paint + ${GRACE_MS / 1000} s: ${cost(warm.all)}, ${plural(warmLogs, 'log download')}`,
        note: `the same folder opened again with the global and workspace state the cold window of 4a left (JSON, as VS Code keeps it), ${plural(warm.projects, 'linked project')}; ${paintNote(warm)}.`,
      },
      {
        id: '4c',
        label: `window open with ${FAILED_BRANCHES} failed branches: paint + build problems`,
        value: cost(many.ours.all),
        raw: many.ours.all.length,
        unit: 'requests',
        target: '≤ 1 per linked project before the paint, 0 log downloads',
        met: manyMet,
        comparison: `the old rule (every failed branch head's log): ${cost(many.old)}, ${plural(oldLogs, 'log download')}; requests: ${fewer(many.ours.all.length, many.old.length)}; bytes: ${fewer(bytesOf(many.ours.all), bytesOf(many.old))}`,
        note:
          `${many.heads} deployments created through the emulator's control API, each the newest of its branch (meta.githubCommitRef feature-01 … feature-${String(FAILED_BRANCHES).padStart(2, '0')}) and failed (readyState ERROR, the emulator's generated failed log, ${size(many.logBytes)} each on average); the folder has ${many.checkedOut} checked out (the shim's Git extension). ` +
          `Ours: the window opened once (it reads ${many.checkedOut}'s log and keeps its problems), then again, counted from opening until ${GRACE_MS / 1000} s after the first paint: ${plural(many.ours.beforePaint.length, 'request')} before the paint; ${paintNote(many.ours)}. ` +
          (many.ours.beforePaint.some((r) => r.path.startsWith('/v13/deployments/'))
            ? 'The GET /v13/deployments/{id} before the paint is the production deployment: 20 newer builds pushed it off the first page, and the store reads it by id before it tells the tree (readProductionItems in src/deployments/store.ts), in every window, cached or not. '
            : '') +
          `The old rule, emulated in the same run: a window opened with empty state (there were no caches: ${cost(many.oldOpen.all)}), plus GET /v3/deployments/{id}/events through the real VercelClient for every failed branch head the window did not read itself, as the old build problems did at every open; ` +
          'the old build also read GET /v2/user at every open, not counted here, so its figure is a lower bound.',
      },
      {
        id: '4d',
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
        id: '4e',
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
        id: '4f',
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
    await proxy.close();
    await emulator.close();
  }
}
