/** Turns a command's argument into the deployment it should act on. */
import * as vscode from 'vscode';
import { toDeploymentRef, type DeploymentRef } from '../deployments/ref';
import { errorText } from '../deployments/labels';
import type { CommandDeps } from './deps';
import { pickDeployment, type PickOptions } from './pickDeployment';

/** The deployment the argument names (toDeploymentRef), or, for any other argument (the palette, a title bar), the one the user picks. */
export async function deploymentFromArg(arg: unknown, deps: CommandDeps, pick: PickOptions = {}): Promise<DeploymentRef | undefined> {
  return toDeploymentRef(arg) ?? (await pickDeployment(deps.store, pick));
}

export interface DeploymentLinks {
  readonly id: string;
  readonly url: string;
  readonly inspectorUrl: string | null;
}

/** The id, host and inspector page of a deployment: from the store, else asked of Vercel. */
export async function linksOf(ref: DeploymentRef, deps: CommandDeps): Promise<DeploymentLinks | undefined> {
  const hit = deps.store.find(ref.id);
  if (hit) {
    return { id: hit.deployment.uid, url: hit.deployment.url, inspectorUrl: hit.deployment.inspectorUrl };
  }
  try {
    const full = await deps.client.getDeployment(ref.id, { teamId: ref.teamId });
    return { id: full.id, url: full.url, inspectorUrl: full.inspectorUrl };
  } catch (error) {
    deps.log.error(`Could not load deployment ${ref.id}: ${errorText(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not load deployment: {0}', errorText(error)));
    return undefined;
  }
}

/** Opens an http(s) address in the browser; anything else is refused. */
export async function openHttpUrl(address: string): Promise<boolean> {
  const uri = vscode.Uri.parse(address, true);
  if (uri.scheme !== 'https' && uri.scheme !== 'http') {
    return false;
  }
  return vscode.env.openExternal(uri);
}
