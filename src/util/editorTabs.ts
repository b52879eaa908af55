/**
 * What the editor tabs show, for the documents the extension serves (build
 * and runtime logs): the URIs of a scheme that have a tab, and the column a
 * URI's tab is in.
 */
import * as vscode from 'vscode';

/** The URIs of `scheme` that a text tab shows, in tab order. */
export function openTabUris(scheme: string): vscode.Uri[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
    .filter((uri): uri is vscode.Uri => uri !== undefined && uri.scheme === scheme);
}

/** The column of the first tab showing `uri`, if one does. */
export function tabColumnOf(uri: vscode.Uri): vscode.ViewColumn | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()) return group.viewColumn;
    }
  }
  return undefined;
}
