/**
 * Runtime errors in the Problems panel (source "Vercel runtime"): each error
 * an open runtime log holds whose stack names a line of a workspace file (the
 * top frame that does, through frameFiles.ts) is a diagnostic on that line,
 * naming the deployment, the request (method, path, status) and how many
 * times it happened, with a link back to the log line. They are there while
 * the log is open: closing it, signing out, `vercelDeployments.runtimeProblems:
 * "off"` or a newer READY deployment of the same branch takes them away.
 */
import * as vscode from 'vscode';
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import { Settings } from '../constants';
import { branchOf, commitLine, shortId } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import type { DeploymentStore } from '../deployments/store';
import type { FrameFiles, ResolvedFrame } from './frameFiles';
import { HEADER_LINES } from './fileSystem';
import type { RuntimeLogFollower, RuntimeLogFollowers } from './follower';

export const RUNTIME_PROBLEMS_SOURCE = 'Vercel runtime';

export interface RuntimeProblemsDeps {
  readonly followers: RuntimeLogFollowers;
  readonly frames: FrameFiles;
  readonly store: DeploymentStore;
  /** The URI of a deployment's runtime log document, for the link back. */
  readonly logUri: (ref: DeploymentRef) => vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** Errors read per log, the newest: a log of a million errors must not make a million lookups. */
const MAX_ERRORS = 2000;

interface Occurrence {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly message: string;
  readonly request: string;
  readonly deployment: string;
  count: number;
  /** Document line of the newest occurrence. */
  logLine: number;
  readonly logUri: vscode.Uri;
  readonly how: ResolvedFrame['how'];
}

export class RuntimeProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('vercel-runtime');
  private readonly disposables: vscode.Disposable[] = [];
  private scheduled: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();
  private generation = 0;
  private published = '';

  constructor(private readonly deps: RuntimeProblemsDeps) {
    this.disposables.push(
      this.collection,
      { dispose: deps.followers.onDidChange(() => this.schedule()).dispose },
      // A newer READY deployment of the branch takes the older one's problems away.
      { dispose: deps.store.onDidChange(() => this.schedule()).dispose },
      // Closing a log's last tab takes its problems away.
      vscode.window.tabGroups.onDidChangeTabs(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.${Settings.runtimeProblems}`)) this.schedule();
      }),
    );
  }

  /** Resolves when the diagnostics reflect the open logs as they are now (for tests). */
  async settled(): Promise<void> {
    while (this.scheduled !== undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.running;
  }

  /** Sign Out: nothing stays. */
  clear(): void {
    this.generation++;
    this.collection.clear();
    this.published = '';
  }

  schedule(): void {
    if (this.scheduled !== undefined) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.running = this.running.then(() => this.update()).catch((error: unknown) => {
        this.deps.log.error(`runtime logs: could not publish runtime problems: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, 200);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const mode = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.runtimeProblems, 'errors');
    const occurrences = new Map<string, Occurrence>();
    if (mode !== 'off') {
      for (const follower of this.deps.followers.all) {
        if (follower.status === 'stopped' || this.superseded(follower)) continue;
        await this.collect(follower, occurrences);
        if (generation !== this.generation) return;
      }
    }
    if (generation !== this.generation) return;
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const o of occurrences.values()) {
      const key = o.uri.toString();
      let entry = byFile.get(key);
      if (!entry) {
        entry = { uri: o.uri, diagnostics: [] };
        byFile.set(key, entry);
      }
      entry.diagnostics.push(this.diagnosticOf(o));
    }
    // Lines streaming in ask again; the Problems panel is redrawn only when the answer differs.
    const signature = JSON.stringify([...byFile.values()].map(({ uri, diagnostics }) => [uri.toString(), diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message])]));
    if (signature === this.published) return;
    this.published = signature;
    this.collection.clear();
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  /** The errors of one log, each on the top frame that names a line of a workspace file. */
  private async collect(follower: RuntimeLogFollower, into: Map<string, Occurrence>): Promise<void> {
    const { errors, blocks } = follower.model;
    const owner = { id: follower.ref.id, projectId: follower.projectId };
    const logUri = this.deps.logUri(follower.ref);
    const deployment = this.nameOf(follower.ref.id);
    for (let i = Math.max(0, errors.length - MAX_ERRORS); i < errors.length; i++) {
      const error = errors[i];
      if (!error) continue;
      let resolved: ResolvedFrame | undefined;
      for (const { frame } of error.frames) {
        const file = await this.deps.frames.resolve(owner, frame);
        if (file?.line !== undefined) {
          resolved = file;
          break;
        }
      }
      if (!resolved || resolved.line === undefined) continue;
      const request = blocks[error.block]?.request;
      const requestText = request ? `${request.method === '' ? '-' : request.method} ${request.path === '' ? '/' : request.path} → ${request.status > 0 ? request.status : '---'}` : vscode.l10n.t('outside a request');
      const line = Math.max(0, resolved.line - 1);
      const column = resolved.how === 'definition' ? 0 : Math.max(0, (resolved.column ?? 1) - 1);
      const key = `${resolved.uri.toString()}\u0000${line}\u0000${error.message}\u0000${requestText}\u0000${follower.ref.id}`;
      const existing = into.get(key);
      if (existing) {
        existing.count++;
        existing.logLine = HEADER_LINES + error.line;
        continue;
      }
      into.set(key, {
        uri: resolved.uri,
        range: new vscode.Range(line, column, line, column),
        message: error.message,
        request: requestText,
        deployment,
        count: 1,
        logLine: HEADER_LINES + error.line,
        logUri,
        how: resolved.how,
      });
    }
  }

  private diagnosticOf(o: Occurrence): vscode.Diagnostic {
    const times = o.count === 1 ? vscode.l10n.t('once') : vscode.l10n.t({ message: '{0} times', args: [o.count], comment: ['{0} is how many times a runtime error happened'] });
    const where = o.how === 'definition' ? vscode.l10n.t(' (in the function the stack names: the deployment has no source map for its line)') : '';
    const diagnostic = new vscode.Diagnostic(
      o.range,
      vscode.l10n.t({
        message: '{0} — {1}, {2}, deployment {3}{4}',
        args: [o.message, o.request, times, o.deployment, where],
        comment: ['{0} the error a function printed, {1} the request (GET /api/x → 500), {2} how often (once, 3 times), {3} the deployment, {4} a note or nothing'],
      }),
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = RUNTIME_PROBLEMS_SOURCE;
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(new vscode.Location(o.logUri, new vscode.Range(o.logLine, 0, o.logLine, 0)), vscode.l10n.t('Reported in the runtime log of {0}', o.deployment)),
    ];
    return diagnostic;
  }

  /** A newer READY deployment of the same project and branch is listed: this one's errors are history. */
  private superseded(follower: RuntimeLogFollower): boolean {
    const hit = this.deps.store.find(follower.ref.id);
    if (!hit) return false;
    const branch = branchOf(hit.deployment);
    if (branch === undefined) return false;
    const newer = (d: DeploymentListItem) => d.uid !== hit.deployment.uid && d.created > hit.deployment.created && readyStateOf(d) === 'READY' && branchOf(d) === branch;
    return hit.project.latest.some(newer) || hit.project.deployments.some(newer);
  }

  private nameOf(id: string): string {
    const listed = this.deps.store.find(id)?.deployment;
    const line = listed ? commitLine(listed, 50) : '';
    return line === '' ? shortId(id) : `"${line}" ${shortId(id)}`;
  }

  dispose(): void {
    clearTimeout(this.scheduled);
    this.generation++;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
