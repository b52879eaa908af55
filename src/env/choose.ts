/**
 * What Pull and Compare ask: which environment (Development first, as
 * `vercel env pull` defaults to it; Preview with an optional branch;
 * Production; custom environments the list named), which file (`.env.local`
 * in the linked folder), and the environment's values with its sensitive keys.
 */
import * as vscode from 'vscode';
import { ENV_TARGETS } from '../api/envSchemas';
import type { LinkedProject } from '../workspace/linkFiles';
import type { EnvDeps } from './deps';
import { environmentLabel } from './labels';
import type { EnvNode } from './treeProvider';
import { projectFolderUri } from '../workspace/projectUris';

export interface EnvChoice {
  /** `production`, `preview`, `development` or a custom environment's id. */
  readonly target: string;
  readonly gitBranch?: string | undefined;
}

export function choiceLabel(choice: EnvChoice): string {
  const label = environmentLabel(choice.target);
  return choice.gitBranch ? vscode.l10n.t('{0} ({1})', label, choice.gitBranch) : label;
}

/** The environment of a group or branch row; otherwise the person picks. */
export async function chooseEnvironment(arg: EnvNode | undefined, project: LinkedProject, deps: EnvDeps): Promise<EnvChoice | undefined> {
  if (arg?.kind === 'group') return { target: arg.group.target };
  if (arg?.kind === 'branch') return { target: 'preview', gitBranch: arg.branch };
  const custom = [...new Set((deps.store.get(project.key)?.envs ?? []).flatMap((e) => e.customEnvironmentIds ?? []))];
  const order = ['development', 'preview', 'production'] as const;
  const picked = await vscode.window.showQuickPick(
    [...order, ...custom].map((target) => ({ label: environmentLabel(target), target })),
    { placeHolder: vscode.l10n.t('Select an environment of {0}', project.name ?? project.projectId) },
  );
  if (!picked) return undefined;
  if (picked.target !== 'preview') return { target: picked.target };
  const current = deps.git.of(project)?.branch;
  const branch = await vscode.window.showInputBox({
    title: vscode.l10n.t('Preview values of one Git branch'),
    prompt: vscode.l10n.t('A branch name adds the values set for that branch only; leave empty for the general Preview values.'),
    placeHolder: current ?? vscode.l10n.t('e.g. feat/checkout'),
    value: '',
  });
  if (branch === undefined) return undefined;
  return { target: 'preview', gitBranch: branch.trim() === '' ? undefined : branch.trim() };
}

/** The linked folder's `.env.local` unless the person names another file in it. */
export async function chooseFile(project: LinkedProject, title: string): Promise<vscode.Uri | undefined> {
  const folder = projectFolderUri(project);
  const name = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('A file in {0}', vscode.workspace.asRelativePath(folder)),
    value: '.env.local',
    validateInput: (text) => {
      const trimmed = text.trim();
      if (trimmed === '') return vscode.l10n.t('Name a file');
      if (trimmed.startsWith('/') || /(^|[\\/])\.\.([\\/]|$)/.test(trimmed) || /^[a-zA-Z]:/.test(trimmed)) return vscode.l10n.t('Name a file inside the linked folder');
      return undefined;
    },
  });
  return name === undefined ? undefined : vscode.Uri.joinPath(folder, ...name.trim().split(/[\\/]+/));
}

export interface PulledValues {
  readonly env: Record<string, string>;
  readonly sensitive: ReadonlySet<string>;
}

/**
 * The environment's values, as `vercel env pull` reads them: the pull route,
 * then, only when a value is empty, the list of that environment to tell a
 * sensitive one (never readable) from an empty one.
 */
export async function pullValues(project: LinkedProject, choice: EnvChoice, deps: EnvDeps): Promise<PulledValues> {
  const scope = { teamId: project.teamId };
  const env = await deps.client.env.pull(project.projectId, choice.target, choice.gitBranch, scope);
  const sensitive = new Set<string>();
  if (Object.values(env).some((v) => v === '')) {
    const custom = !(ENV_TARGETS as readonly string[]).includes(choice.target);
    try {
      const list = await deps.client.env.list(project.projectId, { ...scope, ...(custom ? { customEnvironmentId: choice.target } : { target: choice.target }), gitBranch: choice.gitBranch });
      for (const e of list) if (e.type === 'sensitive') sensitive.add(e.key);
    } catch {
      // As the CLI: without the list, an empty value is written as empty.
    }
  }
  return { env, sensitive };
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
