/**
 * A long, realistic build log for the benchmarks: Vercel's phases, ANSI
 * colours, npm and Next.js output, warnings, and a failing type check at the
 * end — the same every run (seeded), as events the API would send.
 */
import { Prng } from '../emulator/prng';

export interface RawEvent {
  readonly type: string;
  readonly created: number;
  readonly id: string;
  readonly serial: string;
  readonly text: string;
  readonly level?: 'error' | 'warning';
}

const PACKAGES = ['react', 'react-dom', 'next', 'zod', 'swr', 'clsx', 'date-fns', 'lodash', 'sharp', 'typescript'];

export function longLog(lines: number, start = Date.UTC(2026, 11, 3, 9, 0, 0)): RawEvent[] {
  const prng = new Prng(`bench-log-${lines}`);
  const events: RawEvent[] = [];
  let created = start;
  const push = (type: string, text: string, level?: 'error' | 'warning') => {
    const index = events.length;
    created += prng.int(0, 3);
    events.push({
      type,
      created,
      id: `evt_${index.toString(36)}`,
      serial: `${created}${String(index).padStart(7, '0')}`,
      text,
      ...(level ? { level } : {}),
    });
  };
  push('stdout', 'Running build in Washington, D.C., USA (East) – iad1');
  push('stdout', 'Build machine configuration: 4 cores, 8 GB');
  push('stdout', 'Cloning github.com/acme/shop (Branch: main, Commit: 1a2b3c4)');
  push('delimiter', 'Build');
  push('command', 'Running "install" command: `npm install`...');
  const body = Math.max(0, lines - 12);
  for (let i = 0; i < body; i++) {
    const pick = prng.int(0, 99);
    if (i === Math.floor(body / 2)) push('command', 'Running "npm run build"');
    else if (pick < 3) push('stderr', `\u001b[33mwarn\u001b[39m - ${prng.pick(PACKAGES)}@${prng.int(1, 20)}.${prng.int(0, 9)}.0 is deprecated`, 'warning');
    else if (pick < 10) push('stdout', `\u001b[32m✓\u001b[39m Compiled /${prng.slug(6)}/${prng.slug(8)} in ${prng.int(20, 900)}ms (${prng.int(100, 2000)} modules)`);
    else if (pick < 30) push('stdout', `npm http fetch GET 200 https://registry.npmjs.org/${prng.pick(PACKAGES)} ${prng.int(5, 300)}ms (cache hit)`);
    else push('stdout', `   ${prng.slug(prng.int(4, 12))} ${prng.slug(prng.int(4, 30))} ${'·'.repeat(prng.int(0, 20))} ${prng.int(0, 99_999)} kB`);
  }
  push('stderr', '\u001b[31mFailed to compile.\u001b[39m', 'error');
  push('stderr', '');
  push('stderr', './app/page.tsx:12:32', 'error');
  push('stderr', "Type error: Property 'total' does not exist on type 'CartSummary'.", 'error');
  push('stderr', '');
  push('stderr', 'Error: Command "npm run build" exited with 1', 'error');
  push('exit', '1');
  return events;
}
