/**
 * What the providers look up per line of a log, found once per line as the
 * model grows (never again per request): which lines are red or yellow
 * (cheap, kept up to date at once) and the file references and URLs (scanned
 * in slices that yield between them, so a 200,000-line log never holds up the
 * extension host). Pure; no `vscode`.
 */
import type { LogModel } from './model';
import { fileRefsIn, urlsIn, type FileRef } from './problems';
import { nextTurn } from './nextTurn';

export interface LineUrl {
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

/** Lines scanned for references between two yields. */
const SLICE = 5000;

export class LineIndex {
  private severityScanned = 0;
  private refsScanned = 0;
  private scanning: Promise<void> | undefined;
  /** Model line → its file references, only for lines that have some. */
  readonly fileRefs = new Map<number, readonly FileRef[]>();
  readonly urls = new Map<number, readonly LineUrl[]>();
  readonly errorLines: number[] = [];
  readonly warningLines: number[] = [];

  constructor(private readonly model: LogModel) {}

  /** Brings the red and yellow lines up to date. */
  severities(): this {
    const lines = this.model.lines;
    for (let i = this.severityScanned; i < lines.length; i++) {
      const severity = lines[i]?.severity;
      if (severity === 'error') this.errorLines.push(i);
      else if (severity === 'warning') this.warningLines.push(i);
    }
    this.severityScanned = lines.length;
    return this;
  }

  /** Brings references and URLs up to date, a slice at a time; `cancelled` stops early (the answer is then partial). */
  async references(cancelled: () => boolean = () => false, yieldNow: () => Promise<void> = defaultYield): Promise<this> {
    while (this.refsScanned < this.model.lines.length) {
      if (cancelled()) return this;
      this.scanning ??= this.scanSlice(yieldNow).finally(() => {
        this.scanning = undefined;
      });
      await this.scanning;
    }
    return this;
  }

  private async scanSlice(yieldNow: () => Promise<void>): Promise<void> {
    const lines = this.model.lines;
    const end = Math.min(lines.length, this.refsScanned + SLICE);
    for (let i = this.refsScanned; i < end; i++) {
      const text = lines[i]?.text ?? '';
      // fileRefsIn passes over a line that cannot hold a reference in one cheap look (mayHoldFileRef).
      const refs = fileRefsIn(text);
      if (refs.length > 0) this.fileRefs.set(i, refs);
      if (text.includes('http')) {
        const urls = urlsIn(text);
        if (urls.length > 0) this.urls.set(i, urls);
      }
    }
    this.refsScanned = end;
    if (end < lines.length) await yieldNow();
  }
}

/** The file reference under a column of one line, found in that line alone. */
export function fileRefAt(model: LogModel, line: number, column: number): FileRef | undefined {
  const text = model.lines[line]?.text;
  if (text === undefined) return undefined;
  return fileRefsIn(text).find((ref) => column >= ref.start && column <= ref.end);
}

function defaultYield(): Promise<void> {
  return nextTurn();
}

const indexes = new WeakMap<LogModel, LineIndex>();

/** The index of a model, kept as long as the model lives. */
export function lineIndexOf(model: LogModel): LineIndex {
  let index = indexes.get(model);
  if (!index) {
    index = new LineIndex(model);
    indexes.set(model, index);
  }
  return index;
}
