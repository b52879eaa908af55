/**
 * The files of a linked folder that a deploy sends, read only through
 * `vscode.workspace.fs` (so it works wherever the workspace's file system
 * can be read, a browser included): a walk that applies the CLI's ignore
 * rules, never follows a symbolic link (its target may be anywhere) and
 * never builds a path that could leave the folder; then each file hashed.
 */
import * as vscode from 'vscode';
import { chooseIgnoreFile, createIgnore, IGNORE_FILES } from './ignore';
import { sha1Hex } from './hash';
import { safeRelativePath, type HashedFile } from './plan';

/** Far more than a deployable folder holds; a walk that reaches it has wandered into something else. */
export const MAX_FILES = 50_000;
const HASH_CONCURRENCY = 8;

export interface FolderFiles {
  /** Relative paths of the files to deploy, `/`-separated, in walk order. */
  readonly files: readonly string[];
  /** Symbolic links found and left out: their target may be outside the folder. */
  readonly symlinks: readonly string[];
  /** Names that could not be a deployed path (a backslash, a control character): left out. */
  readonly unsafe: readonly string[];
  /** How many files and folders the ignore rules left out. */
  readonly ignored: number;
}

export class DeployFilesError extends Error {
  constructor(
    readonly reason: 'conflictingIgnoreFiles' | 'tooManyFiles' | 'changed',
    message: string,
    /** The file concerned (`changed`). */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'DeployFilesError';
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function fileUri(root: vscode.Uri, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...relativePath.split('/'));
}

/** Every file of `root` that `vercel deploy` would send. */
export async function collectFiles(root: vscode.Uri, token?: vscode.CancellationToken): Promise<FolderFiles> {
  const [vercelignore, nowignore] = await Promise.all(IGNORE_FILES.map((name) => readText(vscode.Uri.joinPath(root, name))));
  const chosen = chooseIgnoreFile(vercelignore, nowignore);
  if ('conflict' in chosen) {
    throw new DeployFilesError('conflictingIgnoreFiles', 'Cannot use both a .vercelignore and a .nowignore file.');
  }
  const ignores = createIgnore({ userRules: chosen.rules, rust: await exists(vscode.Uri.joinPath(root, 'Cargo.toml')) });
  const files: string[] = [];
  const symlinks: string[] = [];
  const unsafe: string[] = [];
  let ignored = 0;
  const folders: string[] = [''];
  while (folders.length > 0) {
    if (token?.isCancellationRequested) throw new vscode.CancellationError();
    const prefix = folders.shift() as string;
    const entries = await vscode.workspace.fs.readDirectory(prefix === '' ? root : fileUri(root, prefix));
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (name.includes('/') || safeRelativePath(path) === undefined) {
        unsafe.push(path);
        continue;
      }
      const isDirectory = (type & vscode.FileType.Directory) !== 0;
      if (ignores(path, isDirectory)) {
        ignored += 1;
        continue;
      }
      if ((type & vscode.FileType.SymbolicLink) !== 0) {
        symlinks.push(path);
      } else if (isDirectory) {
        folders.push(path);
      } else if ((type & vscode.FileType.File) !== 0) {
        files.push(path);
        if (files.length > MAX_FILES) {
          throw new DeployFilesError('tooManyFiles', `More than ${MAX_FILES} files to deploy.`);
        }
      }
    }
  }
  return { files, symlinks, unsafe, ignored };
}

/** Reads a file to deploy, as a fresh buffer (the upload sends it as it is). */
export async function readFile(root: vscode.Uri, relativePath: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await vscode.workspace.fs.readFile(fileUri(root, relativePath));
  // A view on a larger or shared buffer would send more than the file: copy only what it holds.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer)
    : new Uint8Array(bytes);
}

/** Hashes every file (a few at a time); `onHashed` after each, with how many and how many bytes so far. */
export async function hashFiles(
  root: vscode.Uri,
  paths: readonly string[],
  onHashed: (done: number, bytes: number) => void,
  token?: vscode.CancellationToken,
): Promise<HashedFile[]> {
  const out: HashedFile[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < paths.length) {
      if (token?.isCancellationRequested) throw new vscode.CancellationError();
      const index = next++;
      const path = paths[index] as string;
      const content = await readFile(root, path);
      out[index] = { path, sha: await sha1Hex(content), size: content.byteLength };
      done += 1;
      bytes += content.byteLength;
      onHashed(done, bytes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, paths.length) }, worker));
  return out;
}

/** A file's bytes for its upload, refused when they are no longer what was hashed (the digest would not match). */
export async function readForUpload(root: vscode.Uri, file: HashedFile): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await readFile(root, file.path);
  if (bytes.byteLength !== file.size || (await sha1Hex(bytes)) !== file.sha) {
    throw new DeployFilesError('changed', `${file.path} changed while it was being deployed.`, file.path);
  }
  return bytes;
}
