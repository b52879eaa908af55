/**
 * The contract between the integration launcher and the suite running inside
 * the extension host: the launcher puts the emulator's details, as JSON, in
 * this environment variable on the code-server process, and the extension
 * host inherits it.
 */
import type { EmulatorInfo } from '../emulator/server';

export type { EmulatorInfo };

/** The environment variable that carries the handover. */
export const TEST_EMULATOR_ENV = 'VERCEL_DEPLOYMENTS_TEST_EMULATOR';

/**
 * Starts the suite index's first line and its last ("… done"). The offline
 * launcher shows the workbench's info-level chatter only between the two.
 */
export const SUITE_BANNER = 'Integration suite:';

/** The token the suites' emulator accepts (the web suite, which has no environment, signs in with it). */
export const INTEGRATION_TOKEN = 'vercel-deployments-integration-token';

export interface TestEmulatorEnv extends EmulatorInfo {
  /** Absolute path of the workspace folder the window opened (holds `.vercel/project.json`). */
  workspace: string;
}

/** Reads the launcher's handover; throws a clear error when the suite runs without it. */
export function readTestEnv(env: NodeJS.ProcessEnv = process.env): TestEmulatorEnv {
  const raw = env[TEST_EMULATOR_ENV];
  if (!raw) {
    throw new Error(`${TEST_EMULATOR_ENV} is not set: run the suite through test/harness/runIntegration.ts or runElectron.ts`);
  }
  const parsed = JSON.parse(raw) as Partial<TestEmulatorEnv>;
  for (const key of ['url', 'token', 'teamId', 'projectId', 'workspace'] as const) {
    if (typeof parsed[key] !== 'string' || parsed[key] === '') {
      throw new Error(`${TEST_EMULATOR_ENV} has no "${key}"`);
    }
  }
  return parsed as TestEmulatorEnv;
}
