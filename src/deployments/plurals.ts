/**
 * Counted phrases, with the plural chosen in code and each form translated
 * whole ("1 deployment in progress", "3 deployments in progress"), the way
 * VS Code's own strings do it. Callers pass `vscode.l10n`; the unit tests pass
 * a translator that keeps English.
 */
import type { Translator } from '../util/translator';

export function inProgressText(l10n: Translator, count: number): string {
  return count === 1 ? l10n.t('1 deployment in progress') : l10n.t('{0} deployments in progress', count);
}
