/**
 * The pieces build-log lines are made of: ANSI SGR colours as the tools print
 * them (Vercel sets FORCE_COLOR; tsc stays plain) and one constructor per kind
 * of line.
 */

export type Level = 'error' | 'warning';

/** One log line before it becomes an event: generated, given whole, or appended through the control API. */
export interface LogLine {
  /** `command`, `stdout`, `stderr`, `exit`, `deployment-state`, `delimiter`, … or anything a test sends. */
  type: string;
  text: string;
  level?: Level;
}

const sgr = (open: number | string, close: number | string) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
export const bold = sgr(1, 22);
export const dim = sgr(2, 22);
export const red = sgr(31, 39);
export const green = sgr(32, 39);
export const yellow = sgr(33, 39);
export const magenta = sgr(35, 39);
export const cyan = sgr(36, 39);
export const gray = sgr(90, 39);
export const RESET = '\x1b[0m';

export const out = (text: string): LogLine => ({ type: 'stdout', text });
export const err = (text: string): LogLine => ({ type: 'stderr', text, level: 'error' });
export const warn = (text: string): LogLine => ({ type: 'stderr', text, level: 'warning' });
export const cmd = (text: string): LogLine => ({ type: 'command', text });
export const delimiter = (text: string): LogLine => ({ type: 'delimiter', text });
