/**
 * Stack frames in what functions print, and where in the workspace the
 * files they name are. Functions run from `/var/task/` (the deployment's
 * files); Next.js routes run from built files under `.next/server/`, whose
 * lines mean something only through a source map. Whatever a message says is
 * untrusted: every answer is a relative POSIX path inside the deployment's
 * folder, or nothing (`..` that climbs out, another absolute path, a scheme,
 * NUL). Pure, linear in the text, never throws; no `vscode`, no Node modules.
 */
import { resolveSegments } from '../util/posixPath';

/** One frame: the file it names, where (1-based), and where in the text the location is. */
export interface Frame {
  /** The function, when the frame names one (`POST`, `Object.<anonymous>`). */
  readonly fn?: string | undefined;
  readonly path: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  /** Offsets in the text of the location (`path:line:column`), for a link. */
  readonly start: number;
  readonly end: number;
}

/** Frames are looked for in this much of a line. */
const SCAN_LIMIT = 4096;
const MAX_NUMBER = 10_000_000;

/** A blank of a stack line: space, tab, or any control character. */
function isBlank(code: number): boolean {
  return code <= 0x20;
}

/** Where a V8 frame's location is: `at fn (LOCATION)` or `at LOCATION`. */
function locationOf(text: string, from: number): { fn?: string; start: number; end: number } | undefined {
  let end = Math.min(text.length, SCAN_LIMIT);
  while (end > from && isBlank(text.charCodeAt(end - 1))) end--;
  if (end <= from) return undefined;
  const open = text.indexOf(' (', from);
  if (open >= 0 && open < end && text.charCodeAt(end - 1) === 0x29) {
    let fn = text.slice(from, open);
    if (fn.startsWith('async ')) fn = fn.slice(6);
    if (fn.startsWith('new ')) fn = fn.slice(4);
    return { fn: fn.slice(0, 256), start: open + 2, end: end - 1 };
  }
  // `at LOCATION`: the location is the rest, one token.
  for (let i = from; i < end; i++) if (isBlank(text.charCodeAt(i))) return undefined;
  return { start: from, end };
}

function hasBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isBlank(text.charCodeAt(i))) return true;
  return false;
}

/** `path:line:column` (or `path:line`) into its parts; the numbers are the last colon-separated fields. */
function splitLocation(location: string): { path: string; line?: number; column?: number } | undefined {
  const last = location.lastIndexOf(':');
  if (last <= 0) return undefined;
  const tail = location.slice(last + 1);
  if (!/^\d{1,9}$/.test(tail)) return undefined;
  const before = location.lastIndexOf(':', last - 1);
  const middle = before > 0 ? location.slice(before + 1, last) : '';
  if (before > 0 && /^\d{1,9}$/.test(middle)) {
    const line = Number(middle);
    const column = Number(tail);
    if (line < 1 || line > MAX_NUMBER || column > MAX_NUMBER) return undefined;
    return { path: location.slice(0, before), line, column: Math.max(1, column) };
  }
  const line = Number(tail);
  if (line < 1 || line > MAX_NUMBER) return undefined;
  return { path: location.slice(0, last), line };
}

/**
 * The frames of one line of a message: V8's `at fn (path:line:column)`,
 * `at path:line:column` (with `async`, `new`, `[as x]`), and Node's
 * `Require stack:` entries (`- /var/task/…`, no line).
 */
export function framesIn(text: string): Frame[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  let i = 0;
  while (i < text.length && i < 256 && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  if (text.startsWith('at ', i)) {
    let from = i + 3;
    while (from < text.length && text.charCodeAt(from) === 0x20) from++;
    const where = locationOf(text, from);
    if (!where) return [];
    const parts = splitLocation(text.slice(where.start, where.end));
    if (!parts || parts.path === '' || hasBlank(parts.path)) return [];
    // Built field by field: spreads are the slow path of a function run on every line.
    const frame: { fn?: string; path: string; line?: number; column?: number; start: number; end: number } = { path: parts.path, line: parts.line, column: parts.column, start: where.start, end: where.end };
    if (where.fn !== undefined && where.fn !== '') frame.fn = where.fn;
    return [frame];
  }
  if (text.startsWith('- /', i)) {
    const start = i + 2;
    const end = Math.min(text.length, SCAN_LIMIT);
    const path = text.slice(start, end).trimEnd();
    if (path === '' || hasBlank(path)) return [];
    return [{ path, start, end: start + path.length }];
  }
  return [];
}

/** Where Vercel runs a deployment's functions from. */
export const TASK_ROOT = '/var/task';
/** Where it builds them (a path a build left in the code). */
const BUILD_ROOT = '/vercel/path0';

export interface FolderContext {
  readonly rootDirectory: string | null;
  readonly folderIs: 'repoRoot' | 'rootDirectory';
}

/** A file in the deployment's folder a frame may mean, in the order to try them. */
export interface Candidate {
  /** Relative POSIX path inside the folder. */
  readonly path: string;
  /** False for a source guessed for a built file: the frame's line is the built file's, not this one's. */
  readonly sameLines: boolean;
  /** The source map to read first, when the frame names a built file (its `.map` in the workspace's build output). */
  readonly sourceMap?: string | undefined;
  /** The built file the source map maps from (to resolve the map's relative sources). */
  readonly built?: string | undefined;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const BUILT = /\.(?:m|c)?js$/;

/** Repository-relative segments to folder-relative ones; undefined outside the folder. */
function inFolder(fromRepo: readonly string[], root: readonly string[], context: FolderContext): string | undefined {
  if (fromRepo.length === 0) return undefined;
  if (context.folderIs === 'repoRoot') return fromRepo.join('/');
  for (let i = 0; i < root.length; i++) if (fromRepo[i] !== root[i]) return undefined;
  const rest = fromRepo.slice(root.length);
  return rest.length === 0 ? undefined : rest.join('/');
}

/**
 * The files of the deployment's folder a printed path may name, first the
 * likeliest. `/var/task/X` is X from the project's root directory (or from
 * the repository root, in a monorepo); a built `.next/server/…` file is its
 * source map first, then the route's source (`app/…/route.ts`, `src/app/…`,
 * `pages/…`); any other built `.js` is itself, then its TypeScript sibling.
 */
export function candidatesFor(printed: string, context: FolderContext): Candidate[] {
  if (typeof printed !== 'string' || printed.length === 0 || printed.length > SCAN_LIMIT || printed.includes('\0')) return [];
  let path = printed.trim().replace(/\\/g, '/');
  if (path.startsWith('file://')) path = path.slice('file://'.length);
  const rootDirectory = typeof context.rootDirectory === 'string' ? context.rootDirectory.replace(/\\/g, '/') : '';
  if (rootDirectory.includes('\0') || rootDirectory.startsWith('/')) return [];
  const root = resolveSegments(rootDirectory);
  if (root === undefined) return [];

  // Repository-relative readings of the path, likeliest first.
  const readings: (string[] | undefined)[] = [];
  const webpack = /^webpack-internal:\/\/\/(?:\([^)/]{0,64}\)\/)?/.exec(path) ?? /^webpack:\/\/[^/]{0,128}\//.exec(path);
  if (webpack) {
    readings.push(resolveSegments([...root, path.slice(webpack[0].length)].join('/')));
  } else if (path === TASK_ROOT || path.startsWith(`${TASK_ROOT}/`)) {
    const rest = path.slice(TASK_ROOT.length);
    readings.push(resolveSegments([...root, rest].join('/')));
    if (root.length > 0) readings.push(resolveSegments(rest));
  } else if (path === BUILD_ROOT || path.startsWith(`${BUILD_ROOT}/`)) {
    readings.push(resolveSegments(path.slice(BUILD_ROOT.length)));
  } else if (path.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) {
    // Another machine's absolute path, node:internal, a URL: nothing of the workspace.
    return [];
  } else {
    readings.push(resolveSegments([...root, path].join('/')));
  }

  const out: Candidate[] = [];
  const seen = new Set<string>();
  const add = (candidate: Candidate) => {
    const key = `${candidate.path}\0${candidate.sourceMap ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(candidate);
  };
  for (const reading of readings) {
    if (reading === undefined) continue;
    const relative = inFolder(reading, root, context);
    if (relative === undefined) continue;
    const next = /^(?:(.*)\/)?\.next\/server\/(app|pages)\/(.+)\.js$/.exec(relative);
    if (next) {
      add({ path: relative, sameLines: false, sourceMap: `${relative}.map`, built: relative });
      const prefix = next[1] === undefined ? '' : `${next[1]}/`;
      for (const base of [`${prefix}${next[2]}/${next[3]}`, `${prefix}src/${next[2]}/${next[3]}`]) {
        for (const extension of SOURCE_EXTENSIONS.slice(0, 2).concat(['.js', '.jsx'])) add({ path: `${base}${extension}`, sameLines: false });
      }
      continue;
    }
    if (/(?:^|\/)\.next\//.test(relative)) {
      // A chunk of the build: only its source map can say where it came from.
      add({ path: relative, sameLines: false, sourceMap: `${relative}.map`, built: relative });
      continue;
    }
    add({ path: relative, sameLines: true });
    if (BUILT.test(relative)) {
      const base = relative.replace(BUILT, '');
      for (const extension of ['.ts', '.tsx', '.mts', '.cts']) add({ path: `${base}${extension}`, sameLines: true });
    }
  }
  return out;
}

/**
 * Where a source map's `source` is, relative to the folder: webpack's
 * `webpack://name/./app/x.ts` from the project's root, anything else from the
 * built file's directory (and the map's `sourceRoot`). Undefined outside.
 */
export function sourceOfMap(source: string, built: string, sourceRoot: string | undefined, context: FolderContext): string | undefined {
  if (typeof source !== 'string' || source === '' || source.length > SCAN_LIMIT || source.includes('\0')) return undefined;
  const root = resolveSegments(typeof context.rootDirectory === 'string' ? context.rootDirectory : '') ?? [];
  const webpack = /^webpack(?:-internal)?:\/\/\/?(?:[^/]{0,128}\/)?(?:\([^)/]{0,64}\)\/)?/.exec(source);
  let fromFolder: string[] | undefined;
  if (webpack) {
    const fromRepo = resolveSegments([...root, source.slice(webpack[0].length)].join('/'));
    const relative = fromRepo && inFolder(fromRepo, root, context);
    fromFolder = relative === undefined ? undefined : relative.split('/');
  } else {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(source) || source.startsWith('/')) return undefined;
    const dir = built.split('/').slice(0, -1);
    const prefix = sourceRoot !== undefined && sourceRoot !== '' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(sourceRoot) && !sourceRoot.startsWith('/') ? [sourceRoot] : [];
    fromFolder = resolveSegments([...dir, ...prefix, source].join('/'));
  }
  return fromFolder === undefined || fromFolder.length === 0 ? undefined : fromFolder.join('/');
}

/**
 * The line that defines `fn` in a source, for a frame of a built file with no
 * source map: `function POST`, `const POST =`, `POST(…) {` as a method, or an
 * export of it. 1-based; undefined when the source does not say.
 */
export function definitionLine(source: string, fn: string | undefined): number | undefined {
  if (fn === undefined) return undefined;
  const name = fn.split('.').pop()?.replace(/\s*\[as .*$/, '') ?? '';
  if (!/^[A-Za-z_$][\w$]{0,127}$/.test(name)) return undefined;
  const definition = new RegExp(`(?:\\bfunction\\*?\\s+${name}\\s*\\(|\\b(?:const|let|var)\\s+${name}\\s*=|^\\s*(?:async\\s+)?${name}\\s*\\([^)]*\\)\\s*\\{)`);
  const lines = source.length > 2_000_000 ? [] : source.split('\n');
  for (let i = 0; i < lines.length; i++) if (definition.test(lines[i] ?? '')) return i + 1;
  return undefined;
}
