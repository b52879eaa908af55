/**
 * Add, Edit Value and Remove: each click sends one request, never retried
 * (a second click while it runs does nothing). A key the environments have
 * already is a conflict, and overwriting it is the person's choice. Every
 * change ends with the view listing the project again and a notification
 * that it applies to new deployments, with Redeploy of the newest one.
 */
import * as vscode from 'vscode';
import { ENV_TARGETS, type EnvInput, type EnvTarget } from '../api/envSchemas';
import { VercelApiError } from '../api/errors';
import { EnvCommands } from '../constants';
import type { LinkedProject } from '../workspace/linkFiles';
import { isEnvNode, notifyChanged, projectFromArg, reportEnvError, type EnvDeps } from './deps';
import { keyProblem, type KeyProblem } from './dotenv';
import { environmentLabel, environmentsOf } from './labels';
import { targetsOf } from './model';
import type { VarNode } from './treeProvider';

function keyMessage(problem: KeyProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a name');
    case 'startsWithDigit':
      return vscode.l10n.t('A name must not start with a digit');
    case 'characters':
      return vscode.l10n.t('A name may hold only letters, digits and underscores');
    case 'length':
      return vscode.l10n.t('A name may be at most 256 characters long');
    case 'reserved':
      return vscode.l10n.t('Vercel reserves this name for its runtime');
  }
}

/** What `vercel env add` warns about, as a warning under the password box (the value itself is never echoed). */
function valueWarning(value: string): vscode.InputBoxValidationMessage | undefined {
  const warn = (message: string) => ({ message, severity: vscode.InputBoxValidationSeverity.Warning });
  if (value === '') return warn(vscode.l10n.t('The value is empty'));
  if (/^[ \t]|[ \t]$/.test(value)) return warn(vscode.l10n.t('The value starts or ends with whitespace'));
  if (value.length > 2 && /^(".*"|'.*')$/s.test(value)) return warn(vscode.l10n.t('The surrounding quotes will be stored as part of the value'));
  return undefined;
}

function askValue(title: string, prompt: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: valueWarning });
}

function varNodeOf(arg: unknown): VarNode | undefined {
  return isEnvNode(arg) && arg.kind === 'var' ? arg : undefined;
}

/** Lists the project again so the view shows the change; says so in the log only if that fails. */
async function reload(project: LinkedProject, deps: EnvDeps): Promise<void> {
  await deps.store.load(project.key, true);
}

export function registerChanges(context: vscode.ExtensionContext, deps: EnvDeps): void {
  const busy = new Set<string>();
  const once = async <T>(key: string, run: () => Promise<T>): Promise<T | undefined> => {
    if (busy.has(key)) return undefined;
    busy.add(key);
    try {
      return await run();
    } finally {
      busy.delete(key);
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(EnvCommands.add, (arg?: unknown) => once('add', () => add(arg, deps))),
    vscode.commands.registerCommand(EnvCommands.edit, (arg?: unknown) => {
      const node = varNodeOf(arg);
      return node ? once(`edit ${node.env.id}`, () => edit(node, deps)) : noRow();
    }),
    vscode.commands.registerCommand(EnvCommands.remove, (arg?: unknown) => {
      const node = varNodeOf(arg);
      return node ? once(`remove ${node.env.id}`, () => remove(node, deps)) : noRow();
    }),
  );
}

function noRow(): undefined {
  void vscode.window.showInformationMessage(vscode.l10n.t('Select a variable in the Environment Variables view.'));
  return undefined;
}

async function add(arg: unknown, deps: EnvDeps): Promise<boolean> {
  const project = await projectFromArg(arg, deps);
  if (!project) return false;
  const node = isEnvNode(arg) ? arg : undefined;
  const title = vscode.l10n.t('Add Environment Variable to {0}', project.name ?? project.projectId);
  const key = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Name (letters, digits and underscores)'),
    placeHolder: 'DATABASE_URL',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const problem = keyProblem(text.trim());
      return problem ? keyMessage(problem) : undefined;
    },
  });
  if (key === undefined) return false;
  const name = key.trim();
  const value = await askValue(title, vscode.l10n.t('Value of {0} (hidden as you type)', name));
  if (value === undefined) return false;
  const preselected = node?.kind === 'group' && !node.group.custom ? [node.group.target] : node?.kind === 'branch' ? ['preview'] : [...ENV_TARGETS];
  const custom = node?.kind === 'group' && node.group.custom ? [node.group.target] : [];
  const targets = await vscode.window.showQuickPick(
    [...ENV_TARGETS.map((t) => ({ label: environmentLabel(t), target: t as string, custom: false, picked: preselected.includes(t) })), ...custom.map((id) => ({ label: environmentLabel(id, true), target: id, custom: true, picked: true }))],
    { title, canPickMany: true, placeHolder: vscode.l10n.t('Environments that get {0}', name), ignoreFocusOut: true },
  );
  if (!targets || targets.length === 0) return false;
  const standard = targets.filter((t) => !t.custom).map((t) => t.target as EnvTarget);
  const customIds = targets.filter((t) => t.custom).map((t) => t.target);
  let gitBranch: string | undefined;
  if (standard.length === 1 && standard[0] === 'preview' && customIds.length === 0) {
    const branch = await vscode.window.showInputBox({
      title,
      prompt: vscode.l10n.t('Only for the Preview deployments of one Git branch? Leave empty for every branch.'),
      value: node?.kind === 'branch' ? node.branch : '',
      ignoreFocusOut: true,
    });
    if (branch === undefined) return false;
    gitBranch = branch.trim() === '' ? undefined : branch.trim();
  }
  let type: EnvInput['type'] = 'encrypted';
  if (!standard.includes('development')) {
    const encrypted = { label: vscode.l10n.t('Encrypted'), detail: vscode.l10n.t('Your team can read the value back (Reveal, Copy, Pull)'), type: 'encrypted' as const };
    const sensitive = { label: vscode.l10n.t('Sensitive'), detail: vscode.l10n.t('Nobody can read the value back, not even you; deployments still get it'), type: 'sensitive' as const };
    const picked = await vscode.window.showQuickPick([encrypted, sensitive], { title, placeHolder: vscode.l10n.t('Can the value be read back?'), ignoreFocusOut: true });
    if (!picked) return false;
    type = picked.type;
  }
  const input: EnvInput = { key: name, value, type, target: standard, ...(gitBranch ? { gitBranch } : {}), ...(customIds.length > 0 ? { customEnvironmentIds: customIds } : {}) };
  const where = [...standard.map((t) => (t === 'preview' && gitBranch ? vscode.l10n.t('Preview ({0})', gitBranch) : environmentLabel(t))), ...customIds.map((id) => environmentLabel(id, true))].join(', ');
  const what = vscode.l10n.t('Could not add {0}', name);
  const send = (upsert: boolean) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Adding {0}…', name) }, () =>
      deps.client.env.create(project.projectId, input, upsert, { teamId: project.teamId }),
    );
  try {
    try {
      await send(false);
    } catch (error) {
      if (!(error instanceof VercelApiError && isConflict(error))) throw error;
      const overwrite = vscode.l10n.t('Overwrite');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} exists already in {1}. Overwrite its value there?', name, where),
        { modal: true, detail: vscode.l10n.t('The old value is replaced for these environments; other environments keep theirs.') },
        overwrite,
      );
      if (answer !== overwrite) return false;
      await send(true);
    }
  } catch (error) {
    await reportEnvError(what, error, deps, [value]);
    return false;
  }
  deps.log.info(`Added ${name} (${type}) to ${standard.join(', ')}${gitBranch ? ` (branch ${gitBranch})` : ''} of ${project.projectId}`);
  await reload(project, deps);
  notifyChanged(vscode.l10n.t('Added {0} to {1}.', name, where), project, standard, gitBranch, deps);
  return true;
}

/** Someone else changed or removed it meanwhile: the view lists the project again, so the row is what Vercel has. */
async function reloadIfGone(error: unknown, project: LinkedProject, deps: EnvDeps): Promise<void> {
  if (error instanceof VercelApiError && error.status === 404) await reload(project, deps);
}

function isConflict(error: VercelApiError): boolean {
  return error.status === 409 || ['ENV_ALREADY_EXISTS', 'ENV_CONFLICT', 'EXISTING_KEY_AND_TARGET'].includes(error.code ?? '');
}

async function edit(node: VarNode, deps: EnvDeps): Promise<boolean> {
  const project = deps.store.get(node.projectKey)?.project;
  if (!project) return false;
  const { env } = node;
  const where = environmentsOf(env);
  const value = await askValue(vscode.l10n.t('Edit {0}', env.key), vscode.l10n.t('New value of {0} for {1} (hidden as you type)', env.key, where));
  if (value === undefined) return false;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Saving {0}…', env.key) }, () =>
      deps.client.env.edit(project.projectId, env.id, { value }, { teamId: project.teamId }),
    );
  } catch (error) {
    await reportEnvError(vscode.l10n.t('Could not change {0}', env.key), error, deps, [value]);
    await reloadIfGone(error, project, deps);
    return false;
  }
  deps.tree.forget(env.id);
  deps.log.info(`Changed the value of ${env.key} (${env.id}) of ${project.projectId}`);
  await reload(project, deps);
  notifyChanged(vscode.l10n.t('Changed the value of {0} in {1}.', env.key, where), project, targetsOf(env), env.gitBranch ?? undefined, deps);
  return true;
}

async function remove(node: VarNode, deps: EnvDeps): Promise<boolean> {
  const project = deps.store.get(node.projectKey)?.project;
  if (!project) return false;
  const { env } = node;
  const where = environmentsOf(env);
  const removeButton = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove {0} from {1}?', env.key, where),
    { modal: true, detail: vscode.l10n.t('Deployments made from now on will not have it. This cannot be undone: its value is gone.') },
    removeButton,
  );
  if (answer !== removeButton) return false;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Removing {0}…', env.key) }, () =>
      deps.client.env.remove(project.projectId, env.id, { teamId: project.teamId }),
    );
  } catch (error) {
    await reportEnvError(vscode.l10n.t('Could not remove {0}', env.key), error, deps);
    await reloadIfGone(error, project, deps);
    return false;
  }
  deps.tree.forget(env.id);
  deps.log.info(`Removed ${env.key} (${env.id}) from ${project.projectId}`);
  await reload(project, deps);
  notifyChanged(vscode.l10n.t('Removed {0} from {1}.', env.key, where), project, targetsOf(env), env.gitBranch ?? undefined, deps);
  return true;
}
