/** The page's elements that the rest of the webview updates, as buildPage (page.ts) made them. */
import type { VirtualList } from './virtualList';

export interface Dom {
  app: HTMLElement;
  header: HTMLElement;
  /** The deployment's own header: state, URL, commit, actions (see header.ts). */
  summary: HTMLElement;
  filter: HTMLElementTagNameMap['vscode-textfield'];
  matchCount: HTMLElement;
  rawToggle: HTMLElementTagNameMap['vscode-toolbar-button'];
  expandAll: HTMLElementTagNameMap['vscode-toolbar-button'];
  collapseAll: HTMLElementTagNameMap['vscode-toolbar-button'];
  banner: HTMLElement;
  body: HTMLElement;
  tree: VirtualList;
  raw: VirtualList;
  empty: HTMLElement;
  details: HTMLElement;
  status: HTMLElement;
}
