/**
 * The Environment Variables view and its commands (features bundle). The
 * view was made at activation with a stand-in provider (src/lazy.ts); this
 * attaches the real one when the view is first expanded. Values live in
 * memory only while shown: revealed ones until the view collapses or hides,
 * compare documents until their editor closes, and all of them, with every
 * list, until Sign Out.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import type { Session } from '../auth/session';
import type { TokenStore } from '../auth/tokenStore';
import { EnvCommands, Views } from '../constants';
import type { DeploymentStore } from '../deployments/store';
import type { GitState } from '../git/gitState';
import type { TreeSlots } from '../util/fileSystemSlots';
import type { LinkedProjects } from '../workspace/linkedProjects';
import { registerChanges } from './change';
import { CompareDocuments, registerCompare } from './compare';
import type { EnvDeps } from './deps';
import { registerPull } from './pull';
import { registerReadValue } from './readValue';
import { EnvStore } from './store';
import { EnvTreeProvider, type EnvNode } from './treeProvider';

export interface EnvironmentServices {
  readonly client: VercelClient;
  readonly links: LinkedProjects;
  readonly session: Session;
  readonly tokens: TokenStore;
  readonly deployments: DeploymentStore;
  readonly git: GitState;
  readonly log: vscode.LogOutputChannel;
  readonly trees: TreeSlots;
}

/** Read by the integration tests. */
export interface EnvironmentApi {
  readonly store: EnvStore;
  readonly tree: EnvTreeProvider;
  readonly view: vscode.TreeView<EnvNode>;
  readonly documents: CompareDocuments;
  /** The extension's log channel, which the secrets tests read at every level. */
  readonly log: vscode.LogOutputChannel;
}

export function registerEnvironment(context: vscode.ExtensionContext, services: EnvironmentServices): EnvironmentApi {
  const store = new EnvStore(services.client);
  const tree = new EnvTreeProvider(store, services.session);
  const documents = new CompareDocuments();
  const view = services.trees.attachTree(Views.environment, tree);
  store.setProjects(services.links.snapshot.projects);
  const deps: EnvDeps = { ...services, store, tree };

  const forgetSecrets = () => {
    tree.hideValues();
    documents.clear();
  };
  context.subscriptions.push(
    store,
    tree,
    documents,
    services.links.onDidChange((snapshot) => store.setProjects(snapshot.projects)),
    services.session.onDidChange(() => {
      if (services.session.signedIn !== true) {
        forgetSecrets();
        store.clear();
      } else {
        tree.refresh();
      }
    }),
    // Sign Out removes the token first: drop what was read with it at once, before the account is looked at again.
    services.tokens.onDidChange(() =>
      void services.tokens.hasToken().then((has) => {
        if (!has) {
          forgetSecrets();
          store.clear();
        }
      }),
    ),
    view.onDidChangeVisibility((e) => {
      if (!e.visible) tree.hideValues();
    }),
    view.onDidCollapseElement(() => tree.hideValues()),
    // From the palette the view may be closed: show it, so the refresh is seen.
    vscode.commands.registerCommand(EnvCommands.refresh, async () => {
      if (!view.visible) await vscode.commands.executeCommand(`${Views.environment}.focus`);
      await store.loadAll(true);
    }),
  );
  registerReadValue(context, deps);
  registerPull(context, deps);
  registerCompare(context, deps, documents);
  registerChanges(context, deps);
  return { store, tree, view, documents, log: services.log };
}
