/**
 * The steps of a build, found line by line as the log grows: Vercel's phases
 * (cloning, installing, building, deploying outputs), `Running "…"` commands
 * and delimiter events. Pure; no `vscode`.
 */
import type { LogLine, LogStep } from './logTypes';
import { afterPrintedTime } from '../util/timestamps';

interface MutableStep {
  name: string;
  detail?: string;
  kind: 'phase' | 'command' | 'delimiter';
  startLine: number;
  endLine: number;
  failed: boolean;
  children?: MutableStep[];
}

interface Heading {
  readonly name: string;
  readonly kind: MutableStep['kind'];
  readonly detail?: string;
  /** The command a later `Error: Command "…" exited with N` names, for marking this step. */
  readonly command?: string;
}

/** Lines longer than this are not headings; checking only their start keeps the work per line constant. */
const HEADING_MAX = 300;

/**
 * Vercel's phase lines, by the words they start with. The name is what the
 * outline shows; the rest of the line (region, repository, duration) is its
 * detail.
 */
const PHASE_LIST: readonly { readonly pattern: RegExp; readonly name: string }[] = [
  { pattern: /^Running build in\b/, name: 'Running build' },
  { pattern: /^Cloning (?!completed)/, name: 'Cloning' },
  { pattern: /^Retrieving list of deployment files/, name: 'Retrieving deployment files' },
  { pattern: /^Installing dependencies\b/, name: 'Installing dependencies' },
  { pattern: /^Build Completed(?: in\b)?/, name: 'Build Completed' },
  { pattern: /^Deploying outputs\b/, name: 'Deploying outputs' },
  { pattern: /^Deployment completed\b/, name: 'Deployment completed' },
  { pattern: /^Creating build cache\b/, name: 'Creating build cache' },
];

/** The phases by the first letter of their line, so a line is only tried against the few that could match. */
const PHASES = new Map<string, (typeof PHASE_LIST)[number][]>();
for (const phase of PHASE_LIST) {
  const letter = phase.pattern.source.charAt(1);
  PHASES.set(letter, [...(PHASES.get(letter) ?? []), phase]);
}

/** `Running "install" command: `npm ci`...`, `Running "build" command: `vite build`...` (a project's own commands). */
const NAMED_COMMAND = /^Running "([^"]{1,80})" command:?\s*`([^`]{1,200})`/;
/** `Running "vercel build"`, `Running "npm run build"`. */
const RUNNING = /^Running "([^"]{1,200})"/;
/** The line a failed command leaves: `Error: Command "npm run build" exited with 1`. */
const COMMAND_EXITED = /^Error: Command "([^"]{1,200})" exited with (-?\d{1,9})/;

function trimDots(text: string): string {
  return text.replace(/(?:\.\.\.|…)\s*$/, '').trim();
}

/** A step name: the line without its trailing "..." — unless that is all there is (a symbol's name must not be empty). */
function nameOf(text: string): string {
  return trimDots(text) || text.trim();
}

/** What step, if any, a line starts. */
export function headingOf(line: Pick<LogLine, 'text' | 'type'>): Heading | undefined {
  const raw = line.text;
  if (line.type === 'delimiter') {
    const name = nameOf(raw.slice(0, HEADING_MAX));
    return name === '' ? undefined : { name, kind: 'delimiter' };
  }
  if (raw.length > HEADING_MAX) return undefined;
  const skip = afterPrintedTime(raw);
  // Nearly every line starts with a letter no heading starts with: it is let go before any copy or regex.
  if (line.type !== 'command' && raw.charAt(skip) !== 'R' && !PHASES.has(raw.charAt(skip))) return undefined;
  const text = raw.slice(skip).trimEnd();
  if (text === '') return undefined;
  const first = text.charAt(0);
  if (first === 'R') {
    const named = NAMED_COMMAND.exec(text);
    if (named !== null) {
      const [, script = '', command = ''] = named;
      return script === 'install'
        ? { name: 'Installing dependencies', kind: 'phase', detail: command, command }
        : { name: `Running "${command}"`, kind: 'command', command };
    }
    const running = RUNNING.exec(text);
    if (running !== null) {
      const command = running[1] ?? '';
      return { name: `Running "${command}"`, kind: 'command', command };
    }
  }
  if (line.type === 'command') return { name: nameOf(text), kind: 'command', command: nameOf(text) };
  for (const phase of PHASES.get(first) ?? []) {
    const match = phase.pattern.exec(text);
    if (match !== null) {
      const detail = trimDots(text.slice(match[0].length));
      return detail === '' ? { name: phase.name, kind: 'phase' } : { name: phase.name, kind: 'phase', detail };
    }
  }
  return undefined;
}

/** A non-zero exit code an `exit` event carries ("1", "exit code 1"), if any. */
function exitCode(text: string): number | undefined {
  const match = /(-?\d{1,9})\s*$/.exec(text.slice(-40));
  return match === null ? undefined : Number(match[1]);
}

/**
 * Builds steps one line at a time. Delimiters hold the phases and commands
 * that follow them until the next delimiter; without delimiters, phases and
 * commands are top-level steps. A step reaches to the line before the next
 * one starts; the last grows with the log.
 */
export class StepBuilder {
  private readonly top: MutableStep[] = [];
  private delimiter: MutableStep | undefined;
  private current: MutableStep | undefined;
  private readonly byCommand = new Map<string, MutableStep>();
  private readonly parents = new Map<MutableStep, MutableStep>();

  get steps(): readonly LogStep[] {
    return this.top;
  }

  push(line: LogLine, index: number): void {
    const heading = headingOf(line);
    if (heading !== undefined) this.start(heading, index);
    if (this.current !== undefined) this.current.endLine = index;
    if (this.delimiter !== undefined) this.delimiter.endLine = index;
    if (this.isFailure(line)) this.markFailed(this.current);
    const exited = line.text.length <= HEADING_MAX && line.text.includes('Error: Command "') ? COMMAND_EXITED.exec(line.text.slice(afterPrintedTime(line.text))) : null;
    if (exited !== null && Number(exited[2]) !== 0) {
      this.markFailed(this.current);
      this.markFailed(this.byCommand.get(exited[1] ?? ''));
    }
  }

  private start(heading: Heading, index: number): void {
    const open = this.delimiter;
    if (heading.kind !== 'delimiter' && open !== undefined && open.children?.length === 0 && open.name.toLowerCase() === heading.name.toLowerCase()) {
      // A delimiter "Cloning" followed by the line "Cloning github.com/…": one step, not the same name twice.
      if (open.detail === undefined && heading.detail !== undefined) open.detail = heading.detail;
      if (heading.command !== undefined) this.byCommand.set(heading.command, open);
      return;
    }
    const step: MutableStep = { name: heading.name, kind: heading.kind, startLine: index, endLine: index, failed: false };
    if (heading.detail !== undefined) step.detail = heading.detail;
    if (heading.kind === 'delimiter') {
      step.children = [];
      this.top.push(step);
      this.delimiter = step;
    } else if (this.delimiter !== undefined) {
      (this.delimiter.children ??= []).push(step);
      this.parents.set(step, this.delimiter);
    } else {
      this.top.push(step);
    }
    this.current = step;
    if (heading.command !== undefined) this.byCommand.set(heading.command, step);
  }

  private isFailure(line: LogLine): boolean {
    if (line.severity === 'error' || line.type === 'fatal') return true;
    if (line.type === 'exit') {
      const code = exitCode(line.text);
      return code !== undefined && code !== 0;
    }
    return false;
  }

  private markFailed(step: MutableStep | undefined): void {
    if (step === undefined) return;
    step.failed = true;
    // The delimiter holding a failed step failed with it.
    const parent = this.parents.get(step);
    if (parent !== undefined) parent.failed = true;
  }
}

/** The steps of whole lines at once (for tests and one-off use). */
export function buildSteps(lines: readonly LogLine[]): readonly LogStep[] {
  const builder = new StepBuilder();
  lines.forEach((line, index) => builder.push(line, index));
  return builder.steps;
}
