/**
 * The Vercel CLI's own login: where its `auth.json` lives and what it says.
 * Pure (no vscode, no file system): the Set Token flow reads the files, only
 * after the person chose "Use the Vercel CLI's Login", and hands the text here.
 * Nothing here ever writes to the CLI's files.
 */

import * as path from 'node:path';

const CLI_FOLDER = 'com.vercel.cli';

export interface PathEnv {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

/**
 * Folders the CLI keeps `auth.json` in, the one it prefers first. Like the
 * CLI (xdg-app-paths), `XDG_DATA_HOME` wins on every platform when set; then
 * the platform's data folder; then the legacy `~/.now`.
 */
export function cliConfigDirs({ platform, env, home }: PathEnv): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const xdg = env['XDG_DATA_HOME'];
  let dataHome: string;
  if (xdg !== undefined && xdg !== '') {
    dataHome = xdg;
  } else if (platform === 'darwin') {
    dataHome = p.join(home, 'Library', 'Application Support');
  } else if (platform === 'win32') {
    dataHome = p.join(env['APPDATA'] || p.join(home, 'AppData', 'Roaming'), 'xdg.data');
  } else {
    dataHome = p.join(home, '.local', 'share');
  }
  return [p.join(dataHome, CLI_FOLDER), p.join(home, '.now')];
}

export const AUTH_FILE = 'auth.json';
export const CONFIG_FILE = 'config.json';

/** What the CLI's files say about its login. Never carries file content other than the token itself. */
export type CliLogin =
  | { readonly kind: 'token'; readonly token: string; /** ms since epoch, when the file says */ readonly expiresAt: number | undefined }
  /** An OAuth login whose access token has run out; only the CLI can refresh it. */
  | { readonly kind: 'expired'; readonly expiredAt: number }
  /** The CLI keeps its credentials in the OS keychain, where we do not reach. */
  | { readonly kind: 'keychain' }
  /** The file is there but holds no token (after `vercel logout`). */
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'malformed'; readonly reason: MalformedReason };

export type MalformedReason = 'unreadable' | 'notJson' | 'notObject' | 'tokenNotString' | 'tokenEmpty' | 'tokenHasSpaces';

function parseObject(text: string | undefined): Record<string, unknown> | 'notJson' | 'notObject' | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the error, which may be the token: never pass it on.
    return 'notJson';
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'notObject';
}

function inKeychain(value: unknown): boolean {
  return typeof value === 'string' && /^(keyring|keychain)$/i.test(value.trim());
}

/**
 * Reads `auth.json` (and, for the storage setting, the CLI's `config.json`
 * beside it). Shapes seen in the CLI's sources:
 * `{ "// Note": …, "token": "…" }` (a token from `vercel login` or
 * `vercel login --token`), the OAuth shape `{ token, refreshToken,
 * expiresAt (seconds), userId }`, `{}` after `vercel logout`, and since the
 * keychain storage `credStorage: "keyring"` in config.json with no token in
 * the file.
 */
export function parseCliLogin(authText: string | undefined, configText: string | undefined, now: number): CliLogin {
  const auth = parseObject(authText);
  if (auth === undefined) {
    return { kind: 'missing' };
  }
  if (typeof auth === 'string') {
    return { kind: 'malformed', reason: auth };
  }
  const config = parseObject(configText);
  const keychain =
    inKeychain(auth['credStorage']) || (typeof config === 'object' && inKeychain(config['credStorage']));
  const token = auth['token'];
  if (token === undefined || token === null) {
    return keychain ? { kind: 'keychain' } : { kind: 'signedOut' };
  }
  if (typeof token !== 'string') {
    return { kind: 'malformed', reason: 'tokenNotString' };
  }
  const trimmed = token.trim();
  if (trimmed === '') {
    return keychain ? { kind: 'keychain' } : { kind: 'malformed', reason: 'tokenEmpty' };
  }
  if (/\s/.test(trimmed)) {
    return { kind: 'malformed', reason: 'tokenHasSpaces' };
  }
  const seconds = auth['expiresAt'];
  const expiresAt = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
  if (expiresAt !== undefined && expiresAt <= now) {
    return { kind: 'expired', expiredAt: expiresAt };
  }
  return { kind: 'token', token: trimmed, expiresAt };
}
