/**
 * What a function printed, made safe to show as plain text in a document:
 * terminal escapes drawn away (util/ansi.ts, as the build logs do), every
 * other control character and the characters that reorder or hide text
 * (bidirectional overrides, zero-width marks) shown as visible marks, and a
 * message of any size cut to what an editor shows well, saying how much was
 * left out. Nothing here is ever interpreted: not as markup, not as a link
 * target, not as a command. Pure; no `vscode`.
 */
import { stripAnsi } from '../util/ansi';

/** Characters a document line shows of one message line; the rest is counted. */
export const MAX_LINE_LENGTH = 2000;
/** Lines a document shows of one message; the rest is counted. */
export const MAX_MESSAGE_LINES = 400;
/** Characters of a message read at all (1 MB messages are cut here before any other work). */
const MAX_MESSAGE_READ = MAX_LINE_LENGTH * MAX_MESSAGE_LINES;

/** C0 controls but tab and newline, DEL, C1; the bidirectional controls and invisible marks that can make text lie about itself. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  // C0 controls have pictures of their own (␀ … ␟), DEL too (␡).
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

export interface ShownMessage {
  /** At least one line; '' for an empty message. */
  readonly lines: readonly string[];
  /** What was left out, if anything (characters or lines), for the last line's note. */
  readonly omitted?: { readonly characters: number; readonly lines: number } | undefined;
}

/** A message as lines fit for the document: escapes drawn, controls visible, size capped. */
export function showMessage(message: string): ShownMessage {
  let text = typeof message === 'string' ? message : String(message);
  let omittedCharacters = 0;
  if (text.length > MAX_MESSAGE_READ) {
    omittedCharacters += text.length - MAX_MESSAGE_READ;
    text = text.slice(0, MAX_MESSAGE_READ);
  }
  // A trailing newline (console.log's) ends the message, it does not add an empty line.
  const raw = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  let omittedLines = 0;
  if (raw.length > MAX_MESSAGE_LINES) {
    omittedLines = raw.length - MAX_MESSAGE_LINES;
    raw.length = MAX_MESSAGE_LINES;
  }
  const lines = raw.map((line) => {
    let shown = stripAnsi(line).replace(/\t/g, '    ').replace(UNSAFE, visible);
    if (shown.length > MAX_LINE_LENGTH) {
      omittedCharacters += shown.length - MAX_LINE_LENGTH;
      shown = shown.slice(0, MAX_LINE_LENGTH);
    }
    return shown;
  });
  return omittedCharacters > 0 || omittedLines > 0 ? { lines, omitted: { characters: omittedCharacters, lines: omittedLines } } : { lines };
}

/** A short value (a path, a method, a level) on one line: controls visible, at most `max` characters. */
export function oneLine(value: string, max = 512): string {
  const text = stripAnsi(String(value).replace(/[\r\n]+/g, ' ')).replace(/\t/g, ' ').replace(UNSAFE, visible);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
