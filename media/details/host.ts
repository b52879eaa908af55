/**
 * The webview's one line to the extension: `acquireVsCodeApi` may be called
 * once per page, so every module posts and keeps state through here.
 */
import type { PersistedState, WebviewMessage } from '../../src/details/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}
