/**
 * Which files of a folder `vercel deploy` leaves behind: the CLI's default
 * list, then `.vercelignore` (or `.nowignore`), with gitignore rules as the
 * `ignore` package the CLI uses reads them (last matching rule wins, `!`
 * re-includes, a rule with a slash is anchored to the folder, a trailing
 * slash matches folders only, nothing inside an ignored folder comes back).
 * Pure: paths are relative to the folder, `/`-separated.
 */

/** `vercel deploy`'s own list (Vercel CLI 58, `@vercel/client` utils `getVercelIgnore`). `.env` itself is NOT in it. */
export const DEFAULT_IGNORES: readonly string[] = [
  '.hg',
  '.git',
  '.gitmodules',
  '.svn',
  '.cache',
  '.next',
  '.now',
  '.vercel',
  '.npmignore',
  '.dockerignore',
  '.gitignore',
  '.*.swp',
  '.DS_Store',
  '.wafpicke-*',
  '.lock-wscript',
  '.env.local',
  '.env.*.local',
  '.venv',
  '.yarn/cache',
  '.pnp*',
  'npm-debug.log',
  'config.gypi',
  'node_modules',
  '__pycache__',
  'venv',
  'CVS',
];

export const IGNORE_FILES = ['.vercelignore', '.nowignore'] as const;

interface Rule {
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly regex: RegExp;
}

/** A glob of one gitignore line (without `!`, leading or trailing slash) as a regex body. */
function globBody(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const before = i === 0 || glob[i - 1] === '/';
        const after = i + 2 === glob.length || glob[i + 2] === '/';
        if (before && after) {
          // `**/` any folders (none included), a trailing `/**` everything inside.
          if (i + 2 === glob.length) {
            out += '.*';
          } else {
            out += '(?:.*/)?';
            i += 1;
          }
          i += 1;
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1] as string);
      i += 1;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One line of an ignore file as a rule; undefined for blanks and comments. */
export function parseRule(line: string): Rule | undefined {
  // Trailing spaces are dropped unless escaped; `./` at the start means the folder itself, as the CLI strips it.
  let text = line.replace(/(?<!\\)\s+$/, '').replace(/^\.\//, '');
  if (text === '' || text.startsWith('#')) return undefined;
  let negate = false;
  if (text.startsWith('!')) {
    negate = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  let dirOnly = false;
  if (text.endsWith('/')) {
    dirOnly = true;
    text = text.replace(/\/+$/, '');
  }
  if (text === '') return undefined;
  const anchored = text.includes('/');
  text = text.replace(/^\/+/, '');
  const body = globBody(text);
  return { negate, dirOnly, regex: new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`) };
}

/** Decides for one path, given whether it is a folder; parents are the caller's (the walk never enters an ignored folder). */
export type IgnoreMatcher = (relativePath: string, isDirectory: boolean) => boolean;

export interface IgnoreOptions {
  /** The text of `.vercelignore` (or `.nowignore`); empty when there is none. */
  readonly userRules?: string | undefined;
  /** The folder has a `Cargo.toml`: the CLI then also ignores `/target`. */
  readonly rust?: boolean | undefined;
}

/**
 * The matcher for a folder: `true` when the path is not deployed. It judges
 * the path's own folders first, so a file inside an ignored folder stays
 * ignored whatever a later `!` rule says, as with git and the CLI.
 */
export function createIgnore(options: IgnoreOptions = {}): IgnoreMatcher {
  const lines = [...DEFAULT_IGNORES, ...(options.rust ? ['/target'] : []), ...(options.userRules ?? '').split(/\r?\n/)];
  const rules = lines.map(parseRule).filter((r): r is Rule => r !== undefined);
  const own = (path: string, isDirectory: boolean): boolean => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.negate !== ignored) continue;
      if (rule.dirOnly && !isDirectory) continue;
      if (rule.regex.test(path)) ignored = !rule.negate;
    }
    return ignored;
  };
  return (relativePath, isDirectory) => {
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (own(parts.slice(0, i).join('/'), true)) return true;
    }
    return own(relativePath, isDirectory);
  };
}

/** Both ignore files with rules is an error to the CLI; which one applies otherwise. */
export function chooseIgnoreFile(vercelignore: string | undefined, nowignore: string | undefined): { readonly rules: string } | { readonly conflict: true } {
  const v = vercelignore ?? '';
  const n = nowignore ?? '';
  if (v !== '' && n !== '') return { conflict: true };
  return { rules: v !== '' ? v : n };
}

/** `.env`, `.env.production`, `config/.env.staging`: files that usually hold secrets, named before they leave the machine. */
export function isEnvFile(relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return /^\.env(?:\..*)?$/i.test(name) || /\.env$/i.test(name);
}
