/**
 * Row 9 — Deploy: a linked folder of 1,000 files (about 2 KB each, in 20
 * folders, plus a node_modules the ignore rules leave out) deployed to the
 * emulator, first deploy (every file uploaded) and the unchanged folder
 * again (nothing uploaded), beside `vercel deploy --no-wait` (the official
 * CLI 58) on the same folder against the same emulator, the two alternating.
 *
 * Ours: src/deploy's ignore rules, SHA-1 through Web Crypto (sha1Hex) and
 * the send (create, missing_files, uploads, create) through the real
 * VercelClient; the walk reads with node:fs here, as the bench has no
 * workspace file system, in the order and with the rules of files.ts. The
 * clock runs from the walk to the create's answer. The CLI's clock runs
 * from spawning it to its exit (its Node start-up included, about what a
 * terminal costs a person too). Requests are the emulator's request log.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VercelClient } from '../../src/api/client';
import { createIgnore } from '../../src/deploy/ignore';
import { sha1Hex } from '../../src/deploy/hash';
import type { HashedFile } from '../../src/deploy/plan';
import { sendDeployment } from '../../src/deploy/send';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type EmulatorInfo } from '../emulator/server';
import type { BenchContext } from './context';
import type { Line } from './report';
import { median, ms, pairedRatio, times } from './stats';

const FILES = 1000;
const TOKEN = 'benchdeploytoken';

function makeFolder(dir: string, info: EmulatorInfo): void {
  fs.mkdirSync(path.join(dir, '.vercel'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vercel/project.json'), JSON.stringify({ projectId: info.projectId, orgId: info.teamId }));
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, 'src', `part-${String(i % 20).padStart(2, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    // Distinct contents, so every file is its own upload.
    const body = `export const value${i} = ${JSON.stringify(createHash('sha256').update(String(i)).digest('hex'))};\n`.repeat(24);
    fs.writeFileSync(path.join(folder, `module-${i}.ts`), body);
  }
  fs.mkdirSync(path.join(dir, 'node_modules/dep'), { recursive: true });
  for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `node_modules/dep/f${i}.js`), `module.exports = ${i};\n`);
}

/** The files of `root` as files.ts walks them: breadth first, sorted, ignored folders never entered. */
function walk(root: string): string[] {
  const ignores = createIgnore({});
  const files: string[] = [];
  const folders = [''];
  while (folders.length > 0) {
    const prefix = folders.shift() as string;
    const entries = fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (ignores(rel, entry.isDirectory())) continue;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) folders.push(rel);
      else if (entry.isFile()) files.push(rel);
    }
  }
  return files;
}

async function ours(root: string, info: EmulatorInfo): Promise<{ ms: number; hashMs: number; uploaded: number }> {
  const client = new VercelClient({ origin: info.url, token: async () => TOKEN });
  const started = performance.now();
  const paths = walk(root);
  const files: HashedFile[] = [];
  for (const p of paths) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(root, p)));
    files.push({ path: p, sha: await sha1Hex(bytes), size: bytes.byteLength });
  }
  const hashMs = performance.now() - started;
  const result = await sendDeployment({
    client,
    request: { name: info.projectName, project: info.projectId },
    scope: { teamId: info.teamId },
    files,
    read: async (f) => new Uint8Array(fs.readFileSync(path.join(root, f.path))),
  });
  return { ms: performance.now() - started, hashMs, uploaded: result.uploaded };
}

function cli(ctx: BenchContext, root: string, info: EmulatorInfo): Promise<number> {
  const home = path.join(ctx.tmp, 'deploy-cli-home');
  fs.mkdirSync(home, { recursive: true });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      path.join(ctx.root, 'node_modules/.bin/vercel'),
      ['deploy', '--api', info.url, '--token', TOKEN, '--yes', '--no-wait'],
      {
        cwd: root,
        timeout: 300_000,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: home,
          XDG_CONFIG_HOME: path.join(home, '.config'),
          XDG_DATA_HOME: path.join(home, '.local/share'),
          XDG_CACHE_HOME: path.join(home, '.cache'),
          VERCEL_TELEMETRY_DISABLED: '1',
          NO_UPDATE_NOTIFIER: '1',
          CI: '1',
        },
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(performance.now() - started)),
    );
  });
}

export async function deployRow(ctx: BenchContext): Promise<Line[]> {
  const emulator = await startEmulator({ token: TOKEN, seed: 'bench-deploy', buildMs: 600_000, deploymentCount: 12 });
  try {
    const info = emulator.info;
    const control = new EmulatorControl(info.url);
    const root = path.join(ctx.tmp, 'deploy-folder');
    makeFolder(root, info);
    const rounds = ctx.quick ? 2 : 5;
    const first = { ours: [] as number[], cli: [] as number[], hash: [] as number[], oursRequests: 0, cliRequests: 0, cliUploads: 0 };
    const again = { ours: [] as number[], cli: [] as number[], oursRequests: 0, cliRequests: 0 };
    const api = async () => (await control.requests()).filter((r) => r.method === 'POST');
    for (let round = 0; round < rounds; round++) {
      ctx.log(`deploy: round ${round + 1} of ${rounds}`);
      // First deploys: an emulator without the files each time (a reset forgets them).
      for (const who of round % 2 === 0 ? (['ours', 'cli'] as const) : (['cli', 'ours'] as const)) {
        await control.reset();
        if (who === 'ours') {
          const r = await ours(root, info);
          first.ours.push(r.ms);
          first.hash.push(r.hashMs);
          first.oursRequests = (await api()).length;
          await control.clearRequests();
          const r2 = await ours(root, info);
          again.ours.push(r2.ms);
          again.oursRequests = (await api()).length;
        } else {
          first.cli.push(await cli(ctx, root, info));
          const posts = await api();
          first.cliRequests = posts.length;
          first.cliUploads = posts.filter((p) => p.path === '/v2/files').length;
          await control.clearRequests();
          again.cli.push(await cli(ctx, root, info));
          again.cliRequests = (await api()).length;
        }
      }
    }
    const note = `${FILES} files of 2.4 KB (2.4 MB) in 20 folders plus 200 in node_modules (ignored); ${rounds} rounds, the contenders alternating, medians; POST requests counted at the emulator (the CLI also reads the user, team and project first: not counted).`;
    return [
      {
        id: '9a',
        label: `first deploy of a ${FILES.toLocaleString('en-US')}-file folder: walk, hash, upload, create`,
        value: `${ms(median(first.ours))}, ${first.oursRequests} POSTs`,
        raw: median(first.ours),
        unit: 'ms',
        comparison: `vercel deploy --no-wait: ${ms(median(first.cli))}, ${first.cliRequests} POSTs (${first.cliUploads} uploads); ours ${times(1 / pairedRatio(first.ours, first.cli))} faster`,
        note: `${note} Hashing alone (walk + read + SHA-1 of every file): ${ms(median(first.hash))}.`,
      },
      {
        id: '9b',
        label: 'the unchanged folder again: nothing uploaded',
        value: `${ms(median(again.ours))}, ${again.oursRequests} POST`,
        raw: median(again.ours),
        unit: 'ms',
        target: '0 uploads',
        met: again.oursRequests === 1,
        comparison: `vercel deploy --no-wait: ${ms(median(again.cli))}, ${again.cliRequests} POST; ours ${times(1 / pairedRatio(again.ours, again.cli))} faster`,
        note,
      },
    ];
  } finally {
    await emulator.close();
  }
}
