/**
 * Whether a folder's `.gitignore` keeps `.vercel` out of Git, and adding or
 * taking back the one line Link Project writes. Pure text in, text out: no
 * file system, so every shape of `.gitignore` is unit-tested in plain Node.
 */

/** The line Link Project adds, as `vercel link` does. */
export const VERCEL_IGNORE_LINE = '.vercel';

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The line ending the file already uses; a new file gets `\n`. */
export function lineEnding(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Reduces a pattern to what it says about a top-level folder, or undefined
 * when it names something deeper (`apps/web/.vercel`) and so cannot ignore
 * the folder's own `.vercel`.
 */
function topLevelGlob(pattern: string): string | undefined {
  let p = pattern;
  if (p.startsWith('/')) p = p.slice(1);
  else if (p.startsWith('**/')) p = p.slice(3);
  // `.vercel/*` and `.vercel/**` ignore everything in it, which is what matters here.
  p = p.replace(/\/\*\*?$/, '').replace(/\/$/, '');
  return p === '' || p.includes('/') ? undefined : p;
}

/** gitignore's `*`, `?` and `[…]` for one path segment. */
function globMatches(glob: string, name: string): boolean {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '\\' && i + 1 < glob.length) {
      source += escapeRegExp(glob[++i] as string);
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
      } else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else {
      source += escapeRegExp(c);
    }
  }
  try {
    return new RegExp(`^${source}$`).test(name);
  } catch {
    return false;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * True when the patterns ignore the `.vercel` folder beside the file. The
 * last matching line decides, so a later `!.vercel` un-ignores it again.
 */
export function ignoresVercelFolder(text: string): boolean {
  return ignoresName(text, VERCEL_IGNORE_LINE);
}

/** True when the patterns ignore the file or folder `name` beside the file; the last matching line decides. */
export function ignoresName(text: string, name: string): boolean {
  let ignored = false;
  for (const raw of lines(text)) {
    // Trailing spaces are not part of a pattern unless escaped.
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const glob = topLevelGlob(negated ? line.slice(1) : line.replace(/^\\([!#])/, '$1'));
    if (glob !== undefined && globMatches(glob, name)) {
      ignored = !negated;
    }
  }
  return ignored;
}

export interface GitignoreEdit {
  readonly text: string;
  readonly changed: boolean;
}

/**
 * Appends `.vercel` unless the folder is ignored already. Keeps the file's
 * line endings and ends the new line with one, as `vercel link` does.
 */
export function addVercelIgnore(text: string): GitignoreEdit {
  if (ignoresVercelFolder(text)) {
    return { text, changed: false };
  }
  const eol = lineEnding(text);
  const separator = text === '' || /\r?\n$|\r$/.test(text) ? '' : eol;
  return { text: `${text}${separator}${VERCEL_IGNORE_LINE}${eol}`, changed: true };
}

/**
 * Appends `line` unless `name` is ignored already, keeping the file's line
 * endings (as `vercel env pull` adds its pattern after writing a `.env` file).
 */
export function addIgnoreLine(text: string, line: string, name: string): GitignoreEdit {
  if (ignoresName(text, name)) {
    return { text, changed: false };
  }
  const eol = lineEnding(text);
  const separator = text === '' || /\r?\n$|\r$/.test(text) ? '' : eol;
  return { text: `${text}${separator}${line}${eol}`, changed: true };
}

/**
 * Takes back a `.vercel` line: the last line that is exactly `.vercel`, with
 * its line ending. Every other byte stays as it was.
 */
export function removeVercelIgnore(text: string): GitignoreEdit {
  const segments = [...text.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)]
    .map((m) => ({ content: m[1] ?? '', eol: m[2] ?? '' }))
    // matchAll ends with one empty match at the very end.
    .filter((s, i, all) => i < all.length - 1 || s.content !== '' || s.eol !== '');
  let index = -1;
  segments.forEach((s, i) => {
    if (s.content.replace(/[ \t]+$/, '') === VERCEL_IGNORE_LINE) index = i;
  });
  if (index < 0) {
    return { text, changed: false };
  }
  const removed = segments[index];
  const previous = segments[index - 1];
  segments.splice(index, 1);
  // The line was last and unterminated: the break before it belonged to it.
  if (removed?.eol === '' && previous && index === segments.length) {
    segments[index - 1] = { ...previous, eol: '' };
  }
  return { text: segments.map((s) => s.content + s.eol).join(''), changed: true };
}
