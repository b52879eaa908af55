/**
 * Signing out closes what showed that account's deployments: the details
 * panels and the JSON documents, whose content is forgotten too. Nothing is
 * left on screen with a stale "Retry" banner; signing back in starts clean.
 * JSON documents restored by a window that opens signed out close as well.
 */
import * as vscode from 'vscode';
import type { TokenStore } from '../auth/tokenStore';
import { JSON_DOCUMENT_SCHEME } from '../constants';
import type { DeploymentDocuments } from './jsonDocument';
import type { DetailsPanels } from './panel';

export type SignInState = Pick<TokenStore, 'onDidChange' | 'hasToken'>;

export function followSignOut(tokens: SignInState, panels: DetailsPanels, documents: DeploymentDocuments): vscode.Disposable {
  const closeIfSignedOut = async () => {
    if (await tokens.hasToken()) return;
    panels.closeAll();
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === JSON_DOCUMENT_SCHEME);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
    documents.forgetAll();
  };
  void closeIfSignedOut();
  return tokens.onDidChange(() => void closeIfSignedOut());
}
