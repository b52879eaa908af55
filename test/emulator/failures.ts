/**
 * The failures a seeded build can end in: one table, each row with what the
 * failing tool prints, the error line Vercel ends the log with, and the
 * `errorCode`/`errorMessage` Vercel reports on the deployment for it. The log
 * and the deployment are both made from the same row, so a tooltip or the
 * details header never tells another story than the log and its problems.
 *
 * What Vercel reports (its build-utils and static-build, as the CLI prints
 * them): a build command that exits non-zero is `BUILD_UTILS_SPAWN_<code>`
 * with `Command "npm run build" exited with <code>` (which is why the
 * dashboard's message for a type error names no file: the file is in the
 * log); a build that leaves no output directory is `STATIC_BUILD_NO_OUT_DIR`
 * with `No Output Directory named "…" found after the Build completed. …`.
 * Either way the log's last error is `Error: <errorMessage>`.
 *
 * The files and lines the tools name are real lines of the demo workspace
 * (test/fixtures/demo-workspace), found by their text, so a problem matcher
 * pointed at that tree lands on code that explains the error.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DeploymentRecord } from './data';
import { bold, cyan, err, gray, green, magenta, red, RESET, yellow, type LogLine } from './logText';
import { Prng } from './prng';

/** The small Next.js-like project whose files the logs name; `npm start` and the integration suite open a copy. */
export const DEMO_WORKSPACE = path.resolve(__dirname, '..', 'fixtures', 'demo-workspace');

/** Tools whose own output a failed `npm run build` shows. */
export const FAILURES = ['next-type-error', 'next-module-not-found', 'next-eslint', 'tsc', 'vite', 'esbuild', 'webpack'] as const;
export type Failure = (typeof FAILURES)[number];
/** Every row of the table: the tools, and a build that succeeds but leaves no output directory. */
export const FAILURE_KINDS = [...FAILURES, 'no-output-directory'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** How often a failed build is a missing output directory rather than a failing tool. */
const NO_OUTPUT_SHARE = 0.12;
/** Codes that mean a missing output directory: Vercel's, and the one this emulator used to give. */
const NO_OUTPUT_CODES: readonly string[] = ['STATIC_BUILD_NO_OUT_DIR', 'NO_OUTPUT_DIRECTORY'];

export interface ErrorReport {
  errorCode: string;
  errorMessage: string;
}

export interface SeededFailure extends ErrorReport {
  /** The `build` script `npm run build` runs. */
  script: string;
  /** What the tool prints before it fails, spread over the build; undefined: the build itself succeeds. */
  progress?: string[];
  /** What the tool prints when it fails, before Vercel's `Error: <errorMessage>`. */
  output(): LogLine[];
  /** Vercel's `Learn More:` link under the error, when it gives one. */
  learnMore?: string;
}

// ---------------------------------------------------------------------------
// The demo workspace: errors point at the line that holds their cause.
// ---------------------------------------------------------------------------

const fileCache = new Map<string, string[]>();

function demoLines(file: string): string[] {
  let lines = fileCache.get(file);
  if (!lines) {
    lines = readFileSync(path.join(DEMO_WORKSPACE, file), 'utf8').split('\n');
    fileCache.set(file, lines);
  }
  return lines;
}

export interface Spot {
  file: string;
  /** 1-based. */
  line: number;
  /** 0-based offset of `needle` in the line. */
  offset: number;
  lines: string[];
}

/** Where `needle` first occurs in a demo file; throws when the fixture no longer has it. */
export function locate(file: string, needle: string): Spot {
  const lines = demoLines(file);
  const index = lines.findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`demo workspace: ${file} has no line containing ${JSON.stringify(needle)}`);
  return { file, line: index + 1, offset: (lines[index] as string).indexOf(needle), lines };
}

/** Babel's code frame, as Next.js prints it under an error: two lines either side, a caret at the column. */
function codeFrame(spot: Spot, column: number): string[] {
  const first = Math.max(1, spot.line - 2);
  const last = Math.min(spot.lines.length, spot.line + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const code = spot.lines[n - 1] ?? '';
    const marker = n === spot.line ? red(bold('>')) : ' ';
    out.push(`${marker} ${gray(`${String(n).padStart(width)} |`)}${code === '' ? '' : ` ${code}`}`);
    if (n === spot.line) out.push(`  ${gray(`${' '.repeat(width)} |`)} ${' '.repeat(column - 1)}${red(bold('^'))}`);
  }
  return out;
}

const nextBanner = [`   ${bold(magenta('▲ Next.js 15.1.0'))}`, '', '   Creating an optimized production build ...'];
/** What `next build` prints up to the type check; a successful build goes on from here. */
export const NEXT_COMPILED = [...nextBanner, ` ${green('✓')} Compiled successfully`, '   Linting and checking validity of types ...'];
const fileRef = (spot: Spot, column: number) => `${cyan(`./${spot.file}`)}:${yellow(String(spot.line))}:${yellow(String(column))}`;

/** Every tool here fails inside `npm run build`: Vercel reports that command's exit. */
const BUILD_EXITED: ErrorReport = { errorCode: 'BUILD_UTILS_SPAWN_1', errorMessage: 'Command "npm run build" exited with 1' };

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

export const SEEDED_FAILURES: Record<FailureKind, SeededFailure> = {
  'next-type-error': {
    ...BUILD_EXITED,
    script: 'next build',
    progress: NEXT_COMPILED,
    output() {
      const spot = locate('app/page.tsx', 'cart.total');
      const column = spot.offset + 'cart.'.length + 1;
      return [
        err(red('Failed to compile.')),
        err(''),
        err(fileRef(spot, column)),
        err(`${red(bold('Type error'))}: Property 'total' does not exist on type 'Cart'.`),
        err(''),
        ...codeFrame(spot, column).map(err),
        err('Next.js build worker exited with code: 1 and signal: null'),
      ];
    },
  },
  'next-module-not-found': {
    ...BUILD_EXITED,
    script: 'next build',
    progress: nextBanner,
    output() {
      const spot = locate('components/ProductCard.tsx', "from './Badge'");
      return [
        err(red('Failed to compile.')),
        err(''),
        err(fileRef(spot, 1)),
        err(`Module not found: Can't resolve ${green("'./Badge'")}`),
        ...codeFrame(spot, 1).map(err),
        err(''),
        err('https://nextjs.org/docs/messages/module-not-found'),
        err(''),
        err('Import trace for requested module:'),
        err('./app/page.tsx'),
        err(''),
        err(''),
        err('> Build failed because of webpack errors'),
      ];
    },
  },
  'next-eslint': {
    ...BUILD_EXITED,
    script: 'next build',
    progress: NEXT_COMPILED,
    output() {
      const quote = locate('app/layout.tsx', "Don't");
      const img = locate('components/CartSummary.tsx', '<img');
      return [
        err(red('Failed to compile.')),
        err(''),
        err(cyan('./app/layout.tsx')),
        err(
          `${yellow(`${quote.line}:${quote.offset + 4}`)}  ${red(bold('Error'))}: \`'\` can be escaped with \`&apos;\`, \`&lsquo;\`, \`&#39;\`, \`&rsquo;\`.  ${gray('react/no-unescaped-entities')}`,
        ),
        err(''),
        err(cyan('./components/CartSummary.tsx')),
        err(
          `${yellow(`${img.line}:${img.offset + 1}`)}  ${yellow(bold('Warning'))}: Using \`<img>\` could result in slower LCP and higher bandwidth. Consider using \`<Image />\` from \`next/image\` or a custom image loader to automatically optimize images. This may incur additional usage or cost from your provider. See: https://nextjs.org/docs/messages/no-img-element  ${gray('@next/next/no-img-element')}`,
        ),
        err(''),
        err(`${cyan('info')}  - Need to disable some ESLint rules? Learn more here: https://nextjs.org/docs/app/api-reference/config/eslint#disabling-rules`),
      ];
    },
  },
  tsc: {
    ...BUILD_EXITED,
    script: 'tsc --noEmit && next build',
    progress: [],
    output() {
      const count = locate('lib/cart.ts', 'count: items.length');
      const call = locate('lib/format.ts', 'format(cents / 100, currency)');
      // tsc is not on a TTY here, so it prints plain text, to stdout.
      return [
        { type: 'stdout', text: `lib/cart.ts(${count.line},${count.offset + 1}): error TS2322: Type 'string' is not assignable to type 'number'.` },
        { type: 'stdout', text: `lib/format.ts(${call.line},${call.offset + 'format(cents / 100, '.length + 1}): error TS2554: Expected 1 arguments, but got 2.` },
      ];
    },
  },
  vite: {
    ...BUILD_EXITED,
    script: 'vite build',
    progress: [`${cyan('vite v5.4.11')} ${green('building for production...')}`, 'transforming...', `${green('✓')} 38 modules transformed.`],
    output() {
      locate('components/Confetti.tsx', '"canvas-confetti"');
      const chunk = 'file:///vercel/path0/node_modules/vite/dist/node/chunks/dep-CB_7IfJ-.js';
      return [
        err(red('x Build failed in 1.06s')),
        err(red('error during build:')),
        err(red('[vite]: Rollup failed to resolve import "canvas-confetti" from "/vercel/path0/components/Confetti.tsx".')),
        err(red('This is most likely unintended because it can break your application at runtime.')),
        err(red('If you do want to externalize this module explicitly add it to')),
        err(red('`build.rollupOptions.external`')),
        err(`    at viteWarn (${chunk}:65589:17)`),
        err(`    at onwarn (file:///vercel/path0/node_modules/@vitejs/plugin-react/dist/index.mjs:282:9)`),
        err(`    at onRollupWarning (${chunk}:65619:5)`),
      ];
    },
  },
  esbuild: {
    ...BUILD_EXITED,
    script: 'esbuild components/Confetti.tsx --bundle --minify --outdir=public/widgets',
    progress: [],
    output() {
      const needle = '"canvas-confetti"';
      const spot = locate('components/Confetti.tsx', needle);
      const code = spot.lines[spot.line - 1] as string;
      const gutter = `      ${spot.line} │ `;
      // esbuild's columns count from 0.
      return [
        err(`${red('✘ ')}\x1b[41;31m[\x1b[41;97mERROR\x1b[41;31m]${RESET} ${bold('Could not resolve "canvas-confetti"')}${RESET}`),
        err(''),
        err(`    ${spot.file}:${spot.line}:${spot.offset}:`),
        err(`\x1b[37m${gutter}${RESET}${code.slice(0, spot.offset)}${green(needle)}${code.slice(spot.offset + needle.length)}`),
        err(`\x1b[37m${' '.repeat(gutter.length - 2)}╵ ${RESET}${' '.repeat(spot.offset)}${green('~'.repeat(needle.length))}`),
        err(''),
        err(
          `  You can mark the path "canvas-confetti" as external to exclude it from the bundle, which will remove this error and leave the unresolved path in the bundle.`,
        ),
        err(''),
        err('1 error'),
      ];
    },
  },
  webpack: {
    ...BUILD_EXITED,
    script: 'webpack --mode production',
    progress: [],
    output() {
      const spot = locate('lib/format.ts', "require('./currencies')");
      const end = spot.offset + "require('./currencies')".length;
      const importer = locate('app/page.tsx', "from '@/lib/format'");
      const importLine = importer.lines[importer.line - 1] as string;
      return [
        err(`${bold(red('ERROR'))} in ${bold(`./${spot.file}`)} ${bold(green(`${spot.line}:${spot.offset}-${end}`))}`),
        err(`Module not found: Error: Can't resolve './currencies' in '/vercel/path0/lib'`),
        err(`resolve './currencies' in '/vercel/path0/lib'`),
        err('  using description file: /vercel/path0/package.json (relative path: ./lib)'),
        err('    using description file: /vercel/path0/package.json (relative path: ./lib/currencies)'),
        err('      no extension'),
        err("        /vercel/path0/lib/currencies doesn't exist"),
        err('      .ts'),
        err("        /vercel/path0/lib/currencies.ts doesn't exist"),
        err(` @ ./app/page.tsx ${importer.line}:0-${importLine.length}`),
        err(''),
        err(`webpack 5.97.1 compiled with ${red(bold('1 error'))} in 3412 ms`),
      ];
    },
  },
  'no-output-directory': {
    // The build itself succeeds; Vercel then finds nothing where it looks for the output.
    errorCode: 'STATIC_BUILD_NO_OUT_DIR',
    errorMessage: 'No Output Directory named "dist" found after the Build completed. You can configure the Output Directory in your Project Settings.',
    learnMore: 'https://vercel.link/missing-public-directory',
    script: 'next build',
    output: () => [],
  },
};

/**
 * The failure a deployment's ERROR log shows: the control API's choice; a
 * missing output directory when its code says so; else one drawn from its
 * id. A deployment whose code says its build command failed (`code`, the one
 * it has or is about to get) draws a tool, the same tool whether or not the
 * code is set yet, so its log never changes when the build ends.
 */
export function failureOf(r: DeploymentRecord, code: string | undefined = r.errorCode): FailureKind {
  if (r.log?.failure) return r.log.failure;
  if (code !== undefined && NO_OUTPUT_CODES.includes(code)) return 'no-output-directory';
  const prng = new Prng(`failure:${r.id}`);
  const noOutput = prng.chance(NO_OUTPUT_SHARE);
  const tool = prng.pick(FAILURES);
  return noOutput && code === undefined ? 'no-output-directory' : tool;
}

/**
 * What a deployment that fails reports, from the row its log is made of. A
 * code or message given through the control API wins; a log given whole
 * through it ended, as far as anyone can tell, in a failed build command.
 */
export function errorReportOf(r: DeploymentRecord, given: Partial<ErrorReport> = {}): ErrorReport {
  const row = r.log?.lines && !r.log.failure && (given.errorCode === undefined || !NO_OUTPUT_CODES.includes(given.errorCode)) ? BUILD_EXITED : SEEDED_FAILURES[failureOf(r, given.errorCode)];
  return { errorCode: given.errorCode ?? row.errorCode, errorMessage: given.errorMessage ?? row.errorMessage };
}

/** The end of a failed build's log: the tool's output, then Vercel's `Error: <errorMessage>` (and its link). */
export function failureLines(r: DeploymentRecord): LogLine[] {
  const row = SEEDED_FAILURES[failureOf(r)];
  const message = r.errorMessage ?? row.errorMessage;
  return [...row.output(), err(`Error: ${message}`), ...(row.learnMore ? [err(`Learn More: ${row.learnMore}`)] : [])];
}
