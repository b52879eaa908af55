/**
 * The label part of a read-only document's path (a build log, a deployment's
 * JSON), which VS Code shows as the tab's title: whatever text it comes from
 * (a commit message, a state), it holds no path separator or control
 * character and stays short. Free of `vscode`, so it is unit-tested in plain Node.
 */
const LABEL_MAX = 60;

/** The tab's title: no path separators or control characters, at most 60 characters; `fallback` when nothing is left. */
export function documentLabel(text: string, fallback: string): string {
  const cleaned = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\\/]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const label = cleaned === '' ? fallback : cleaned;
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
}
