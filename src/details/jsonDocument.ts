/**
 * The deployment as a read-only JSON document
 * (`vercel-deployment:/dpl_…/<commit's first line>.json`: the tab says which
 * deployment it is; the first segment alone names it, as a build log's does).
 * VS Code's own JSON language server gives it an outline, folding, hovers and
 * validation: package.json's `jsonValidation` associates the scheme with
 * media/dist/deployment.schema.json, which the build exports from the same zod
 * schema the client validates with (see ./schema.ts).
 *
 * Served by a file system provider registered read-only, so nothing can edit
 * the document: not typing, not `workspace.applyEdit`, not a save.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { readyStateOf } from '../api/schemas';
import type { Deployment } from '../api/deployment';
import { JSON_DOCUMENT_SCHEME } from '../constants';
import { errorText, stateLabel } from '../deployments/labels';
import { shortId } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import { documentLabel } from '../util/documentLabel';
import { ReadonlyFileSystem, type GuardedFileSystem } from '../util/readonlyFileSystem';
import { deploymentTitle } from './header';
import type { DetailsTarget } from './target';

export interface DeploymentDocumentsDeps {
  readonly client: Pick<VercelClient, 'getDeployment'>;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The document of a deployment; `deployment` titles its tab as the panel's:
 * the commit's first line (else the short id) and the state it was in.
 */
export function deploymentDocumentUri(ref: DeploymentRef, deployment?: Deployment): vscode.Uri {
  const short = shortId(ref.id);
  const label = deployment ? `${documentLabel(deploymentTitle(deployment), short)} — ${documentLabel(stateLabel(readyStateOf(deployment)), '')}` : short;
  return vscode.Uri.from({
    scheme: JSON_DOCUMENT_SCHEME,
    path: `/${ref.id}/${label}.json`,
    query: ref.teamId ? new URLSearchParams({ teamId: ref.teamId }).toString() : '',
  });
}

export function refOfDocument(uri: vscode.Uri): DeploymentRef | undefined {
  if (uri.scheme !== JSON_DOCUMENT_SCHEME) return undefined;
  // `/dpl_….json` is how documents were named before their tabs said which deployment: a restored one still opens.
  const match = /^\/([^/]+?)(?:\.json|\/[^/]+\.json)$/.exec(uri.path);
  if (!match?.[1]) return undefined;
  const teamId = new URLSearchParams(uri.query).get('teamId') ?? undefined;
  return { id: match[1], teamId };
}

function documentText(deployment: Deployment): string {
  return `${JSON.stringify(deployment, null, 2)}\n`;
}

interface Entry {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly ctime: number;
  readonly mtime: number;
}

const encoder = new TextEncoder();
const MAX_ENTRIES = 50;

export class DeploymentDocuments extends ReadonlyFileSystem implements GuardedFileSystem {
  /**
   * Content by URI, newest last. Kept after VS Code closes a document (it may
   * still hold the model, and the read-only guard compares against it); the
   * oldest go beyond MAX_ENTRIES.
   */
  private readonly entries = new Map<string, Entry>();
  /** Fetches under way, shared by `stat` and `readFile` of the same document. */
  private readonly loading = new Map<string, Promise<Entry>>();
  constructor(private readonly deps: DeploymentDocumentsDeps) {
    super();
  }

  /** Also asked for documents restored after a reload: then the deployment is fetched. */
  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = await this.entry(uri);
    return { type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: entry.bytes.byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.entry(uri)).bytes;
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
    const uri = deploymentDocumentUri(ref, deployment);
    // Its state moved on (or its title): one tab, named for what it shows now.
    await this.closeOtherTabsOf(ref.id, uri);
    const before = this.entries.get(uri.toString());
    const after = this.remember(uri, deployment, before);
    // An open document shows the new response too.
    if (before !== undefined && after !== before) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  private async closeOtherTabsOf(id: string, keep: vscode.Uri): Promise<void> {
    const key = keep.toString();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() !== key && refOfDocument(t.input.uri)?.id === id);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
  }

  served(uri: vscode.Uri): string | undefined {
    return this.entries.get(uri.toString())?.text;
  }

  touch(uri: vscode.Uri): void {
    const before = this.entries.get(uri.toString());
    if (!before) return;
    this.entries.set(uri.toString(), { ...before, mtime: this.nextMtime() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  private entry(uri: vscode.Uri): Promise<Entry> {
    const key = uri.toString();
    const cached = this.entries.get(key);
    if (cached) return Promise.resolve(cached);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.fetch(uri).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async fetch(uri: vscode.Uri): Promise<Entry> {
    const ref = refOfDocument(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    try {
      const deployment = await this.deps.client.getDeployment(ref.id, { teamId: ref.teamId });
      return this.remember(uri, deployment, this.entries.get(uri.toString()));
    } catch (error) {
      const reason = errorText(error);
      this.deps.log.error(`details: could not load deployment ${ref.id} for its JSON document: ${reason}`);
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Could not load deployment {0}: {1}', ref.id, reason));
    }
  }

  /** Keeps the text; returns the same entry when nothing changed, so VS Code sees an unchanged file. */
  private remember(uri: vscode.Uri, deployment: Deployment, before: Entry | undefined): Entry {
    const text = documentText(deployment);
    if (before && before.text === text) return before;
    const bytes = encoder.encode(text);
    const mtime = this.nextMtime();
    const entry: Entry = { text, bytes, ctime: before?.ctime ?? mtime, mtime };
    this.entries.delete(uri.toString());
    this.entries.set(uri.toString(), entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  /** After a sign-out: nothing of that account's deployments stays in memory. */
  forgetAll(): void {
    this.entries.clear();
    this.loading.clear();
  }

  override dispose(): void {
    super.dispose();
    this.entries.clear();
  }
}
