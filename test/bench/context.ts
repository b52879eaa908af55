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
  /** The minified dist/extension.js of this run (a copy in tmp), with dist/features.js beside it. */
  productionBundle(): Promise<ProductionBundle>;
}

export interface ProductionBundle {
  /** The activation bundle (tmp/extension.js): what `main` names. */
  readonly path: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** The features bundle beside it (tmp/features.js), which the activation bundle requires on first use. */
  readonly featuresPath: string;
  readonly featuresBytes: number;
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
  // Both bundles, side by side as in dist/: the activation bundle requires './features.js' on first use.
  const copies = ['extension.js', 'features.js'].map((name) => {
    const copy = path.join(tmp, name);
    fs.copyFileSync(path.join(repoRoot, 'dist', name), copy);
    const text = fs.readFileSync(copy, 'utf8');
    // A development build (sourcemap comment, short lines) would make every figure below wrong.
    if (text.includes('sourceMappingURL') || text.length / text.split('\n').length < 1000) {
      throw new Error(`dist/${name} is not a minified production build (was it rebuilt by someone else meanwhile?)`);
    }
    return copy;
  });
  const [core = '', features = ''] = copies;
  return {
    path: core,
    bytes: fs.statSync(core).size,
    featuresPath: features,
    featuresBytes: fs.statSync(features).size,
    buildOutput: `${stdout}${stderr}`.trim(),
  };
}
