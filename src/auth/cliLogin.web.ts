/**
 * The browser's side of src/auth/cliLogin.ts: a web worker cannot read the
 * Vercel CLI's files, so there is never a CLI login to offer and Set Token
 * asks for a pasted token only.
 */
import type { CliLogin } from './cliAuth';

export interface CliLoginFile {
  readonly authFile: string;
  readonly configFile: string;
}

export function findCliLogin(): Promise<CliLoginFile | undefined> {
  return Promise.resolve(undefined);
}

export function readCliLogin(_file: CliLoginFile): Promise<CliLogin> {
  return Promise.resolve({ kind: 'malformed', reason: 'unreadable' });
}
