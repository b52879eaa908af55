/**
 * Showing a deployment's row in the Deployments view, for the commands that
 * do (Load more…, Reveal Latest): in the features bundle, with them.
 */
import type * as vscode from 'vscode';
import type { DeploymentsTreeNode } from './treeItems';
import type { DeploymentsTreeProvider } from './treeProvider';

/**
 * Selects and focuses a deployment's row. VS Code can drop a reveal that
 * races a refresh of the tree (the rows "Load more…" just brought), so the
 * row is revealed again while the selection has not followed, at most thrice.
 */
export async function revealDeployment(view: vscode.TreeView<DeploymentsTreeNode>, tree: DeploymentsTreeProvider, id: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const node = tree.nodeFor(id);
    if (!node) return false;
    await view.reveal(node, { select: true, focus: true });
    if (await selectionFollows(view, id, 1000)) return true;
  }
  return false;
}

/** Whether the view's selection holds the row `id` now or within `ms`. */
function selectionFollows(view: vscode.TreeView<DeploymentsTreeNode>, id: string, ms: number): Promise<boolean> {
  const holds = (selection: readonly DeploymentsTreeNode[]) => selection.some((node) => node.id === id);
  if (holds(view.selection)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(answer);
    };
    const timer = setTimeout(() => done(holds(view.selection)), ms);
    const subscription = view.onDidChangeSelection((e) => {
      if (holds(e.selection)) done(true);
    });
  });
}
