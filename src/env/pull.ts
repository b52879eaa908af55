/**
 * "Vercel: Pull Environment Variables…": writes an environment's values to a
 * file in the linked folder exactly as `vercel env pull` does. A file that
 * starts with the CLI's header is overwritten without asking, as the CLI
 * does; any other file only after the person saw which keys would change.
 * Then, as linking does, it offers to keep the file out of Git.
 */
import * as vscode from 'vscode';
import { EnvCommands } from '../constants';
import { addIgnoreLine } from '../workspace/gitignore';
import type { LinkedProject } from '../workspace/linkFiles';
import { chooseEnvironment, chooseFile, choiceLabel, pullValues, readText } from './choose';
import { projectFromArg, reportEnvError, type EnvDeps } from './deps';
import { diffEnv, parseDotenv, startsWithCliHeader, writePullFile } from './dotenv';
import { isEnvNode } from './deps';

export interface PullResult {
  readonly file: vscode.Uri;
  readonly written: boolean;
}

export function registerPull(context: vscode.ExtensionContext, deps: EnvDeps): void {
  const declined = new Set<string>();
  context.subscriptions.push(
    vscode.commands.registerCommand(EnvCommands.pull, async (arg?: unknown): Promise<PullResult | undefined> => {
      const node = isEnvNode(arg) ? arg : undefined;
      const project = await projectFromArg(arg, deps);
      if (!project) return undefined;
      const choice = await chooseEnvironment(node, project, deps);
      if (!choice) return undefined;
      const file = await chooseFile(project, vscode.l10n.t('Pull {0} into', choiceLabel(choice)));
      if (!file) return undefined;
      return pull(project, choice, file, deps, declined);
    }),
  );
}

async function pull(project: LinkedProject, choice: Parameters<typeof choiceLabel>[0], file: vscode.Uri, deps: EnvDeps, declined: Set<string>): Promise<PullResult | undefined> {
  const what = vscode.l10n.t('Could not pull environment variables');
  let values: Awaited<ReturnType<typeof pullValues>>;
  try {
    values = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Pulling environment variables…') }, () => pullValues(project, choice, deps));
  } catch (error) {
    await reportEnvError(what, error, deps);
    return undefined;
  }
  const secrets = Object.values(values.env);
  try {
    const existing = await readText(file);
    const next = writePullFile(values.env, values.sensitive, existing);
    const name = vscode.workspace.asRelativePath(file);
    if (existing !== undefined && existing === next.text) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is up to date with {1}.', name, choiceLabel(choice)));
      return { file, written: false };
    }
    if (existing !== undefined && !startsWithCliHeader(existing)) {
      const diff = diffEnv(parseDotenv(next.text), parseDotenv(existing));
      const lines = [
        ...diff.added.map((k) => `+ ${k}`),
        ...diff.changed.map((k) => vscode.l10n.t('~ {0} (new value)', k)),
        ...diff.missing.map((k) => vscode.l10n.t('− {0} (removed)', k)),
      ];
      const overwrite = vscode.l10n.t('Overwrite');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} was not written by Vercel CLI. Overwrite it?', name),
        {
          modal: true,
          detail: [
            lines.length > 0 ? vscode.l10n.t('What would change (keys only):') : vscode.l10n.t('No key would change, but its formatting and comments would.'),
            ...lines.slice(0, 30),
            ...(lines.length > 30 ? [vscode.l10n.t('… and {0} more', lines.length - 30)] : []),
            ...(next.keptLocal.length > 0 ? [vscode.l10n.t('Kept (only in the file): {0}', next.keptLocal.join(', '))] : []),
          ].join('\n'),
        },
        overwrite,
      );
      if (answer !== overwrite) return undefined;
    }
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(next.text));
    const count = Object.keys(values.env).length;
    deps.log.info(`Pulled ${count} variables of ${choice.target}${choice.gitBranch ? ` (branch ${choice.gitBranch})` : ''} into ${name}`);
    await offerGitignore(file, deps, declined);
    const open = vscode.l10n.t('Open File');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Pulled the {0} environment variables into {1}.', choiceLabel(choice), name), open)
      .then((picked) => (picked === open ? vscode.window.showTextDocument(file) : undefined));
    return { file, written: true };
  } catch (error) {
    await reportEnvError(what, error, deps, secrets);
    return undefined;
  }
}

/** `.env*.local` for such a file (Next.js's own pattern), else the file's name; only if the folder's .gitignore does not ignore it already. */
async function offerGitignore(file: vscode.Uri, deps: EnvDeps, declined: Set<string>): Promise<void> {
  const folder = vscode.Uri.joinPath(file, '..');
  const name = file.path.slice(folder.path.length + 1);
  if (name.includes('/') || declined.has(folder.toString())) return;
  const gitignore = vscode.Uri.joinPath(folder, '.gitignore');
  const before = await readText(gitignore);
  const line = /^\.env.*\.local$/.test(name) ? '.env*.local' : name;
  const edit = addIgnoreLine(before ?? '', line, name);
  if (!edit.changed) return;
  const add = vscode.l10n.t('Add to .gitignore');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Add {0} to .gitignore?', line),
    {
      modal: true,
      detail: vscode.l10n.t('{0} holds secrets; Vercel recommends keeping it out of Git. {1}', name, before === undefined ? vscode.l10n.t('A .gitignore file will be created.') : gitignore.fsPath),
    },
    add,
  );
  if (answer !== add) {
    declined.add(folder.toString());
    return;
  }
  await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(edit.text));
  deps.log.info(`Added ${line} to ${vscode.workspace.asRelativePath(gitignore)}`);
}
