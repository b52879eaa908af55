/**
 * Who is signed in, in one place: whether a token is stored, and whose it
 * is — from the account remembered with the token, so that opening a window
 * asks Vercel nothing. The tree, the status bar, the Accounts menu and the
 * "only mine" filter read it; its change event says when either changed.
 */
import * as vscode from 'vscode';
import { AccountCache, accountOf, type Account } from './accountCache';
import type { TokenStore } from './tokenStore';

export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after signing in or out, and when the account's name is learned. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private current: { signedIn: boolean | undefined; account: Account | undefined } = { signedIn: undefined, account: undefined };
  /** Counts reads: only the latest one may change what the session says. */
  private reads = 0;

  constructor(
    readonly tokens: TokenStore,
    readonly accounts: AccountCache,
  ) {
    this.subscription = tokens.onDidChange(() => void this.refresh());
  }

  /** undefined until SecretStorage has answered. */
  get signedIn(): boolean | undefined {
    return this.current.signedIn;
  }

  /** Who is signed in (username), once known; broken links and the Accounts menu name it. */
  get account(): string | undefined {
    return this.current.account?.label;
  }

  /** The signed-in user's id, once known: the "only mine" filter asks the API for it. */
  get userId(): string | undefined {
    return this.current.account?.id;
  }

  /** Reads the token's presence and its remembered account again. */
  async refresh(): Promise<void> {
    const read = ++this.reads;
    const token = await this.tokens.get();
    const account = token === undefined ? undefined : await this.accounts.get(token);
    if (read !== this.reads) return;
    const next = { signedIn: token !== undefined, account };
    if (next.signedIn === this.current.signedIn && next.account?.id === this.current.account?.id && next.account?.label === this.current.account?.label) return;
    this.current = next;
    this.changed.fire();
  }

  /** Remembers whose token this is (Set Token, or the Accounts menu's first look); call before storing the token. */
  async remember(token: string, user: Parameters<typeof accountOf>[0]): Promise<Account> {
    const account = accountOf(user);
    await this.accounts.set(token, account);
    if ((await this.tokens.get()) === token) await this.refresh();
    return account;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
