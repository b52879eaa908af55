/**
 * Finding and reading the Vercel CLI's login for Set Token. Finding only
 * looks whether `auth.json` exists; reading happens only after the person
 * chose "Use the Vercel CLI's Login". The CLI's files are never written.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AUTH_FILE, CONFIG_FILE, cliConfigDirs, parseCliLogin, type CliLogin } from './cliAuth';

export interface CliLoginFile {
  /** Absolute path of the CLI's auth.json. */
  readonly authFile: string;
  readonly configFile: string;
}

/**
 * The auth.json the CLI would use, when there is one. Reads the environment
 * at call time, so a changed `XDG_DATA_HOME` counts without a reload.
 */
export async function findCliLogin(): Promise<CliLoginFile | undefined> {
  for (const dir of cliConfigDirs({ platform: process.platform, env: process.env, home: os.homedir() })) {
    const authFile = path.join(dir, AUTH_FILE);
    try {
      if ((await fs.stat(authFile)).isFile()) {
        return { authFile, configFile: path.join(dir, CONFIG_FILE) };
      }
    } catch {
      // Not here: the CLI looks in the next folder too.
    }
  }
  return undefined;
}

/** The file's text; undefined when it is not there; 'unreadable' when it is but cannot be read (permissions). */
async function readIfPresent(file: string): Promise<string | undefined | 'unreadable'> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
}

/** Reads what the CLI's files say; the person asked for it. */
export async function readCliLogin(file: CliLoginFile): Promise<CliLogin> {
  const [auth, config] = await Promise.all([readIfPresent(file.authFile), readIfPresent(file.configFile)]);
  if (auth === 'unreadable') {
    return { kind: 'malformed', reason: 'unreadable' };
  }
  return parseCliLogin(auth, config === 'unreadable' ? undefined : config, Date.now());
}
