/**
 * A file inside a folder, named by a relative path that came from untrusted
 * text, found through VS Code's file system (no Node modules: it works on a
 * remote and in a browser). Every segment is looked at on the way down and
 * none may be a symbolic link: a link could lead out of the folder, and
 * without a real path to check where it leads, none is followed.
 */
import * as vscode from 'vscode';

/** A segment that names a child of its directory and nothing else. */
function isPlainSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[\\/\u0000]/.test(segment) && segment.length <= 255;
}

/**
 * The file's URI when `relative` names a regular file inside `folder`,
 * reached through directories and no symbolic link; otherwise undefined.
 */
export async function fileInside(folder: vscode.Uri, relative: string, fs: Pick<vscode.FileSystem, 'stat'> = vscode.workspace.fs): Promise<vscode.Uri | undefined> {
  const segments = relative.split('/');
  if (segments.length === 0 || segments.length > 64 || !segments.every(isPlainSegment)) return undefined;
  let at = folder;
  for (let i = 0; i < segments.length; i++) {
    at = vscode.Uri.joinPath(at, segments[i] as string);
    let stat: vscode.FileStat;
    try {
      stat = await fs.stat(at);
    } catch {
      return undefined;
    }
    if ((stat.type & vscode.FileType.SymbolicLink) !== 0) return undefined;
    const last = i === segments.length - 1;
    if (last ? (stat.type & vscode.FileType.File) === 0 : (stat.type & vscode.FileType.Directory) === 0) return undefined;
  }
  return at;
}
