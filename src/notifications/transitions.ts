/**
 * Which builds just finished, told from what the store already holds: each
 * store change is compared with what the previous one showed, so a
 * notification never costs a request. Pure (no vscode import): unit-tested in
 * plain Node.
 *
 * A build notifies only when this window saw it queued or building and later
 * sees it READY, ERROR or CANCELED. Deployments first seen already finished
 * (the first load, builds that ended while VS Code was closed, an older page)
 * never notify. The poll pauses while the window is unfocused, so the
 * catch-up poll on focus is where such a transition is seen — once.
 */
import { isInProgress, readyStateOf, type DeploymentListItem } from '../api/schemas';

export const FINISHED_STATES = ['READY', 'ERROR', 'CANCELED'] as const;
export type FinishedState = (typeof FINISHED_STATES)[number];

export interface ProjectSnapshot {
  /** Stable key of the linked project. */
  readonly key: string;
  /** False until the project's first list arrived: nothing notifies before that. */
  readonly loaded: boolean;
  readonly deployments: readonly DeploymentListItem[];
}

export interface FinishedBuild {
  readonly projectKey: string;
  readonly deployment: DeploymentListItem;
  readonly state: FinishedState;
}

function isFinished(state: string): state is FinishedState {
  return (FINISHED_STATES as readonly string[]).includes(state);
}

export class TransitionDetector {
  /** Ids of deployments last seen queued or building, per project. */
  private running = new Map<string, Set<string>>();

  /**
   * Feeds the store's current projects; returns the builds that finished
   * since the previous call. Projects not loaded yet are remembered as empty.
   */
  update(projects: readonly ProjectSnapshot[]): FinishedBuild[] {
    const finished: FinishedBuild[] = [];
    const next = new Map<string, Set<string>>();
    for (const project of projects) {
      const before = this.running.get(project.key);
      const now = new Set<string>();
      for (const d of project.deployments) {
        const state = readyStateOf(d);
        if (isInProgress(state)) {
          now.add(d.uid);
        } else if (before?.has(d.uid) && isFinished(state)) {
          finished.push({ projectKey: project.key, deployment: d, state });
        }
      }
      // A build that dropped out of view (a shorter page) is still running as far as we know.
      if (before) {
        const listed = new Set(project.deployments.map((d) => d.uid));
        for (const id of before) {
          if (!listed.has(id)) now.add(id);
        }
      }
      if (project.loaded) next.set(project.key, now);
    }
    this.running = next;
    return finished;
  }

  /** Forgets everything (sign out): the next load is a first load again. */
  reset(): void {
    this.running.clear();
  }
}

export type NotifyScope = 'branch' | 'all' | 'off';

export interface NotifyFilter {
  readonly scope: NotifyScope;
  /** Current branches of the linked projects' repositories, by project key. */
  readonly branchesOf: (projectKey: string) => readonly string[];
  /** Deployments started from this window (redeploy, promote). */
  readonly startedHere: (id: string) => boolean;
  readonly branchOf: (d: DeploymentListItem) => string | undefined;
}

/** The finished builds this person asked to hear about. */
export function worthNotifying(builds: readonly FinishedBuild[], filter: NotifyFilter): FinishedBuild[] {
  if (filter.scope === 'off') return [];
  if (filter.scope === 'all') return [...builds];
  return builds.filter((b) => {
    if (filter.startedHere(b.deployment.uid)) return true;
    const branch = filter.branchOf(b.deployment);
    return branch !== undefined && filter.branchesOf(b.projectKey).includes(branch);
  });
}
