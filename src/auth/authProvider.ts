/**
 * The Vercel account in VS Code's Accounts menu, over the same token Set
 * Token stores: one source of truth. A session exists exactly while a token
 * is stored; its account is the user `/v2/user` names. Signing in from the
 * Accounts menu (or another extension asking, with VS Code's consent) runs
 * Set Token; Sign Out there runs ours. TokenStore's change event, which
 * SecretStorage raises in every window, keeps every window's menu in step.
 */
import * as vscode from 'vscode';
import type { VercelClient } from '../api/client';
import { VercelApiError } from '../api/errors';
import { AUTH_PROVIDER_ID } from '../constants';
import { errorText } from '../deployments/labels';
import type { Account } from './accountCache';
import type { Session } from './session';
import type { TokenStore } from './tokenStore';

export interface AuthProviderDeps {
  readonly tokens: TokenStore;
  readonly client: Pick<VercelClient, 'verifyToken'>;
  readonly log: vscode.LogOutputChannel;
  /** Remembers whose token it is, so later windows need not ask. */
  readonly session: Pick<Session, 'accounts' | 'remember'>;
  /** Runs the Set Token flow; true when a token was stored. */
  readonly signIn: () => Thenable<boolean | undefined>;
  /** Runs Sign Out. */
  readonly signOut: () => Thenable<unknown>;
}

/** Used while Vercel cannot be asked who the token belongs to. */
const UNKNOWN_ACCOUNT_ID = 'vercel';

export class VercelAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** The session of the token last looked up; a token is looked up once, not on every getSessions. */
  private cached: { readonly token: string; readonly session: vscode.AuthenticationSession } | undefined;
  /** The session VS Code last heard of, to tell it what changed. */
  private announced: vscode.AuthenticationSession | undefined;

  constructor(private readonly deps: AuthProviderDeps) {
    this.disposables.push(
      deps.tokens.onDidChange(() => void this.announce()),
      vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, vscode.l10n.t('Vercel'), this, {
        supportsMultipleAccounts: false,
      }),
    );
  }

  /** Vercel tokens have no scopes: every request gets the one session there is. */
  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const session = await this.current();
    this.announced ??= session;
    return session ? [session] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    if ((await this.deps.signIn()) !== true) {
      throw new Error(vscode.l10n.t('Signing in to Vercel was cancelled.'));
    }
    const session = await this.current();
    if (!session) {
      throw new Error(vscode.l10n.t('Signing in to Vercel did not store a token.'));
    }
    return session;
  }

  async removeSession(): Promise<void> {
    await this.deps.signOut();
  }

  private async current(): Promise<vscode.AuthenticationSession | undefined> {
    const token = await this.deps.tokens.get();
    if (token === undefined) {
      this.cached = undefined;
      return undefined;
    }
    if (this.cached?.token === token) {
      return this.cached.session;
    }
    const sessionOf = (account: Account): vscode.AuthenticationSession => ({
      id: account.id,
      accessToken: token,
      account: { id: account.id, label: account.label },
      scopes: [],
    });
    // Remembered with the token (Set Token, or an earlier window): nothing to ask Vercel.
    const known = await this.deps.session.accounts.get(token);
    if (known) {
      this.cached = { token, session: sessionOf(known) };
      return this.cached.session;
    }
    try {
      const user = await this.deps.client.verifyToken(token);
      this.cached = { token, session: sessionOf(await this.deps.session.remember(token, user)) };
      return this.cached.session;
    } catch (error) {
      // Still signed in as far as the extension goes: show the account, learn its name later.
      const refused = error instanceof VercelApiError && error.invalidToken;
      this.deps.log.warn(`Accounts: could not tell whose the token is (${refused ? 'refused' : errorText(error)})`);
      return {
        id: UNKNOWN_ACCOUNT_ID,
        accessToken: token,
        account: { id: UNKNOWN_ACCOUNT_ID, label: vscode.l10n.t('Vercel account') },
        scopes: [],
      };
    }
  }

  /** Tells VS Code what a token change did to the session. */
  private async announce(): Promise<void> {
    const before = this.announced;
    const after = await this.current();
    this.announced = after;
    if (before?.id === after?.id && before?.accessToken === after?.accessToken) {
      return;
    }
    const same = before !== undefined && after !== undefined && before.id === after.id;
    this.changed.fire({
      added: !same && after ? [after] : [],
      removed: !same && before ? [before] : [],
      changed: same && after ? [after] : [],
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }
}
