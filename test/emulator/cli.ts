/**
 * Runs the emulator as its own process, for tools that cannot start it
 * in-process (the extension host, a browser test, a person trying things):
 *
 *   npm run --silent emulator -- --port 0 --token t [--seed s] [--build-ms 60000]
 *                                [--new-every-ms 0] [--deployment-count 160]
 *
 * The first line on stdout is the EmulatorInfo as JSON, so a parent process
 * can read the URL (and the port picked for --port 0) before anything else.
 * SIGTERM or SIGINT closes the server and exits with 0.
 *
 * `npx` and `npm run` do not pass a SIGTERM sent to them alone on to this
 * process (the `sh` between them dies of it, orphaning tsx and us), and an
 * orphaned emulator would serve forever. So, on Linux, the CLI also closes
 * when the chain of processes that launched it breaks.
 */
import { readFileSync } from 'node:fs';
import { startEmulator, type EmulatorOptions } from './server';

const USAGE =
  'usage: emulator [--port <n>] [--token <t>] [--seed <s>] [--build-ms <ms>] [--new-every-ms <ms>] [--deployment-count <n>]';

function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  const number = (flag: string, raw: string | undefined): number => {
    const value = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(value) || value < 0) throw new Error(`${flag} needs a number >= 0`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // Accept both "--flag value" and "--flag=value".
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = number(flag, value());
        break;
      case '--token': {
        const token = value();
        if (!token) throw new Error('--token needs a value');
        options.token = token;
        break;
      }
      case '--seed': {
        const seed = value();
        if (seed === undefined) throw new Error('--seed needs a value');
        options.seed = seed;
        break;
      }
      case '--build-ms':
        options.buildMs = number(flag, value());
        break;
      case '--new-every-ms':
        options.newEveryMs = number(flag, value());
        break;
      case '--deployment-count':
        options.deploymentCount = number(flag, value());
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return options;
}

/** Parent pid of `pid`, from /proc; undefined where there is no /proc (macOS, Windows). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain ") ", so read after the last one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` once our parent or grandparent is replaced (reparenting
 * means the process that started it has died). The grandparent matters
 * because our parent is usually tsx, which outlives the npm that ran it.
 */
function watchLauncher(onGone: () => void): void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  if (grandparent === undefined) return;
  const timer = setInterval(() => {
    if (process.ppid !== parent || parentOf(parent) !== grandparent) {
      clearInterval(timer);
      onGone();
    }
  }, 500);
  timer.unref();
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`${JSON.stringify(emulator.info)}\n`);
  process.stderr.write(`Vercel API emulator listening on ${emulator.info.url}\n`);

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${reason}: closing the emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`could not close cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  watchLauncher(() => stop('launcher exited'));
}

void main();
