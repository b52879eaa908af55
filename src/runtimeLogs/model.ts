/**
 * A deployment's runtime log as a document: each request one block (its
 * time, method, status, path and source, then the lines its functions
 * printed, a stack trace's frames indented under its message), lines printed
 * outside a request standing alone, and notices (a limit Vercel hit, lines
 * that could not be read) as lines of their own. History comes in per
 * request, the stream per line; both are parsed once, as they arrive, into
 * lines that never change, so 100,000 lines cost their own parsing and no
 * more: nothing here ever reads the whole document again. Pure; no `vscode`.
 */
import { TimestampFormatter } from '../util/timestamps';
import { framesIn, type Frame } from './frames';
import { oneLine, showMessage } from './text';

/** The request a line belongs to. */
export interface RequestInfo {
  readonly method: string;
  readonly path: string;
  /** 0 or less: none. */
  readonly status: number;
  /** The stream's or request-logs' source: serverless, edge-function, edge-middleware, request/static. */
  readonly source: string;
  readonly domain?: string | undefined;
  readonly requestId?: string | undefined;
  readonly durationMs?: number | undefined;
}

/** A line of the stream. */
export interface RuntimeEntry {
  /** Vercel's id of the line; a reconnect that sends it again is recognised by it. */
  readonly rowId?: string | undefined;
  readonly time: number | undefined;
  readonly level: string;
  readonly message: string;
  readonly truncated: boolean;
  readonly source: string;
  /** Undefined for a line printed outside any request. */
  readonly request?: RequestInfo | undefined;
}

/** A request of the history, with its lines (request-logs gives no time per line). */
export interface HistoryRequest {
  readonly time: number | undefined;
  readonly request?: RequestInfo | undefined;
  readonly lines: readonly { readonly level: string; readonly message: string; readonly truncated: boolean; readonly time?: number | undefined }[];
}

export type LineKind = 'request' | 'log' | 'more' | 'notice';

export interface ModelLine {
  readonly text: string;
  readonly kind: LineKind;
  /** The block it belongs to (an index into `blocks`). */
  block: number;
  /** The level of the log line it is (or continues). */
  readonly level?: string | undefined;
  /** Where the message starts in `text`. */
  readonly messageColumn: number;
  /** Frames of the message part, their offsets in `text`. */
  readonly frames?: readonly Frame[] | undefined;
}

export interface Block {
  readonly kind: 'request' | 'line' | 'notice';
  startLine: number;
  /** Inclusive. */
  endLine: number;
  readonly request?: RequestInfo | undefined;
  readonly time: number | undefined;
  lastTime: number | undefined;
  errors: number;
  warnings: number;
}

/** A line printed at level error (or fatal): what the Problems panel and the frame links start from. */
export interface ErrorEntry {
  /** Model line of its first line. */
  line: number;
  /** Model line of its last line. */
  lastLine: number;
  block: number;
  /** Its first line, as shown. */
  readonly message: string;
  /** Each frame with the model line it is on, in the order printed (the top frame first). */
  readonly frames: readonly { readonly frame: Frame; line: number }[];
}

export interface ModelOptions {
  /** IANA time zone of the times shown; UTC when absent or unknown. */
  readonly timeZone?: string | undefined;
  /** A live line joins the request block before it when it names the same request within this many ms. */
  readonly joinWithinMs?: number;
}

/** `HH:MM:SS.mmm`. */
const TIME_WIDTH = 12;
const NO_TIME = ' '.repeat(TIME_WIDTH);
/** Wide enough for `warning`. */
const LEVEL_WIDTH = 7;
const METHOD_WIDTH = 6;
/** Between the time and what follows. */
const GAP = '  ';
/** A request's lines sit under its header. */
const INDENT = '  ';

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  serverless: 'serverless',
  'edge-function': 'edge',
  'edge-middleware': 'middleware',
  request: 'static',
  static: 'static',
};

function isError(level: string): boolean {
  return level === 'error' || level === 'fatal';
}

function isWarning(level: string): boolean {
  return level === 'warning' || level === 'warn';
}

function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? oneLine(source, 32);
}

function durationText(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** The key under which live lines of one request meet. */
function requestKey(r: RequestInfo): string {
  return `${r.method}\u0000${r.path}\u0000${r.status}\u0000${r.domain ?? ''}`;
}

/** Lines and blocks on their way into the model; numbered from where they will be (`base`). */
interface Batch {
  readonly base: { readonly lines: number; readonly blocks: number };
  readonly lines: ModelLine[];
  readonly blocks: Block[];
  readonly errors: ErrorEntry[];
  readonly frameLines: number[];
}

export class RuntimeLogModel {
  private linesValue: ModelLine[] = [];
  private blocksValue: Block[] = [];
  private errorsValue: ErrorEntry[] = [];
  /** Model lines that hold frames, in order. */
  private frameLinesValue: number[] = [];
  private text: string | undefined = '';
  private versionValue = 0;
  private readonly times: TimestampFormatter;
  private readonly joinWithinMs: number;

  constructor(options: ModelOptions = {}) {
    this.times = new TimestampFormatter(options.timeZone);
    this.joinWithinMs = options.joinWithinMs ?? 10_000;
  }

  get lines(): readonly ModelLine[] {
    return this.linesValue;
  }

  get blocks(): readonly Block[] {
    return this.blocksValue;
  }

  get errors(): readonly ErrorEntry[] {
    return this.errorsValue;
  }

  /** Model lines that hold stack frames. */
  get frameLines(): readonly number[] {
    return this.frameLinesValue;
  }

  /** Bumps on every change. */
  get version(): number {
    return this.versionValue;
  }

  /** The document's text below its header. */
  render(): string {
    this.text ??= this.linesValue.map((l) => l.text).join('\n');
    return this.text;
  }

  clear(): void {
    this.linesValue = [];
    this.blocksValue = [];
    this.errorsValue = [];
    this.frameLinesValue = [];
    this.text = '';
    this.versionValue++;
  }

  /** History, oldest first, after what is there. Returns the first new model line. */
  appendHistory(requests: readonly HistoryRequest[]): number {
    const first = this.linesValue.length;
    const batch = this.newBatch();
    for (const r of requests) this.addHistory(batch, r);
    this.push(batch);
    return first;
  }

  /** Older history, oldest first, before what is there ("Load older…"). Returns how many lines it added. */
  prependHistory(requests: readonly HistoryRequest[]): number {
    // Numbered from 0: these lines go first.
    const batch: Batch = { base: { lines: 0, blocks: 0 }, lines: [], blocks: [], errors: [], frameLines: [] };
    for (const r of requests) this.addHistory(batch, r);
    const lines = batch.lines.length;
    const blocks = batch.blocks.length;
    if (lines === 0) return 0;
    for (const line of this.linesValue) line.block += blocks;
    for (const block of this.blocksValue) {
      block.startLine += lines;
      block.endLine += lines;
    }
    for (const error of this.errorsValue) {
      error.line += lines;
      error.lastLine += lines;
      error.block += blocks;
      for (const f of error.frames) f.line += lines;
    }
    this.linesValue = [...batch.lines, ...this.linesValue];
    this.blocksValue = [...batch.blocks, ...this.blocksValue];
    this.errorsValue = [...batch.errors, ...this.errorsValue];
    this.frameLinesValue = [...batch.frameLines, ...this.frameLinesValue.map((l) => l + lines)];
    const older = batch.lines.map((l) => l.text).join('\n');
    this.text = this.text === undefined ? undefined : this.text === '' ? older : `${older}\n${this.text}`;
    this.versionValue++;
    return lines;
  }

  /** Streamed lines, in the order they came. Returns the first new model line. */
  appendLive(entries: readonly RuntimeEntry[]): number {
    const first = this.linesValue.length;
    const batch = this.newBatch();
    for (const entry of entries) this.addLive(batch, entry);
    this.push(batch);
    return first;
  }

  /** A notice as a line of its own: a limit Vercel hit, lines that could not be read, a gap. */
  appendNotice(text: string, time?: number): number {
    const first = this.linesValue.length;
    const batch = this.newBatch();
    this.addNotice(batch, text, time);
    this.push(batch);
    return first;
  }

  private time(ms: number | undefined): string {
    return ms === undefined ? NO_TIME : this.times.format(ms).trimEnd();
  }

  /** A batch that continues the model: its line and block numbers follow the model's. */
  private newBatch(): Batch {
    return { base: { lines: this.linesValue.length, blocks: this.blocksValue.length }, lines: [], blocks: [], errors: [], frameLines: [] };
  }

  private push(batch: Batch): void {
    // Lines may join the last block without a block of their own; blocks may come without lines (an empty request).
    if (batch.lines.length === 0 && batch.blocks.length === 0) return;
    const hadLines = this.linesValue.length > 0;
    for (const line of batch.lines) this.linesValue.push(line);
    for (const block of batch.blocks) this.blocksValue.push(block);
    for (const error of batch.errors) this.errorsValue.push(error);
    for (const line of batch.frameLines) this.frameLinesValue.push(line);
    if (this.text !== undefined && batch.lines.length > 0) {
      const added = batch.lines.map((l) => l.text).join('\n');
      this.text = hadLines ? `${this.text}\n${added}` : added;
    }
    this.versionValue++;
  }

  /** Where a batch's next line and block will be in the model. */
  private at(batch: Batch): { line: number; block: number } {
    return { line: batch.base.lines + batch.lines.length, block: batch.base.blocks + batch.blocks.length };
  }

  private blockAt(batch: Batch, index: number): Block | undefined {
    return index >= batch.base.blocks ? batch.blocks[index - batch.base.blocks] : this.blocksValue[index];
  }

  private addHistory(batch: Batch, r: HistoryRequest): void {
    if (r.request && (r.request.path !== '' || r.request.method !== '')) {
      const block = this.openRequest(batch, r.request, r.time);
      for (const line of r.lines) this.addMessage(batch, block, line.time, line.level, line.message, line.truncated, true);
      return;
    }
    for (const line of r.lines) {
      const block = this.openLine(batch, line.time ?? r.time);
      this.addMessage(batch, block, line.time ?? r.time, line.level, line.message, line.truncated, false, r.request?.source);
    }
  }

  private addLive(batch: Batch, entry: RuntimeEntry): void {
    const request = entry.request;
    if (!request || (request.path === '' && request.method === '')) {
      if (entry.message === '') return;
      const block = this.openLine(batch, entry.time);
      this.addMessage(batch, block, entry.time, entry.level, entry.message, entry.truncated, false, entry.source);
      return;
    }
    const { block: next } = this.at(batch);
    const last = next > 0 ? this.blockAt(batch, next - 1) : undefined;
    const joins =
      last?.kind === 'request' &&
      last.request !== undefined &&
      requestKey(last.request) === requestKey(request) &&
      (last.request.requestId === undefined || request.requestId === undefined || last.request.requestId === request.requestId) &&
      (entry.time === undefined || last.lastTime === undefined || Math.abs(entry.time - last.lastTime) <= this.joinWithinMs);
    const block = joins ? next - 1 : this.openRequest(batch, request, entry.time);
    if (entry.message !== '') this.addMessage(batch, block, entry.time, entry.level, entry.message, entry.truncated, true);
  }

  private openRequest(batch: Batch, request: RequestInfo, time: number | undefined): number {
    const { line, block } = this.at(batch);
    const status = request.status > 0 ? String(Math.trunc(request.status)).padStart(3) : '---';
    const method = oneLine(request.method === '' ? '-' : request.method, 16);
    const facts = [sourceLabel(request.source), request.durationMs !== undefined && request.durationMs >= 0 ? durationText(request.durationMs) : undefined].filter((f) => f !== undefined && f !== '');
    const text = `${this.time(time)}${GAP}${method.padEnd(METHOD_WIDTH)} ${status} ${oneLine(request.path === '' ? '/' : request.path, 1000)}${facts.length > 0 ? `  (${facts.join(', ')})` : ''}`;
    batch.lines.push({ text, kind: 'request', block, messageColumn: TIME_WIDTH + GAP.length });
    batch.blocks.push({ kind: 'request', startLine: line, endLine: line, request, time, lastTime: time, errors: 0, warnings: 0 });
    return block;
  }

  private openLine(batch: Batch, time: number | undefined): number {
    const { line, block } = this.at(batch);
    batch.blocks.push({ kind: 'line', startLine: line, endLine: line - 1, time, lastTime: time, errors: 0, warnings: 0 });
    return block;
  }

  private addNotice(batch: Batch, text: string, time: number | undefined): void {
    const { line, block } = this.at(batch);
    const prefix = time === undefined ? '' : `${this.time(time)}${GAP}`;
    batch.lines.push({ text: `${prefix}── ${oneLine(text, 1000)}`, kind: 'notice', block, messageColumn: prefix.length + 3 });
    batch.blocks.push({ kind: 'notice', startLine: line, endLine: line, time, lastTime: time, errors: 0, warnings: 0 });
  }

  /** A message's lines under its block: level and first line, then the rest indented to the message. */
  private addMessage(batch: Batch, blockIndex: number, time: number | undefined, level: string, message: string, truncated: boolean, inRequest: boolean, source?: string): void {
    const block = this.blockAt(batch, blockIndex);
    if (!block) return;
    const shown = showMessage(message);
    const levelText = oneLine(level === '' ? 'info' : level, 16);
    const sourceText = !inRequest && source !== undefined && source !== 'serverless' && source !== '' ? `[${sourceLabel(source)}] ` : '';
    const lead = `${this.time(time)}${GAP}${inRequest ? INDENT : ''}${levelText.padEnd(LEVEL_WIDTH)} ${sourceText}`;
    const column = lead.length;
    const pad = ' '.repeat(column);
    const notes: string[] = [];
    if (truncated) notes.push('… [cut short by Vercel]');
    if (shown.omitted) {
      const parts = [shown.omitted.characters > 0 ? `${shown.omitted.characters.toLocaleString('en-US')} characters` : undefined, shown.omitted.lines > 0 ? `${shown.omitted.lines.toLocaleString('en-US')} lines` : undefined];
      notes.push(`… [${parts.filter((p) => p !== undefined).join(' and ')} more not shown]`);
    }
    const { line: first } = this.at(batch);
    const frames: { frame: Frame; line: number }[] = [];
    shown.lines.forEach((text, i) => {
      const last = i === shown.lines.length - 1;
      const body = last && notes.length > 0 ? `${text}${text === '' ? '' : ' '}${notes.join(' ')}` : text;
      const lineFrames = framesIn(text);
      for (const f of lineFrames) {
        // Offsets in the message, moved to the line's.
        (f as { start: number }).start += column;
        (f as { end: number }).end += column;
      }
      const at = first + i;
      const line: ModelLine = { text: `${i === 0 ? lead : pad}${body}`, kind: i === 0 ? 'log' : 'more', block: blockIndex, level, messageColumn: column };
      if (lineFrames.length > 0) (line as { frames?: readonly Frame[] }).frames = lineFrames;
      batch.lines.push(line);
      if (lineFrames.length > 0) {
        batch.frameLines.push(at);
        for (const frame of lineFrames) frames.push({ frame, line: at });
      }
    });
    const lastLine = first + shown.lines.length - 1;
    block.endLine = lastLine;
    if (time !== undefined) block.lastTime = time;
    if (isError(level)) {
      block.errors++;
      batch.errors.push({ line: first, lastLine, block: blockIndex, message: shown.lines[0] ?? '', frames });
    } else if (isWarning(level)) {
      block.warnings++;
    }
  }
}
