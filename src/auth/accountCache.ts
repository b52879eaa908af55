/**
 * Who a token belongs to, remembered so that a window that opens asks
 * Vercel nothing about it: the Accounts menu and the "only mine" filter read
 * it from here. Kept under a SHA-256 hash of the token, never the token.
 */
import type * as vscode from 'vscode';

export const ACCOUNT_STATE_KEY = 'vercelDeployments.account';

export interface Account {
  /** The user's id (`/v2/user` `id`). */
  readonly id: string;
  /** How the Accounts menu names it: username, else email, else id. */
  readonly label: string;
}

interface Stored extends Account {
  readonly tokenHash: string;
}

/** Hex SHA-256 of the token, through Web Crypto (Node 20 and browsers alike). */
export async function tokenHash(token: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['tokenHash'] === 'string' && typeof v['id'] === 'string' && typeof v['label'] === 'string';
}

export class AccountCache {
  constructor(private readonly memento: vscode.Memento) {}

  /** The account remembered for this token; undefined when it is another token's, or none. */
  async get(token: string): Promise<Account | undefined> {
    const stored: unknown = this.memento.get(ACCOUNT_STATE_KEY);
    if (!isStored(stored)) return undefined;
    return stored.tokenHash === (await tokenHash(token)) ? { id: stored.id, label: stored.label } : undefined;
  }

  async set(token: string, account: Account): Promise<void> {
    const stored: Stored = { tokenHash: await tokenHash(token), id: account.id, label: account.label };
    await this.memento.update(ACCOUNT_STATE_KEY, stored);
  }

  clear(): Thenable<void> {
    return this.memento.update(ACCOUNT_STATE_KEY, undefined);
  }
}

/** A user as the Accounts menu names them. */
export function accountOf(user: { readonly id: string; readonly username?: string | undefined; readonly email?: string | undefined }): Account {
  return { id: user.id, label: user.username || user.email || user.id };
}
