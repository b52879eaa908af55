/**
 * Words and numbers of the page. Dates, ages and durations come from the
 * extension's one formatter (src/util/time.ts), in the locale the host gives.
 */
import { fill, type EnumValue, type OutlineNode } from '../../src/details/outline';
import { formatDate as formatDateIn, formatDuration as formatDurationIn, formatRelative as formatRelativeIn } from '../../src/util/time';
import { st } from './state';

let locale = '';
let numberFormat: Intl.NumberFormat | undefined;

export function setLocale(tag: string | undefined): void {
  locale = tag ?? '';
  try {
    numberFormat = new Intl.NumberFormat(locale ? [locale] : []);
  } catch {
    numberFormat = new Intl.NumberFormat();
  }
}

export function formatDate(ms: number): string {
  return formatDateIn(ms, locale);
}

export function formatRelative(ms: number, now = Date.now()): string {
  return formatRelativeIn(ms, now, locale);
}

export function formatDuration(ms: number): string {
  return formatDurationIn(ms, locale);
}

export function formatCount(n: number): string {
  return numberFormat?.format(n) ?? String(n);
}

export function countLabel(array: boolean, n: number): string {
  if (!st.ui) return String(n);
  const s = st.ui.strings;
  if (n === 1) return array ? s.oneItem : s.oneField;
  return fill(array ? s.items : s.fields, formatCount(n));
}

export function primitiveText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

export function enumText(v: EnumValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** What "Copy value" puts on the clipboard: strings as they are, the rest as JSON. */
export function copyText(node: OutlineNode): string {
  return typeof node.value === 'string' ? node.value : JSON.stringify(node.value, null, 2) ?? String(node.value);
}

export function keyText(node: OutlineNode): string {
  return typeof node.key === 'number' ? `[${node.key}]` : (node.key ?? '$');
}
