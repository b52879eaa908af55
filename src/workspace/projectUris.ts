/**
 * Where a linked project's folder and link file are, as URIs: local files in
 * a desktop or remote window, a virtual file system's in a browser
 * (github.dev's repository, a remote seen from a web worker).
 */
import * as vscode from 'vscode';
import type { LinkedProject } from './linkFiles';

function at(origin: string | undefined, path: string): vscode.Uri {
  return origin === undefined ? vscode.Uri.file(path) : vscode.Uri.parse(origin).with({ path });
}

/** The folder that deploys as the project. */
export function projectFolderUri(project: Pick<LinkedProject, 'directory' | 'origin'>): vscode.Uri {
  return at(project.origin, project.directory);
}

/** The link file the project came from. */
export function linkFileUri(project: Pick<LinkedProject, 'file' | 'origin'>): vscode.Uri {
  return at(project.origin, project.file);
}
