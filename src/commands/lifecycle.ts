/**
 * What redeploy, promote, rollback and delete share: naming a deployment in a
 * confirmation, one request per deployment and action however often it is
 * clicked, Vercel's reason on a refusal (and the row looked at again), and
 * moving production (promote, rollback): confirm, ask, follow the job under
 * a cancellable notification, and say how it ended.
 */
import * as vscode from 'vscode';
import { VercelApiError } from '../api/errors';
import { readyStateOf, type AliasRequest, type DeploymentListItem } from '../api/schemas';
import { followAliasJob, type FollowResult } from '../deployments/aliasJob';
import type { ProductionView } from '../deployments/capabilities';
import { errorText, stateLabel, targetLabel } from '../deployments/labels';
import { branchOf } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { ProjectDeployments } from '../deployments/store';
import type { CommandDeps } from './deps';
import { deploymentFromArg, openHttpUrl } from './resolve';
import { sleep } from '../util/sleep';
import { formatDate } from '../util/time';
import { applyDeployment, removeDeployment } from '../deployments/storeEdits';

/** How often a promote or rollback job is looked at; the CLI looks every 250 ms. */
const JOB_POLL_MS = 300;
/** After this long a job still running is left to Vercel, and we say so. */
const JOB_TIMEOUT_MS = 3 * 60_000;

/** A deployment the store lists, with its project. */
export interface Subject {
  readonly ref: DeploymentRef;
  readonly deployment: DeploymentListItem;
  readonly project: ProjectDeployments;
}

/** Runs `run` once per key at a time: a second click while the first is under way gets the same promise. */
export class OncePerKey<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, run: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) {
      return existing;
    }
    const attempt = run().finally(() => this.running.delete(key));
    this.running.set(key, attempt);
    return attempt;
  }
}

/**
 * The deployment a command acts on: the tree node's, or one picked among those
 * that qualify. Only listed deployments qualify, since each action depends on
 * what the store knows (state, target, what serves production).
 */
export async function subjectFromArg(
  arg: unknown,
  deps: CommandDeps,
  pick: {
    qualifies: (d: DeploymentListItem, production: ProductionView | undefined) => boolean;
    placeHolder: string;
    emptyMessage: string;
    rank?: (d: DeploymentListItem) => number;
  },
): Promise<Subject | undefined> {
  const ref = await deploymentFromArg(arg, deps, {
    filter: (d) => pick.qualifies(d, deps.store.find(d.uid)?.project.production),
    placeHolder: pick.placeHolder,
    emptyMessage: pick.emptyMessage,
    ...(pick.rank ? { rank: pick.rank } : {}),
  });
  if (!ref) {
    return undefined;
  }
  const hit = deps.store.find(ref.id);
  if (!hit) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Deployment {0} is not listed in the Deployments view; refresh and try again.', ref.id));
    return undefined;
  }
  return { ref: { id: ref.id, teamId: hit.project.project.teamId ?? ref.teamId }, deployment: hit.deployment, project: hit.project };
}

/** How a confirmation or a notification names a deployment (one implementation: deploymentName). */
export { deploymentName as nameOf } from '../deployments/presentation';

/** Branch, target, state and age, for a confirmation's detail. */
export function factsOf(d: DeploymentListItem): string {
  const facts = [branchOf(d), targetLabel(d.target), stateLabel(readyStateOf(d)), formatDate(d.created, vscode.env.language)];
  return facts.filter((f) => f !== undefined).join(' · ');
}

/**
 * Production's domains, one a line, for a dialog's detail: inside a sentence
 * a dialog wraps a long hostname at its hyphens, so it is never put there.
 */
export function domainLines(production: { readonly domains?: readonly string[] } | undefined): string {
  const domains = production?.domains ?? [];
  return domains.length > 0 ? `\n\n${domains.join('\n')}` : '';
}

/** A modal with the given buttons; resolves with the one chosen, or undefined. */
export async function confirm<T extends string>(message: string, detail: string, ...buttons: T[]): Promise<T | undefined> {
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}

/**
 * Says why an action failed. A 4xx other than 429 means Vercel refused what
 * the row offered, so the row is likely out of date: it is looked at again.
 */
export async function reportFailure(what: string, error: unknown, subject: Subject, deps: CommandDeps): Promise<void> {
  deps.log.error(`${what} ${subject.ref.id} failed: ${errorText(error)}`);
  void vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, errorText(error)));
  if (error instanceof VercelApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
    await reloadRow(subject, deps);
  }
}

async function reloadRow(subject: Subject, deps: CommandDeps): Promise<void> {
  deps.store.markProjectStale(subject.project.project.key);
  try {
    applyDeployment(deps.store, await deps.client.getDeployment(subject.ref.id, { teamId: subject.ref.teamId }));
  } catch (error) {
    if (error instanceof VercelApiError && error.status === 404) {
      removeDeployment(deps.store, subject.ref.id);
    } else {
      deps.log.warn(`Could not reload ${subject.ref.id}: ${errorText(error)}`);
    }
  }
  // The project's production state may have moved too: one poll reads both.
  void deps.scheduler.refreshNow();
}

/**
 * Follows a promote or rollback until Vercel says it is done, writing each
 * look at the project into the store, under a notification that can stop
 * following (the job itself goes on at Vercel).
 */
export async function followJob(
  subject: Subject,
  type: 'promote' | 'rollback',
  previous: AliasRequest | null | undefined,
  title: string,
  deps: CommandDeps,
): Promise<FollowResult | 'stopped'> {
  const project = subject.project.project;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    try {
      return await followAliasJob({
        read: (signal) => deps.client.getProject(project.projectId, { teamId: project.teamId, rollbackInfo: true }, signal),
        expected: { type, toDeploymentId: subject.ref.id, previous },
        signal: controller.signal,
        intervalMs: JOB_POLL_MS,
        timeoutMs: JOB_TIMEOUT_MS,
        sleep,
        now: Date.now,
        onRead: (read, state) => {
          deps.store.applyProject(project.key, read);
          if (state.kind === 'waiting' && state.status !== undefined) {
            progress.report({ message: jobStatusLabel(state.status) });
          }
        },
      });
    } catch (error) {
      if (controller.signal.aborted) {
        deps.store.markProjectStale(project.key);
        return 'stopped';
      }
      throw error;
    } finally {
      cancelled.dispose();
    }
  });
}

function jobStatusLabel(status: string): string {
  switch (status) {
    case 'pending':
      return vscode.l10n.t('Waiting to start…');
    case 'in-progress':
      return vscode.l10n.t('Moving the production domains…');
    default:
      return status;
  }
}

/** Where "Open" goes after production moved: its first domain, else the deployment's own URL. */
export function productionUrl(subject: Subject, deps: CommandDeps): string {
  const domain = deps.store.get(subject.project.project.key)?.production?.domains[0];
  return `https://${domain ?? subject.deployment.url}`;
}

/**
 * A promote or rollback of a production deployment, in the person's words:
 * every text is already filled with the deployment's name.
 */
export interface ProductionMove {
  readonly type: 'promote' | 'rollback';
  /** The confirmation's question, its explanation (production's domains are added below it) and its button. */
  readonly question: string;
  readonly detail: string;
  readonly button: string;
  /** The request that starts the alias job. */
  readonly request: (projectId: string, deploymentId: string, teamId: string | undefined) => Promise<unknown>;
  /** "Could not promote": Vercel refused the request. */
  readonly refused: string;
  /** The notification's title while the job is followed. */
  readonly following: string;
  /** "Could not follow the promotion": reading the project failed while following. */
  readonly lost: string;
  readonly outcome: JobTexts;
}

export type MoveResult = FollowResult['outcome'] | 'stopped' | undefined;

/** Confirms, asks Vercel to move production, follows the job and says how it ended; undefined when nothing was done or it failed. */
export async function moveProduction(subject: Subject, move: ProductionMove, deps: CommandDeps): Promise<MoveResult> {
  const d = subject.deployment;
  const production = subject.project.production;
  const detail = `${move.detail}${domainLines(production)}\n\n${factsOf(d)}`;
  if ((await confirm(move.question, detail, move.button)) !== move.button) {
    return undefined;
  }
  const project = subject.project.project;
  const previous = production?.aliasJob;
  try {
    await move.request(project.projectId, d.uid, project.teamId);
  } catch (error) {
    await reportFailure(move.refused, error, subject, deps);
    return undefined;
  }
  deps.log.info(`${move.type === 'promote' ? 'Promote of' : 'Rollback to'} ${d.uid} requested`);
  try {
    const result = await followJob(subject, move.type, previous, move.following, deps);
    announceJob(result, subject, move.outcome, deps);
    return result === 'stopped' ? 'stopped' : result.outcome;
  } catch (error) {
    await reportFailure(move.lost, error, subject, deps);
    return undefined;
  }
}

export interface JobTexts {
  readonly done: string;
  readonly failed: string;
  readonly stopped: string;
}

/** What a person is told when a promote or rollback job is over, with "Open" when production moved. */
export function announceJob(result: FollowResult | 'stopped', subject: Subject, texts: JobTexts, deps: CommandDeps): void {
  const outcome = result === 'stopped' ? 'stopped' : result.outcome;
  deps.log.info(`Alias job for ${subject.ref.id}: ${outcome}${result === 'stopped' ? '' : ` after ${result.reads} look(s)`}`);
  switch (outcome) {
    case 'succeeded': {
      const open = vscode.l10n.t('Open');
      void vscode.window
        .showInformationMessage(texts.done, open)
        .then((picked) => (picked === open ? openHttpUrl(productionUrl(subject, deps)) : undefined));
      return;
    }
    case 'failed':
    case 'skipped':
      void vscode.window.showErrorMessage(texts.failed);
      return;
    case 'superseded':
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Another promote or rollback of this project started meanwhile; the view shows what serves production now.'),
      );
      return;
    case 'unknown':
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Vercel has not finished moving production yet; the view shows it once it has.'),
      );
      return;
    case 'stopped':
      void vscode.window.showInformationMessage(texts.stopped);
      return;
  }
}
