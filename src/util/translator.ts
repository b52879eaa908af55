/**
 * What `vscode.l10n` offers to code that words things: pure modules take it
 * as an argument, so the extension passes `vscode.l10n` (and the l10n
 * extractor finds their `l10n.t(…)` calls) while unit and browser tests pass
 * one that keeps English.
 */
type Arg = string | number | boolean;

export interface Translator {
  t(message: string, ...args: Arg[]): string;
  t(options: { message: string; args?: Arg[] | Record<string, unknown>; comment: string | string[] }): string;
}
