/**
 * Source maps (version 3), read only as far as one question needs: where in
 * the sources a position of the built file comes from. The mappings are
 * decoded up to the line asked for (every field is relative to the one
 * before, so there is no skipping ahead) and no further. Whatever the map
 * says is untrusted: a malformed map answers nothing, it never throws.
 * Pure; no `vscode`, no Node modules.
 */

export interface SourceMap {
  readonly sources: readonly string[];
  readonly sourceRoot?: string | undefined;
  readonly mappings: string;
}

export interface OriginalPosition {
  readonly source: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** Maps this large are not read: a map that size is not the workspace's own build. */
export const MAX_SOURCE_MAP_LENGTH = 20 * 1024 * 1024;

/** A map from its JSON text, or undefined when it is not one (an index map with sections is not read). */
export function parseSourceMap(text: string): SourceMap | undefined {
  if (typeof text !== 'string' || text.length > MAX_SOURCE_MAP_LENGTH) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o['mappings'] !== 'string' || !Array.isArray(o['sources'])) return undefined;
  const sources = (o['sources'] as unknown[]).map((s) => (typeof s === 'string' ? s : ''));
  return { sources, mappings: o['mappings'], sourceRoot: typeof o['sourceRoot'] === 'string' ? o['sourceRoot'] : undefined };
}

const BASE64 = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (BASE64[c.charCodeAt(0)] = i));

/** Decodes one segment's VLQ fields; undefined when malformed. */
function decodeSegment(text: string, from: number, to: number): number[] | undefined {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (BASE64[code] ?? -1) : -1;
    if (digit < 0 || shift > 30) return undefined;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return shift === 0 && fields.length > 0 ? fields : undefined;
}

/**
 * Where the built file's `line`:`column` (1-based, as a stack frame prints
 * them) comes from: the segment at or before that column on that line.
 */
export function originalPosition(map: SourceMap, line: number, column: number): OriginalPosition | undefined {
  if (!Number.isInteger(line) || line < 1 || !Number.isFinite(column)) return undefined;
  const text = map.mappings;
  const target = column - 1;
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let at = 0;
  for (let generatedLine = 1; at <= text.length; generatedLine++) {
    let end = text.indexOf(';', at);
    if (end < 0) end = text.length;
    let generatedColumn = 0;
    let best: OriginalPosition | undefined;
    let from = at;
    while (from < end) {
      let comma = text.indexOf(',', from);
      if (comma < 0 || comma > end) comma = end;
      if (comma > from) {
        const fields = decodeSegment(text, from, comma);
        if (!fields) return undefined;
        generatedColumn += fields[0] ?? 0;
        if (fields.length >= 4) {
          source += fields[1] ?? 0;
          originalLine += fields[2] ?? 0;
          originalColumn += fields[3] ?? 0;
          if (generatedLine === line && generatedColumn <= target) {
            const name = map.sources[source];
            if (name !== undefined && name !== '' && originalLine >= 0 && originalColumn >= 0) best = { source: name, line: originalLine + 1, column: originalColumn + 1 };
          }
        }
      }
      from = comma + 1;
    }
    if (generatedLine === line) return best;
    if (end >= text.length) return undefined;
    at = end + 1;
  }
  return undefined;
}
