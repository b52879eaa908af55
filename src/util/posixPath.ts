/**
 * Relative POSIX paths taken from untrusted text (what a build or a function
 * printed), resolved without leaving where they start. Pure; no `vscode`,
 * no Node modules.
 */

/** The segments of a relative path with `.` and `..` resolved, or undefined when `..` climbs above its start. */
export function resolveSegments(path: string): string[] | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out;
}
