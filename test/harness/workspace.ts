import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_WORKSPACE } from '../emulator/events';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import type { Lifecycle } from './lifecycle';
import { repoRoot } from './paths';
import { INTEGRATION_TOKEN, type EmulatorInfo, type TestEmulatorEnv } from './testEnv';

/**
 * Makes `dir` a workspace linked to the emulator's team project, the way
 * `vercel link` leaves it: `.vercel/project.json` with projectId and orgId.
 * It holds the demo project's source, so the files and lines the emulator's
 * failed build logs name are there to open.
 */
export function createLinkedWorkspace(dir: string, info: EmulatorInfo, files: Record<string, string> = {}): string {
  fs.cpSync(DEMO_WORKSPACE, dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(manifest, JSON.stringify({ ...pkg, name: info.projectName }, null, 2) + '\n');
  fs.mkdirSync(path.join(dir, '.vercel'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, '.vercel', 'project.json'),
    JSON.stringify({ projectId: info.projectId, orgId: info.teamId, projectName: info.projectName }, null, 2) + '\n',
  );
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** One commit of a demo repository: the files it writes (relative path → text) and who made it. */
export interface DemoCommit {
  message: string;
  author: { name: string; email: string };
  /** Written before the commit; with none, the commit takes whatever the folder holds. */
  files?: Record<string, string>;
  /** The branch it goes on, created from the current HEAD when new (default: the branch of the commit before). */
  branch?: string;
  /** When it was made, in ms (default now); git wants whole seconds. */
  date?: number;
}

/**
 * Makes `dir` a git repository with `commits`, in order, and leaves HEAD on
 * the last commit's branch: what a clone of the project looks like, so the
 * Git extension has a branch and a HEAD to report. Returns each commit's sha.
 * The first commit's branch (default `main`) is the initial branch.
 */
export function initGitRepository(dir: string, commits: readonly DemoCommit[]): string[] {
  const git = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      // The machine's own git config (signing, hooks, templates) has no say in a throwaway demo repository.
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  git(['init', '--quiet', `--initial-branch=${commits[0]?.branch ?? 'main'}`]);
  const shas: string[] = [];
  let current = commits[0]?.branch ?? 'main';
  for (const commit of commits) {
    if (commit.branch !== undefined && commit.branch !== current) {
      git(['checkout', '--quiet', '-b', commit.branch]);
      current = commit.branch;
    }
    for (const [name, text] of Object.entries(commit.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    git(['add', '--all']);
    const when = `${Math.floor((commit.date ?? Date.now()) / 1000)} +0000`;
    const { name, email } = commit.author;
    git(['commit', '--quiet', '--allow-empty', '--no-gpg-sign', '-m', commit.message], {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      GIT_COMMITTER_DATE: when,
    });
    shas.push(git(['rev-parse', 'HEAD']));
  }
  return shas;
}

/**
 * What both integration launchers give the suite: an emulator in a calm
 * state (builds take a minute and none start by themselves; tests create and
 * move deployments through its control API), a workspace linked to its team
 * project, and the handover the suite reads from TEST_EMULATOR_ENV.
 */
export async function startSuiteWorld(
  life: Lifecycle,
): Promise<{ emulator: RunningEmulator; workspace: string; handover: TestEmulatorEnv }> {
  life.enter('starting the emulator');
  const emulator = await startEmulator({
    port: 0,
    token: INTEGRATION_TOKEN,
    seed: 'integration',
    buildMs: 60_000,
    newEveryMs: 0,
  });
  life.defer('stop the emulator', () => emulator.close());
  const workspace = createLinkedWorkspace(path.join(life.tempRoot, 'workspace'), emulator.info);
  return { emulator, workspace, handover: { ...emulator.info, workspace } };
}

/**
 * Installs the working tree as an extension by linking it into the throwaway
 * extensions dir: a normal (non-test) window loads it like any installed
 * extension, and reloading the window picks up a rebuilt dist/.
 */
export function linkExtension(extensionsDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const link = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(repoRoot, link, 'dir');
  return `${manifest.publisher}.${manifest.name}`;
}
