/**
 * The filter's part of the Deployments view: its words in the view's
 * description, and a new query when it changes (or when the current branch
 * changes under a "current branch" filter). A new query's first page
 * replaces the lists; what is newest whatever the filter stays (the store).
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import type { GitState } from '../git/gitState';
import { describeFilter } from './filter';
import type { FilterState } from './filterState';
import { errorText, stateLabel } from './labels';
import type { RefreshScheduler } from './scheduler';
import type { DeploymentStore } from './store';
import type { DeploymentsViewState } from './treeProvider';

export interface FilterWiringDeps {
  readonly filters: FilterState;
  readonly store: DeploymentStore;
  readonly git: GitState;
  readonly session: FilterSession;
  readonly scheduler: RefreshScheduler;
  readonly viewState: DeploymentsViewState;
  readonly client: Pick<VercelClient, 'getUser'>;
  readonly log: vscode.LogOutputChannel;
}

/** What the filter needs of the session (src/auth/session.ts). */
export interface FilterSession {
  readonly signedIn: boolean | undefined;
  readonly userId: string | undefined;
  readonly onDidChange: vscode.Event<void>;
  readonly tokens: { get(): Promise<string | undefined> };
  remember(token: string, user: { readonly id: string; readonly username?: string; readonly email?: string }): Promise<unknown>;
}

export function registerFilterWiring(context: vscode.ExtensionContext, deps: FilterWiringDeps): void {
  const { filters, store, git, session, scheduler, viewState } = deps;
  viewState.filter = {
    active: () => filters.active,
    description: () =>
      describeFilter(filters.filter, { currentBranch: store.projects.map((p) => git.of(p.project)?.branch).find((b) => b !== undefined) }, {
        production: vscode.l10n.t('Production'),
        preview: vscode.l10n.t('Preview'),
        me: vscode.l10n.t('Mine'),
        currentBranch: vscode.l10n.t('current branch'),
        state: stateLabel,
      }).join(' · '),
  };
  const requery = async () => {
    // "Only mine" needs the user's id: remembered with the token, asked of Vercel only when it is not.
    if (filters.filter.author === 'me' && session.userId === undefined && session.signedIn) {
      try {
        const token = await session.tokens.get();
        const user = await deps.client.getUser();
        if (token !== undefined) await session.remember(token, user);
      } catch (error) {
        deps.log.warn(`filter: could not learn who is signed in: ${errorText(error)}`);
      }
    }
    store.resetLists();
    viewState.update();
    if (session.signedIn) await scheduler.requery();
  };
  let lastBranches = '';
  context.subscriptions.push(
    filters.onDidChange(() => void requery()),
    // A window whose token's account is not remembered yet learns it once, for an "only mine" filter.
    session.onDidChange(() => {
      if (session.signedIn && filters.filter.author === 'me' && session.userId === undefined) void requery();
    }),
    git.onDidChange(() => {
      const branches = store.projects.map((p) => git.of(p.project)?.branch ?? '').join('\n');
      if (branches === lastBranches) return;
      lastBranches = branches;
      if (filters.filter.branch?.kind === 'current') void requery();
      else if (session.signedIn) void scheduler.refreshNow();
    }),
  );
}
