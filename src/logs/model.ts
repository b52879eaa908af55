/**
 * A deployment's build log as a document: events normalized from either API
 * shape, deduplicated across reconnects, split into lines, with steps and
 * build problems found once per appended chunk. Pure; no `vscode`.
 */
import { ansiSeverity, stripAnsi } from '../util/ansi';
import type { BuildProblem, LogEntry, LogLine, LogStep, Severity } from './logTypes';
import { ProblemMatcher } from './problems';
import { StepBuilder } from './steps';
import { afterPrintedTime, blankTimestampPrefix, TIMESTAMP_PREFIX_WIDTH, TimestampFormatter } from '../util/timestamps';

export type { BuildProblem, LogEntry, LogLine, LogStep, Severity } from './logTypes';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

function levelOf(value: unknown): Severity | undefined {
  return value === 'error' || value === 'warning' ? value : undefined;
}

/** Words that make a stderr line an error or a warning (stderr alone does not: npm and Next.js print progress there). */
const STDERR_ERROR = /^(?:npm ERR!|ERR!|error\b|Error\b|\w*Error:|fatal\b|Failed\b|failed\b|[✘✖×⨯]|Type error:|Module not found)/;
const STDERR_WARNING = /^(?:npm WARN|WARN\b|warn\b|Warn\b|warning\b|Warning\b|[⚠▲])/;
/** Lines that are errors or warnings on any stream. */
const ANY_ERROR = /^(?:Error: Command "|npm ERR!|Failed to compile|Type error:|Build error occurred|ERROR in |✘ \[ERROR\]|[⨯×] )/;
const ANY_WARNING = /^(?:npm WARN|WARNING in |▲ \[WARNING\]|⚠ |Warning: )/;

/** First characters of the lines ANY_ERROR/ANY_WARNING can match: most lines start with none of them and skip the regexes. */
const SEVERITY_STARTS = new Set('EFTBWn✘⨯×▲⚠ \t');

function textSeverity(text: string, type: string): Severity | undefined {
  if (text.length === 0) return undefined;
  const skip = afterPrintedTime(text);
  if (type !== 'stderr' && !SEVERITY_STARTS.has(text.charAt(skip))) return undefined;
  const start = text.slice(skip, skip + 200).trimStart();
  if (ANY_ERROR.test(start)) return 'error';
  if (ANY_WARNING.test(start)) return 'warning';
  if (type === 'stderr') {
    if (STDERR_ERROR.test(start)) return 'error';
    if (STDERR_WARNING.test(start)) return 'warning';
  }
  return undefined;
}

function worst(a: Severity | undefined, b: Severity | undefined): Severity | undefined {
  return a === 'error' || b === 'error' ? 'error' : (a ?? b);
}

/** undefined for keep-alives (no `created`) and events that carry nothing to show. Unknown types are kept as text. Never throws. */
export function normalizeEvent(event: unknown): LogEntry | undefined {
  try {
    return normalize(event);
  } catch {
    return undefined;
  }
}

function normalize(event: unknown): LogEntry | undefined {
  if (!isRecord(event)) return undefined;
  const payload = isRecord(event['payload']) ? event['payload'] : undefined;
  const createdValue = event['created'] ?? payload?.['created'];
  if (typeof createdValue !== 'number' || !Number.isFinite(createdValue)) return undefined;
  const created = createdValue;
  const type = stringOf(event['type']) ?? stringOf(payload?.['type']) ?? 'stdout';
  const rawText = textOf(event['text']) ?? textOf(payload?.['text']);
  if (rawText === undefined) return undefined;
  const id = stringOf(event['id']) ?? stringOf(payload?.['id']);
  const serial = stringOf(event['serial']) ?? stringOf(payload?.['serial']);
  const key = id ?? serial ?? `${created}:${type}:${rawText}`;

  const level = levelOf(event['level']) ?? levelOf(payload?.['level']);
  const fixed = level ?? (type === 'fatal' ? 'error' : undefined);

  // Most events are one line: no split, and no per-line severities to compare.
  if (rawText.indexOf('\n') < 0) {
    const line = stripAnsi(rawText);
    const severity = fixed ?? worst(ansiSeverity(rawText), textSeverity(line, type));
    const lines = [line];
    // Whole literals (absent fields stay absent), not fields added one by one: each event is then one allocation of its final shape.
    if (serial !== undefined) {
      return severity !== undefined ? { key, created, type, lines, serial, severity } : { key, created, type, lines, serial };
    }
    return severity !== undefined ? { key, created, type, lines, severity } : { key, created, type, lines };
  }

  const rawLines = rawText.split(/\r?\n/);
  if (rawLines.length > 1 && rawLines[rawLines.length - 1] === '') rawLines.pop();
  const lines: string[] = new Array<string>(rawLines.length);
  for (let i = 0; i < rawLines.length; i++) lines[i] = stripAnsi(rawLines[i] ?? '');

  let severity = fixed;
  let lineSeverities: (Severity | undefined)[] | undefined;
  if (fixed === undefined) {
    const each: (Severity | undefined)[] = new Array<Severity | undefined>(rawLines.length);
    let differ = false;
    for (let i = 0; i < rawLines.length; i++) {
      const s = worst(ansiSeverity(rawLines[i] ?? ''), textSeverity(lines[i] ?? '', type));
      each[i] = s;
      severity = worst(severity, s);
      if (i > 0 && s !== each[0]) differ = true;
    }
    if (severity !== undefined && differ) lineSeverities = each;
  }

  const entry: { -readonly [K in keyof LogEntry]: LogEntry[K] } = { key, created, type, lines };
  if (serial !== undefined) entry.serial = serial;
  if (severity !== undefined) entry.severity = severity;
  if (lineSeverities !== undefined) entry.lineSeverities = lineSeverities;
  return entry;
}

interface MutableLine {
  text: string;
  created: number;
  type: string;
  /** Always present (undefined or not), so every line has the same shape. */
  severity: Severity | undefined;
}

/**
 * The log as it grows. `append` is the only way in, and parses just what it
 * adds: a 200,000-line log is parsed once, not once per chunk.
 */
export class LogModel {
  private readonly _lines: MutableLine[] = [];
  /** Whether a line continues the event of the line before it (it gets a blank prefix, not a time). */
  private readonly continuation: boolean[] = [];
  private readonly keys = new Set<string>();
  private readonly stepBuilder = new StepBuilder();
  private readonly matcher = new ProblemMatcher();
  private readonly _problems: BuildProblem[] = [];
  private _lastCreated: number | undefined;

  get lines(): readonly LogLine[] {
    return this._lines;
  }

  /** Top-level steps in order. */
  get steps(): readonly LogStep[] {
    return this.stepBuilder.steps;
  }

  get problems(): readonly BuildProblem[] {
    return this._problems;
  }

  /** Newest `created` seen (for reconnecting with `since`). */
  get lastCreated(): number | undefined {
    return this._lastCreated;
  }

  /**
   * Adds entries not seen before (by key), in order; returns the index of the
   * first new line (or lines.length if none). Parses only the new lines.
   */
  append(entries: readonly LogEntry[]): number {
    const first = this._lines.length;
    for (const entry of entries) {
      // One hash lookup, not two (has, then add): the set holds every key of a long log.
      const known = this.keys.size;
      if (this.keys.add(entry.key).size === known) continue;
      if (this._lastCreated === undefined || entry.created > this._lastCreated) this._lastCreated = entry.created;
      const texts = entry.lines.length === 0 ? [''] : entry.lines;
      for (let i = 0; i < texts.length; i++) {
        const severity = entry.lineSeverities !== undefined ? entry.lineSeverities[i] : entry.severity;
        const line: MutableLine = { text: texts[i] ?? '', created: entry.created, type: entry.type, severity };
        const index = this._lines.length;
        this._lines.push(line);
        this.continuation.push(i > 0);
        // The parsers are tested never to throw; should one still, the line stays text and the log goes on.
        try {
          for (const problem of this.matcher.push(line, index)) {
            this._problems.push(problem);
            const at = this._lines[problem.logLine];
            if (at !== undefined && at.severity === undefined) at.severity = problem.severity;
          }
        } catch {
          // Nothing to add: the line is already in the log.
        }
        try {
          this.stepBuilder.push(line, index);
        } catch {
          // As above.
        }
      }
    }
    return first;
  }

  /**
   * The document text: one line per LogLine joined by '\n'; with timestamps
   * each line starts with a fixed-width prefix (see timestampPrefixWidth):
   * `HH:MM:SS.mmm ` in UTC or `timeZone`; continuation lines of an event get
   * spaces of the same width. `from` renders only the lines from that index
   * on (for appending to a document already shown).
   */
  render(options: { timestamps: boolean; timeZone?: string; from?: number }): string {
    const from = Math.max(0, Math.min(options.from ?? 0, this._lines.length));
    const parts: string[] = new Array<string>(this._lines.length - from);
    if (!options.timestamps) {
      for (let i = from; i < this._lines.length; i++) parts[i - from] = this._lines[i]?.text ?? '';
      return parts.join('\n');
    }
    const formatter = new TimestampFormatter(options.timeZone);
    const blank = blankTimestampPrefix();
    let lastCreated = Number.NaN;
    let lastPrefix = '';
    for (let i = from; i < this._lines.length; i++) {
      const line = this._lines[i];
      if (line === undefined) continue;
      let prefix: string;
      if (this.continuation[i] === true) prefix = blank;
      else {
        if (line.created !== lastCreated) {
          lastCreated = line.created;
          lastPrefix = formatter.format(line.created);
        }
        prefix = lastPrefix;
      }
      parts[i - from] = prefix + line.text;
    }
    return parts.join('\n');
  }

  /** Width in characters of the prefix render() puts before each line (0 without timestamps). Providers add it to columns. */
  static timestampPrefixWidth(timestamps: boolean): number {
    return timestamps ? TIMESTAMP_PREFIX_WIDTH : 0;
  }
}
