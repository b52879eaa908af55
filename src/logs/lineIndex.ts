/**
 * What the providers look up per line of a log, found once per line as the
 * model grows (never again per request): file references, URLs, and which
 * lines are red or yellow. Pure; no `vscode`.
 */
import type { LogModel } from './model';
import { fileRefsIn, urlsIn, type FileRef } from './problems';

export interface LineUrl {
  readonly url: string;
  readonly start: number;
  readonly end: number;
}

export class LineIndex {
  private scanned = 0;
  /** Model line → its file references, only for lines that have some. */
  readonly fileRefs = new Map<number, readonly FileRef[]>();
  readonly urls = new Map<number, readonly LineUrl[]>();
  readonly errorLines: number[] = [];
  readonly warningLines: number[] = [];

  constructor(private readonly model: LogModel) {}

  /** Scans the lines added since the last call. */
  update(): this {
    const lines = this.model.lines;
    for (let i = this.scanned; i < lines.length; i++) {
      const line = lines[i];
      if (!line) continue;
      const refs = fileRefsIn(line.text);
      if (refs.length > 0) this.fileRefs.set(i, refs);
      const urls = urlsIn(line.text);
      if (urls.length > 0) this.urls.set(i, urls);
      if (line.severity === 'error') this.errorLines.push(i);
      else if (line.severity === 'warning') this.warningLines.push(i);
    }
    this.scanned = lines.length;
    return this;
  }

  /** The file reference under a column of a model line. */
  fileRefAt(line: number, column: number): FileRef | undefined {
    return this.update().fileRefs.get(line)?.find((ref) => column >= ref.start && column <= ref.end);
  }
}

const indexes = new WeakMap<LogModel, LineIndex>();

/** The index of a model, kept as long as the model lives. */
export function lineIndexOf(model: LogModel): LineIndex {
  let index = indexes.get(model);
  if (!index) {
    index = new LineIndex(model);
    indexes.set(model, index);
  }
  return index.update();
}
