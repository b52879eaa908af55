/**
 * Newline-delimited JSON as Vercel streams it (build events, runtime logs):
 * one value per line, in chunks that split lines, characters and UTF-8
 * sequences anywhere. Blank lines are keep-alives and say nothing; a line
 * that is not JSON, or longer than anyone prints, is reported as such and
 * the stream goes on. Free of `vscode` and of Node's modules: it runs in the
 * extension host, a browser's worker and plain Node (the unit tests).
 */

export type NdjsonItem =
  | { readonly kind: 'value'; readonly value: unknown }
  /** `json`: the line is not JSON; `tooLong`: it passed the limit (its text is not kept). */
  | { readonly kind: 'invalid'; readonly reason: 'json' | 'tooLong'; readonly length: number };

export interface NdjsonOptions {
  /**
   * Characters a line may have; a longer one is skipped to its end and
   * reported once, instead of growing without bound. Default 32 MiB, far
   * more than a log line Vercel truncates.
   */
  readonly maxLineLength?: number;
}

const DEFAULT_MAX_LINE = 32 * 1024 * 1024;

/** The body's chunks, read with a reader: async iteration of a ReadableStream is not in every host. */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Left early (the caller stopped reading): let the server know, and free the connection.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * The values of an NDJSON body, line by line as they complete. Invalid UTF-8
 * becomes U+FFFD (the text stays text); a trailing line without a newline
 * counts when the body ends.
 */
export async function* readNdjson(chunks: AsyncIterable<Uint8Array>, options: NdjsonOptions = {}): AsyncGenerator<NdjsonItem> {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let buffer = '';
  /** Inside a line that passed the limit: everything up to its newline is dropped. */
  let skipping = 0;
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      if (skipping > 0) {
        yield { kind: 'invalid', reason: 'tooLong', length: skipping + newline - start };
        skipping = 0;
      } else {
        const item = itemOf(buffer.slice(start, newline));
        if (item) yield item;
      }
      start = newline + 1;
      newline = buffer.indexOf('\n', start);
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
    if (buffer.length > max) {
      skipping += buffer.length;
      buffer = '';
    }
  }
  buffer += decoder.decode();
  if (skipping > 0) {
    yield { kind: 'invalid', reason: 'tooLong', length: skipping + buffer.length };
    return;
  }
  const last = itemOf(buffer);
  if (last) yield last;
}

/** One line's value; undefined for a keep-alive (blank). */
function itemOf(line: string): NdjsonItem | undefined {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() === '') return undefined;
  try {
    return { kind: 'value', value: JSON.parse(text) };
  } catch {
    return { kind: 'invalid', reason: 'json', length: text.length };
  }
}
