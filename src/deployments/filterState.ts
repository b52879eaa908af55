/**
 * The Deployments view's filter, kept per workspace (workspaceState) so it
 * survives a reload, with the context key that shows "Clear Filter" and the
 * welcome view for a filter that matches nothing.
 */
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { isFiltered, NO_FILTER, parseFilter, type DeploymentFilter } from './filter';

export const FILTER_STATE_KEY = 'vercelDeployments.filter';

export class FilterState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeploymentFilter>();
  readonly onDidChange = this.changed.event;
  private current: DeploymentFilter;

  constructor(private readonly memento: vscode.Memento) {
    this.current = parseFilter(memento.get(FILTER_STATE_KEY));
    this.publish();
  }

  get filter(): DeploymentFilter {
    return this.current;
  }

  get active(): boolean {
    return isFiltered(this.current);
  }

  async set(filter: DeploymentFilter): Promise<void> {
    this.current = isFiltered(filter) ? filter : NO_FILTER;
    await this.memento.update(FILTER_STATE_KEY, this.active ? this.current : undefined);
    this.publish();
    this.changed.fire(this.current);
  }

  private publish(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.filtered, this.active);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
