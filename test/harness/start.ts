/**
 * `npm start`: try the extension by hand, offline. Builds it, starts the Vercel
 * API emulator with a demo account whose builds come and go, and serves a real
 * VS Code (code-server) with the extension installed, on a demo workspace
 * linked to the emulator's team project: a git repository on a branch with
 * deployments, whose README (opened at start) gives the first steps and the
 * token. Open the printed URL in a browser.
 *
 *   npm start                 port 8080 (or PORT), a free one if that is taken
 *   npm start -- --port 9000
 *
 * Ctrl-C (or SIGTERM) stops everything it started and removes its temp dir.
 */
import * as path from 'node:path';
import { EmulatorControl } from '../emulator/control';
import { DEMO_BRANCH, DEMO_EMULATOR } from '../emulator/demo';
import { startEmulator, type EmulatorInfo } from '../emulator/server';
import { startCodeServer } from './codeServer';
import { Lifecycle, build } from './lifecycle';
import { repoRoot } from './paths';
import { provision } from './provision';
import { createLinkedWorkspace, initGitRepository, linkExtension } from './workspace';

const DEFAULT_PORT = 8080;

function requestedPort(argv: string[]): number {
  const flag = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  const raw = flag === -1 ? process.env.PORT : argv[flag]!.includes('=') ? argv[flag]!.split('=')[1] : argv[flag + 1];
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${raw}`);
  return port;
}

const HEAD_MESSAGE = 'Show the review count next to the price';

const RATING = `export function Rating({ stars, reviews }: { stars: number; reviews: number }) {
  const full = Math.round(stars);
  return (
    <span className="rating" aria-label={\`\${stars.toFixed(1)} out of 5 stars, \${reviews} reviews\`}>
      {'★'.repeat(full)}
      {'☆'.repeat(5 - full)} <small>({reviews})</small>
    </span>
  );
}
`;

const README = (info: EmulatorInfo): string => `# ${info.projectName} — Vercel Deployments demo

This folder is a small Next.js shop, linked to the project **${info.projectName}**
of the team **${info.teamSlug}** on a local Vercel API emulator (through
\`.vercel/project.json\`, the file \`vercel link\` writes). It is a git
repository on the branch \`${DEMO_BRANCH}\`. Nothing here talks to vercel.com.

## First steps

1. Open the **Vercel** view in the activity bar and choose **Set Token** (or
   run **Vercel: Set Token** from the Command Palette, Ctrl+Shift+P).
2. Paste this token:

   \`\`\`
   ${info.token}
   \`\`\`

3. The deployments of **${info.projectName}** appear, newest first. The newest
   is your HEAD commit ("${HEAD_MESSAGE}") building: it is ready in about
   ${Math.round(DEMO_EMULATOR.buildMs / 1000)} seconds.

## Things to try

- **Status bar**: the newest deployment of your branch, \`${DEMO_BRANCH}\`, and
  whether HEAD is deployed yet. Click it to find the deployment in the tree.
- **Filter Deployments…** (the filter button of the view): pick *the current
  branch* to see only \`${DEMO_BRANCH}\`, or only failed builds.
- **Show Build Logs** on a failed deployment (red): the log opens in an
  editor, its steps are in the Outline, and its errors land in the
  **Problems** panel on the files of this folder (\`lib/cart.ts\`,
  \`app/page.tsx\`, …).
- **Show Runtime Logs** on a ready production deployment (green): what the
  shop's functions print, the last hour then live. Now and then a
  \`POST /api/checkout\` answers 500: its stack trace links to
  \`app/api/checkout/route.ts\`, and the error lands in the **Problems**
  panel on the line that throws. **Filter Runtime Logs…** (the editor's
  filter button) shows only errors, or only 5xx.
- **Show Details** on any deployment: its error, commit and build time, and
  its JSON with the API's documentation.
- **Cancel** a build while it runs; **Redeploy**, **Promote to Production**
  and **Instant Rollback** from a deployment's context menu.
- A new deployment is pushed about every ${Math.round(DEMO_EMULATOR.newEveryMs / 60_000)} minutes, so builds come and go while you
  watch; you get a notification when one of your branch's builds finishes.
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
    const emulator = await startEmulator({ port: 0, ...DEMO_EMULATOR });
    life.defer('stop the emulator', () => emulator.close());
    const { info } = emulator;

    life.enter('preparing the demo workspace');
    const workspace = createLinkedWorkspace(path.join(life.tempRoot, info.projectName), info, {
      'README.md': README(info),
      '.gitignore': '.next\nnode_modules\n.vercel\n',
    });
    const author = { name: 'Ana Lima', email: 'ana.lima@example.com' };
    let head: string | undefined;
    try {
      [, head] = initGitRepository(workspace, [
        { message: 'Set up the storefront', author, branch: 'main', date: Date.now() - 3 * 3_600_000 },
        { message: HEAD_MESSAGE, author, branch: DEMO_BRANCH, files: { 'components/Rating.tsx': RATING } },
      ]);
    } catch (error) {
      // Without git the demo still runs; only the branch-aware parts have nothing to follow.
      life.log(`could not make the demo workspace a git repository (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): the status bar and the branch filter will have no branch`);
    }
    // HEAD is being deployed: the status bar has a build of your own commit to follow.
    await new EmulatorControl(info.url).createDeployment({
      target: 'preview',
      advance: true,
      outcome: 'READY',
      creator: { username: 'ana-lima' },
      meta: {
        githubCommitRef: DEMO_BRANCH,
        ...(head !== undefined && { githubCommitSha: head }),
        githubCommitMessage: HEAD_MESSAGE,
        githubCommitAuthorName: author.name,
        githubCommitAuthorLogin: 'analima',
      },
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
      userSettings: {
        'vercelDeployments.apiUrl': info.url,
        // The demo shows its README first, and follows the workspace's branch through the Git extension.
        'workbench.startupEditor': 'readme',
        'git.enabled': true,
        'git.autofetch': false,
      },
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
