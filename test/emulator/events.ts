/**
 * Build logs, derived from a deployment's state and timestamps rather than
 * stored: the same deployment at the same moment always has the same log,
 * and a log only ever grows while the build runs.
 *
 * They read like Vercel's: ANSI colours as the tools print them, delimiters,
 * Vercel's phases, and for a failed build the failing tool's own output. The
 * files and lines that output names are real lines of the demo workspace
 * (test/fixtures/demo-workspace), found by their text, so a problem matcher
 * pointed at that tree lands on code that explains the error.
 */
import { PHASE_START, type DeploymentRecord } from './data';
import { NEXT_COMPILED, SEEDED_FAILURES, failureLines, failureOf, type FailureKind } from './failures';
import { bold, cmd, delimiter, dim, err, green, magenta, out, warn, yellow, type Level, type LogLine } from './logText';
import { Prng } from './prng';

export { DEMO_WORKSPACE, FAILURES, FAILURE_KINDS, failureOf, type Failure, type FailureKind } from './failures';
export type { Level, LogLine } from './logText';

/** How events are sent: Vercel sends both, so clients must read both. */
export type EventShape = 'flat' | 'wrapped' | 'mixed';
export const EVENT_SHAPES: readonly EventShape[] = ['flat', 'wrapped', 'mixed'];

/** What the control API changed about a deployment's log. */
export interface LogOverrides {
  /** The whole log, replacing the generated one. */
  lines?: LogLine[];
  /** Lines appended through the control API, dated when they arrived. */
  appended: Array<{ line: LogLine; created: number }>;
  shape?: EventShape;
  /** Which row of the failure table an ERROR build prints (failures.ts). */
  failure?: FailureKind;
}

export interface EventInfo {
  type: string;
  name: string;
  entrypoint?: string;
  readyState?: string;
}

/** The flat shape: the line's fields on the event itself. */
export interface FlatEvent {
  type: string;
  created: number;
  date: number;
  deploymentId: string;
  id: string;
  serial: string;
  text: string;
  info: EventInfo;
  level?: Level;
}

/** The wrapped shape the SDK also lists: `{ type, created, payload: { … } }`; no `level` (the payload has none). */
export interface WrappedEvent {
  type: string;
  created: number;
  payload: { created: number; date: number; deploymentId: string; id: string; serial: string; text: string; info: EventInfo };
}

export type BuildEvent = FlatEvent | WrappedEvent;

/** The event's id, whichever shape it has. */
export function eventId(event: BuildEvent): string {
  return 'payload' in event ? event.payload.id : event.id;
}

// ---------------------------------------------------------------------------
// The generated log, phase by phase.
// ---------------------------------------------------------------------------

const REGIONS = ['Washington, D.C., USA (East) – iad1', 'San Francisco, USA (West) – sfo1', 'Frankfurt, Germany (West) – fra1'];

function initLines(r: DeploymentRecord, prng: Prng): LogLine[] {
  const branch = r.meta['githubCommitRef'];
  const sha = r.meta['githubCommitSha'];
  // A deployment from uploaded files (the CLI's, even from a repository) downloads them; a Git one clones.
  const fetch: LogLine[] =
    branch !== undefined && sha !== undefined && r.source !== 'cli'
      ? [
          out(`Cloning github.com/${r.project.git.org}/${r.project.git.repo} (Branch: ${branch}, Commit: ${sha.slice(0, 7)})`),
          out(`Cloning completed: ${prng.int(200, 1400)}.000ms`),
        ]
      : [out('Retrieving list of deployment files...'), out(`Downloading ${r.files?.length ?? prng.int(12, 240)} deployment files...`)];
  const cores = prng.pick([2, 4, 8]);
  return [
    out(`Running build in ${prng.pick(REGIONS)}`),
    out(`Build machine configuration: ${cores} cores, ${cores * 2} GB`),
    delimiter('Cloning'),
    ...fetch,
  ];
}

/** Everything up to the project's own build command; the same whether the build will pass or fail. */
function setupLines(r: DeploymentRecord, prng: Prng, script: string): LogLine[] {
  const lines: LogLine[] = [delimiter('Building')];
  lines.push(
    prng.chance(0.8)
      ? out(`Restored build cache from previous deployment (${prng.base62(28)})`)
      : out('Previous build caches not available'),
  );
  lines.push(cmd('Running "vercel build"'), out('Vercel CLI 41.2.0'));
  lines.push(prng.chance(0.5) ? cmd('Running "install" command: `npm install`...') : out('Installing dependencies...'));
  lines.push(
    warn(`npm ${yellow('warn')} ${magenta('deprecated')} inflight@1.0.6: This module is not supported, and leaks memory. Do not use it.`),
    warn(`npm ${yellow('warn')} ${magenta('deprecated')} glob@7.2.3: Glob versions prior to v9 are no longer supported`),
    out(''),
  );
  const packages = prng.int(180, 1400);
  lines.push(
    out(`added ${packages} packages, and audited ${packages + 1} packages in ${prng.int(4, 40)}s`),
    out(''),
    out(`${prng.int(40, 220)} packages are looking for funding`),
    out('  run `npm fund` for details'),
    out(''),
    out(`found ${bold(green('0'))} vulnerabilities`),
    out('Detected Next.js version: 15.1.0'),
    cmd('Running "npm run build"'),
    out(''),
    out(`> ${r.project.name}@0.1.0 build`),
    out(`> ${script}`),
    out(''),
  );
  return lines;
}

function nextSuccess(prng: Prng): LogLine[] {
  const pages = prng.int(4, 12);
  return [
    ...NEXT_COMPILED.map(out),
    '   Collecting page data ...',
    ` ${green('✓')} Generating static pages (${pages}/${pages})`,
    '   Finalizing page optimization ...',
    '   Collecting build traces ...',
    '',
    bold('Route (app)                              Size     First Load JS'),
    `┌ ○ /                                    ${prng.int(2, 9)}.${prng.int(0, 9)} kB          106 kB`,
    '├ ○ /_not-found                          979 B           106 kB',
    '├ ƒ /api/hello                           138 B           105 kB',
    `└ ƒ /cart                                1.${prng.int(0, 9)} kB          107 kB`,
    '+ First Load JS shared by all            105 kB',
    `  ├ chunks/4bd1b696-${prng.hex(16)}.js  52.9 kB`,
    `  ├ chunks/517-${prng.hex(16)}.js       50.5 kB`,
    '  └ other shared chunks (total)          1.89 kB',
    '',
    '',
    `○  ${dim('(Static)')}   ${dim('prerendered as static content')}`,
    `ƒ  ${dim('(Dynamic)')}  ${dim('server-rendered on demand')}`,
    '',
  ].map((l) => (typeof l === 'string' ? out(l) : l));
}

interface Plan {
  init: LogLine[];
  build: LogLine[];
  /** Printed when the build ends, dated at its end. */
  end: LogLine[];
}

function generatedPlan(r: DeploymentRecord): Plan {
  const prng = new Prng(`events:${r.id}`);
  const init = initLines(r, prng);
  // A build that is going to fail prints its tool's progress, then fails at the end;
  // one whose failure comes after the build (no output directory) builds fine first.
  const failing = r.readyState === 'ERROR' || (r.outcome === 'ERROR' && r.readyState !== 'READY');
  const row = failing ? SEEDED_FAILURES[failureOf(r)] : undefined;
  const progress = row?.progress;
  const build = [...setupLines(r, prng, row?.script ?? 'next build')];
  if (progress) build.push(...progress.map(out));
  else build.push(...nextSuccess(prng), out(`Build Completed in /vercel/output [${prng.int(8, 90)}s]`));

  let end: LogLine[] = [];
  switch (r.readyState) {
    case 'READY':
      end = [
        delimiter('Deploying outputs'),
        out('Deploying outputs...'),
        out(''),
        out(`Deployment completed`),
        out('Creating build cache...'),
        out(`Created build cache: ${prng.int(3, 20)}.${prng.int(100, 999)}s`),
        out(`Uploading build cache [${prng.int(60, 400)}.${prng.int(10, 99)} MB]...`),
        out(`Build cache uploaded: ${prng.int(1, 4)}.${prng.int(100, 999)}s`),
        { type: 'exit', text: '0' },
      ];
      break;
    case 'ERROR':
      end = [...failureLines(r), { type: 'exit', text: '1' }];
      break;
    case 'CANCELED':
      end = [err('The build was canceled.')];
      break;
  }
  return { init, build, end };
}

function endTime(r: DeploymentRecord): number | undefined {
  return r.ready ?? r.buildErrorAt ?? r.canceledAt;
}

interface Timed {
  line: LogLine;
  created: number;
  /** Position in its source, for ids and serials that never change as the log grows. */
  seq: number;
}

/**
 * The lines of one phase that exist at `now`. While the phase runs, lines
 * appear one by one over its expected length; once it is over (`close`) they
 * all exist, late ones dated at the close; a cancellation (`cutoff`) keeps
 * only what was printed before it.
 */
function phase(lines: LogLine[], start: number, expectedMs: number, now: number, close?: number, cutoff?: number): Array<Omit<Timed, 'seq'>> {
  const step = Math.max(expectedMs, 0) / (lines.length + 1);
  const timed: Array<Omit<Timed, 'seq'>> = [];
  for (const [i, line] of lines.entries()) {
    const planned = start + Math.round((i + 1) * step);
    if (cutoff !== undefined && planned > cutoff) break;
    if (close === undefined) {
      if (planned > now) break;
      timed.push({ line, created: planned });
    } else {
      timed.push({ line, created: Math.min(planned, close) });
    }
  }
  return timed;
}

function generated(r: DeploymentRecord, now: number, defaultBuildMs: number): Array<Omit<Timed, 'seq'>> {
  const plan = generatedPlan(r);
  const buildMs = r.plan?.buildMs ?? defaultBuildMs;
  const end = endTime(r);
  const canceled = r.readyState === 'CANCELED' ? r.canceledAt : undefined;
  const timed: Array<Omit<Timed, 'seq'>> = [];
  if (r.initAt !== undefined) {
    const close = r.buildingAt ?? end;
    const expected = r.plan || close === undefined || canceled !== undefined ? (PHASE_START.BUILDING - PHASE_START.INITIALIZING) * buildMs : close - r.initAt;
    timed.push(...phase(plan.init, r.initAt, expected, now, close, canceled));
  }
  if (r.buildingAt !== undefined) {
    const expected = r.plan || end === undefined || canceled !== undefined ? (PHASE_START.DONE - PHASE_START.BUILDING) * buildMs : end - r.buildingAt;
    timed.push(...phase(plan.build, r.buildingAt, expected, now, end, canceled));
  }
  if (end !== undefined) {
    for (const line of plan.end) timed.push({ line, created: end });
    timed.push({ line: { type: 'deployment-state', text: r.readyState }, created: end });
  }
  return timed;
}

/**
 * A log given whole through the control API: while timers move the
 * deployment it appears over the build like a generated one; otherwise it
 * is all there at once, dated from when the build began.
 */
function given(r: DeploymentRecord, lines: LogLine[], now: number, defaultBuildMs: number): Array<Omit<Timed, 'seq'>> {
  const start = r.initAt ?? r.created;
  if (!r.plan) return lines.map((line) => ({ line, created: start }));
  if (r.initAt === undefined) return [];
  const expected = (PHASE_START.DONE - PHASE_START.INITIALIZING) * (r.plan.buildMs ?? defaultBuildMs);
  return phase(lines, r.initAt, expected, now, endTime(r), r.readyState === 'CANCELED' ? r.canceledAt : undefined);
}

/** Appended lines sort after the log's lines of the same millisecond. */
const APPENDED_SEQ = 500_000;

function toEvent(r: DeploymentRecord, { line, created, seq }: Timed, shape: EventShape): BuildEvent {
  const id = `${r.id.slice(4, 14)}-${String(seq).padStart(6, '0')}`;
  // Sorts like the log: the time, then the position within that millisecond.
  const serial = `${created}${String(seq).padStart(6, '0')}`;
  const info: EventInfo =
    line.type === 'deployment-state' ? { type: 'deployment', name: r.id, readyState: line.text } : { type: 'build', name: r.buildId, entrypoint: '.' };
  const wrapped = shape === 'wrapped' || (shape === 'mixed' && new Prng(id).chance(0.5));
  if (wrapped) {
    return { type: line.type, created, payload: { created, date: created, deploymentId: r.id, id, serial, text: line.text, info } };
  }
  const event: FlatEvent = { type: line.type, created, date: created, deploymentId: r.id, id, serial, text: line.text, info };
  if (line.level) event.level = line.level;
  return event;
}

/** The shape a deployment's events take: the control API's choice, else mostly flat, sometimes wrapped or mixed. */
export function shapeOf(r: DeploymentRecord): EventShape {
  if (r.log?.shape) return r.log.shape;
  const draw = new Prng(`shape:${r.id}`).next();
  return draw < 0.7 ? 'flat' : draw < 0.85 ? 'wrapped' : 'mixed';
}

/**
 * A finished build's log no longer depends on the clock, nor does a given log
 * of a deployment that stays still, so such a log is made once per state,
 * end and appended count: a benchmark's 200,000-line log is not rebuilt for
 * every request or every tick of a follow stream.
 */
const settledLogs = new WeakMap<DeploymentRecord, { key: string; events: BuildEvent[] }>();

/** The deployment's build log as it stands at `now`, oldest first. */
export function eventsFor(r: DeploymentRecord, now: number, defaultBuildMs: number): BuildEvent[] {
  const settled = !['QUEUED', 'INITIALIZING', 'BUILDING'].includes(r.readyState) || (r.log?.lines !== undefined && !r.plan);
  const key = [r.readyState, endTime(r), r.errorCode, r.errorMessage, r.initAt, r.buildingAt, r.log?.appended.length, shapeOf(r)].join('|');
  const cached = settled ? settledLogs.get(r) : undefined;
  if (cached?.key === key) return cached.events;

  const base = r.log?.lines ? given(r, r.log.lines, now, defaultBuildMs) : generated(r, now, defaultBuildMs);
  const timed = base as Timed[];
  for (const [seq, t] of timed.entries()) t.seq = seq;
  for (const [k, a] of (r.log?.appended ?? []).entries()) timed.push({ ...a, seq: APPENDED_SEQ + k });
  // Stable: lines of the same millisecond keep their order, appended ones after the log's.
  const byTime = (a: Timed, b: Timed) => a.created - b.created || a.seq - b.seq;
  if (timed.some((t, i) => i > 0 && byTime(timed[i - 1] as Timed, t) > 0)) timed.sort(byTime);
  const shape = shapeOf(r);
  const events = timed.map((t) => toEvent(r, t, shape));
  if (settled) settledLogs.set(r, { key, events });
  return events;
}

/** Adds lines to a deployment's log, dated now (never before its newest line). */
export function appendLines(r: DeploymentRecord, lines: LogLine[], now: number, defaultBuildMs: number): void {
  const log = (r.log ??= { appended: [] });
  const newest = eventsFor(r, now, defaultBuildMs).at(-1)?.created ?? 0;
  const created = Math.max(now, newest);
  for (const line of lines) log.appended.push({ line, created });
}

/** Reads `[{ type, text, level? }]` from a control request; the problem as text when it is not that. */
export function parseLogLines(value: unknown, what: string): LogLine[] | string {
  if (!Array.isArray(value)) return `${what} must be an array of { type, text, level? }`;
  const lines: LogLine[] = [];
  for (const [i, item] of value.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${what}[${i}] must be an object`;
    const { type, text, level } = item as Record<string, unknown>;
    if (typeof type !== 'string' || type === '') return `${what}[${i}].type must be a non-empty string`;
    if (typeof text !== 'string') return `${what}[${i}].text must be a string`;
    if (level !== undefined && level !== 'error' && level !== 'warning') return `${what}[${i}].level must be "error" or "warning"`;
    lines.push(level === undefined ? { type, text } : { type, text, level });
  }
  return lines;
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
