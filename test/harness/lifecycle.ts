/**
 * What every launcher needs around its real work: one temp dir for everything,
 * cleanup on every exit path (normal end, error, timeout, Ctrl-C, SIGTERM),
 * and knowing which phase it was in when something went wrong.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { killGroupNow } from './codeServer';
import { repoRoot } from './paths';

/** Retries, because a browser that is just exiting may still write into its profile. */
function removeTree(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (error) {
    console.error(`could not remove ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Step = { name: string; run: () => Promise<void> | void };

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

export class Lifecycle {
  readonly tempRoot: string;
  phase = 'starting';
  private readonly steps: Step[] = [];
  /** Process groups to SIGKILL synchronously if the process exits before cleanup ran. */
  private readonly groups = new Set<number>();
  private cleaning: Promise<void> | undefined;
  private readonly keepTemp: boolean;

  constructor(
    private readonly label: string,
    tempPrefix: string,
  ) {
    this.keepTemp = process.env.VSCODE_TEST_KEEP_TEMP === '1';
    this.tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), tempPrefix));
    const tmp = path.join(this.tempRoot, 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    // Playwright and chromium put their scratch files under os.tmpdir(): keep them in here too.
    process.env.TMPDIR = tmp;

    // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and
    // relayed by tsx), and a second, unhandled SIGINT would kill it mid-cleanup.
    let signals = 0;
    for (const signal of Object.keys(SIGNAL_NUMBERS) as (keyof typeof SIGNAL_NUMBERS)[]) {
      process.on(signal, () => {
        signals += 1;
        if (signals === 1) {
          this.log(`${signal} while ${this.phase}; stopping`);
          this.phase = 'stopping';
          void this.cleanup().finally(() => process.exit(128 + SIGNAL_NUMBERS[signal]));
        } else if (signals > 3) {
          // Someone insists: the exit handler still kills the server's process group.
          process.exit(128 + SIGNAL_NUMBERS[signal]);
        }
      });
    }
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      process.on(event, (error: unknown) => {
        console.error(`[${this.label}] ${event} while ${this.phase}:`, error);
        void this.cleanup().finally(() => process.exit(1));
      });
    }
    process.on('exit', () => {
      // Last resort when something exited without cleanup(): nothing async runs here.
      for (const pid of this.groups) killGroupNow(pid);
      if (!this.keepTemp) removeTree(this.tempRoot);
    });
  }

  /** True once a signal asked the run to stop: what fails after that is the stopping itself. */
  get stopping(): boolean {
    return this.phase === 'stopping';
  }

  log(message: string): void {
    console.log(`[${this.label}] ${message}`);
  }

  enter(phase: string): void {
    this.phase = phase;
    this.log(`${phase}…`);
  }

  /** Registers an undo step; steps run in reverse order. */
  defer(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  trackGroup(pid: number): void {
    this.groups.add(pid);
  }

  untrackGroup(pid: number): void {
    this.groups.delete(pid);
  }

  cleanup(): Promise<void> {
    this.cleaning ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop()!;
        try {
          await Promise.race([step.run(), new Promise((r) => setTimeout(r, 15_000).unref())]);
        } catch (error) {
          this.log(`cleanup "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (this.keepTemp) this.log(`kept ${this.tempRoot} (VSCODE_TEST_KEEP_TEMP=1)`);
      else removeTree(this.tempRoot);
    })();
    return this.cleaning;
  }

  /**
   * `work`, unless `seconds` pass first: then it rejects naming the phase the
   * run was in. (What `work` was doing is stopped by cleanup(), not here.)
   */
  withDeadline<T>(seconds: number, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${seconds} s while ${this.phase}`)), seconds * 1000);
    });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  }
}

/** Bundles the extension (and with `tests`, the integration suite) with the project's Node. */
export function build(tests: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['esbuild.mjs', ...(tests ? ['--tests'] : [])];
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`node ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

export function readTail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
