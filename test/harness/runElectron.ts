/**
 * Runs the same integration suite in desktop VS Code via @vscode/test-electron,
 * for machines with internet access (it downloads VS Code into .vscode-test/).
 * The offline launcher is runIntegration.ts; both hand the suite the same
 * VERCEL_DEPLOYMENTS_TEST_EMULATOR variable.
 *
 *   npm run test:electron
 *
 * Environment: VSCODE_TEST_VERSION picks the VS Code build ("stable" by default,
 * or e.g. "1.90.0"); VSCODE_TEST_KEEP_TEMP=1 keeps the temp dir.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { QUIET_SETTINGS } from './codeServer';
import { Lifecycle, build } from './lifecycle';
import { repoRoot } from './paths';
import { TEST_EMULATOR_ENV } from './testEnv';
import { startSuiteWorld } from './workspace';

async function runSuite(life: Lifecycle): Promise<number> {
  life.enter('building the extension and the suite');
  await build(true);

  const { emulator, workspace, handover } = await startSuiteWorld(life);

  // A throwaway profile, seeded like the offline run's (test-electron would
  // otherwise reuse .vscode-test/user-data between runs).
  const userDataDir = path.join(life.tempRoot, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, 'vercelDeployments.apiUrl': emulator.info.url }, null, 2) + '\n',
  );

  life.enter('running tests in VS Code (downloaded on first use)');
  return runTests({
    version: process.env.VSCODE_TEST_VERSION || 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'dist', 'test', 'integration', 'index.js'),
    launchArgs: [
      workspace,
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${path.join(life.tempRoot, 'extensions')}`,
      // Only the extension under test: nothing installed on the machine interferes.
      '--disable-extensions',
    ],
    extensionTestsEnv: { [TEST_EMULATOR_ENV]: JSON.stringify(handover) },
  });
}

async function main(): Promise<void> {
  const life = new Lifecycle('electron', 'vercel-deployments-electron-');
  let code: number;
  try {
    code = await runSuite(life);
  } catch (error) {
    // runTests rejects with TestRunFailedError when the suite fails.
    code = 1;
    if (life.stopping) return; // interrupted: the signal handler cleans up and exits
    console.error(`[electron] FAILED while ${life.phase}: ${error instanceof Error ? error.message : String(error)}`);
  }
  await life.cleanup();
  process.exit(code);
}

void main();
