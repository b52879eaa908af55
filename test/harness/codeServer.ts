/**
 * Starting and stopping code-server (the real VS Code server and web workbench)
 * with throwaway directories, shared by the integration launcher and `npm start`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import type { RuntimePaths } from './paths';

/** User settings that keep the workbench quiet (no welcome page, no chat, no trust prompt). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
} as const;

export interface CodeServerOptions {
  runtime: RuntimePaths;
  /** Everything the server writes goes under here. */
  tempRoot: string;
  /** 0 picks a free port. */
  port: number;
  userSettings: Record<string, unknown>;
  /** Extra variables for the server; its extension host inherits them. */
  env?: Record<string, string>;
  extraArgs?: string[];
  /** Where the server's stdout and stderr go. */
  logFile: string;
  /** Called as soon as the process exists, so a caller can kill it even if startup never finishes. */
  onSpawn?: (pid: number) => void;
  /** How long to wait for /healthz (default 90 s). */
  readyTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  origin: string;
  port: number;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  /** Resolves when the server process exits, for whatever reason. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the whole process group and waits until it is gone. */
  stop(): Promise<void>;
}

/** Single variables code-server or Node would act on, besides the prefixes filtered below. */
const CODE_SERVER_ENV = new Set([
  'PORT',
  'PASSWORD',
  'HASHED_PASSWORD',
  'GITHUB_TOKEN',
  'LOG_LEVEL',
  'EXTENSIONS_GALLERY',
  'INIT_CWD',
  'NODE_OPTIONS',
]);

/** The environment the harness's children get: the caller's, minus what would confuse them. */
export function cleanChildEnv(tempRoot: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm_* point at the project's Node 20 and config; VSCODE_* (when run from
    // a VS Code terminal) would make code-server talk to that VS Code instead;
    // code-server also reads PORT, PASSWORD, CODE_SERVER_*, CS_* and friends,
    // which would override the flags given here (PORT=8080 npm start did).
    if (/^(npm_|VSCODE_|CODE_SERVER_|CS_)/i.test(key) || CODE_SERVER_ENV.has(key)) continue;
    env[key] = value;
  }
  // Without these code-server writes ~/.config/code-server, ~/.local/share/code-server, /tmp/vscode-*.sock.
  env.XDG_CONFIG_HOME = path.join(tempRoot, 'xdg-config');
  env.XDG_DATA_HOME = path.join(tempRoot, 'xdg-data');
  env.TMPDIR = path.join(tempRoot, 'tmp');
  for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.TMPDIR]) fs.mkdirSync(dir, { recursive: true });
  return { ...env, ...extra };
}

export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (preferred !== 0 && (error.code === 'EADDRINUSE' || error.code === 'EACCES')) {
        freePort(0).then(resolve, reject);
      } else {
        reject(error);
      }
    });
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.setTimeout(2000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

function readFileTail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM to the group, SIGKILL after a grace period; resolves once no member is left. */
export async function killGroup(pid: number, graceMs = 3000): Promise<void> {
  if (!groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      return;
    }
    const hardDeadline = Date.now() + 5000;
    while (groupAlive(pid) && Date.now() < hardDeadline) await new Promise((r) => setTimeout(r, 100));
  }
}

/** For `process.on('exit')`, where nothing asynchronous runs any more. */
export function killGroupNow(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { runtime, tempRoot } = options;
  const userDataDir = path.join(tempRoot, 'user-data');
  const extensionsDir = path.join(tempRoot, 'extensions');
  const configFile = path.join(tempRoot, 'code-server.yaml');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.userSettings }, null, 2) + '\n',
  );
  // An empty config file, so code-server neither reads nor creates ~/.config/code-server/config.yaml.
  fs.writeFileSync(configFile, '');

  const port = await freePort(options.port);
  const args = [
    runtime.codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.extraArgs ?? []),
  ];
  const out = fs.openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(runtime.nodeBin, args, {
      cwd: tempRoot,
      env: cleanChildEnv(tempRoot, options.env),
      // Its own process group, so stop() reaches the extension host and every other child.
      detached: true,
      stdio: ['ignore', out, out],
    });
  } finally {
    fs.closeSync(out);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${runtime.nodeBin}`);
  options.onSpawn?.(pid);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const origin = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    origin,
    port,
    pid,
    userDataDir,
    extensionsDir,
    exited,
    stop: () => killGroup(pid),
  };

  // Ready when /healthz answers; fail fast if the process dies first.
  let dead: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((result) => (dead = result));
  const readyBy = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (Date.now() > readyBy) {
      await killGroup(pid);
      throw new Error(`code-server did not answer ${origin}/healthz in time:\n${readFileTail(options.logFile)}`);
    }
    if (dead) {
      throw new Error(`code-server exited during startup (${dead.signal ?? `exit ${dead.code}`}):\n${readFileTail(options.logFile)}`);
    }
    try {
      if ((await get(`${origin}/healthz`)) === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A workbench URL: the folder to open and, for test runs, the development
 * payload (honoured only with `--vscode-option enable-smoke-test-driver`).
 */
export function workbenchUrl(
  server: Pick<CodeServer, 'origin' | 'port'>,
  folder: string,
  payload?: { extensionDevelopmentPath: string; extensionTestsPath?: string },
): string {
  let url = `${server.origin}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
    if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
    url += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
  }
  return url;
}
