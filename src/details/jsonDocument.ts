/**
 * The deployment as a read-only JSON document (`vercel-deployment:/dpl_….json`).
 * VS Code's own JSON language server gives it an outline, folding, hovers and
 * validation: package.json's `jsonValidation` associates the scheme with
 * media/dist/deployment.schema.json, which the build exports from the same zod
 * schema the client validates with (see ./schema.ts).
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import type { Deployment } from '../api/schemas';
import { JSON_DOCUMENT_SCHEME } from '../constants';
import { errorText } from '../deployments/labels';
import type { DeploymentRef } from '../deployments/ref';
import type { DetailsTarget } from './target';

export interface DeploymentDocumentsDeps {
  readonly client: Pick<VercelClient, 'getDeployment'>;
  readonly log: vscode.LogOutputChannel;
}

export function deploymentDocumentUri(ref: DeploymentRef): vscode.Uri {
  return vscode.Uri.from({
    scheme: JSON_DOCUMENT_SCHEME,
    path: `/${ref.id}.json`,
    query: ref.teamId ? new URLSearchParams({ teamId: ref.teamId }).toString() : '',
  });
}

export function refOfDocument(uri: vscode.Uri): DeploymentRef | undefined {
  if (uri.scheme !== JSON_DOCUMENT_SCHEME) return undefined;
  const match = /^\/([^/]+)\.json$/.exec(uri.path);
  if (!match?.[1]) return undefined;
  const teamId = new URLSearchParams(uri.query).get('teamId') ?? undefined;
  return { id: match[1], teamId };
}

function documentText(deployment: Deployment): string {
  return `${JSON.stringify(deployment, null, 2)}\n`;
}

export class DeploymentDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** Text of the open documents by URI; dropped when VS Code closes the document. */
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: DeploymentDocumentsDeps) {
    this.disposables = [
      this.changed,
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === JSON_DOCUMENT_SCHEME) this.texts.delete(doc.uri.toString());
      }),
    ];
  }

  /** Also asked for documents restored after a reload: then the deployment is fetched. */
  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const cached = this.texts.get(uri.toString());
    if (cached !== undefined) return cached;
    const ref = refOfDocument(uri);
    if (!ref) throw new Error(vscode.l10n.t('{0} does not name a deployment', uri.toString()));
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const deployment = await this.deps.client.getDeployment(ref.id, { teamId: ref.teamId }, abort.signal);
      return this.remember(uri, deployment);
    } catch (error) {
      const reason = errorText(error);
      this.deps.log.error(`details: could not load deployment ${ref.id} for its JSON document: ${reason}`);
      throw new Error(vscode.l10n.t('Could not load deployment {0}: {1}', ref.id, reason));
    } finally {
      cancel.dispose();
    }
  }

  /** Opens (or refreshes and shows) the deployment's JSON document. Fetch errors are thrown. */
  async open(target: DetailsTarget): Promise<vscode.TextEditor> {
    const { ref } = target;
    const deployment =
      target.deployment ??
      (await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading deployment {0}…', ref.id) },
        () => this.deps.client.getDeployment(ref.id, { teamId: ref.teamId }),
      ));
    const uri = deploymentDocumentUri(ref);
    const before = this.texts.get(uri.toString());
    const text = this.remember(uri, deployment);
    // An open document shows the new response too.
    if (before !== undefined && before !== text) this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  private remember(uri: vscode.Uri, deployment: Deployment): string {
    const text = documentText(deployment);
    this.texts.set(uri.toString(), text);
    return text;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.texts.clear();
  }
}
