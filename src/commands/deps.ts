/** What command handlers are given by the composition root. */
import type * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import type { Session } from '../auth/session';
import type { TokenStore } from '../auth/tokenStore';
import type { RefreshScheduler } from '../deployments/scheduler';
import type { DeploymentStore } from '../deployments/store';
import type { LinkedProjects } from '../workspace/linkedProjects';

export interface CommandDeps {
  readonly client: VercelClient;
  readonly store: DeploymentStore;
  readonly scheduler: RefreshScheduler;
  readonly links: LinkedProjects;
  readonly tokens: TokenStore;
  /** Who is signed in; Set Token remembers the account with the token. */
  readonly session: Session;
  readonly log: vscode.LogOutputChannel;
  /** Shows a deployment's row in the Deployments view; false when it is not listed. */
  readonly reveal: (id: string) => Promise<boolean>;
}
