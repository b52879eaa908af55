/**
 * `npm test`: the type check, the unit tests, the end-to-end suites and the
 * integration suite, in two lanes side by side. Most of a workbench test's
 * time is spent waiting on a browser and a server rather than computing, so
 * the e2e lane (its own emulator, code-server and Chromium) runs beside the
 * other lane (typecheck → unit → integration, which has its own emulator,
 * code-server and Chromium) instead of after it.
 *
 * The extension and the suite are built once, before both lanes, so neither
 * rewrites dist/ while the other's workbench loads it. The e2e lane prints as
 * it goes; the other lane's output is held and printed whole when it ends, so
 * two reporters never interleave line by line. Exits non-zero when any step
 * failed; every step runs regardless, so one run tells about all of them.
 *
 *   TEST_SERIAL=1 npm test   one lane: typecheck, unit, e2e, web integration, integration in turn
 */
import { spawn } from 'node:child_process';
import { repoRoot } from './paths';

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
}

const BUILD: Step = { name: 'build', command: process.execPath, args: ['esbuild.mjs', '--tests'] };
const TYPECHECK: Step = { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] };
const UNIT: Step = { name: 'unit', command: 'npx', args: ['mocha'] };
const E2E: Step = { name: 'e2e', command: 'npx', args: ['mocha', '--config', 'test/e2e/.mocharc.json'] };
/** The web suite: the browser entry in the web worker extension host (runIntegration.ts --web). */
const WEB_INTEGRATION: Step = {
  name: 'web integration',
  command: 'npx',
  args: ['tsx', 'test/harness/runIntegration.ts', '--web'],
  env: { INTEGRATION_SKIP_BUILD: '1' },
};
const INTEGRATION: Step = {
  name: 'integration',
  command: 'npx',
  args: ['tsx', 'test/harness/runIntegration.ts'],
  // Built above, before the e2e lane started loading dist/.
  env: { INTEGRATION_SKIP_BUILD: '1' },
};

interface Outcome {
  readonly name: string;
  readonly code: number;
  readonly seconds: number;
}

/** Runs one step; its output goes to our stdout as it comes, or into `held`. */
function run(step: Step, held?: string[]): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: repoRoot,
      env: { ...process.env, ...step.env, ...(held ? { FORCE_COLOR: '0' } : {}) },
      stdio: ['ignore', held ? 'pipe' : 'inherit', held ? 'pipe' : 'inherit'],
    });
    if (held) {
      child.stdout?.on('data', (chunk: Buffer) => held.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => held.push(chunk.toString()));
    }
    const done = (code: number) => resolve({ name: step.name, code, seconds: Math.round((Date.now() - started) / 1000) });
    child.on('error', (error) => {
      held?.push(`${step.name}: ${error.message}\n`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function lane(steps: readonly Step[], held?: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const step of steps) {
    if (!held) console.log(`\n=== ${step.name}`);
    else held.push(`\n=== ${step.name}\n`);
    outcomes.push(await run(step, held));
  }
  return outcomes;
}

async function main(): Promise<void> {
  const started = Date.now();
  const build = await run(BUILD);
  if (build.code !== 0) process.exit(build.code);
  let outcomes: Outcome[];
  if (process.env.TEST_SERIAL === '1') {
    outcomes = await lane([TYPECHECK, UNIT, E2E, WEB_INTEGRATION, INTEGRATION]);
  } else {
    const held: string[] = [];
    const checks = lane([TYPECHECK, UNIT, INTEGRATION], held).then((result) => {
      process.stdout.write(`\n=== typecheck, unit and integration (ran beside e2e)${held.join('')}\n`);
      return result;
    });
    const e2e = lane([E2E, WEB_INTEGRATION]);
    outcomes = [...(await checks), ...(await e2e)];
  }
  console.log(`\n${outcomes.map((o) => `${o.code === 0 ? 'passed' : `FAILED (exit ${o.code})`}  ${o.name}  ${o.seconds} s`).join('\n')}`);
  console.log(`npm test: ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
}

void main();
