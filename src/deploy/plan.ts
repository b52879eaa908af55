/**
 * What a deploy of a folder sends, decided before the first byte leaves: the
 * file list of the create (`files: [{ file, sha, size, mode }]`), what the
 * confirmation says (how many files, how many bytes, which `.env*` files),
 * and, once Vercel has named the digests it lacks (`missing_files`), which
 * files go up: each missing content once, however many paths share it.
 * Pure.
 */
import type { DeploymentFile } from '../api/client';
import { isEnvFile } from './ignore';

/** A regular file's mode as the CLI sends it; the workspace file system does not tell the executable bit. */
export const FILE_MODE = 0o100644;

export interface HashedFile {
  /** Relative to the deployed folder, `/`-separated. */
  readonly path: string;
  readonly sha: string;
  readonly size: number;
}

export interface DeploySummary {
  readonly files: number;
  readonly bytes: number;
  /** `.env`, `.env.production`, …: files that usually hold secrets and will be uploaded. */
  readonly envFiles: readonly string[];
}

export function summarize(files: readonly HashedFile[]): DeploySummary {
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    envFiles: files.filter((f) => isEnvFile(f.path)).map((f) => f.path).sort(),
  };
}

/** The create's file list, sorted by path so the same folder always sends the same body. */
export function deploymentFiles(files: readonly HashedFile[]): DeploymentFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ file: f.path, sha: f.sha, size: f.size, mode: FILE_MODE }));
}

export interface UploadPlan {
  /** One file per missing digest: the bytes to send. */
  readonly uploads: readonly HashedFile[];
  readonly bytes: number;
  /** Digests Vercel named that are none of ours: a server that answers so is not to be trusted with another round. */
  readonly unknown: readonly string[];
}

/** The files to upload for the digests Vercel lacks: only those, each content once. */
export function uploadPlan(files: readonly HashedFile[], missing: readonly string[]): UploadPlan {
  const bySha = new Map<string, HashedFile>();
  for (const f of files) if (!bySha.has(f.sha)) bySha.set(f.sha, f);
  const uploads: HashedFile[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const sha of missing) {
    if (seen.has(sha)) continue;
    seen.add(sha);
    const file = bySha.get(sha);
    if (file) uploads.push(file);
    else unknown.push(sha);
  }
  return { uploads, bytes: uploads.reduce((sum, f) => sum + f.size, 0), unknown };
}

/**
 * A path as a deployed file's name, or undefined when it could lead out of
 * the folder: no empty, `.` or `..` segment, no backslash, no leading slash,
 * no drive letter, no control character.
 */
export function safeRelativePath(path: string): string | undefined {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[a-zA-Z]:/.test(path)) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return undefined;
  const parts = path.split('/');
  return parts.some((p) => p === '' || p === '.' || p === '..') ? undefined : path;
}
