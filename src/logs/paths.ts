/**
 * Paths printed on the build machine, mapped to the folder a deployment
 * belongs to. Pure; no `vscode`. Whatever a log prints is untrusted: the
 * answer is a relative POSIX path that cannot leave the folder, or nothing.
 */
import { resolveSegments } from '../util/posixPath';

/** Where Vercel checks out the repository. */
export const BUILD_ROOT = '/vercel/path0';

/**
 * Maps a path printed on the build machine to a POSIX path relative to the folder the deployment belongs to.
 * The build runs in /vercel/path0 (repo root); cwd is /vercel/path0/<rootDirectory>; relative paths are
 * relative to the cwd. `folderIs`: 'repoRoot' for repo.json links (folder = git root), 'rootDirectory' for
 * project.json links (folder = the project's root directory; equals the repo root when rootDirectory is unset).
 * Returns undefined when the result is outside the folder (.., absolute elsewhere, NUL, empty).
 */
export function mapBuildPath(
  printed: string,
  options: { rootDirectory?: string | null; folderIs: 'repoRoot' | 'rootDirectory' },
): string | undefined {
  if (typeof printed !== 'string' || printed.length === 0 || printed.length > 4096) return undefined;
  if (printed.includes('\0')) return undefined;
  // Tools on Linux print `/`; a backslash only ever means a separator written by something Windows-minded.
  let path = printed.trim().replace(/\\/g, '/');
  if (path.startsWith('file://')) path = path.slice('file://'.length);
  const rootDirectory = typeof options.rootDirectory === 'string' ? options.rootDirectory.replace(/\\/g, '/') : '';
  if (rootDirectory.includes('\0') || rootDirectory.startsWith('/')) return undefined;
  const root = resolveSegments(rootDirectory);
  if (root === undefined) return undefined;

  let fromRepo: string[] | undefined;
  if (path.startsWith('/')) {
    if (path !== BUILD_ROOT && !path.startsWith(`${BUILD_ROOT}/`)) return undefined;
    fromRepo = resolveSegments(path.slice(BUILD_ROOT.length));
  } else {
    // C:/…, or any other scheme: not on the build machine's tree.
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return undefined;
    fromRepo = resolveSegments([...root, path].join('/'));
  }
  if (fromRepo === undefined || fromRepo.length === 0) return undefined;

  if (options.folderIs === 'repoRoot') return fromRepo.join('/');
  for (let i = 0; i < root.length; i++) if (fromRepo[i] !== root[i]) return undefined;
  const inFolder = fromRepo.slice(root.length);
  return inFolder.length === 0 ? undefined : inFolder.join('/');
}
