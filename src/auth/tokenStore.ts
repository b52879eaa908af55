/**
 * The Vercel token, kept only in VS Code's SecretStorage. Nothing else in the
 * extension holds it longer than one request: the client asks for it each time.
 */
import * as vscode from 'vscode';
import { SECRET_TOKEN_KEY } from '../constants';

export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the token is set or removed, in this window or another one. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_TOKEN_KEY) {
        this.changed.fire();
      }
    });
  }

  async get(): Promise<string | undefined> {
    const token = await this.secrets.get(SECRET_TOKEN_KEY);
    return token === undefined || token === '' ? undefined : token;
  }

  async hasToken(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  set(token: string): Thenable<void> {
    return this.secrets.store(SECRET_TOKEN_KEY, token);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(SECRET_TOKEN_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
