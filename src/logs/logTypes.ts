/**
 * What a build log is made of once read: its events, lines, steps and the
 * problems found in them. Types only, so the parsers (ansi, steps, problems)
 * and the model that drives them all read them from here.
 */
export type Severity = 'error' | 'warning';

/** One normalized event: both API shapes (flat {text, info, level} and wrapped {payload: {text, info, …}}). */
export interface LogEntry {
  /** id ?? serial ?? `${created}:${type}:${text}`: for dedupe across reconnects. */
  readonly key: string;
  /** ms */
  readonly created: number;
  readonly serial?: string;
  /** 'stdout' | 'stderr' | 'command' | 'delimiter' | 'exit' | 'deployment-state' | 'fatal' | unknown kept as is */
  readonly type: string;
  /** ANSI stripped; text split on \r?\n (a trailing empty line dropped); '' text → [''] */
  readonly lines: readonly string[];
  /** From level, stderr-with-error-ish text, ANSI red/yellow, type 'fatal'. */
  readonly severity?: Severity;
  /** Per line, when lines differ (one red line in a multi-line event); absent when every line has `severity`. */
  readonly lineSeverities?: readonly (Severity | undefined)[];
}

export interface LogLine {
  /** Without timestamp prefix. */
  readonly text: string;
  readonly created: number;
  readonly type: string;
  readonly severity?: Severity;
}

export interface LogStep {
  /** "Cloning", "Installing dependencies", 'Running "npm run build"', delimiter text, "Deploying outputs" … */
  readonly name: string;
  /** The rest of the step's first line when the name shortens it (region, repository, duration). */
  readonly detail?: string;
  readonly kind: 'phase' | 'command' | 'delimiter';
  /** 0-based line index in the model (= document line). */
  readonly startLine: number;
  /** Inclusive; the last step grows as lines arrive. */
  readonly endLine: number;
  /** Holds an error line, a fatal event, a non-zero exit, or the final 'Error: Command "…" exited with N'. */
  readonly failed: boolean;
  /** Commands and phases inside a delimiter. */
  readonly children?: readonly LogStep[];
}

export interface BuildProblem {
  /** As printed: './app/page.tsx', 'src/index.ts', '/vercel/path0/app/page.tsx'. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based; 1 when the tool gave none. */
  readonly column: number;
  /** 1-based, like line/column; the end position is exclusive (the character after the range). */
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: Severity;
  /** The tool's message (first line), e.g. "Type error: Property 'total' does not exist on type 'Cart'." */
  readonly message: string;
  /** 'TS2339', an ESLint rule id, … */
  readonly code?: string;
  readonly tool: 'next' | 'tsc' | 'eslint' | 'vite' | 'esbuild' | 'webpack';
  /** Model line where the problem is reported (for the related-information link). */
  readonly logLine: number;
  /**
   * Only when the tool printed no line: the import specifier the message names ('./Foo'), to look for in the
   * file (see locateInSource in problems.ts) so the problem sits on the import rather than on line 1.
   */
  readonly search?: string;
}
