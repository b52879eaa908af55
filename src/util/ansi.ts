/**
 * Terminal escapes in what builds and functions print (build logs, runtime
 * logs): what a line looks like once a terminal has drawn it, and whether it
 * was drawn red or yellow. Pure; no `vscode`.
 */

/** The colours that mean something: red and yellow. */
export type Severity = 'error' | 'warning';

const ESC = 0x1b;
const BEL = 0x07;
const BS = 0x08;
const TAB = 0x09;
const CR = 0x0d;
const DEL = 0x7f;
const C1_DCS = 0x90;
const C1_SOS = 0x98;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;
const C1_OSC = 0x9d;
const C1_PM = 0x9e;
const C1_APC = 0x9f;

/** Anything stripAnsi would change; most build lines have none, and skip all the work. */
const NEEDS_WORK = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

/** Numbers in escape parameters are capped: nobody moves a cursor a billion columns, and the cap keeps arithmetic exact. */
const PARAM_CAP = 100_000;

/**
 * The line as a terminal shows it: a carriage return or a cursor move back
 * lets later text overwrite earlier text (progress bars print "10%\r100%"),
 * while colours only change how it looks. Each character is written at most
 * once and the screen turns into an array only when something is overwritten,
 * so the work stays linear.
 */
class Line {
  private text = '';
  private cells: string[] | undefined;
  private cursor = 0;

  private get length(): number {
    return this.cells === undefined ? this.text.length : this.cells.length;
  }

  write(run: string): void {
    if (run.length === 0) return;
    if (this.cells === undefined) {
      if (this.cursor === this.text.length) {
        this.text += run;
        this.cursor += run.length;
        return;
      }
      this.cells = this.text.split('');
      this.text = '';
    }
    const cells = this.cells;
    for (let i = 0; i < run.length; i++) cells[this.cursor++] = run.charAt(i);
  }

  toStart(): void {
    this.cursor = 0;
  }

  to(column: number): void {
    this.cursor = Math.max(0, Math.min(column, this.length));
  }

  by(delta: number): void {
    this.to(this.cursor + delta);
  }

  eraseToEnd(): void {
    if (this.cells !== undefined) this.cells.length = Math.min(this.cells.length, this.cursor);
    else this.text = this.text.slice(0, this.cursor);
  }

  clear(): void {
    this.text = '';
    this.cells = undefined;
    this.cursor = 0;
  }

  toString(): string {
    return this.cells === undefined ? this.text : this.cells.join('');
  }
}

function isParam(c: number): boolean {
  return c >= 0x30 && c <= 0x3f;
}
function isIntermediate(c: number): boolean {
  return c >= 0x20 && c <= 0x2f;
}
function isFinal(c: number): boolean {
  return c >= 0x40 && c <= 0x7e;
}

/** Where a control string (OSC, DCS, SOS, PM, APC) that starts at `from` ends: after BEL, ESC \ or C1 ST; at a line break or the end when it is never terminated. */
function skipControlString(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BEL || c === C1_ST) return i + 1;
    if (c === ESC) return text.charCodeAt(i + 1) === 0x5c ? i + 2 : i;
    if (c === 0x0a || c === CR) return i;
  }
  return text.length;
}

interface Csi {
  /** Index after the sequence (or after the part read before it broke off). */
  readonly end: number;
  /** Final byte, or 0 when the sequence broke off. */
  readonly final: number;
  readonly params: string;
}

/** Reads a CSI body starting at `from` (after ESC [ or C1 CSI). A character that cannot be part of one ends it unfinished, and is not swallowed. */
function readCsi(text: string, from: number): Csi {
  let i = from;
  while (i < text.length && isParam(text.charCodeAt(i))) i++;
  const params = text.slice(from, i);
  while (i < text.length && isIntermediate(text.charCodeAt(i))) i++;
  if (i < text.length && isFinal(text.charCodeAt(i))) return { end: i + 1, final: text.charCodeAt(i), params };
  return { end: i, final: 0, params };
}

/** The first numeric parameter, or `fallback` when absent. */
function firstParam(params: string, fallback: number): number {
  let value = 0;
  let digits = 0;
  for (let i = 0; i < params.length; i++) {
    const c = params.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (value < PARAM_CAP) value = value * 10 + (c - 0x30);
    digits++;
  }
  return digits === 0 ? fallback : Math.min(value, PARAM_CAP);
}

/**
 * Removes every escape sequence (CSI incl. SGR, OSC terminated by BEL or ST,
 * other ESC x, C1 controls) and other control characters except \t. Linear
 * time. Never throws. Meant for one line: a line break is a control character
 * too, so split text into lines first. Carriage returns, backspaces and
 * cursor moves along the line overwrite as a terminal would.
 */
export function stripAnsi(text: string): string {
  if (typeof text !== 'string') return '';
  if (!NEEDS_WORK.test(text)) return text;
  const line = new Line();
  let runStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const isControl = c < 0x20 ? c !== TAB : c >= DEL && c <= C1_APC;
    if (!isControl) {
      i++;
      continue;
    }
    if (i > runStart) line.write(text.slice(runStart, i));
    let next = i + 1;
    let csiFrom = -1;
    let stringFrom = -1;
    if (c === ESC) {
      const d = text.charCodeAt(i + 1);
      if (d === 0x5b) csiFrom = i + 2;
      else if (d === 0x5d || d === 0x50 || d === 0x58 || d === 0x5e || d === 0x5f) stringFrom = i + 2;
      else if (isIntermediate(d)) {
        // nF: ESC, intermediates, then one final byte (ESC ( B selects a charset).
        let j = i + 1;
        while (j < text.length && isIntermediate(text.charCodeAt(j))) j++;
        const f = text.charCodeAt(j);
        next = f >= 0x30 && f <= 0x7e ? j + 1 : j;
      } else if (d >= 0x30 && d <= 0x7e) next = i + 2; // ESC 7, ESC M, ESC c …
      // else: a bare ESC, dropped alone.
    } else if (c === C1_CSI) csiFrom = i + 1;
    else if (c === C1_OSC || c === C1_DCS || c === C1_SOS || c === C1_PM || c === C1_APC) stringFrom = i + 1;
    else if (c === CR) line.toStart();
    else if (c === BS) line.by(-1);

    if (csiFrom >= 0) {
      const csi = readCsi(text, csiFrom);
      next = csi.end;
      switch (csi.final) {
        case 0x4b: {
          // K: erase in line. 1 (start to cursor) would leave blanks; showing the text is kinder.
          const mode = firstParam(csi.params, 0);
          if (mode === 0) line.eraseToEnd();
          else if (mode === 2) line.clear();
          break;
        }
        case 0x47: // G: cursor to column
        case 0x60: // `: same
          line.to(firstParam(csi.params, 1) - 1);
          break;
        case 0x43: // C: forward
          line.by(Math.max(1, firstParam(csi.params, 1)));
          break;
        case 0x44: // D: back
          line.by(-Math.max(1, firstParam(csi.params, 1)));
          break;
        default:
          break;
      }
    } else if (stringFrom >= 0) {
      next = skipControlString(text, stringFrom);
    }
    i = next;
    runStart = next;
  }
  if (text.length > runStart) line.write(text.slice(runStart));
  return line.toString();
}

type Colour = 'red' | 'yellow' | undefined;

/** The 256-colour palette: 1/9 and the reddish corner of the 6×6×6 cube are red; 3/11 and its yellow corner are yellow. */
function paletteColour(n: number): Colour {
  if (n === 1 || n === 9) return 'red';
  if (n === 3 || n === 11) return 'yellow';
  if (n >= 16 && n <= 231) {
    const v = n - 16;
    return rgbColour(Math.floor(v / 36) * 51, Math.floor((v % 36) / 6) * 51, (v % 6) * 51);
  }
  return undefined;
}

function rgbColour(r: number, g: number, b: number): Colour {
  if (r >= 150 && b <= 110) {
    if (g <= 100) return 'red';
    if (g >= 140) return 'yellow';
  }
  return undefined;
}

/** Applies one SGR sequence's parameters (separated by ; or :) to the current foreground/background. */
function applySgr(params: string, state: { fg: Colour; bg: Colour }): void {
  const parts = params.length === 0 ? ['0'] : params.split(/[;:]/);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] === '' ? 0 : Number(parts[k]);
    if (p === 0) {
      state.fg = undefined;
      state.bg = undefined;
    } else if (p === 39) state.fg = undefined;
    else if (p === 49) state.bg = undefined;
    else if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) state.fg = p % 10 === 1 ? 'red' : p % 10 === 3 ? 'yellow' : undefined;
    else if ((p >= 40 && p <= 47) || (p >= 100 && p <= 107)) state.bg = p % 10 === 1 ? 'red' : p % 10 === 3 ? 'yellow' : undefined;
    else if (p === 38 || p === 48) {
      const mode = Number(parts[k + 1]);
      let colour: Colour;
      if (mode === 5) {
        colour = paletteColour(Number(parts[k + 2]));
        k += 2;
      } else if (mode === 2) {
        colour = rgbColour(Number(parts[k + 2]), Number(parts[k + 3]), Number(parts[k + 4]));
        k += 4;
      } else k += 1;
      if (p === 38) state.fg = colour;
      else state.bg = colour;
    }
  }
}

/**
 * An SGR that may set red or yellow (31/33/91/93, their backgrounds, or a 256-colour/RGB colour). It may
 * also match other codes (the digits of 131): it only decides whether the exact walk below is worth doing.
 */
const MAY_COLOUR = /(?:\x1b\[|\x9b)[0-9;:]*(?:3[13]|9[13]|4[13]|10[13]|[34]8[;:])/;

const ERROR_WORDS = /err|fail|fatal|exception|cannot|can't|could not|not found|invalid|[✘✖×⨯]/i;
const WARNING_WORDS = /warn|deprecat|[⚠▲]/i;

/**
 * 'error' when the visible text is coloured red (SGR 31/91, 38;5;1/9, 38;2
 * reddish, or a red background), 'warning' for yellow (33/93, 38;5;3/11 …),
 * else undefined. "Coloured" means most of the visible characters, or a
 * coloured word that says error/warning: tools also colour numbers (Next.js
 * prints large page sizes red), and that does not make a line an error.
 */
export function ansiSeverity(text: string): Severity | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.indexOf('\x1b') < 0 && text.indexOf('\x9b') < 0) return undefined;
  if (!MAY_COLOUR.test(text)) return undefined;
  const state: { fg: Colour; bg: Colour } = { fg: undefined, bg: undefined };
  let visible = 0;
  let red = 0;
  let yellow = 0;
  let redText = '';
  let yellowText = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const csiFrom = c === ESC && text.charCodeAt(i + 1) === 0x5b ? i + 2 : c === C1_CSI ? i + 1 : -1;
    if (csiFrom >= 0) {
      const csi = readCsi(text, csiFrom);
      if (csi.final === 0x6d) applySgr(csi.params, state);
      i = Math.max(csi.end, i + 1);
      continue;
    }
    if (c === ESC || c === C1_OSC) {
      const d = text.charCodeAt(i + 1);
      i = c === C1_OSC ? skipControlString(text, i + 1) : d === 0x5d ? skipControlString(text, i + 2) : i + 2;
      continue;
    }
    if (c > 0x20 && !(c >= DEL && c <= C1_APC)) {
      visible++;
      const colour = state.fg ?? state.bg;
      if (colour === 'red') {
        red++;
        if (redText.length < 200) redText += text.charAt(i);
      } else if (colour === 'yellow') {
        yellow++;
        if (yellowText.length < 200) yellowText += text.charAt(i);
      }
    } else if (c === 0x20) {
      if (state.fg === 'red' && redText.length < 200) redText += ' ';
      if (state.fg === 'yellow' && yellowText.length < 200) yellowText += ' ';
    }
    i++;
  }
  if (red > 0 && (red * 2 >= visible || ERROR_WORDS.test(redText))) return 'error';
  if (yellow > 0 && (yellow * 2 >= visible || WARNING_WORDS.test(yellowText))) return 'warning';
  return undefined;
}
