/**
 * Finds the Vercel projects linked to the open workspace and keeps the list
 * current as `vercel link` writes or removes link files.
 */
import * as vscode from 'vscode';
import {
  isWithin,
  parseProjectJson,
  parseRepoJson,
  resolveLinkedProjects,
  type LinkedProject,
  type LinkParse,
} from './linkFiles';

export interface LinkProblem {
  readonly file: string;
  readonly message: string;
}

export interface LinkedProjectsSnapshot {
  readonly projects: readonly LinkedProject[];
  readonly problems: readonly LinkProblem[];
}

const LINK_GLOB = '**/{.vercel,.now}/{project,repo}.json';
const LINK_FOLDER_GLOB = '**/{.vercel,.now}';
const FOLLOW_UP_MS = 1000;
const EXCLUDE_GLOB = '**/node_modules/**';
const MAX_LINK_FILES = 200;

export class LinkedProjects implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LinkedProjectsSnapshot>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private current: LinkedProjectsSnapshot = { projects: [], problems: [] };
  private scan: Promise<LinkedProjectsSnapshot> | undefined;
  private again: Promise<LinkedProjectsSnapshot> | undefined;
  /** The last "Linked projects: …" line written to the log. */
  private lastSummary: string | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private followUp: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(LINK_GLOB);
    // `vercel link` makes the .vercel folder and writes into it at once; a
    // watcher can miss a file in a folder it has only just seen, so a new
    // link folder also gets a second look a moment later.
    const folderWatcher = vscode.workspace.createFileSystemWatcher(LINK_FOLDER_GLOB, false, true, false);
    const rescan = () => this.scheduleRescan();
    this.disposables.push(
      watcher,
      folderWatcher,
      watcher.onDidCreate(rescan),
      watcher.onDidChange(rescan),
      watcher.onDidDelete(rescan),
      folderWatcher.onDidCreate(() => {
        rescan();
        clearTimeout(this.followUp);
        this.followUp = setTimeout(rescan, FOLLOW_UP_MS);
      }),
      folderWatcher.onDidDelete(rescan),
      vscode.workspace.onDidChangeWorkspaceFolders(rescan),
    );
  }

  get snapshot(): LinkedProjectsSnapshot {
    return this.current;
  }

  /**
   * Scans now and publishes the result. A call during a scan gets one more
   * scan after it, since the running one may have missed the change that
   * prompted the call (a file written while it was listing).
   */
  refresh(): Promise<LinkedProjectsSnapshot> {
    if (this.scan) {
      this.again ??= this.scan.then(() => {
        this.again = undefined;
        return this.refresh();
      });
      return this.again;
    }
    this.scan = this.discover()
      .then((snapshot) => {
        const before = JSON.stringify(this.current);
        this.current = snapshot;
        if (JSON.stringify(snapshot) !== before) {
          this.changed.fire(snapshot);
        }
        return snapshot;
      })
      .finally(() => {
        this.scan = undefined;
      });
    return this.scan;
  }

  /** The linked project whose folder holds `uri`, the deepest when several do. */
  projectFor(uri: vscode.Uri): LinkedProject | undefined {
    const path = uri.path;
    return this.current.projects
      .filter((p) => isWithin(path, p.directory))
      .sort((a, b) => b.directory.length - a.directory.length)[0];
  }

  private scheduleRescan(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), 150);
  }

  private async discover(): Promise<LinkedProjectsSnapshot> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      return { projects: [], problems: [] };
    }
    const files = new Map<string, vscode.Uri>();
    for (const uri of await vscode.workspace.findFiles(LINK_GLOB, EXCLUDE_GLOB, MAX_LINK_FILES)) {
      files.set(uri.toString(), uri);
    }
    // A monorepo opened at one of its apps keeps repo.json above the folder.
    for (const folder of folders) {
      for (const uri of await this.repoJsonAbove(folder.uri)) {
        files.set(uri.toString(), uri);
      }
    }

    const found: LinkedProject[] = [];
    const problems: LinkProblem[] = [];
    for (const uri of files.values()) {
      const result = await this.read(uri);
      if (result.ok) {
        found.push(...result.projects);
      } else {
        problems.push({ file: result.file, message: result.message });
        this.log.warn(`Could not read ${result.file}: ${result.message}`);
      }
    }

    const projects: LinkedProject[] = [];
    const seen = new Set<string>();
    for (const folder of folders) {
      for (const project of resolveLinkedProjects(folder.uri.path, found)) {
        if (!seen.has(project.key)) {
          seen.add(project.key);
          projects.push(project);
        }
      }
    }
    // Watchers fire several times for one link or unlink: say it once per change.
    const summary = `Linked projects: ${projects.map((p) => `${p.name ?? p.projectId} (${p.directory})`).join(', ') || 'none'}`;
    if (summary !== this.lastSummary) {
      this.lastSummary = summary;
      this.log.info(summary);
    }
    return { projects, problems };
  }

  private async read(uri: vscode.Uri): Promise<LinkParse> {
    const local = uri.scheme === 'file';
    const file = local ? uri.fsPath : uri.path;
    const origin = local ? undefined : uri.with({ path: '', query: '', fragment: '' }).toString();
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return { ok: false, file, message: error instanceof Error ? error.message : String(error) };
    }
    // The folder that holds `.vercel/`.
    const directory = vscode.Uri.joinPath(uri, '..', '..').path;
    return uri.path.endsWith('/repo.json') ? parseRepoJson(text, file, directory, origin) : parseProjectJson(text, file, directory, origin);
  }

  private async repoJsonAbove(folder: vscode.Uri): Promise<vscode.Uri[]> {
    if (folder.scheme !== 'file' && folder.scheme !== 'vscode-remote') {
      return [];
    }
    const result: vscode.Uri[] = [];
    let dir = vscode.Uri.joinPath(folder, '..');
    for (let depth = 0; depth < 8 && dir.path !== folder.path; depth++) {
      for (const name of ['.vercel', '.now']) {
        const candidate = vscode.Uri.joinPath(dir, name, 'repo.json');
        try {
          await vscode.workspace.fs.stat(candidate);
          result.push(candidate);
        } catch {
          // Absent: keep climbing.
        }
      }
      if (result.length > 0) {
        break;
      }
      const parent = vscode.Uri.joinPath(dir, '..');
      if (parent.path === dir.path) {
        break;
      }
      dir = parent;
    }
    return result;
  }

  dispose(): void {
    clearTimeout(this.debounce);
    clearTimeout(this.followUp);
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
