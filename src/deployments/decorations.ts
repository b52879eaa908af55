/**
 * The production badge of a deployment row ("P", with a tooltip): a file
 * decoration on the row's address, drawn at the row's right edge, so it stays
 * visible however long the commit message and however narrow the view.
 */
import * as vscode from 'vscode';
import { ROW_URI_SCHEME } from '../constants';
import { rowUri, type DeploymentsTreeNode } from './treeItems';
import type { DeploymentsTreeProvider } from './treeProvider';

export class ProductionBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  /** What each row was last given, so only rows whose badge changed are told about. */
  private readonly given = new Map<string, boolean>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly tree: DeploymentsTreeProvider) {
    this.disposables = [
      this.changed,
      vscode.window.registerFileDecorationProvider(this),
      tree.onDidChangeTreeData((changed) => this.follow(changed)),
    ];
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== ROW_URI_SCHEME) {
      return undefined;
    }
    const id = uri.path.slice(1);
    const production = this.tree.nodeFor(id)?.row.production ?? false;
    this.given.set(id, production);
    if (!production) {
      return undefined;
    }
    const badge = vscode.l10n.t({ message: 'P', comment: ['Badge of a production deployment in the tree: one or two characters'] });
    return new vscode.FileDecoration(badge.slice(0, 2), vscode.l10n.t('Production'));
  }

  private follow(changed: DeploymentsTreeNode | DeploymentsTreeNode[] | undefined): void {
    const ids = changed === undefined ? [...this.given.keys()] : (Array.isArray(changed) ? changed : [changed]).map((n) => n.id);
    const stale: vscode.Uri[] = [];
    for (const id of ids) {
      if (id === undefined || !this.given.has(id)) {
        continue;
      }
      const node = this.tree.nodeFor(id);
      if (!node) {
        this.given.delete(id);
        continue;
      }
      const production = node.row.production;
      if (production !== this.given.get(id)) {
        stale.push(rowUri(id));
      }
    }
    if (stale.length > 0) {
      this.changed.fire(stale);
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }
}
