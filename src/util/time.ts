/**
 * Every date, age and duration a person reads, formatted in one place and in
 * their locale: the tree, the status bar, the pickers, the details panel (its
 * webview bundles this file too, so it must stay free of `vscode` and Node).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'year';

/** A formatter per locale and kind; a locale Intl does not know falls back to the runtime's. */
const cache = new Map<string, unknown>();
function cached<T>(key: string, make: (locales: string[]) => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    const locale = key.slice(key.indexOf('|') + 1);
    try {
      value = make(locale ? [locale] : []);
    } catch {
      value = make([]);
    }
    cache.set(key, value);
  }
  return value;
}

function unitFormat(locale: string, unit: Unit): Intl.NumberFormat {
  return cached(`unit:${unit}|${locale}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: 'narrow' }));
}

/** `auto` only for "now": with whole units, "yesterday" and "last year" would name the wrong day or year. */
function relativeFormat(locale: string, numeric: 'auto' | 'always' = 'auto'): Intl.RelativeTimeFormat {
  return cached(`relative-${numeric}|${locale}`, (l) => new Intl.RelativeTimeFormat(l, { numeric, style: 'long' }));
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  return cached(`date|${locale}`, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }));
}

function timeFormat(locale: string): Intl.DateTimeFormat {
  return cached(`time|${locale}`, (l) => new Intl.DateTimeFormat(l, { timeStyle: 'medium' }));
}

/** The steps of a compact age: below `below` ms the age is counted in `unit`s of `size` ms. */
const AGE_STEPS: ReadonlyArray<{ unit: Unit; size: number; below: number }> = [
  { unit: 'minute', size: MINUTE, below: HOUR },
  { unit: 'hour', size: HOUR, below: DAY },
  { unit: 'day', size: DAY, below: WEEK },
  { unit: 'week', size: WEEK, below: YEAR },
  { unit: 'year', size: YEAR, below: Infinity },
];

/**
 * How old something is, compact enough for a tree row: "now", "5m", "2h",
 * "3d", "2w", "1y" (in English; narrow units of the locale otherwise).
 * Counts whole units, so "5m" lasts from 5:00 to 5:59. A time in the future
 * (a clock a little ahead of Vercel's) reads "now".
 */
export function formatAge(ms: number, now: number, locale = 'en'): string {
  const age = now - ms;
  if (age < MINUTE) {
    return relativeFormat(locale).format(0, 'second');
  }
  for (const step of AGE_STEPS) {
    if (age < step.below) {
      return unitFormat(locale, step.unit).format(Math.floor(age / step.size));
    }
  }
  return unitFormat(locale, 'year').format(Math.floor(age / YEAR));
}

/** Milliseconds until {@link formatAge} gives another text for `ms`: when a row's age needs redrawing. */
export function ageChangesIn(ms: number, now: number): number {
  const age = now - ms;
  if (age < 0) {
    return MINUTE - age;
  }
  if (age < MINUTE) {
    return MINUTE - age;
  }
  const step = AGE_STEPS.find((s) => age < s.below) ?? AGE_STEPS[AGE_STEPS.length - 1]!;
  return step.size - (age % step.size);
}

/**
 * A length of time: "38s", "1m 42s", "2h 5m", "3d 4h" — the two largest
 * units, whole seconds, in the locale's narrow units.
 */
export function formatDuration(ms: number, locale = 'en'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const part = (value: number, unit: Unit) => unitFormat(locale, unit).format(value);
  if (days > 0) {
    return hours > 0 ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  }
  if (hours > 0) {
    return minutes > 0 ? `${part(hours, 'hour')} ${part(minutes, 'minute')}` : part(hours, 'hour');
  }
  if (minutes > 0) {
    return seconds > 0 ? `${part(minutes, 'minute')} ${part(seconds, 'second')}` : part(minutes, 'minute');
  }
  return part(seconds, 'second');
}

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', YEAR],
  ['month', 30 * DAY],
  ['week', WEEK],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/**
 * "3 minutes ago", "yesterday", "in 2 hours": for sentences and tooltips.
 * Whole units, like {@link formatAge}, so a row's "5m" and "5 minutes ago" agree.
 */
export function formatRelative(ms: number, now: number, locale = 'en'): string {
  const diff = ms - now;
  // Below a minute, "now": a row's words then change once a minute, never every second.
  if (Math.abs(diff) < MINUTE) {
    return relativeFormat(locale).format(0, 'second');
  }
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(diff) >= size) {
      return relativeFormat(locale, 'always').format(Math.trunc(diff / size), unit);
    }
  }
  return relativeFormat(locale).format(0, 'second');
}

/** A moment with its date: "Dec 3, 2026, 6:42:02 AM". */
export function formatDate(ms: number, locale = 'en'): string {
  return Number.isFinite(ms) ? dateFormat(locale).format(ms) : String(ms);
}

/** A moment of today: "6:42:02 AM". */
export function formatTime(ms: number, locale = 'en'): string {
  return Number.isFinite(ms) ? timeFormat(locale).format(ms) : String(ms);
}

/**
 * Whether a JSON number is plausibly a timestamp in ms since the epoch
 * (between 2000 and 2100), for showing it as a date.
 */
export function looksLikeTimestamp(value: number): boolean {
  return Number.isInteger(value) && value >= 946_684_800_000 && value < 4_102_444_800_000;
}
