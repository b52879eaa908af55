/** What command handlers are given by the composition root. */
import type * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import type { Session } from '../auth/session';
import type { TokenStore } from '../auth/tokenStore';
import type { RefreshScheduler } from '../deployments/scheduler';
import type { DeploymentStore } from '../deployments/store';
import type { DeploymentsTreeNode } from '../deployments/treeItems';
import type { DeploymentsTreeProvider } from '../deployments/treeProvider';
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
  /** The Deployments view and its rows (Load more… and Reveal Latest show a row: src/deployments/reveal.ts). */
  readonly deploymentsView: vscode.TreeView<DeploymentsTreeNode>;
  readonly deploymentsTree: DeploymentsTreeProvider;
}
