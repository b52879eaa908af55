import * as vscode from 'vscode';
import { VercelApiError } from '../api/errors';
import { Commands } from '../constants';
import { errorText } from '../deployments/labels';
import type { CommandDeps } from './deps';

const TOKENS_PAGE = 'https://vercel.com/account/tokens';

/**
 * Asks for a token in a password box, checks it with Vercel (GET /v2/user)
 * and only then stores it in SecretStorage. A refused token is never stored.
 */
export function registerSetToken(context: vscode.ExtensionContext, deps: CommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.setToken, async (): Promise<boolean> => {
      const token = (
        await vscode.window.showInputBox({
          title: vscode.l10n.t('Vercel: Set Token'),
          prompt: vscode.l10n.t('Paste a Vercel access token. Create one at {0}', TOKENS_PAGE),
          placeHolder: vscode.l10n.t('Vercel access token'),
          password: true,
          ignoreFocusOut: true,
          validateInput: (value) =>
            /\s/.test(value.trim()) ? vscode.l10n.t('A token has no spaces.') : undefined,
        })
      )?.trim();
      if (!token) {
        return false;
      }
      try {
        const user = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with Vercel…') },
          () => deps.client.verifyToken(token),
        );
        await deps.tokens.set(token);
        deps.log.info(`Signed in as ${user.username}`);
        void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Vercel as {0}.', user.username));
        return true;
      } catch (error) {
        const reason =
          error instanceof VercelApiError && error.invalidToken
            ? vscode.l10n.t('Vercel does not accept this token ({0}).', errorText(error))
            : errorText(error);
        deps.log.warn(`Token refused: ${reason}`);
        const retry = vscode.l10n.t('Try Again');
        void vscode.window
          .showErrorMessage(vscode.l10n.t('Could not sign in: {0}', reason), retry)
          .then((choice) => (choice === retry ? vscode.commands.executeCommand(Commands.setToken) : undefined));
        return false;
      }
    }),
  );
}
