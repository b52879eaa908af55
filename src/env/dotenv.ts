/**
 * The `.env` file `vercel env pull` writes, byte for byte (Vercel CLI 58,
 * `src/commands/env/pull.ts`): the header line, `KEY="value"` lines sorted by
 * key (JavaScript's default sort), newlines and carriage returns escaped as
 * `\n` and `\r` and nothing else, the analytics ids left out, an empty
 * sensitive value written as `[SENSITIVE]`, and the keys of the existing
 * file that the environment does not have kept as the CLI reads them. Also
 * a reader of such files, the key rules Vercel enforces, and the comparison
 * of an environment with a local file. Pure: no vscode, no file system.
 */

/** The first line; a file that starts with it may be overwritten without asking, as the CLI does. */
export const CLI_HEADER = '# Created by Vercel CLI\n';

/** Keys the CLI never writes. */
export const DROPPED_KEYS: readonly string[] = ['VERCEL_ANALYTICS_ID', 'VERCEL_SPEED_INSIGHTS_ID', 'VERCEL_WEB_ANALYTICS_ID'];

/** What stands for a sensitive value, which Vercel never gives back. */
export const SENSITIVE_PLACEHOLDER = '[SENSITIVE]';

/** The CLI refreshes this one itself and never keeps an old one from the file. */
const OIDC_TOKEN_KEY = 'VERCEL_OIDC_TOKEN';

/** The CLI's escapeValue: only `\n` and `\r`; quotes and backslashes stay as they are. */
export function escapeValue(value: string | undefined): string {
  return value ? value.replace(/\n/g, '\\n').replace(/\r/g, '\\r') : '';
}

export function startsWithCliHeader(text: string): boolean {
  return text.startsWith(CLI_HEADER);
}

/**
 * How the CLI reads an existing file to keep its local keys
 * (`createEnvObject`): every `"` removed, lines not starting with `#` that
 * hold `=`, split at the first `=`. Undefined when it finds no key, as there.
 */
export function cliReadExisting(text: string): Record<string, string> | undefined {
  const lines = text
    .replace(/"/g, '')
    .split(/\r?\n|\r/)
    .filter((line) => /^[^#]/.test(line))
    .filter((line) => line.includes('='));
  const env: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf('=');
    env[line.slice(0, at)] = line.slice(at + 1);
  }
  return Object.keys(env).length > 0 ? env : undefined;
}

export interface PullFile {
  /** The file's text, exactly as `vercel env pull` writes it. */
  readonly text: string;
  /** Keys of the existing file the environment does not have, kept (sorted). */
  readonly keptLocal: readonly string[];
}

/**
 * The file `vercel env pull` writes for `env` (the pull route's answer).
 * `sensitiveKeys`: the environment's sensitive variables (the CLI asks the
 * list for them when a value is empty). `existing`: the file there now, if any.
 */
export function writePullFile(env: Readonly<Record<string, string>>, sensitiveKeys: ReadonlySet<string>, existing?: string): PullFile {
  const merged: Record<string, string> = { ...env };
  for (const key of Object.keys(env)) {
    if (!env[key] && sensitiveKeys.has(key)) merged[key] = SENSITIVE_PLACEHOLDER;
  }
  const keptLocal: string[] = [];
  const old = existing === undefined ? undefined : cliReadExisting(existing);
  if (old) {
    for (const [key, value] of Object.entries(old)) {
      if (!(key in merged) && key !== OIDC_TOKEN_KEY && !DROPPED_KEYS.includes(key)) {
        merged[key] = value;
        keptLocal.push(key);
      }
    }
  }
  const lines = Object.keys(merged)
    .sort()
    .filter((key) => !DROPPED_KEYS.includes(key))
    .map((key) => `${key}="${escapeValue(merged[key])}"`);
  return { text: `${CLI_HEADER}${lines.join('\n')}\n`, keptLocal: keptLocal.sort() };
}

/**
 * Reads a `.env` file as dotenv does for the lines the CLI writes:
 * `KEY=value`, `KEY="value"` (with `\n` and `\r` expanded), `KEY='value'`,
 * an optional `export `; comments and blank lines skipped; a later key wins.
 */
export function parseDotenv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const match = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*(.*)$/.exec(raw);
    if (!match) continue;
    const key = match[1] as string;
    let value = (match[2] as string).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    env.set(key, value);
  }
  return env;
}

// ---------------------------------------------------------------------------
// Keys

export type KeyProblem = 'empty' | 'characters' | 'startsWithDigit' | 'length' | 'reserved';

export const MAX_KEY_LENGTH = 256;

/** Names Vercel keeps for its runtime ("Reserved Environment Variables"). */
export const RESERVED_KEYS: readonly string[] = [
  'AWS_SECRET_KEY',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'NOW_REGION',
  'TZ',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  '_HANDLER',
];

/** Why Vercel would refuse `key` as a variable's name, or undefined: letters, digits and `_`, not starting with a digit. */
export function keyProblem(key: string): KeyProblem | undefined {
  if (key === '') return 'empty';
  if (key.length > MAX_KEY_LENGTH) return 'length';
  if (/^[0-9]/.test(key)) return 'startsWithDigit';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return 'characters';
  if (RESERVED_KEYS.includes(key)) return 'reserved';
  return undefined;
}

// ---------------------------------------------------------------------------
// Comparing an environment with a local file

export interface EnvDiff {
  /** In the environment, not in the file. */
  readonly added: readonly string[];
  /** In the file, not in the environment. */
  readonly missing: readonly string[];
  /** In both, with other values. */
  readonly changed: readonly string[];
  readonly same: readonly string[];
}

/** Keys sorted as the CLI sorts them. */
export function diffEnv(remote: ReadonlyMap<string, string>, local: ReadonlyMap<string, string>): EnvDiff {
  const added: string[] = [];
  const changed: string[] = [];
  const same: string[] = [];
  for (const key of [...remote.keys()].sort()) {
    if (!local.has(key)) added.push(key);
    else if (local.get(key) === remote.get(key)) same.push(key);
    else changed.push(key);
  }
  const missing = [...local.keys()].filter((key) => !remote.has(key)).sort();
  return { added, missing, changed, same };
}

/** What a hidden value shows as. */
export const MASK = '••••••••';

/**
 * The environment as a `.env` text to set beside the local file in a diff
 * editor: the CLI's header and order, the keys it drops left out, a sensitive
 * value as its placeholder. Unless `showValues`, a value is written only where
 * it equals the local file's (which the other side shows anyway); every other
 * is {@link MASK}, so the diff still marks it as changed or added.
 */
export function compareText(
  remote: Readonly<Record<string, string>>,
  sensitiveKeys: ReadonlySet<string>,
  local: ReadonlyMap<string, string> | undefined,
  showValues: boolean,
): string {
  const lines = Object.keys(remote)
    .filter((key) => !DROPPED_KEYS.includes(key))
    .sort()
    .map((key) => {
      const raw = remote[key] ?? '';
      const value = !raw && sensitiveKeys.has(key) ? SENSITIVE_PLACEHOLDER : raw;
      const shown = showValues || local?.get(key) === value ? value : MASK;
      return `${key}="${escapeValue(shown)}"`;
    });
  return `${CLI_HEADER}${lines.join('\n')}\n`;
}

/** The environment's values as the file would hold them (sensitive ones as the placeholder, dropped keys left out). */
export function remoteValues(remote: Readonly<Record<string, string>>, sensitiveKeys: ReadonlySet<string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of Object.keys(remote)) {
    if (DROPPED_KEYS.includes(key)) continue;
    const raw = remote[key] ?? '';
    map.set(key, !raw && sensitiveKeys.has(key) ? SENSITIVE_PLACEHOLDER : raw);
  }
  return map;
}
