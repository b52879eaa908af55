/**
 * Deployment details: the webview panel with the schema-aware outline, and
 * the read-only JSON document. One call wires both into the extension.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { registerOpenJson } from '../commands/openJson';
import { registerShowDetails } from '../commands/showDetails';
import { JSON_DOCUMENT_SCHEME, WEBVIEW_DETAILS } from '../constants';
import type { DeploymentRef } from '../deployments/ref';
import { registerReadonlyGuard } from '../logs/readonlyGuard';
import { DeploymentDocuments } from './jsonDocument';
import { DetailsPanels } from './panel';
import { DeploymentSchemaFile } from './schemaFile';

export interface DetailsDeps {
  readonly client: VercelClient;
  readonly log: vscode.LogOutputChannel;
  /** The palette's quick pick, for commands run without a deployment. */
  readonly pickDeployment: () => Promise<DeploymentRef | undefined>;
}

export function registerDetails(context: vscode.ExtensionContext, deps: DetailsDeps): void {
  const schemaFile = new DeploymentSchemaFile(context.extensionUri);
  const panels = new DetailsPanels({
    extensionUri: context.extensionUri,
    client: deps.client,
    log: deps.log,
    schema: () => schemaFile.get(),
  });
  const documents = new DeploymentDocuments({ client: deps.client, log: deps.log });
  context.subscriptions.push(
    panels,
    documents,
    vscode.window.registerWebviewPanelSerializer(WEBVIEW_DETAILS, panels),
    vscode.workspace.registerFileSystemProvider(JSON_DOCUMENT_SCHEME, documents, { isReadonly: true, isCaseSensitive: true }),
    registerReadonlyGuard(JSON_DOCUMENT_SCHEME, documents),
  );
  registerShowDetails(context, { panels, pickDeployment: deps.pickDeployment });
  registerOpenJson(context, { documents, pickDeployment: deps.pickDeployment, log: deps.log });
}
