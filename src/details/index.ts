/**
 * Deployment details: the webview panel with the schema-aware outline, and
 * the read-only JSON document. One call wires both into the extension when
 * the features bundle loads; the panel serializer and the file system were
 * registered at activation (src/lazy.ts) and hand over to what is made here.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { registerOpenJson } from './openJson';
import { registerShowDetails } from './showDetails';
import { JSON_DOCUMENT_SCHEME } from '../constants';
import type { FileSystemSlots } from '../util/fileSystemSlots';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';
import { registerReadonlyGuard } from '../util/readonlyFileSystem';
import { followSignOut, type SignInState } from './followSignOut';
import { DeploymentDocuments } from './jsonDocument';
import { DetailsPanels } from './panel';
import { DeploymentSchemaFile } from './schemaFile';
import { registerTimestampHover } from './timestampHover';

export interface DetailsDeps {
  readonly client: VercelClient;
  readonly log: vscode.LogOutputChannel;
  /** The palette's quick pick, for commands run without a deployment. */
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
  /** Signing out closes the panels and documents. */
  readonly tokens: SignInState;
  /** The panels' headers say what the view knows: Current, and which actions apply. */
  readonly store: DeploymentStore;
  /** The JSON documents' file system is registered at activation; its provider is attached here. */
  readonly fileSystems: FileSystemSlots;
}

export function registerDetails(context: vscode.ExtensionContext, deps: DetailsDeps): DetailsPanels {
  const schemaFile = new DeploymentSchemaFile(context.extensionUri);
  const panels = new DetailsPanels({
    extensionUri: context.extensionUri,
    client: deps.client,
    log: deps.log,
    schema: () => schemaFile.get(),
    signedIn: () => deps.tokens.hasToken(),
    store: deps.store,
  });
  const documents = new DeploymentDocuments({ client: deps.client, log: deps.log });
  context.subscriptions.push(
    panels,
    documents,
    deps.fileSystems.attach(JSON_DOCUMENT_SCHEME, documents),
    registerReadonlyGuard(JSON_DOCUMENT_SCHEME, documents),
    registerTimestampHover(),
    followSignOut(deps.tokens, panels, documents),
  );
  registerShowDetails(context, { panels, pickDeployment: deps.pickDeployment });
  registerOpenJson(context, { documents, pickDeployment: deps.pickDeployment, log: deps.log });
  return panels;
}
