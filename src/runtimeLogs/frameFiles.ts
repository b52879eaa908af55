/**
 * From a stack frame a function printed to a line of a workspace file, or to
 * nothing. Which files a frame may mean is frames.ts's (pure) answer; here
 * each is looked for in the deployment's folder (deployments/deploymentFolders.ts,
 * as the build logs do), through VS Code's file system only and never through
 * a symbolic link (util/workspaceFile.ts). A built file's source map in the
 * workspace's build output says where its line comes from; without one, the
 * route's source is linked at the function the frame names, when it can be
 * found, and otherwise at its top.
 */
import * as vscode from 'vscode';
import type { DeploymentFolder, DeploymentFolders } from '../deployments/deploymentFolders';
import { fileInside } from '../util/workspaceFile';
import { candidatesFor, definitionLine, sourceOfMap, type Frame } from './frames';
import { MAX_SOURCE_MAP_LENGTH, originalPosition, parseSourceMap, type SourceMap } from './sourceMap';

export interface ResolvedFrame {
  readonly uri: vscode.Uri;
  /** POSIX path relative to the folder, for people to read. */
  readonly relative: string;
  /** 1-based; undefined when no line of the source is known. */
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  /** How the line was found: as printed, through a source map, or by the function's name in the source. */
  readonly how: 'printed' | 'sourceMap' | 'definition' | 'file';
}

/** Whose frames: a deployment and, when the store does not list it, its project. */
export interface FrameOwner {
  readonly id: string;
  readonly projectId?: string | undefined;
}

/** How long an answer about the disk is trusted; files appear and go while people work. */
const FRESH_MS = 5000;
const MAX_SOURCE_BYTES = 2_000_000;
const CACHE_LIMIT = 2000;

export class FrameFiles {
  private readonly files = new Map<string, { readonly at: number; readonly answer: Promise<vscode.Uri | undefined> }>();
  private readonly maps = new Map<string, { readonly at: number; readonly answer: Promise<SourceMap | undefined> }>();
  private readonly texts = new Map<string, { readonly at: number; readonly answer: Promise<string | undefined> }>();

  constructor(private readonly folders: DeploymentFolders) {}

  /** Forgets what it found (a link changed, signed out). */
  reset(): void {
    this.files.clear();
    this.maps.clear();
    this.texts.clear();
    this.folders.reset();
  }

  async folderOf(owner: FrameOwner): Promise<DeploymentFolder | undefined> {
    const project = this.folders.projectOf(owner.id, owner.projectId);
    return project ? this.folders.folderOf(project) : undefined;
  }

  /** The workspace file (and line) a frame names, if it names one inside the deployment's folder. */
  async resolve(owner: FrameOwner, frame: Frame): Promise<ResolvedFrame | undefined> {
    const folder = await this.folderOf(owner);
    if (!folder) return undefined;
    for (const candidate of candidatesFor(frame.path, folder)) {
      if (candidate.sourceMap !== undefined && candidate.built !== undefined && frame.line !== undefined) {
        const mapped = await this.throughSourceMap(folder, candidate.sourceMap, candidate.built, frame);
        if (mapped) return mapped;
        continue;
      }
      const uri = await this.file(folder.uri, candidate.path);
      if (!uri) continue;
      if (candidate.sameLines) return { uri, relative: candidate.path, line: frame.line, column: frame.column, how: frame.line === undefined ? 'file' : 'printed' };
      const text = await this.text(uri);
      const line = text === undefined ? undefined : definitionLine(text, frame.fn);
      return line === undefined ? { uri, relative: candidate.path, how: 'file' } : { uri, relative: candidate.path, line, column: 1, how: 'definition' };
    }
    return undefined;
  }

  private async throughSourceMap(folder: DeploymentFolder, mapPath: string, built: string, frame: Frame): Promise<ResolvedFrame | undefined> {
    const mapUri = await this.file(folder.uri, mapPath);
    if (!mapUri || frame.line === undefined) return undefined;
    const map = await this.map(mapUri);
    const position = map && originalPosition(map, frame.line, frame.column ?? 1);
    if (!map || !position) return undefined;
    const relative = sourceOfMap(position.source, built, map.sourceRoot, folder);
    const uri = relative === undefined ? undefined : await this.file(folder.uri, relative);
    return uri && relative !== undefined ? { uri, relative, line: position.line, column: position.column, how: 'sourceMap' } : undefined;
  }

  private file(folder: vscode.Uri, relative: string): Promise<vscode.Uri | undefined> {
    return cached(this.files, `${folder.toString()}\u0000${relative}`, () => fileInside(folder, relative));
  }

  private map(uri: vscode.Uri): Promise<SourceMap | undefined> {
    return cached(this.maps, uri.toString(), async () => {
      const text = await readText(uri, MAX_SOURCE_MAP_LENGTH);
      return text === undefined ? undefined : parseSourceMap(text);
    });
  }

  private text(uri: vscode.Uri): Promise<string | undefined> {
    return cached(this.texts, uri.toString(), () => readText(uri, MAX_SOURCE_BYTES));
  }
}

function cached<T>(cache: Map<string, { readonly at: number; readonly answer: Promise<T> }>, key: string, make: () => Promise<T>): Promise<T> {
  const now = Date.now();
  let hit = cache.get(key);
  if (!hit || now - hit.at > FRESH_MS) {
    hit = { at: now, answer: make() };
    cache.set(key, hit);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return hit.answer;
}

/** A workspace file's text: the editor's when it is open, else the disk's; undefined when unreadable or larger than `max`. */
async function readText(uri: vscode.Uri, max: number): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > max) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** A file URI that opens at the frame's line and column (`#L12,5`, read by VS Code's opener). */
export function atLine(resolved: ResolvedFrame): vscode.Uri {
  if (resolved.line === undefined) return resolved.uri;
  return resolved.uri.with({ fragment: resolved.column !== undefined ? `L${resolved.line},${resolved.column}` : `L${resolved.line}` });
}
