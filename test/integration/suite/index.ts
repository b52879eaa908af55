/**
 * Entry point of the integration suite inside the extension host, the shape
 * both launchers expect (`run(): Promise<void>`): test/harness/runIntegration.ts
 * (offline, code-server) and test/harness/runElectron.ts (@vscode/test-electron).
 *
 * esbuild bundles this file and each `*.test.ts` next to it into
 * dist/test/integration/; every bundled test file found there is run.
 */
import * as fs from 'node:fs';
import { findSourceMap, type SourceOrigin } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { SUITE_BANNER } from '../../harness/testEnv';

function bundledTests(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return bundledTests(file);
      return entry.name.endsWith('.test.js') ? [file] : [];
    })
    .sort();
}

/**
 * Makes failures point at .ts lines. The bundles carry inline source maps, but
 * the extension host installs its own Error.prepareStackTrace (to tell which
 * extension threw), which bypasses Node's source-map support: so map the
 * frames here. Returns the undo.
 */
function mapStackTraces(): () => void {
  process.setSourceMapsEnabled(true);
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    const lines = frames.map((frame) => {
      const file = frame.getFileName();
      const line = frame.getLineNumber();
      const column = frame.getColumnNumber();
      const found = file && line && column ? findSourceMap(file)?.findOrigin(line, column) : undefined;
      const origin = found && 'fileName' in found ? (found as SourceOrigin) : undefined;
      if (!file || !origin) return `    at ${String(frame)}`;
      const source = origin.fileName.startsWith('file:')
        ? fileURLToPath(origin.fileName)
        : path.resolve(path.dirname(file), origin.fileName);
      const name = frame.getFunctionName() ?? '<anonymous>';
      return `    at ${name} (${source}:${origin.lineNumber}:${origin.columnNumber})`;
    });
    // Error.prototype's toString, as Node's own header does (AssertionError's would repeat its code).
    return [Error.prototype.toString.call(error), ...lines].join('\n');
  };
  return () => {
    Error.prepareStackTrace = previous;
  };
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, reporter: 'spec', color: false });
  // Lets a developer run part of the suite (INTEGRATION_GREP=cancel npm run test:integration).
  const grep = process.env.INTEGRATION_GREP;
  if (grep) mocha.grep(grep);
  const files = bundledTests(__dirname);
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js bundles under ${__dirname}`));
  for (const file of files) mocha.addFile(file);
  console.log(`${SUITE_BANNER} ${files.map((file) => path.relative(__dirname, file)).join(', ')}`);

  const unmapStackTraces = mapStackTraces();
  return new Promise<number>((resolve) => {
    // Throws synchronously when a test file fails to load; the promise then rejects with that.
    mocha.run(resolve);
  })
    .then(
      (failures) => {
        if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
      },
      (error: unknown) => {
        // Said here, before the closing banner, so the offline launcher shows it.
        console.error('The integration suite could not run:', error);
        throw error;
      },
    )
    .finally(() => {
      unmapStackTraces();
      console.log(`${SUITE_BANNER} done`);
    });
}
