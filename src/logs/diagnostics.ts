/**
 * Build problems in the Problems panel: the errors and warnings of the latest
 * failed deployment of the branch checked out in each linked project (see
 * src/deployments/problemTargets.ts), on the workspace files they name
 * (source "Vercel build"), with a related link back to the log line.
 *
 * Driven by what the store already holds (no request of its own beyond one
 * GET of the failed build's log, kept): when the branch's newest finished
 * deployment failed, its log is read once and its problems published; a
 * newer READY deployment of that branch takes them away.
 */
import * as vscode from 'vscode';
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import { Settings } from '../constants';
import { commitLine, shortId } from '../deployments/presentation';
import type { DeploymentRef } from '../deployments/ref';
import { problemTargets } from '../deployments/problemTargets';
import type { DeploymentStore } from '../deployments/store';
import type { LinkedProject } from '../workspace/linkFiles';
import type { LogFollowers } from './follower';
import type { BuildProblem } from './logTypes';
import type { ProblemCache, StoredProblem } from './problemCache';
import { locateInSource } from './problems';
import type { WorkspaceFiles } from './workspaceFiles';

export const BUILD_PROBLEMS_SOURCE = 'Vercel build';

export interface BuildProblemsDeps {
  readonly store: DeploymentStore;
  readonly followers: LogFollowers;
  readonly files: WorkspaceFiles;
  /** The URI of a deployment's log document, for the related link. */
  readonly logUri: (ref: DeploymentRef) => vscode.Uri;
  readonly headerLines: (id: string) => number;
  readonly prefixWidth: () => number;
  readonly log: vscode.LogOutputChannel;
  /** Problems already read, by deployment: a failed build's log is downloaded once, not again in the next window. */
  readonly cache?: ProblemCache;
  /** The branch checked out in a linked project's folder, when Git knows it. */
  readonly currentBranch: (project: LinkedProject) => string | undefined;
  /** Deployments whose log has an editor open: a failed one shows its problems too, whatever its branch. */
  readonly openLogs?: () => readonly string[];
}

interface Target {
  readonly ref: DeploymentRef;
  readonly deployment: DeploymentListItem;
}

/** A failed log that could not be read is asked for again at most this often. */
const RETRY_FAILED_MS = 60_000;

export class BuildProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('vercel-build');
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  private scheduled: ReturnType<typeof setTimeout> | undefined;
  private readonly failedAt = new Map<string, number>();
  /** Deployments whose logs this keeps (other owners, the open editors, may keep them too). */
  private held = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  /** What the collection holds, as text, to tell a changed answer from the same one. */
  private published = '';

  constructor(
    private readonly deps: BuildProblemsDeps,
    /** Called for a deployment whose log this no longer needs. */
    private readonly release: (id: string) => void,
  ) {
    this.disposables.push(
      this.collection,
      { dispose: deps.store.onDidChange(() => this.schedule()).dispose },
      { dispose: deps.followers.onDidChange((f) => this.held.has(f.ref.id) && f.status !== 'following' && this.schedule()).dispose },
      // Opening or closing a log may add or take away its problems.
      vscode.window.tabGroups.onDidChangeTabs(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.${Settings.buildProblems}`)) this.schedule();
      }),
    );
    this.schedule();
  }

  /** Resolves when the diagnostics reflect the store as it is now (for tests). */
  async settled(): Promise<void> {
    while (this.scheduled !== undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    await this.running;
  }

  /** Whether the Problems panel keeps this deployment's log. */
  holds(id: string): boolean {
    return this.held.has(id);
  }

  /** Sign Out: nothing stays. */
  clear(): void {
    this.generation++;
    void this.deps.cache?.clear();
    this.collection.clear();
    this.published = '';
    for (const id of this.held) this.release(id);
    this.held = new Set();
    this.failedAt.clear();
  }

  private schedule(): void {
    if (this.scheduled !== undefined) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.running = this.running.then(() => this.update()).catch((error: unknown) => {
        this.deps.log.error(`logs: could not publish build problems: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, 50);
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const mode = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.buildProblems, 'latestFailed');
    const targets = mode === 'off' ? [] : this.targets();
    // A deployment whose problems are kept needs no log; one already loaded stays held (an editor may be opening it).
    const keep = new Set(
      targets.filter((t) => this.deps.cache?.get(t.ref.id) === undefined || this.deps.followers.find(t.ref.id) !== undefined).map((t) => t.ref.id),
    );
    for (const id of this.held) if (!keep.has(id)) this.release(id);
    this.held = keep;

    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const target of targets) {
      const problems = this.problemsOf(target);
      if (problems === undefined) continue;
      for (const { uri, diagnostic } of await this.diagnosticsOf(target, problems)) {
        const key = uri.toString();
        let entry = byFile.get(key);
        if (!entry) {
          entry = { uri, diagnostics: [] };
          byFile.set(key, entry);
        }
        entry.diagnostics.push(diagnostic);
      }
    }
    if (generation !== this.generation) return;
    // Every poll asks again; the Problems panel is redrawn only when the answer differs.
    const signature = JSON.stringify([...byFile.values()].map(({ uri, diagnostics }) => [uri.toString(), diagnostics.map(signatureOf)]));
    if (signature === this.published) return;
    this.published = signature;
    this.collection.clear();
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  /**
   * Per linked project, the checked-out branch's newest finished deployment,
   * when it failed; and any failed deployment whose log the person opened.
   */
  private targets(): Target[] {
    const targets = problemTargets(this.deps.store.projects, this.deps.currentBranch).map(({ project, deployment }) => ({
      ref: { id: deployment.uid, teamId: project.project.teamId },
      deployment,
    }));
    const chosen = new Set(targets.map((t) => t.ref.id));
    for (const id of this.deps.openLogs?.() ?? []) {
      const hit = chosen.has(id) ? undefined : this.deps.store.find(id);
      if (hit && readyStateOf(hit.deployment) === 'ERROR') {
        chosen.add(id);
        targets.push({ ref: { id, teamId: hit.project.project.teamId }, deployment: hit.deployment });
      }
    }
    return targets;
  }

  /** A target's problems: kept from an earlier read, else from its log once loaded (then kept); undefined while loading. */
  private problemsOf(target: Target): readonly StoredProblem[] | undefined {
    const id = target.ref.id;
    const cached = this.deps.cache?.get(id);
    if (cached !== undefined) return cached;
    const follower = this.deps.followers.get(target.ref);
    if (follower.status === 'failed') {
      const since = this.failedAt.get(id);
      if (since === undefined) this.failedAt.set(id, Date.now());
      else if (Date.now() - since > RETRY_FAILED_MS) {
        this.failedAt.set(id, Date.now());
        follower.retry();
      }
    } else {
      follower.start();
    }
    if (follower.status !== 'done') return undefined;
    const lines = follower.model.lines;
    const lineLength = (logLine: number) => lines[logLine]?.text.length ?? 0;
    void this.deps.cache?.set(id, follower.model.problems, lineLength);
    return follower.model.problems.map((p) => ({ ...p, logLineLength: lineLength(p.logLine) }));
  }

  private async diagnosticsOf(target: Target, problems: readonly StoredProblem[]): Promise<{ uri: vscode.Uri; diagnostic: vscode.Diagnostic }[]> {
    if (problems.length === 0) return [];
    const project = this.deps.files.projectOf(target.ref.id, this.deps.followers.find(target.ref.id)?.projectId);
    const context = project && (await this.deps.files.contextOf(project));
    if (!context) return [];
    const name = nameOf(target.deployment);
    const logUri = this.deps.logUri(target.ref);
    const out: { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] = [];
    for (const problem of problems) {
      const file = await this.deps.files.resolve(context, problem.file);
      if (!file) continue;
      // The tool printed no line (a module it could not resolve): the problem goes on the import that names it.
      const placed = problem.search === undefined ? problem : locateInSource(problem, await sourceOf(file.uri));
      out.push({ uri: file.uri, diagnostic: this.diagnosticOf(placed, name, logUri, target.ref.id, problem.logLineLength) });
    }
    return out;
  }

  private diagnosticOf(problem: BuildProblem, name: string, logUri: vscode.Uri, id: string, lineLength: number): vscode.Diagnostic {
    const line = Math.max(0, problem.line - 1);
    const column = Math.max(0, problem.column - 1);
    const endLine = problem.endLine !== undefined ? Math.max(line, problem.endLine - 1) : line;
    const endColumn = problem.endColumn !== undefined ? Math.max(0, problem.endColumn - 1) : column;
    const range = new vscode.Range(line, column, endLine, endLine === line ? Math.max(column, endColumn) : endColumn);
    const diagnostic = new vscode.Diagnostic(
      range,
      vscode.l10n.t('{0} (deployment {1})', problem.message, name),
      problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = BUILD_PROBLEMS_SOURCE;
    if (problem.code !== undefined) diagnostic.code = problem.code;
    const logLine = this.deps.headerLines(id) + problem.logLine;
    const prefix = this.deps.prefixWidth();
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(logUri, new vscode.Range(logLine, prefix, logLine, prefix + lineLength)),
        vscode.l10n.t('Reported in the build log of {0}', name),
      ),
    ];
    return diagnostic;
  }

  dispose(): void {
    clearTimeout(this.scheduled);
    this.generation++;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Files larger than this are not searched for an import: a source file that size is generated, not written. */
const MAX_SOURCE_BYTES = 2_000_000;

/** A workspace file's text: the editor's when it is open (what the person sees), else the disk's; '' when unreadable. */
async function sourceOf(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > MAX_SOURCE_BYTES) return '';
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}

function signatureOf(d: vscode.Diagnostic): unknown[] {
  const location = d.relatedInformation?.[0]?.location;
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message, d.severity, d.code, location?.uri.toString(), location?.range.start.line];
}

/** How a diagnostic names its deployment: the commit's first line and the short id. */
function nameOf(d: DeploymentListItem): string {
  const line = commitLine(d, 50);
  return line === '' ? shortId(d.uid) : `"${line}" ${shortId(d.uid)}`;
}
