/**
 * What every benchmark row shares: the repository root, a scratch directory,
 * the run's size (quick or full), and the production bundle, built once per
 * run with the project's own build script and copied aside so that a
 * teammate's development build cannot swap it mid-run.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface BenchContext {
  readonly root: string;
  /** Scratch space of this run, removed at the end. */
  readonly tmp: string;
  /** Fewer samples, for a smoke run. */
  readonly quick: boolean;
  /** Progress for the person watching; not part of the table. */
  log(message: string): void;
  /** The minified dist/extension.js of this run (a copy in tmp). */
  productionBundle(): Promise<ProductionBundle>;
}

export interface ProductionBundle {
  readonly path: string;
  readonly bytes: number;
  /** What `node esbuild.mjs --production` printed. */
  readonly buildOutput: string;
}

export function createContext(tmp: string, quick: boolean, log: (message: string) => void): BenchContext {
  let bundle: Promise<ProductionBundle> | undefined;
  return {
    root: repoRoot,
    tmp,
    quick,
    log,
    productionBundle() {
      bundle ??= buildProduction(tmp, log);
      return bundle;
    },
  };
}

async function buildProduction(tmp: string, log: (message: string) => void): Promise<ProductionBundle> {
  log('building the production bundle (node esbuild.mjs --production)');
  const { stdout, stderr } = await run(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  const built = path.join(repoRoot, 'dist', 'extension.js');
  const copy = path.join(tmp, 'extension.js');
  fs.copyFileSync(built, copy);
  const text = fs.readFileSync(copy, 'utf8');
  // A development build (sourcemap comment, short lines) would make every figure below wrong.
  if (text.includes('sourceMappingURL') || text.length / text.split('\n').length < 1000) {
    throw new Error('dist/extension.js is not a minified production build (was it rebuilt by someone else meanwhile?)');
  }
  return { path: copy, bytes: fs.statSync(copy).size, buildOutput: `${stdout}${stderr}`.trim() };
}
