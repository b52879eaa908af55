/**
 * The problem matchers against what the tools really print: each file of
 * test/fixtures/build-output/ is a failed build's output captured from the
 * tool itself (see the README there), fed to the log model line by line as
 * Vercel's events bring it (colours and all), and every problem found is
 * compared with the one a person expects in the Problems panel.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogModel, normalizeEvent, type BuildProblem, type LogEntry } from '../../src/logs/model';
import { findProblems } from '../../src/logs/problems';

const DIR = path.resolve(__dirname, '..', 'fixtures', 'build-output');

type Expected = Pick<BuildProblem, 'file' | 'line' | 'column' | 'severity' | 'message'> & { code?: string; search?: string };

function problemsOf(file: string): BuildProblem[] {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const entries = text
    .split('\n')
    .map((line, i) => normalizeEvent({ id: `evt_${i}`, type: 'stdout', created: 1_700_000_000_000 + i, text: line }))
    .filter((entry): entry is LogEntry => entry !== undefined);
  const model = new LogModel();
  model.append(entries);
  return [...model.problems];
}

/** The fields compared: what the Problems panel shows, and the text looked for when the tool gave no line. */
function seen(problem: BuildProblem): Expected {
  const { file, line, column, severity, message, code, search } = problem;
  return { file, line, column, severity, message, ...(code === undefined ? {} : { code }), ...(search === undefined ? {} : { search }) };
}

const EXPECTED: Record<string, readonly Expected[]> = {
  'next-type-error.log': [{ file: './app/page.tsx', line: 8, column: 19, severity: 'error', message: "Type error: Property 'total' does not exist on type 'Cart'." }],
  'next-eslint.log': [
    {
      file: './components/Banner.tsx',
      line: 8,
      column: 6,
      severity: 'warning',
      message:
        "React Hook useEffect has a missing dependency: 'src'. Either include it or remove the dependency array. If 'setSeen' needs the current value of 'src', you can also switch to useReducer instead of useState and read 'src' in the reducer.",
      code: 'react-hooks/exhaustive-deps',
    },
    {
      file: './components/Banner.tsx',
      line: 11,
      column: 7,
      severity: 'warning',
      message:
        'Using `<img>` could result in slower LCP and higher bandwidth. Consider using `<Image />` from `next/image` to automatically optimize images. This may incur additional usage or cost from your provider. See: https://nextjs.org/docs/messages/no-img-element',
      code: '@next/next/no-img-element',
    },
    { file: './components/Banner.tsx', line: 12, column: 13, severity: 'error', message: "`'` can be escaped with `&apos;`, `&lsquo;`, `&#39;`, `&rsquo;`.", code: 'react/no-unescaped-entities' },
  ],
  // No line is printed: the import is looked for in the file (locateInSource).
  'next-module-not-found.log': [
    { file: './app/page.tsx', line: 1, column: 1, severity: 'error', message: "Module not found: Can't resolve '../components/Header'", search: '../components/Header' },
  ],
  // The box's header says 1:1 (where the frame starts); the caret under line 3 is the error.
  'next-syntax-error.log': [{ file: '/vercel/path0/nextapp/app/page.tsx', line: 3, column: 3, severity: 'error', message: "Expected ',', got 'return'" }],
  'tsc.log': [
    { file: 'src/index.ts', line: 2, column: 7, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", code: 'TS2322' },
    { file: 'src/index.ts', line: 6, column: 31, severity: 'error', message: "Property 'lenght' does not exist on type 'number'.", code: 'TS2339' },
  ],
  'tsc-pretty.log': [
    { file: 'src/index.ts', line: 2, column: 7, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", code: 'TS2322' },
    { file: 'src/index.ts', line: 6, column: 31, severity: 'error', message: "Property 'lenght' does not exist on type 'number'.", code: 'TS2339' },
  ],
  'eslint.log': [
    { file: '/vercel/path0/web/lint.js', line: 3, column: 7, severity: 'error', message: "'unused' is assigned a value but never used", code: 'no-unused-vars' },
    { file: '/vercel/path0/web/lint.js', line: 5, column: 3, severity: 'warning', message: 'Unexpected console statement', code: 'no-console' },
    { file: '/vercel/path0/web/lint.js', line: 6, column: 41, severity: 'error', message: "'missing' is not defined", code: 'no-undef' },
  ],
  // Rollup names the file relative to Vite's root and prints no line.
  'vite-resolve.log': [
    { file: 'src/main.ts', line: 1, column: 1, severity: 'error', message: 'Could not resolve "./components/Header" from "src/main.ts"', search: './components/Header' },
  ],
  'vite-bare-import.log': [
    {
      file: '/vercel/path0/site/src/main.ts',
      line: 1,
      column: 1,
      severity: 'error',
      message: 'Rollup failed to resolve import "canvas-confetti" from "/vercel/path0/site/src/main.ts".',
      search: 'canvas-confetti',
    },
  ],
  // esbuild counts columns from 0 (`3:25`); Vite's `file:` line repeats the location and adds no second problem.
  'vite-esbuild.log': [{ file: '/vercel/path0/site/src/greet.ts', line: 3, column: 26, severity: 'error', message: 'Expected ";" but found "x"' }],
  'esbuild.log': [
    { file: 'src/app.ts', line: 4, column: 15, severity: 'warning', message: 'Comparison with -0 using the "===" operator will also match 0 [equals-negative-zero]' },
    { file: 'src/app.ts', line: 2, column: 20, severity: 'error', message: 'Could not resolve "./components/Header"' },
  ],
  // ts-loader's own line and column, TypeScript's code and message: one problem per error, not one more for webpack's range line.
  'webpack-ts-loader.log': [
    { file: '/vercel/path0/src/app.ts', line: 2, column: 20, severity: 'error', message: "Cannot find module './components/Header' or its corresponding type declarations.", code: 'TS2307' },
    { file: '/vercel/path0/src/index.ts', line: 2, column: 7, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", code: 'TS2322' },
    { file: '/vercel/path0/src/index.ts', line: 6, column: 31, severity: 'error', message: "Property 'lenght' does not exist on type 'number'.", code: 'TS2339' },
  ],
  // webpack's ranges count columns from 0 (`2:0-41`), and so does Babel (`(4:4)`).
  'webpack-babel-loader.log': [
    { file: './web/broken.js', line: 4, column: 5, severity: 'error', message: 'SyntaxError: Unexpected token, expected ","' },
    { file: './web/index.js', line: 2, column: 1, severity: 'error', message: "Module not found: Error: Can't resolve './components/Header' in '/vercel/path0/web'" },
  ],
};

describe('logs: problem matchers on real build output', () => {
  it('has an expectation for every captured file, and a file for every expectation', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.log')).sort();
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`finds the problems of ${file}`, () => {
      assert.deepEqual(problemsOf(file).map(seen), expected);
    });
  }

  it('covers every tool the matchers know', () => {
    const tools = new Set(Object.keys(EXPECTED).flatMap((file) => problemsOf(file).map((p) => p.tool)));
    assert.deepEqual([...tools].sort(), ['esbuild', 'eslint', 'next', 'tsc', 'vite', 'webpack']);
  });

  it('puts a ts-loader error under webpack 5 on its line and column with its message, once (#21.14)', () => {
    const problems = findProblems([
      'ERROR in /vercel/path0/src/index.ts',
      './src/index.ts 2:6-7',
      '[tsl] ERROR in /vercel/path0/src/index.ts(2,7)',
      "      TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
    assert.deepEqual(problems.map(seen), [
      { file: '/vercel/path0/src/index.ts', line: 2, column: 7, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", code: 'TS2322' },
    ]);
    assert.equal(problems[0]?.endColumn, 8, "webpack's range (0-based 6-7) ends it");
  });

  it('reads ts-loader without webpack 5’s header, and a babel-loader failure that is no syntax error', () => {
    assert.deepEqual(
      findProblems(['[tsl] WARNING in /vercel/path0/src/a.ts(3,9)', '      TS6133: \'x\' is declared but its value is never read.']).map(seen),
      [{ file: '/vercel/path0/src/a.ts', line: 3, column: 9, severity: 'warning', message: "'x' is declared but its value is never read.", code: 'TS6133' }],
    );
    assert.deepEqual(
      findProblems(['ERROR in ./src/e.js', 'Module build failed (from ./node_modules/babel-loader/lib/index.js):', 'Error: Cannot find module \'@babel/preset-react\'']).map(seen),
      [{ file: './src/e.js', line: 1, column: 1, severity: 'error', message: 'Module build failed (from ./node_modules/babel-loader/lib/index.js):' }],
    );
  });
});
