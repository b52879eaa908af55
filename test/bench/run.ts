/**
 * `npm run bench`: measures size, start-up, parsing, request cost, panel
 * rendering, cancel round trips, build and runtime logs, side by side with
 * the obvious alternative, and prints one table.
 *
 *   npm run bench -- [--out bench-results/latest.json] [--md BENCHMARKS.md] [--only 1,3] [--quick] [--skip-vscode] [--keep]
 *
 *   --out          also write the table as JSON
 *   --md           also write the table, machine and notes as a Markdown document
 *   --only         run only these rows (1–9)
 *   --quick        fewer samples: a smoke run, not figures to quote
 *   --skip-vscode  leave out the activation time in a real VS Code (code-server), the slowest figure
 *   --keep         keep the scratch directory (bundles, .vsix, code-server logs)
 *
 * Targets are reported, never enforced: the exit code is non-zero only when a
 * benchmark itself breaks.
 *
 * BENCH_COMMIT=<text> names the measured source when the run is on an
 * exported snapshot without .git (e.g. HEAD while the work tree is mid-edit).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify, parseArgs } from 'node:util';
import { actionsRow } from './actions';
import { bundleRow } from './bundle';
import { cancelRow } from './cancel';
import { deployRow } from './deploy';
import { logsRow } from './logs';
import { logsVscodeRow } from './logsVscode';
import { createContext, repoRoot, type BenchContext } from './context';
import { panelRow } from './panel';
import { brokenRows, machine, markdownNotes, markdownTable, textTable, type Line, type Report, type RowResult } from './report';
import { requestsRow } from './requests';
import { environmentRow } from './environment';
import { runtimeLogsRow } from './runtimeLogs';
import { runtimeLogsVscodeRow } from './runtimeLogsVscode';
import { startupRow } from './startup';
import { validationRow } from './validation';
import { vscodeActivationRow, vscodeWebActivationRow } from './vscodeActivation';

interface RowSpec {
  readonly row: number;
  readonly title: string;
  readonly run: (ctx: BenchContext) => Promise<Line[]>;
  /** Skipped with --skip-<this>. */
  readonly optional?: 'vscode';
}

const ROWS: readonly RowSpec[] = [
  { row: 1, title: 'Bundle', run: bundleRow },
  { row: 2, title: 'Start-up', run: startupRow },
  // Its own entry, so a hiccup of the real VS Code cannot take the shim's figures with it.
  { row: 2, title: 'Start-up in VS Code', run: vscodeActivationRow, optional: 'vscode' },
  { row: 2, title: 'Start-up in the browser', run: vscodeWebActivationRow, optional: 'vscode' },
  { row: 3, title: 'Validation', run: validationRow },
  { row: 4, title: 'Request cost', run: requestsRow },
  { row: 5, title: 'Panel', run: panelRow },
  { row: 6, title: 'Cancel', run: cancelRow },
  { row: 7, title: 'Build logs', run: logsRow },
  { row: 7, title: 'Build logs in VS Code', run: logsVscodeRow, optional: 'vscode' },
  { row: 8, title: 'Lifecycle actions', run: actionsRow },
  { row: 9, title: 'Deploy', run: deployRow },
  { row: 10, title: 'Environment variables', run: environmentRow },
  { row: 11, title: 'Runtime logs', run: runtimeLogsRow },
  { row: 11, title: 'Runtime logs in VS Code', run: runtimeLogsVscodeRow, optional: 'vscode' },
];

const exec = promisify(execFile);

async function commit(): Promise<string> {
  // A run on an exported snapshot (`git archive`, no .git) names what it was exported from.
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const head = (await exec('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot })).stdout.trim();
    const dirty = (await exec('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot })).stdout.trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

async function chromiumVersion(): Promise<string | undefined> {
  try {
    return (await exec(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { timeout: 30_000 })).stdout.trim();
  } catch {
    return undefined;
  }
}

function parseRows(text: string | undefined): Set<number> {
  if (text === undefined) return new Set(ROWS.map((r) => r.row));
  const rows = new Set(text.split(',').map((s) => Number(s.trim())));
  for (const r of rows) {
    if (!ROWS.some((spec) => spec.row === r)) throw new Error(`--only: there is no row "${r}" (1–${Math.max(...ROWS.map((spec) => spec.row))})`);
  }
  return rows;
}

/** The lines that missed their target, pointing at the notes that say where the cost goes. */
function missed(report: Report): string {
  const lines = report.rows.flatMap((row) => row.lines.filter((l) => l.met === false));
  const failed = report.rows.flatMap((row) => row.lines.filter((l) => l.error !== undefined));
  const broken = report.rows.filter((row) => row.error !== undefined);
  if (lines.length === 0 && failed.length === 0 && broken.length === 0) return 'Every target was met.\n\n';
  const items = [
    ...lines.map((l) => `- **${l.id}** ${l.label}: ${l.value}, target ${l.target ?? '—'} (see its note below).`),
    ...failed.map((l) => `- **${l.id}** ${l.label} could not be measured: ${l.error ?? ''}`),
    ...broken.map((row) => `- Row ${row.row} (${row.title}) broke: ${row.error ?? ''}`),
  ];
  return `## Missed targets and failures\n\n${items.join('\n')}\n\n`;
}

export function benchmarksMarkdown(report: Report): string {
  const m = report.machine;
  return `# Benchmarks

The figures of the latest \`npm run bench\`, written by \`npm run bench -- --md BENCHMARKS.md\`.
Every figure is a median over repeated runs; every comparison was measured in
the same run, the contenders alternating. Targets are the issue's; a miss is
reported, never enforced (CI runs the tests, not the benchmarks).${report.quick ? '\n\n**Quick run (`--quick`): fewer samples, not figures to quote.**' : ''}

- Date: ${m.date}
- Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, ${m.os}; load average ${m.load.join(' / ')} (1 / 5 / 15 min) when the run began
- Node ${m.node}${m.chromium ? `; ${m.chromium}` : ''}
- Commit: ${m.commit}
- Whole run: ${Math.round(report.seconds)} s

${markdownTable(report)}

${missed(report)}## How each figure was measured

${markdownNotes(report)}

## Running it

\`\`\`sh
npm run bench                                  # the table on stdout
npm run bench -- --out bench-results/latest.json --md BENCHMARKS.md
npm run bench -- --only 3,5 --quick            # a few rows, fewer samples
npm run bench -- --skip-vscode                 # without the real VS Code (code-server) activation
BENCH_COMMIT="abc1234 (snapshot)" npx tsx test/bench/run.ts --md BENCHMARKS.md   # on an exported tree without .git
\`\`\`

Needs the dev dependencies and Debian's Chromium at /usr/bin/chromium (or
\`CHROMIUM_PATH\`); the run makes its own production build (dist/ and
media/dist). Line 2b also needs the offline VS Code runtime that
\`npm run test:integration\` provisions, and says "not measured" without it.
No network: the Vercel API is the local emulator (test/emulator).
`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      md: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'skip-vscode': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const wanted = parseRows(values.only);
  const quick = values.quick === true;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vercel-deployments-bench-'));
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
  const ctx = createContext(tmp, quick, log);
  const load = os.loadavg();
  // A promise a benchmark forgot would otherwise end the run without a table.
  const escaped: string[] = [];
  process.on('unhandledRejection', (reason) => {
    const message = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    escaped.push(message.split('\n')[0] ?? message);
    log(`unhandled rejection: ${message}`);
  });

  const rows: RowResult[] = [];
  try {
    for (const spec of ROWS.filter((r) => wanted.has(r.row) && !(r.optional === 'vscode' && values['skip-vscode'] === true))) {
      log(`row ${spec.row}: ${spec.title}`);
      const t0 = performance.now();
      try {
        const lines = await spec.run(ctx);
        rows.push({ row: spec.row, title: spec.title, lines, seconds: (performance.now() - t0) / 1000 });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`row ${spec.row} BROKE: ${error instanceof Error ? (error.stack ?? message) : message}`);
        rows.push({ row: spec.row, title: spec.title, lines: [], error: message.split('\n').slice(0, 3).join(' '), seconds: (performance.now() - t0) / 1000 });
      }
    }
  } finally {
    if (values.keep === true) log(`scratch kept in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  const report: Report = {
    machine: machine(await commit(), load, await chromiumVersion()),
    rows,
    seconds: (performance.now() - started) / 1000,
    quick,
  };
  process.stdout.write(`\n${textTable(report)}\n`);
  if (values.out !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${values.out}`);
  }
  if (values.md !== undefined) {
    fs.writeFileSync(values.md, benchmarksMarkdown(report));
    log(`wrote ${values.md}`);
  }
  const broken = brokenRows(report);
  if (broken.length > 0) log(`${broken.length} benchmark(s) broke: ${broken.map((r) => r.row).join(', ')}`);
  if (escaped.length > 0) log(`${escaped.length} unhandled rejection(s): ${escaped.join('; ')}`);
  return broken.length > 0 || escaped.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
