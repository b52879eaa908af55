/**
 * Runs the integration suite (test/integration/suite) inside a real VS Code
 * extension host, offline: code-server's workbench in headless chromium, the
 * extension loaded as a development extension, the Vercel API emulated locally.
 *
 *   npm run test:integration
 *
 * Exits with the suite's code (0 all passed). Environment:
 *   INTEGRATION_TIMEOUT_SECONDS  limit for everything after provisioning (default 600)
 *   INTEGRATION_PROVISION_TIMEOUT_SECONDS  limit for a first-time runtime install (default 1800)
 *   VSCODE_OFFLINE_CACHE         where the runtime is cached (see paths.ts)
 *   VSCODE_TEST_KEEP_TEMP=1      keep the run's temp dir (logs, profile) for a post-mortem
 *   VSCODE_TEST_VERBOSE=1        also print the workbench's browser console
 *   INTEGRATION_GREP=pattern     run only the tests whose full title matches (mocha's --grep)
 *   INTEGRATION_SKIP_BUILD=1     use dist/ as it is (npm test built it with `node esbuild.mjs --tests`)
 *
 * With `--web`, the web suite (test/integration/web) runs instead, in the
 * workbench's web worker extension host against the extension's `browser`
 * entry (what vscode.dev and github.dev run); every request the browser
 * makes must go to code-server or the emulator, nowhere else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format, inspect } from 'node:util';
import { launchChromium } from './browser';
import { startCodeServer, workbenchUrl } from './codeServer';
import { Lifecycle, build, readTail } from './lifecycle';
import { repoRoot } from './paths';
import { provision } from './provision';
import { SUITE_BANNER, TEST_EMULATOR_ENV } from './testEnv';
import { startSuiteWorld } from './workspace';
import { EXTENSION_ID } from '../../src/constants';


/** The workbench forwards console calls as (format, ...args), the way mocha's reporter makes them. */
function formatLogArgs(args: unknown): string {
  const list: unknown[] = Array.isArray(args) ? args : [args];
  return typeof list[0] === 'string' ? format(...(list as [string, ...unknown[]])) : inspect(list, { depth: 4 });
}

/**
 * Workbench messages that only mean "this machine is offline", "no GitHub
 * sign-in here" or "no gallery": they say nothing about the extension under test.
 */
const WORKBENCH_NOISE = [
  /Timed out waiting for authentication provider 'github' to register/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
  /^Updating additional builtin extensions cache$/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^\[AccountPolicyGate\] /,
];

/** The web suite in the browser's web worker extension host, instead of the Node suite. */
const WEB = process.argv.includes('--web');

async function runSuite(life: Lifecycle): Promise<number> {
  // Two clocks: installing the runtime takes minutes once (~3–4 min on 2 cores,
  // more on a slow machine) and nothing afterwards, so it has its own limit.
  const provisionSeconds = Number(process.env.INTEGRATION_PROVISION_TIMEOUT_SECONDS || 1800);
  const timeoutSeconds = Number(process.env.INTEGRATION_TIMEOUT_SECONDS || 600);

  life.enter('provisioning the VS Code runtime');
  const runtime = await life.withDeadline(provisionSeconds, provision());

  return life.withDeadline(timeoutSeconds, afterProvisioning(life, runtime));
}

async function afterProvisioning(life: Lifecycle, runtime: Awaited<ReturnType<typeof provision>>): Promise<number> {
  // npm test builds once for all its lanes, so nothing rewrites dist/ while another workbench loads it.
  if (process.env.INTEGRATION_SKIP_BUILD !== '1') {
    life.enter('building the extension and the suite');
    await build(true);
  }
  const suiteIndex = WEB ? path.join(repoRoot, 'dist', 'test', 'web', 'index.js') : path.join(repoRoot, 'dist', 'test', 'integration', 'index.js');
  if (!fs.existsSync(suiteIndex)) throw new Error(`the build did not produce ${suiteIndex}`);

  const { emulator, workspace, handover } = await startSuiteWorld(life);

  life.enter('starting code-server');
  const serverLog = path.join(life.tempRoot, 'code-server.log');
  const server = await startCodeServer({
    runtime,
    tempRoot: life.tempRoot,
    port: 0,
    logFile: serverLog,
    // Git on: the branch-awareness tests make the workspace a repository and read it through the Git extension.
    userSettings: {
      'vercelDeployments.apiUrl': emulator.info.url,
      'git.enabled': true,
      // The web suite: the extension runs its `browser` entry in the web worker host, as on vscode.dev
      // (the workbench's payload cannot say so for a built VS Code; this setting can).
      ...(WEB ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {}),
    },
    env: {
      [TEST_EMULATOR_ENV]: JSON.stringify(handover),
      ...(process.env.INTEGRATION_GREP ? { INTEGRATION_GREP: process.env.INTEGRATION_GREP } : {}),
      // No extension gallery: this machine cannot reach open-vsx.org, and the tests need none.
      EXTENSIONS_GALLERY: '{}',
      // Plain output everywhere: mocha's tick marks are coloured by picocolors whenever CI is set.
      NO_COLOR: '1',
    },
    // Without it the built workbench ignores the development payload and no test runs.
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    onSpawn: (pid) => life.trackGroup(pid),
  });
  life.defer('stop code-server', async () => {
    await server.stop();
    life.untrackGroup(server.pid);
  });
  life.log(`code-server ${server.origin} (pid ${server.pid})`);

  life.enter('loading the workbench');
  const context = await launchChromium(path.join(life.tempRoot, 'chromium-profile'));
  life.defer('close the browser', () => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  // Every origin the browser (workbench, its web worker extension host) asked; the web suite may ask only these two.
  const foreign = new Set<string>();
  context.on('request', (request) => {
    const origin = new URL(request.url()).origin;
    if (/^https?:/.test(origin) && origin !== server.origin && origin !== emulator.info.url) foreign.add(request.url());
  });

  const verbose = process.env.VSCODE_TEST_VERBOSE === '1';
  // Everything the page says, for a post-mortem (VSCODE_TEST_KEEP_TEMP=1 keeps it).
  const workbenchLog = path.join(life.tempRoot, 'workbench.log');
  const record = (line: string): void => {
    try {
      fs.appendFileSync(workbenchLog, `${line}\n`);
    } catch {
      // the temp dir is already gone: the run is over
    }
  };
  page.on('console', (message) => {
    const line = `[browser ${message.type()}] ${message.text()}`;
    record(line);
    if (verbose) console.log(line);
  });
  page.on('pageerror', (error) => record(`[pageerror] ${error.stack ?? error.message}`));

  // The workbench's own log and the extension host's console arrive mixed on
  // one channel. Until the suite announces itself only warnings and errors are
  // shown (the workbench's start-up chatter is not); from then on, everything.
  let suiteStarted = false;
  // After the verdict, the workbench's complaints about being torn down are not news.
  let finished = false;
  let resolveExit!: (code: number) => void;
  const exitCode = new Promise<number>((resolve) => (resolveExit = resolve));
  // How @vscode/test-web learns the outcome: the workbench calls these window
  // functions, the log as it goes and the exit once the extension host is done.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
    const text = formatLogArgs(args);
    const problem = type === 'error' || type === 'warn';
    record(`[${type}] ${text}`);
    if (text.startsWith(SUITE_BANNER)) {
      if (suiteStarted) {
        // The closing banner: what follows is the extension host shutting down.
        finished = true;
        life.phase = 'waiting for the verdict';
        return;
      }
      suiteStarted = true;
      life.enter('running tests');
    }
    if (!verbose && (finished || (!suiteStarted && !problem) || WORKBENCH_NOISE.some((re) => re.test(text)))) return;
    // One stream for everything, so mocha's lines and the host's warnings stay in order.
    process.stdout.write(`${problem ? `[${type}] ` : ''}${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown) => {
    finished = true;
    resolveExit(typeof code === 'number' ? code : 1);
  });

  const serverDied = server.exited.then(({ code, signal }) => {
    throw new Error(`code-server exited (${signal ?? `exit ${code}`}) while ${life.phase}:\n${readTail(serverLog, 30)}`);
  });
  // Only news while the suite is awaited below; after a timeout, cleanup itself stops the server.
  serverDied.catch(() => undefined);

  const url = workbenchUrl(server, workspace, {
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteIndex,
  });
  // No navigation timeout of its own: the run's deadline says where it got stuck.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 });
  void page
    .waitForSelector('.monaco-workbench', { timeout: 0 })
    .then(() => {
      if (!suiteStarted) life.enter('waiting for the extension host to start the suite');
    })
    .catch(() => undefined);

  const code = await Promise.race([exitCode, serverDied]);
  if (WEB && foreign.size > 0) {
    console.error(`[integration] the browser asked origins other than code-server and the emulator:\n  ${[...foreign].join('\n  ')}`);
    return 1;
  }
  return code;
}

async function main(): Promise<void> {
  const started = Date.now();
  const life = new Lifecycle(WEB ? 'web integration' : 'integration', 'vercel-deployments-it-');
  let code: number;
  try {
    code = await runSuite(life);
    life.phase = 'cleaning up';
    life.log(`suite finished with exit code ${code} in ${Math.round((Date.now() - started) / 1000)} s`);
  } catch (error) {
    code = 1;
    // Interrupted: the signal handler is already cleaning up and will exit.
    if (life.stopping) return;
    console.error(`[integration] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    const serverLog = path.join(life.tempRoot, 'code-server.log');
    if (fs.existsSync(serverLog)) console.error(`[integration] last lines of code-server's log:\n${readTail(serverLog, 20)}`);
  }
  await life.cleanup();
  process.exit(code);
}

void main();
