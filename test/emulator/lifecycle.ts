/**
 * Moves planned deployments through QUEUED → INITIALIZING → BUILDING → READY
 * (or ERROR) on timers, and optionally queues a new deployment now and then,
 * as pushes to a busy repository would.
 *
 * Every timer is unref'd, so an emulator left running never keeps a test
 * process alive, and `stop()` clears them all.
 */
import {
  PHASE_START,
  applyState,
  insert,
  isInProgress,
  newRecord,
  nextCreated,
  type DeploymentRecord,
  type World,
} from './data';

export type ChangeListener = (record: DeploymentRecord) => void;

function nextStep(r: DeploymentRecord): { state: string; at: number } | undefined {
  const plan = r.plan;
  if (!plan) return undefined;
  const at = (fraction: number) => plan.origin + Math.round(fraction * plan.buildMs);
  switch (r.readyState) {
    case 'QUEUED':
      return { state: 'INITIALIZING', at: at(PHASE_START.INITIALIZING) };
    case 'INITIALIZING':
      return { state: 'BUILDING', at: at(PHASE_START.BUILDING) };
    case 'BUILDING':
      return { state: r.outcome, at: at(PHASE_START.DONE) };
    default:
      return undefined;
  }
}

export class Lifecycle {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private newEvery: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    private world: World,
    private readonly newEveryMs: number,
  ) {}

  start(): void {
    for (const r of this.world.deployments) this.schedule(r);
    if (this.newEveryMs > 0) {
      this.newEvery = setInterval(() => this.queueNew(), this.newEveryMs);
      this.newEvery.unref();
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    if (this.newEvery) clearInterval(this.newEvery);
    this.newEvery = undefined;
  }

  /** Swaps in a fresh world (after a reset), keeping the listeners. */
  replaceWorld(world: World): void {
    this.stop();
    this.world = world;
    this.start();
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes timers drive `r` from its current state, as if its build had begun just long enough ago. */
  advance(r: DeploymentRecord, now: number): void {
    if (!isInProgress(r.readyState)) {
      delete r.plan;
      return;
    }
    const buildMs = this.world.buildMs;
    const fraction = PHASE_START[r.readyState as keyof typeof PHASE_START];
    r.plan = { origin: now - Math.round(fraction * buildMs), buildMs };
    this.schedule(r);
  }

  /** Sets a state by hand; the deployment stops advancing unless asked to go on. */
  setState(r: DeploymentRecord, state: string, now: number, details: Parameters<typeof applyState>[3] = {}, advance = false): void {
    this.unschedule(r);
    delete r.plan;
    applyState(r, state, now, details);
    if (advance) this.advance(r, now);
    this.emit(r);
  }

  private schedule(r: DeploymentRecord): void {
    this.unschedule(r);
    const step = nextStep(r);
    if (!step) return;
    const timer = setTimeout(() => {
      this.timers.delete(r.id);
      // Dated at the planned moment, not when the timer happened to fire, so the timeline stays exact.
      applyState(r, step.state, step.at);
      if (!isInProgress(r.readyState)) delete r.plan;
      this.emit(r);
      this.schedule(r);
    }, Math.max(0, step.at - Date.now()));
    timer.unref();
    this.timers.set(r.id, timer);
  }

  private unschedule(r: DeploymentRecord): void {
    const timer = this.timers.get(r.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(r.id);
  }

  private queueNew(): void {
    const now = Date.now();
    const r = newRecord(this.world, this.world.later, this.world.teamProject, nextCreated(this.world, now), { branchBias: 0.4 });
    r.outcome = this.world.later.chance(0.2) ? 'ERROR' : 'READY';
    insert(this.world, r);
    this.advance(r, r.created);
    this.emit(r);
  }

  private emit(r: DeploymentRecord): void {
    for (const listener of this.listeners) listener(r);
  }
}
