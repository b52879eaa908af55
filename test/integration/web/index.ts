/**
 * Entry point of the web integration suite, run in a browser's web worker
 * extension host (test/harness/runIntegration.ts --web): the extension's
 * `browser` entry, the same emulator, no Node anywhere. Mocha is its browser
 * build, bundled in; the test files are imported below.
 */
import 'mocha/mocha';
import { SUITE_BANNER } from '../../harness/testEnv';

declare const mocha: BrowserMocha;

interface BrowserMocha {
  setup(options: { ui: 'bdd'; reporter: string; timeout: number; color: boolean }): void;
  run(done: (failures: number) => void): void;
}

export async function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 30_000, color: false });
  console.log(`${SUITE_BANNER} web.test`);
  // After setup: the files call describe() as they load (esbuild bundles the require).
  require('./web.test.ts');
  try {
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) throw new Error(`${failures} web integration test(s) failed`);
  } finally {
    console.log(`${SUITE_BANNER} done`);
  }
}
