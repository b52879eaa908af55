/**
 * `npm start`: try the extension by hand, offline. Builds it, starts the Vercel
 * API emulator with a demo account whose builds come and go, and serves a real
 * VS Code (code-server) with the extension installed, on a demo workspace
 * linked to the emulator's team project. Open the printed URL in a browser.
 *
 *   npm start                 port 8080 (or PORT), a free one if that is taken
 *   npm start -- --port 9000
 *
 * Ctrl-C (or SIGTERM) stops everything it started and removes its temp dir.
 */
import * as path from 'node:path';
import { startEmulator } from '../emulator/server';
import { startCodeServer } from './codeServer';
import { Lifecycle, build } from './lifecycle';
import { repoRoot } from './paths';
import { provision } from './provision';
import { createLinkedWorkspace, linkExtension } from './workspace';

const DEFAULT_PORT = 8080;
const DEMO_TOKEN = 'vercel-deployments-demo-token';

function requestedPort(argv: string[]): number {
  const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag === -1 ? process.env.PORT : argv[flag]!.includes('=') ? argv[flag]!.split('=')[1] : argv[flag + 1];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${raw}`);
  return port;
}

const README = (projectName: string, teamSlug: string): string => `# ${projectName} (demo)

This folder is linked to the project **${projectName}** of the team **${teamSlug}**
on the local Vercel API emulator, through \`.vercel/project.json\` — the file
\`vercel link\` writes.

1. Run **Vercel: Set Token** from the Command Palette and paste the demo token
   printed by \`npm start\`.
2. Open the Vercel view in the activity bar: new deployments appear about every
   40 seconds and take about 45 seconds to build, so there is usually one to cancel.
`;

async function main(): Promise<void> {
  const life = new Lifecycle('start', 'vercel-deployments-start-');
  try {
    const port = requestedPort(process.argv.slice(2));

    life.enter('provisioning the VS Code runtime');
    const runtime = await provision();

    life.enter('building the extension');
    await build(false);

    life.enter('starting the emulator');
    const emulator = await startEmulator({ port: 0, token: DEMO_TOKEN, seed: 'demo', buildMs: 45_000, newEveryMs: 40_000 });
    life.defer('stop the emulator', () => emulator.close());
    const { info } = emulator;
    const workspace = createLinkedWorkspace(path.join(life.tempRoot, info.projectName), info, {
      'README.md': README(info.projectName, info.teamSlug),
    });

    life.enter('starting code-server');
    const extensionsDir = path.join(life.tempRoot, 'extensions');
    const extensionId = linkExtension(extensionsDir);
    const serverLog = path.join(life.tempRoot, 'code-server.log');
    const server = await startCodeServer({
      runtime,
      tempRoot: life.tempRoot,
      port,
      logFile: serverLog,
      userSettings: { 'vercelDeployments.apiUrl': info.url },
      onSpawn: (pid) => life.trackGroup(pid),
    });
    life.defer('stop code-server', async () => {
      await server.stop();
      life.untrackGroup(server.pid);
    });
    if (port !== 0 && server.port !== port) life.log(`port ${port} is taken; using ${server.port}`);

    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}`;
    life.phase = 'serving';
    console.log(`
  VS Code with ${extensionId} (from ${repoRoot})
    open      ${url}
    token     ${info.token}      (paste into "Vercel: Set Token")
    emulator  ${info.url}  team ${info.teamSlug}, project ${info.projectName}
    logs      ${serverLog}

  After a rebuild (npm run build / npm run watch), run "Developer: Reload Window".
  Ctrl-C stops everything.
`);

    const { code, signal } = await server.exited;
    if (life.phase !== 'serving') return; // stopped on purpose: the signal handler exits
    life.log(`code-server stopped by itself (${signal ?? `exit ${code}`})`);
    await life.cleanup();
    process.exit(1);
  } catch (error) {
    if (life.stopping) return; // interrupted: the signal handler cleans up and exits
    console.error(`[start] FAILED while ${life.phase}: ${error instanceof Error ? error.message : String(error)}`);
    await life.cleanup();
    process.exit(1);
  }
}

void main();
