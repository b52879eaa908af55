import * as vscode from 'vscode';
import { VercelApiError } from '../api/errors';
import type { User } from '../api/schemas';
import type { CliLogin, MalformedReason } from '../auth/cliAuth';
import { findCliLogin, readCliLogin, type CliLoginFile } from '../auth/cliLogin';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import type { CommandDeps } from './deps';
import { formatDate } from '../util/time';

const TOKENS_PAGE = 'https://vercel.com/account/tokens';

/** How a token came to us, for the messages that say so. */
type Source = { readonly kind: 'pasted' } | { readonly kind: 'cli'; readonly file: string };

/** What trying a token gave: stored, refused by Vercel (the paste box may follow), or another failure already reported. */
type Outcome = 'stored' | 'refused' | 'failed';

/**
 * Sets the token: pasted in a password box, or, when the Vercel CLI is
 * signed in on this machine and the person chooses so, the CLI's own token.
 * Either way Vercel checks it (GET /v2/user) before it is stored in
 * SecretStorage; a refused token is never stored.
 */
export function registerSetToken(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.setToken, async (): Promise<boolean> => {
      const cli = await findCliLogin();
      if (cli) {
        const choice = await askSource(cli);
        if (choice === undefined) {
          return false;
        }
        if (choice === 'cli') {
          const outcome = await useCliLogin(cli, deps);
          if (outcome !== 'refused') {
            return outcome === 'stored';
          }
        }
      }
      return pasteToken(deps);
    }),
  );
}

async function askSource(cli: CliLoginFile): Promise<'cli' | 'paste' | undefined> {
  const items: Array<vscode.QuickPickItem & { readonly source: 'cli' | 'paste' }> = [
    {
      source: 'cli',
      label: vscode.l10n.t("Use the Vercel CLI's Login"),
      iconPath: new vscode.ThemeIcon('terminal'),
      detail: vscode.l10n.t('Reads the token `vercel login` saved in {0}, checks it with Vercel and keeps a copy in VS Code\'s secret storage.', cli.authFile),
    },
    {
      source: 'paste',
      label: vscode.l10n.t('Paste a Token'),
      iconPath: new vscode.ThemeIcon('key'),
      detail: vscode.l10n.t('Create one at {0}', TOKENS_PAGE),
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Vercel: Set Token'),
    placeHolder: vscode.l10n.t('How do you want to sign in to Vercel?'),
    ignoreFocusOut: true,
  });
  return picked?.source;
}

function malformedText(reason: MalformedReason): string {
  switch (reason) {
    case 'unreadable':
      return vscode.l10n.t('VS Code may not read it (check its permissions)');
    case 'notJson':
      return vscode.l10n.t('it is not valid JSON');
    case 'notObject':
      return vscode.l10n.t('it is not a JSON object');
    case 'tokenNotString':
      return vscode.l10n.t('its "token" is not text');
    case 'tokenEmpty':
      return vscode.l10n.t('its "token" is empty');
    case 'tokenHasSpaces':
      return vscode.l10n.t('its "token" has spaces in it');
  }
}

/** Why the CLI's login cannot be used, in words; undefined when it holds a token to try. */
function cliProblem(login: CliLogin, file: string): string | undefined {
  switch (login.kind) {
    case 'token':
      return undefined;
    case 'expired':
      return vscode.l10n.t(
        "The Vercel CLI's login in {0} expired on {1}. Run `vercel login` in a terminal to renew it, or paste a token.",
        file,
        formatDate(login.expiredAt, vscode.env.language),
      );
    case 'keychain':
      return vscode.l10n.t("The Vercel CLI keeps its login in the OS keychain, which VS Code extensions do not read. Paste a token instead.");
    case 'signedOut':
      return vscode.l10n.t('The Vercel CLI is signed out: {0} holds no token. Paste a token instead.', file);
    case 'missing':
      return vscode.l10n.t('{0} is gone. Paste a token instead.', file);
    case 'malformed':
      return vscode.l10n.t('Could not read the Vercel CLI\'s login in {0}: {1}. Paste a token instead.', file, malformedText(login.reason));
  }
}

async function useCliLogin(cli: CliLoginFile, deps: CommandDeps): Promise<Outcome> {
  const login = await readCliLogin(cli);
  const problem = cliProblem(login, cli.authFile);
  if (problem !== undefined || login.kind !== 'token') {
    deps.log.warn(`The Vercel CLI's login in ${cli.authFile} cannot be used (${login.kind})`);
    void vscode.window.showWarningMessage(problem ?? '');
    return 'refused';
  }
  return checkAndStore(login.token, { kind: 'cli', file: cli.authFile }, deps);
}

async function pasteToken(deps: CommandDeps): Promise<boolean> {
  const token = (
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Vercel: Set Token'),
      prompt: vscode.l10n.t('Paste a Vercel access token. Create one at {0}', TOKENS_PAGE),
      placeHolder: vscode.l10n.t('Vercel access token'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/\s/.test(value.trim()) ? vscode.l10n.t('A token has no spaces.') : undefined),
    })
  )?.trim();
  if (!token) {
    return false;
  }
  return (await checkAndStore(token, { kind: 'pasted' }, deps)) === 'stored';
}

/** Checks the token with Vercel, then stores it; says who is signed in and where the token came from. */
async function checkAndStore(token: string, source: Source, deps: CommandDeps): Promise<Outcome> {
  let user: User;
  try {
    // In the status bar: a notification would linger beside the "Signed in" one that follows.
    user = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the token with Vercel…') },
      () => deps.client.verifyToken(token),
    );
  } catch (error) {
    const refused = error instanceof VercelApiError && (error.invalidToken || error.status === 401 || error.status === 403);
    if (source.kind === 'cli' && refused) {
      deps.log.warn(`Vercel refused the CLI's token from ${source.file}: ${errorText(error)}`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "Vercel no longer accepts the Vercel CLI's login in {0} ({1}). Run `vercel login` in a terminal to renew it, or paste a token.",
          source.file,
          errorText(error),
        ),
      );
      return 'refused';
    }
    const reason = refused ? vscode.l10n.t('Vercel does not accept this token ({0}).', errorText(error)) : errorText(error);
    deps.log.warn(`Token refused: ${reason}`);
    const retry = vscode.l10n.t('Try Again');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Could not sign in: {0}', reason), retry)
      .then((choice) => (choice === retry ? vscode.commands.executeCommand(Commands.setToken) : undefined));
    return 'failed';
  }
  // Remembered first, so that every window reading the new token also knows whose it is without asking.
  await deps.session.remember(token, user);
  await deps.tokens.set(token);
  if (source.kind === 'cli') {
    deps.log.info(`Signed in as ${user.username} with the Vercel CLI's login from ${source.file}`);
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Signed in to Vercel as {0} with the Vercel CLI's login ({1}). VS Code keeps its own copy; signing out here does not sign out the CLI.", user.username, source.file),
    );
  } else {
    deps.log.info(`Signed in as ${user.username}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Vercel as {0}.', user.username));
  }
  return 'stored';
}
