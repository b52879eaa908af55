/**
 * The benchmark's one table: a line per measured figure, grouped by the six
 * rows of the issue, each with its target and, where one exists, the
 * alternative it was measured against in the same run. Targets are reported,
 * never enforced: a miss is information, only a benchmark that breaks fails.
 */
import * as os from 'node:os';

export interface Line {
  /** "1a", "1b", … */
  readonly id: string;
  readonly label: string;
  /** The figure as a person reads it. */
  readonly value: string;
  /** The figure as a number, for the JSON; null when there is none. */
  readonly raw: number | null;
  readonly unit: string;
  /** e.g. "≤ 150 KB"; absent when the issue sets none. */
  readonly target?: string;
  /** Whether the target was met; absent without a target. */
  readonly met?: boolean;
  /** The alternative measured in the same run, and the ratio. */
  readonly comparison?: string;
  /** How it was measured, samples, spread, caveats. */
  readonly note?: string;
  /** Set when this figure could not be measured: the run then exits non-zero. */
  readonly error?: string;
}

export interface RowResult {
  readonly row: number;
  readonly title: string;
  readonly lines: readonly Line[];
  /** Set when the benchmark itself broke. */
  readonly error?: string;
  readonly seconds: number;
}

export interface Machine {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memory: string;
  readonly node: string;
  readonly os: string;
  readonly commit: string;
  readonly chromium?: string;
  /** 1-, 5- and 15-minute load averages when the run began: how shared the machine was. */
  readonly load: readonly number[];
}

/** Rows that broke, or hold a figure that could not be measured. */
export function brokenRows(report: Pick<Report, 'rows'>): RowResult[] {
  return report.rows.filter((row) => row.error !== undefined || row.lines.some((line) => line.error !== undefined));
}

export interface Report {
  readonly machine: Machine;
  readonly rows: readonly RowResult[];
  readonly seconds: number;
  readonly quick: boolean;
}

export function machine(commit: string, load: readonly number[], chromium?: string): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toString(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit,
    load: load.map((l) => Math.round(l * 100) / 100),
    ...(chromium !== undefined ? { chromium } : {}),
  };
}

function marker(line: Line): string {
  if (line.error !== undefined) return 'ERROR';
  if (line.met === undefined) return '';
  return line.met ? 'ok' : 'MISS';
}

const HEADERS = ['#', 'Measure', 'Value', 'Target', '', 'Compared with (same run)'] as const;

function cells(line: Line): string[] {
  return [line.id, line.label, line.value, line.target ?? '—', marker(line), line.comparison ?? '—'];
}

function errorLine(row: RowResult): string[] {
  return [`${row.row}`, `${row.title}: BROKE`, '—', '—', 'ERROR', row.error ?? ''];
}

function allCells(report: Report): string[][] {
  const out: string[][] = [];
  for (const row of report.rows) {
    for (const line of row.lines) out.push(cells(line));
    if (row.error !== undefined) out.push(errorLine(row));
  }
  return out;
}

/** Fixed-width text for a terminal. */
export function textTable(report: Report): string {
  const rows = allCells(report);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = report.rows.flatMap((row) => row.lines.filter((l) => l.note !== undefined).map((l) => `  ${l.id}  ${l.note}`));
  const m = report.machine;
  const about = `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memory} · Node ${m.node} · load ${m.load.join(' / ')} · ${m.commit}${report.quick ? ' · QUICK RUN' : ''}`;
  return [fmt(HEADERS), rule, ...rows.map(fmt), '', 'Notes:', ...notes, '', about].join('\n');
}

function md(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function markdownTable(report: Report): string {
  const head = `| ${HEADERS.map((h) => (h === '' ? ' ' : h)).join(' | ')} |`;
  const rule = `|${HEADERS.map(() => '---').join('|')}|`;
  const body = allCells(report).map((r) => `| ${r.map(md).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export function markdownNotes(report: Report): string {
  return report.rows
    .flatMap((row) => row.lines.filter((l) => l.note !== undefined).map((l) => `- **${l.id}** ${md(l.note ?? '')}`))
    .join('\n');
}
