/**
 * Link a Vercel Project…: what `vercel link` does, without a terminal. Asks
 * for the folder, the scope (personal account or a team) and the project,
 * then writes `.vercel/project.json` and `.vercel/README.txt` as the CLI
 * does, and adds `.vercel` to `.gitignore` only when the person agrees.
 * Nothing is written before the last answer, and an existing link is only
 * replaced when the person says so.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import type { User } from '../api/schemas';
import type { ProjectListItem, Team } from '../api/actionSchemas';
import { Commands, Views } from '../constants';
import { errorText } from '../deployments/labels';
import type { GitState } from '../git/gitState';
import { addVercelIgnore, VERCEL_IGNORE_LINE } from '../workspace/gitignore';
import { parseRemoteUrl, suggestProject, type RemoteRepo } from '../workspace/gitRemote';
import { parseProjectJson } from '../workspace/linkFiles';
import { projectJsonText, VERCEL_README_TEXT } from '../workspace/linkWriting';
import type { CommandDeps } from './deps';

export interface LinkDeps extends CommandDeps {
  readonly git: GitState;
  /** Remembers, per folder, the .gitignore edit Link made, so Unlink can offer to take back exactly that. */
  readonly state: vscode.Memento;
}

/** What Link wrote to a folder's .gitignore: the text before (null: no file) and after. */
export interface GitignoreRecord {
  readonly before: string | null;
  readonly after: string;
}

export const GITIGNORE_RECORDS_KEY = 'vercelDeployments.gitignoreAdded';

export function gitignoreRecords(state: vscode.Memento): Record<string, GitignoreRecord> {
  return state.get<Record<string, GitignoreRecord>>(GITIGNORE_RECORDS_KEY, {});
}

export function vercelDir(folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(folder, '.vercel');
}

const SEARCH_DEBOUNCE_MS = 250;
const PAGE_SIZE = 20;

interface ScopeChoice {
  /** Undefined for the personal account. */
  readonly teamId: string | undefined;
  /** What project.json calls the owner: the team id, or the user id. */
  readonly orgId: string;
  /** How people know the scope: the team or user slug. */
  readonly slug: string;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** The folder from the argument, else the only workspace folder, else the person's pick. */
async function chooseFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) {
    return arg;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open the folder of your project first, then link it to Vercel.'));
    return undefined;
  }
  if (folders.length === 1) {
    return folders[0]?.uri;
  }
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Which folder deploys as the Vercel project?'),
    ignoreFocusOut: true,
  });
  return picked?.uri;
}

/** True when there is no link yet, or the person agreed to replace it. */
async function mayReplaceLink(folder: vscode.Uri): Promise<boolean> {
  const file = vscode.Uri.joinPath(vercelDir(folder), 'project.json');
  const existing = await readText(file);
  if (existing === undefined) {
    return true;
  }
  const parsed = parseProjectJson(existing, file.fsPath, folder.path);
  const current = parsed.ok ? parsed.projects[0] : undefined;
  const replace = vscode.l10n.t('Replace Link');
  const answer = await vscode.window.showWarningMessage(
    current
      ? vscode.l10n.t('{0} is already linked to the Vercel project {1}. Replace the link?', folderLabel(folder), current.name ?? current.projectId)
      : vscode.l10n.t('{0} already has a .vercel/project.json. Replace it?', folderLabel(folder)),
    { modal: true, detail: vscode.l10n.t('The file {0} will be overwritten.', file.fsPath) },
    replace,
  );
  return answer === replace;
}

function folderLabel(folder: vscode.Uri): string {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(folder);
  if (workspaceFolder && workspaceFolder.uri.toString() === folder.toString()) {
    return workspaceFolder.name;
  }
  return vscode.workspace.asRelativePath(folder, true);
}

interface ScopeItem extends vscode.QuickPickItem {
  readonly scope: ScopeChoice;
}

async function chooseScope(client: VercelClient, log: vscode.LogOutputChannel): Promise<ScopeChoice | undefined> {
  let items: ScopeItem[];
  try {
    items = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing your Vercel teams…') },
      async () => {
        const [user, teams] = await Promise.all([client.getUser(), client.listTeams()]);
        return scopeItems(user, teams);
      },
    );
  } catch (error) {
    log.warn(`Link: could not list scopes: ${errorText(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not list your Vercel teams: {0}', errorText(error)));
    return undefined;
  }
  // The personal account alone needs no question.
  if (items.length === 1) {
    return items[0]?.scope;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Link a Vercel Project'),
    placeHolder: vscode.l10n.t('Which account or team owns the project?'),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return picked?.scope;
}

function scopeItems(user: User, teams: readonly Team[]): ScopeItem[] {
  const personal: ScopeItem = {
    label: user.username,
    description: vscode.l10n.t('Personal account'),
    iconPath: new vscode.ThemeIcon('account'),
    scope: { teamId: undefined, orgId: user.id, slug: user.username },
  };
  const teamItems = teams.map(
    (team): ScopeItem => ({
      label: team.name ?? team.slug,
      description: team.name ? team.slug : undefined,
      iconPath: new vscode.ThemeIcon('organization'),
      scope: { teamId: team.id, orgId: team.id, slug: team.slug },
    }),
  );
  // The team the user works in by default comes first, as on vercel.com.
  teamItems.sort((a, b) => Number(b.scope.teamId === user.defaultTeamId) - Number(a.scope.teamId === user.defaultTeamId));
  return [personal, ...teamItems];
}

type ProjectPickItem = vscode.QuickPickItem &
  ({ readonly action: 'project'; readonly project: ProjectListItem } | { readonly action: 'more' } | { readonly action: 'retry' });

/** Reads the origin remote of the folder's repository through the Git extension, when it knows one. */
function remoteOf(git: GitState, folder: vscode.Uri): RemoteRepo | undefined {
  const url = git.remoteUrlOf(folder);
  return url === undefined ? undefined : parseRemoteUrl(url);
}

/**
 * A quick pick over the scope's projects: typing searches on Vercel (debounced;
 * a newer search aborts the older one), "Load more…" fetches the next page,
 * and the project connected to the folder's origin comes first.
 */
function chooseProject(client: VercelClient, scope: ScopeChoice, remote: RemoteRepo | undefined, log: vscode.LogOutputChannel): Promise<ProjectListItem | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<ProjectPickItem>();
    pick.title = vscode.l10n.t('Link a Vercel Project');
    pick.placeholder = vscode.l10n.t('Search the projects of {0}', scope.slug);
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    let projects: ProjectListItem[] = [];
    let suggested: ProjectListItem | undefined;
    let next: number | string | null = null;
    let request: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;

    /** Where the keyboard lands: the suggestion at first, the first new row after "Load more…". */
    const render = (failure?: unknown, focus?: ProjectListItem) => {
      const items: ProjectPickItem[] = [];
      const shown = suggested ? [suggested, ...projects.filter((p) => p.id !== suggested?.id)] : projects;
      for (const project of shown) {
        const isSuggested = project === suggested;
        items.push({
          action: 'project',
          project,
          label: project.name,
          description: isSuggested && remote ? vscode.l10n.t('matches {0}/{1}', remote.owner, remote.repo) : project.framework ?? undefined,
          iconPath: new vscode.ThemeIcon(isSuggested ? 'star-full' : 'repo'),
          alwaysShow: isSuggested,
        });
      }
      if (failure !== undefined) {
        items.push({
          action: 'retry',
          label: vscode.l10n.t('Could not load projects: {0}', errorText(failure)),
          detail: vscode.l10n.t('Select to try again'),
          iconPath: new vscode.ThemeIcon('warning'),
          alwaysShow: true,
        });
      } else if (next !== null) {
        items.push({ action: 'more', label: vscode.l10n.t('Load more…'), iconPath: new vscode.ThemeIcon('more'), alwaysShow: true });
      }
      pick.items = items;
      const active = items.find((i) => i.action === 'project' && i.project === focus);
      if (active) {
        pick.activeItems = [active];
      }
    };

    const load = async (search: string, from: number | string | undefined) => {
      request?.abort();
      const controller = new AbortController();
      request = controller;
      pick.busy = true;
      try {
        const page = await client.listProjects({ teamId: scope.teamId, search, from, limit: PAGE_SIZE }, controller.signal);
        if (controller.signal.aborted) return;
        const added = from === undefined ? page.projects : page.projects.filter((p) => !projects.some((q) => q.id === p.id));
        projects = from === undefined ? added : [...projects, ...added];
        next = page.pagination.next;
        let focus = from === undefined ? undefined : added[0];
        if (from === undefined && search === '' && remote && !suggested) {
          suggested = suggestProject(projects, remote) ?? (await findByRepoName(remote, controller.signal));
          focus = suggested;
          if (controller.signal.aborted) return;
        }
        render(undefined, focus);
      } catch (error) {
        if (controller.signal.aborted) return;
        log.warn(`Link: could not list projects: ${errorText(error)}`);
        render(error);
      } finally {
        if (request === controller) pick.busy = false;
      }
    };

    /** The suggestion may be beyond the first page: ask Vercel for projects named like the repository. */
    const findByRepoName = async (repo: RemoteRepo, signal: AbortSignal): Promise<ProjectListItem | undefined> => {
      try {
        const page = await client.listProjects({ teamId: scope.teamId, search: repo.repo, limit: PAGE_SIZE }, signal);
        return suggestProject(page.projects, repo);
      } catch {
        return undefined;
      }
    };

    const finish = (project: ProjectListItem | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request?.abort();
      pick.dispose();
      resolve(project);
    };

    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(value.trim(), undefined), SEARCH_DEBOUNCE_MS);
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!item) return;
      if (item.action === 'project') {
        finish(item.project);
      } else {
        void load(pick.value.trim(), item.action === 'more' ? next ?? undefined : undefined);
      }
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
    void load('', undefined);
  });
}

/**
 * Adds `.vercel` to the folder's .gitignore when it is not ignored yet, after
 * asking; remembers the edit so Unlink can take it back.
 */
async function offerGitignore(folder: vscode.Uri, state: vscode.Memento): Promise<boolean> {
  const file = vscode.Uri.joinPath(folder, '.gitignore');
  const before = await readText(file);
  const edit = addVercelIgnore(before ?? '');
  if (!edit.changed) {
    return false;
  }
  const add = vscode.l10n.t('Add to .gitignore');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Add {0} to .gitignore?', VERCEL_IGNORE_LINE),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The .vercel folder links this folder to your Vercel project on this machine; Vercel recommends keeping it out of Git. {0}',
        before === undefined ? vscode.l10n.t('A .gitignore file will be created.') : file.fsPath,
      ),
    },
    add,
  );
  if (answer !== add) {
    return false;
  }
  await writeText(file, edit.text);
  await state.update(GITIGNORE_RECORDS_KEY, { ...gitignoreRecords(state), [folder.toString()]: { before: before ?? null, after: edit.text } });
  return true;
}

export function registerLinkProject(context: vscode.ExtensionContext, deps: LinkDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.linkProject, async (arg?: unknown): Promise<boolean> => {
      if (!(await deps.tokens.hasToken())) {
        const signIn = vscode.l10n.t('Set Token');
        const answer = await vscode.window.showInformationMessage(
          vscode.l10n.t('Sign in to Vercel first: linking lists the projects your account can see.'),
          signIn,
        );
        if (answer !== signIn || (await vscode.commands.executeCommand<boolean>(Commands.setToken)) !== true) {
          return false;
        }
      }
      const folder = await chooseFolder(arg);
      if (!folder || !(await mayReplaceLink(folder))) {
        return false;
      }
      const scope = await chooseScope(deps.client, deps.log);
      if (!scope) {
        return false;
      }
      const project = await chooseProject(deps.client, scope, remoteOf(deps.git, folder), deps.log);
      if (!project) {
        return false;
      }
      try {
        const dir = vercelDir(folder);
        await vscode.workspace.fs.createDirectory(dir);
        await writeText(vscode.Uri.joinPath(dir, 'project.json'), projectJsonText({ projectId: project.id, orgId: scope.orgId, projectName: project.name }));
        await writeText(vscode.Uri.joinPath(dir, 'README.txt'), VERCEL_README_TEXT);
      } catch (error) {
        deps.log.error(`Link: could not write .vercel in ${folder.fsPath}: ${errorText(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not link the folder: {0}', errorText(error)));
        return false;
      }
      deps.log.info(`Linked ${folder.fsPath} to ${scope.slug}/${project.name} (${project.id})`);
      const ignored = await offerGitignore(folder, deps.state).catch((error: unknown) => {
        deps.log.warn(`Link: could not update .gitignore: ${errorText(error)}`);
        return false;
      });
      // Show the deployments now rather than when the file watcher gets round to it.
      await deps.links.refresh();
      const show = vscode.l10n.t('Show Deployments');
      void vscode.window
        .showInformationMessage(
          ignored
            ? vscode.l10n.t('Linked {0} to {1}/{2} (created .vercel and added it to .gitignore).', folderLabel(folder), scope.slug, project.name)
            : vscode.l10n.t('Linked {0} to {1}/{2} (created .vercel).', folderLabel(folder), scope.slug, project.name),
          show,
        )
        // Linking from the palette may happen with the Vercel view closed.
        .then((choice) => (choice === show ? vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`) : undefined));
      return true;
    }),
  );
}
