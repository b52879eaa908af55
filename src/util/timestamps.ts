/**
 * Times in logs (build and runtime): the fixed-width prefix the log document puts before
 * each line, and the timestamps some builds print themselves (which parsers
 * look past). Pure; no `vscode`.
 */

/** `HH:MM:SS.mmm` and one space: the milliseconds tell apart the many lines a build prints within a second, as Vercel's own log view does. */
export const TIMESTAMP_PREFIX_WIDTH = 13;

const BLANK_PREFIX = ' '.repeat(TIMESTAMP_PREFIX_WIDTH);

/** The prefix of a line that continues an event (its time is on the event's first line). */
export function blankTimestampPrefix(): string {
  return BLANK_PREFIX;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
function three(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

const MINUTE = 60_000;

/**
 * Formats `created` as `HH:MM:SS.mmm ` in UTC or in an IANA time zone.
 * Intl is asked once per distinct minute (a zone's offset only changes on a
 * minute boundary), so a 200,000-line log costs a few hundred Intl calls, not
 * 200,000.
 */
export class TimestampFormatter {
  private readonly parts: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  /** An unknown time zone falls back to UTC rather than failing the whole document. */
  constructor(timeZone?: string) {
    let parts: Intl.DateTimeFormat | undefined;
    if (timeZone !== undefined && timeZone !== '' && timeZone.toUpperCase() !== 'UTC') {
      try {
        parts = new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
      } catch {
        parts = undefined;
      }
    }
    this.parts = parts;
  }

  private offsetAt(time: number): number {
    if (this.parts === undefined) return 0;
    const minute = Math.floor(time / MINUTE);
    const cached = this.offsets.get(minute);
    if (cached !== undefined) return cached;
    let offset = 0;
    try {
      const at = minute * MINUTE;
      const fields: Record<string, number> = {};
      for (const part of this.parts.formatToParts(at)) fields[part.type] = Number(part.value);
      const wall = Date.UTC(fields['year'] ?? 1970, (fields['month'] ?? 1) - 1, fields['day'] ?? 1, (fields['hour'] ?? 0) % 24, fields['minute'] ?? 0, fields['second'] ?? 0);
      offset = Number.isFinite(wall) ? wall - at : 0;
    } catch {
      offset = 0;
    }
    this.offsets.set(minute, offset);
    return offset;
  }

  /** `HH:MM:SS.mmm ` (TIMESTAMP_PREFIX_WIDTH characters). */
  format(created: number): string {
    if (!Number.isFinite(created) || Math.abs(created) > 8.64e15) return '--:--:--.--- ';
    const local = created + this.offsetAt(created);
    const dayMs = ((local % 86_400_000) + 86_400_000) % 86_400_000;
    const ms = Math.floor(dayMs) % 1000;
    const seconds = Math.floor(dayMs / 1000);
    return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${three(ms)} `;
  }
}

/** A time a tool or a copied log printed at the start of a line: `12:34:56.789`, `[12:34:56]`, `2026-01-02T12:34:56.789Z`. */
const PRINTED_TIME = /^\[?(?:\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?\]?[ \t]+/;

/** Index of the text after a printed timestamp (and the blanks after it); 0 when the line has none. */
export function afterPrintedTime(text: string): number {
  const c = text.charCodeAt(0);
  if (c !== 0x5b && !(c >= 0x30 && c <= 0x39)) return 0;
  const match = PRINTED_TIME.exec(text.length > 64 ? text.slice(0, 64) : text);
  return match === null ? 0 : match[0].length;
}
