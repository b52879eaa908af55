/**
 * Build logs, derived from a deployment's state and timestamps rather than
 * stored: the same deployment at the same moment always has the same log,
 * and a log only ever grows while the build runs (a follow stream can send
 * "everything after the last one I sent" by position).
 */
import { PHASE_START, type DeploymentRecord } from './data';
import { Prng } from './prng';

export interface BuildEvent {
  type: 'command' | 'stdout' | 'stderr' | 'exit' | 'deployment-state' | 'delimiter';
  created: number;
  date: number;
  deploymentId: string;
  id: string;
  serial: string;
  text: string;
  info: { type: string; name: string; entrypoint?: string; readyState?: string };
  level?: 'error' | 'warning';
}

type Line = [BuildEvent['type'], string];

function initLines(r: DeploymentRecord, prng: Prng): Line[] {
  const branch = r.meta['githubCommitRef'];
  const sha = r.meta['githubCommitSha'];
  const fetch: Line[] =
    branch !== undefined && sha !== undefined
      ? [
          ['stdout', `Cloning github.com/${r.project.git.org}/${r.project.git.repo} (Branch: ${branch}, Commit: ${sha.slice(0, 7)})`],
          ['stdout', `Cloning completed: ${prng.int(200, 1400)}.000ms`],
        ]
      : [
          ['stdout', 'Retrieving list of deployment files...'],
          ['stdout', `Downloading ${prng.int(12, 240)} deployment files...`],
        ];
  return [
    ['stdout', 'Running build in Washington, D.C., USA (East) – iad1'],
    ['stdout', 'Build machine configuration: 4 cores, 8 GB'],
    ...fetch,
  ];
}

/** Index, in buildLines, of the first line a failing build never prints. */
const FAILS_AFTER = 10;

function buildLines(r: DeploymentRecord, prng: Prng): Line[] {
  const name = r.project.name;
  return [
    ['delimiter', 'Build'],
    ['stdout', `Restored build cache from previous deployment (${prng.base62(16)})`],
    ['command', 'Running "vercel build"'],
    ['stdout', 'Vercel CLI 41.2.0'],
    ['stdout', 'Installing dependencies...'],
    ['stdout', `added ${prng.int(180, 1400)} packages in ${prng.int(4, 40)}s`],
    ['command', 'Running "npm run build"'],
    ['stdout', `> ${name}@0.1.0 build`],
    ['stdout', `> ${r.project.framework} build`],
    ['stdout', 'Creating an optimized production build ...'],
    ['stderr', 'warn: browserslist: caniuse-lite is outdated. Please run: npx update-browserslist-db@latest'],
    ['stdout', ' ✓ Compiled successfully'],
    ['stdout', ' ✓ Linting and checking validity of types'],
    ['stdout', ` ✓ Generating static pages (${prng.int(3, 40)}/${prng.int(40, 60)})`],
    ['stdout', 'Route (app)                              Size     First Load JS'],
    ['stdout', '┌ ○ /                                    5.2 kB         94.1 kB'],
    ['stdout', '└ ƒ /api/hello                           0 B                0 B'],
    ['stdout', `Build Completed in /vercel/output [${prng.int(8, 90)}s]`],
  ];
}

function endLines(r: DeploymentRecord): Line[] {
  switch (r.readyState) {
    case 'READY':
      return [
        ['stdout', 'Deploying outputs...'],
        ['stdout', 'Deployment completed'],
        ['exit', '0'],
      ];
    case 'ERROR':
      return [
        ['stderr', 'Failed to compile.'],
        ['stderr', './src/app/page.tsx:12:5'],
        ['stderr', "Type error: Property 'total' does not exist on type 'Cart'."],
        ['stderr', `Error: ${r.errorMessage ?? 'The build failed'}`],
        ['exit', '1'],
      ];
    case 'CANCELED':
      return [['stderr', 'The deployment was canceled.']];
    default:
      return [];
  }
}

function endTime(r: DeploymentRecord): number | undefined {
  return r.ready ?? r.buildErrorAt ?? r.canceledAt;
}

interface Timed {
  line: Line;
  created: number;
}

/**
 * The lines of one phase that exist at `now`. While the phase runs, lines
 * appear one by one over its expected length; once it is over (`close`) they
 * all exist, late ones dated at the close; a cancellation (`cutoff`) keeps
 * only what was printed before it.
 */
function phase(lines: Line[], start: number, expectedMs: number, now: number, close?: number, cutoff?: number): Timed[] {
  const step = Math.max(expectedMs, 0) / (lines.length + 1);
  const out: Timed[] = [];
  for (const [i, line] of lines.entries()) {
    const planned = start + Math.round((i + 1) * step);
    if (cutoff !== undefined && planned > cutoff) break;
    if (close === undefined) {
      if (planned > now) break;
      out.push({ line, created: planned });
    } else {
      out.push({ line, created: Math.min(planned, close) });
    }
  }
  return out;
}

/** The deployment's build log as it stands at `now`, oldest first. */
export function eventsFor(r: DeploymentRecord, now: number, defaultBuildMs: number): BuildEvent[] {
  const prng = new Prng(`events:${r.id}`);
  const init = initLines(r, prng);
  const build = buildLines(r, prng);
  const buildMs = r.plan?.buildMs ?? defaultBuildMs;
  const end = endTime(r);
  const canceled = r.readyState === 'CANCELED' ? r.canceledAt : undefined;
  const timed: Timed[] = [];

  if (r.initAt !== undefined) {
    const close = r.buildingAt ?? end;
    const expected = r.plan || close === undefined || canceled !== undefined ? (PHASE_START.BUILDING - PHASE_START.INITIALIZING) * buildMs : close - r.initAt;
    timed.push(...phase(init, r.initAt, expected, now, close, canceled));
  }
  if (r.buildingAt !== undefined) {
    const expected = r.plan || end === undefined || canceled !== undefined ? (PHASE_START.DONE - PHASE_START.BUILDING) * buildMs : end - r.buildingAt;
    // A build that is going to fail never gets past compiling, before or after it fails.
    const lines = r.outcome === 'ERROR' && r.readyState !== 'READY' ? build.slice(0, FAILS_AFTER) : build;
    timed.push(...phase(lines, r.buildingAt, expected, now, end, canceled));
  }
  if (end !== undefined) {
    for (const line of endLines(r)) timed.push({ line, created: end });
    timed.push({ line: ['deployment-state', r.readyState], created: end });
  }

  return timed.map(({ line: [type, text], created }, index) => {
    const stateEvent = type === 'deployment-state';
    const event: BuildEvent = {
      type,
      created,
      date: created,
      deploymentId: r.id,
      id: `${r.id.slice(4, 14)}-${String(index).padStart(4, '0')}`,
      // Sorts like the log: the time, then the position within that millisecond.
      serial: `${created}${String(index).padStart(6, '0')}`,
      text,
      info: stateEvent
        ? { type: 'deployment', name: r.id, readyState: r.readyState }
        : { type: 'build', name: r.buildId, entrypoint: '.' },
    };
    if (type === 'stderr') event.level = text.startsWith('warn') ? 'warning' : 'error';
    return event;
  });
}

export interface EventQuery {
  direction: 'forward' | 'backward';
  /** -1 for all. */
  limit: number;
  since?: number | undefined;
  until?: number | undefined;
}

/** Applies the `since`/`until`/`direction`/`limit` parameters of the events endpoint. */
export function selectEvents(events: BuildEvent[], query: EventQuery): BuildEvent[] {
  let selected = events.filter(
    (e) => (query.since === undefined || e.created >= query.since) && (query.until === undefined || e.created <= query.until),
  );
  if (query.direction === 'backward') selected = selected.reverse();
  if (query.limit >= 0) selected = selected.slice(0, query.limit);
  return selected;
}
