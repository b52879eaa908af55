import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LogModel, normalizeEvent, type LogEntry, type LogLine, type LogStep } from '../../src/logs/model';
import { buildSteps, headingOf } from '../../src/logs/steps';

const ESC = '\x1b';
const T0 = Date.UTC(2026, 2, 1, 12, 4, 31, 118);

function entry(event: unknown): LogEntry {
  const normalized = normalizeEvent(event);
  assert.ok(normalized !== undefined, `expected an entry for ${JSON.stringify(event)}`);
  return normalized;
}

/**
 * Counts the steps of string and regex work `run` does: a character read is one, a search or a copy
 * as many as the characters it goes over, a regex match as many as it spans. Not time: the count is
 * the same on a slow machine, and it grows with the square of the text when the work does (a regex's
 * backtracking inside one match is not counted: the mocha timeout is what catches that).
 */
function countWork(run: () => void): number {
  let steps = 0;
  const strings = String.prototype as unknown as Record<string, (this: string, ...args: unknown[]) => unknown>;
  const originals = new Map<string, (this: string, ...args: unknown[]) => unknown>();
  const patch = (name: string, cost: (self: string, args: unknown[], result: unknown) => number) => {
    const original = strings[name];
    if (typeof original !== 'function') return;
    originals.set(name, original);
    strings[name] = function (this: string, ...args: unknown[]) {
      const result = original.apply(this, args);
      steps += 1 + cost(String(this), args, result);
      return result;
    };
  };
  const searched = (self: string, args: unknown[], result: unknown) => {
    const from = typeof args[1] === 'number' ? Math.max(0, args[1]) : 0;
    return typeof result === 'number' && result >= 0 ? result - from : self.length - from;
  };
  for (const name of ['charCodeAt', 'charAt', 'codePointAt', 'at']) patch(name, () => 0);
  patch('indexOf', searched);
  patch('lastIndexOf', (self, _args, result) => (typeof result === 'number' && result >= 0 ? self.length - result : self.length));
  const indexOf = String.prototype.indexOf;
  patch('includes', (self, args) => searched(self, args, indexOf.call(self, String(args[0]), typeof args[1] === 'number' ? args[1] : 0)));
  for (const name of ['startsWith', 'endsWith']) patch(name, (_self, args) => String(args[0]).length);
  for (const name of ['slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'repeat', 'padStart', 'padEnd', 'normalize']) {
    patch(name, (_self, _args, result) => (typeof result === 'string' ? result.length : 0));
  }
  for (const name of ['split', 'replace', 'replaceAll', 'match', 'matchAll', 'search']) patch(name, (self) => self.length);
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    // What the match went over: from where it started to the end of the match, or to the end when there was none.
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const result = exec.call(this, input);
    const text = String(input);
    const end = result === null ? (this.sticky ? from + 1 : text.length) : result.index + result[0].length;
    steps += 1 + Math.max(0, Math.min(text.length, end) - from);
    return result;
  };
  try {
    run();
  } finally {
    RegExp.prototype.exec = exec;
    for (const [name, original] of originals) strings[name] = original;
  }
  return steps;
}

/** A flat event as the API sends it, numbered like a real stream. */
function flat(n: number, type: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type,
    created: T0 + n * 250,
    date: T0 + n * 250,
    deploymentId: 'dpl_abc',
    id: `ev${n}`,
    serial: `${T0 + n * 250}${String(n).padStart(6, '0')}`,
    text,
    info: { type: 'build', name: 'bld_1', entrypoint: '.' },
    ...extra,
  };
}

function modelOf(events: readonly [string, string][]): LogModel {
  const model = new LogModel();
  model.append(events.map(([type, text], n) => entry(flat(n, type, text))));
  return model;
}

/** Steps as [name, kind, startLine, endLine, failed, children?] for readable expectations. */
type StepRow = [string, LogStep['kind'], number, number, boolean, StepRow[]?];
function rows(steps: readonly LogStep[]): StepRow[] {
  return steps.map((s) => {
    const row: StepRow = [s.name, s.kind, s.startLine, s.endLine, s.failed];
    if (s.children !== undefined) row.push(rows(s.children));
    return row;
  });
}

describe('normalizeEvent', () => {
  it('reads the flat shape: text, level, id and serial on the event', () => {
    const e = entry(flat(3, 'stderr', 'npm WARN deprecated inflight@1.0.6', { level: 'warning' }));
    assert.deepEqual(e, { key: 'ev3', created: T0 + 750, serial: `${T0 + 750}000003`, type: 'stderr', lines: ['npm WARN deprecated inflight@1.0.6'], severity: 'warning' });
  });

  it('reads the wrapped shape: text, id and serial inside payload', () => {
    const e = entry({
      type: 'stdout',
      created: T0,
      payload: { id: 'p1', serial: 's1', date: T0, deploymentId: 'dpl_abc', text: 'Cloning completed: 612.000ms', info: { type: 'build', name: 'bld_1' } },
    });
    assert.deepEqual(e, { key: 'p1', created: T0, serial: 's1', type: 'stdout', lines: ['Cloning completed: 612.000ms'] });
    assert.equal(entry({ type: 'stdout', payload: { created: T0, text: 'created only in payload' } }).created, T0);
  });

  it('drops keep-alives and events with nothing to show', () => {
    assert.equal(normalizeEvent({ type: 'stdout', text: 'no created' }), undefined);
    assert.equal(normalizeEvent({ type: 'alias-assigned', date: T0, alias: ['a.vercel.app'] }), undefined);
    assert.equal(normalizeEvent({ type: 'stdout', created: T0 }), undefined, 'no text at all');
    assert.equal(normalizeEvent({ type: 'stdout', created: T0, payload: {} }), undefined);
    assert.equal(normalizeEvent({ type: 'stdout', created: Number.NaN, text: 'x' }), undefined);
    assert.equal(normalizeEvent({ type: 'stdout', created: String(T0), text: 'x' }), undefined);
    for (const junk of [null, undefined, 42, 'text', [], [1, 2], true]) assert.equal(normalizeEvent(junk), undefined);
  });

  it('keeps unknown types as text, and text that is not a string as its string form', () => {
    assert.deepEqual(entry({ type: 'middleware-invocation', created: T0, text: 'GET /' }).type, 'middleware-invocation');
    assert.deepEqual(entry({ created: T0, text: 'no type' }).type, 'stdout');
    assert.deepEqual(entry({ type: 'exit', created: T0, text: 1 }).lines, ['1']);
    assert.deepEqual(entry({ type: 'stdout', created: T0, text: false }).lines, ['false']);
    assert.equal(normalizeEvent({ type: 'stdout', created: T0, text: { nested: 'object' } }), undefined);
    assert.equal(normalizeEvent({ type: 'stdout', created: T0, text: null }), undefined);
  });

  it('splits text into lines, strips ANSI, and keeps an empty line', () => {
    assert.deepEqual(entry({ created: T0, text: `${ESC}[31mFailed${ESC}[39m\r\n./app/page.tsx:12:5\nType error: x\n` }).lines, ['Failed', './app/page.tsx:12:5', 'Type error: x']);
    assert.deepEqual(entry({ created: T0, text: '' }).lines, ['']);
    assert.deepEqual(entry({ created: T0, text: '\n' }).lines, ['']);
    assert.deepEqual(entry({ created: T0, text: 'a\n\nb' }).lines, ['a', '', 'b']);
  });

  it('derives severity from level, fatal, ANSI colour and what stderr says', () => {
    assert.equal(entry({ created: T0, type: 'stdout', text: 'x', level: 'error' }).severity, 'error');
    assert.equal(entry({ created: T0, type: 'stdout', payload: { text: 'x', level: 'warning' } }).severity, 'warning');
    assert.equal(entry({ created: T0, type: 'fatal', text: 'The build container ran out of memory' }).severity, 'error');
    assert.equal(entry({ created: T0, type: 'stdout', text: `${ESC}[31mFailed to compile.${ESC}[39m` }).severity, 'error');
    assert.equal(entry({ created: T0, type: 'stderr', text: 'npm ERR! code ELIFECYCLE' }).severity, 'error');
    assert.equal(entry({ created: T0, type: 'stderr', text: 'warn: browserslist: caniuse-lite is outdated' }).severity, 'warning');
    assert.equal(entry({ created: T0, type: 'stderr', text: 'Creating an optimized production build ...' }).severity, undefined, 'stderr alone is not an error');
    assert.equal(entry({ created: T0, type: 'stdout', text: 'Error: Command "npm run build" exited with 1' }).severity, 'error');
    assert.equal(entry({ created: T0, type: 'stdout', text: 'Compiled successfully' }).severity, undefined);
  });

  it('keeps a severity per line when the lines of one event differ', () => {
    const e = entry({ created: T0, type: 'stdout', text: `plain\n${ESC}[31mFailed to compile.${ESC}[39m\nplain again` });
    assert.equal(e.severity, 'error');
    assert.deepEqual(e.lineSeverities, [undefined, 'error', undefined]);
  });

  it('uses id, then serial, then created/type/text as the key', () => {
    assert.equal(entry({ created: T0, id: 'a', serial: 'b', text: 'x' }).key, 'a');
    assert.equal(entry({ created: T0, serial: 'b', text: 'x' }).key, 'b');
    assert.equal(entry({ created: T0, type: 'stdout', text: 'x' }).key, `${T0}:stdout:x`);
  });

  it('reads a one-line event (its own fast path) as it reads the same line ended by a line break', () => {
    const piece = fc.constantFrom(`${ESC}[31m`, `${ESC}[33m`, `${ESC}[39m`, 'Error: ', 'error ', 'warn ', 'npm ERR! ', 'WARN ', '⚠ ', '12:04:31 ', '\r', 'x', ' ');
    const text = fc.oneof(fc.string(), fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''))).filter((t) => !t.includes('\n'));
    fc.assert(
      fc.property(text, fc.constantFrom('stdout', 'stderr', 'command', 'fatal', 'other'), fc.constantFrom(undefined, 'error', 'warning', 'info'), (t, type, level) => {
        const event = (body: string) => ({ created: T0, id: 'k', type, text: body, ...(level === undefined ? {} : { level }) });
        assert.deepEqual(normalizeEvent(event(t)), normalizeEvent(event(`${t}\n`)));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.option(fc.anything()), (value, payload) => {
        normalizeEvent(value);
        normalizeEvent({ created: T0, type: 'stdout', text: value, payload });
        normalizeEvent({ created: T0, payload: { text: value, id: payload } });
      }),
      { numRuns: 1000 },
    );
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile getter');
        },
      },
    );
    assert.equal(normalizeEvent(hostile), undefined);
  });
});

const VERCEL_FAILED: [string, string][] = [
  ['stdout', 'Running build in Washington, D.C., USA (East) – iad1'],
  ['stdout', 'Build machine configuration: 4 cores, 8 GB'],
  ['stdout', 'Cloning github.com/acme/shop (Branch: main, Commit: 1a2b3c4)'],
  ['stdout', 'Cloning completed: 612.000ms'],
  ['stdout', 'Restored build cache from previous deployment (9PfdkKT1fXbQ)'],
  ['stdout', 'Running "vercel build"'],
  ['stdout', 'Vercel CLI 41.2.0'],
  ['stdout', 'Installing dependencies...'],
  ['stdout', 'added 312 packages in 9s'],
  ['stdout', 'Detected Next.js version: 15.0.3'],
  ['stdout', 'Running "npm run build"'],
  ['stdout', '> shop@0.1.0 build'],
  ['stdout', '> next build'],
  ['stdout', 'Failed to compile.'],
  ['stdout', './app/page.tsx:12:5'],
  ['stdout', "Type error: Property 'total' does not exist on type 'Cart'."],
  ['stdout', 'Next.js build worker exited with code: 1 and signal: null'],
  ['stderr', 'Error: Command "npm run build" exited with 1'],
];

describe('steps', () => {
  it('follows Vercel’s phases and commands, and marks the failing step', () => {
    const model = modelOf(VERCEL_FAILED);
    assert.deepEqual(rows(model.steps), [
      ['Running build', 'phase', 0, 1, false],
      ['Cloning', 'phase', 2, 4, false],
      ['Running "vercel build"', 'command', 5, 6, false],
      ['Installing dependencies', 'phase', 7, 9, false],
      ['Running "npm run build"', 'command', 10, 17, true],
    ]);
    assert.equal(model.steps[0]?.detail, 'Washington, D.C., USA (East) – iad1');
    assert.equal(model.steps[1]?.detail, 'github.com/acme/shop (Branch: main, Commit: 1a2b3c4)');
    assert.equal(model.steps[3]?.detail, undefined, 'the "..." of "Installing dependencies..." is no detail');
  });

  it('follows a successful build to the end, and the last step grows with the log', () => {
    const model = modelOf([
      ['stdout', 'Running build in Cleveland, USA (East) – cle1'],
      ['stdout', 'Running "install" command: `npm ci`...'],
      ['stdout', 'added 12 packages'],
      ['stdout', 'Running "build" command: `vite build`...'],
      ['stdout', 'vite v5.4.2 building for production...'],
      ['stdout', 'Build Completed in /vercel/output [45s]'],
      ['stdout', 'Deploying outputs...'],
      ['stdout', 'Deployment completed'],
      ['stdout', 'Creating build cache...'],
      ['stdout', 'Created build cache: 12s'],
      ['exit', '0'],
    ]);
    assert.deepEqual(rows(model.steps), [
      ['Running build', 'phase', 0, 0, false],
      ['Installing dependencies', 'phase', 1, 2, false],
      ['Running "vite build"', 'command', 3, 4, false],
      ['Build Completed', 'phase', 5, 5, false],
      ['Deploying outputs', 'phase', 6, 6, false],
      ['Deployment completed', 'phase', 7, 7, false],
      ['Creating build cache', 'phase', 8, 10, false],
    ]);
    assert.equal(model.steps[1]?.detail, 'npm ci');
    assert.equal(model.steps[3]?.detail, '/vercel/output [45s]');
    model.append([entry(flat(20, 'stdout', 'Uploading build cache [120 MB]...'))]);
    assert.equal(model.steps.at(-1)?.endLine, 11);
  });

  it('nests phases and commands in delimiter steps, and marks the delimiter that holds a failure', () => {
    const model = modelOf([
      ['stdout', 'Running build in Washington, D.C., USA (East) – iad1'],
      ['delimiter', 'Build'],
      ['command', 'Running "vercel build"'],
      ['stdout', 'Installing dependencies...'],
      ['command', 'Running "npm run build"'],
      ['stdout', 'Failed to compile.'],
      ['exit', '1'],
      ['delimiter', 'Deploy'],
      ['stdout', 'Deploying outputs...'],
    ]);
    assert.deepEqual(rows(model.steps), [
      ['Running build', 'phase', 0, 0, false],
      [
        'Build',
        'delimiter',
        1,
        6,
        true,
        [
          ['Running "vercel build"', 'command', 2, 2, false],
          ['Installing dependencies', 'phase', 3, 3, false],
          ['Running "npm run build"', 'command', 4, 6, true],
        ],
      ],
      ['Deploy', 'delimiter', 7, 8, false, [['Deploying outputs', 'phase', 8, 8, false]]],
    ]);
  });

  it('does not repeat a delimiter’s name in a child that starts it', () => {
    const model = modelOf([
      ['delimiter', 'Cloning'],
      ['stdout', 'Cloning github.com/acme/shop (Branch: main, Commit: 1a2b3c4)'],
      ['stdout', 'Cloning completed: 612.000ms'],
      ['delimiter', 'Deploying outputs'],
      ['stdout', 'Deploying outputs...'],
      ['stdout', 'Deployment completed'],
    ]);
    assert.deepEqual(rows(model.steps), [
      ['Cloning', 'delimiter', 0, 2, false, []],
      ['Deploying outputs', 'delimiter', 3, 5, false, [['Deployment completed', 'phase', 5, 5, false]]],
    ]);
    assert.equal(model.steps[0]?.detail, 'github.com/acme/shop (Branch: main, Commit: 1a2b3c4)');
  });

  it('marks a step failed for a fatal event, an error line or a non-zero exit, and a command named by the final error', () => {
    assert.equal(modelOf([['command', 'Running "a"'], ['fatal', 'Out of memory']]).steps[0]?.failed, true);
    assert.equal(modelOf([['command', 'Running "a"'], ['stderr', 'x']]).steps[0]?.failed, false);
    assert.equal(modelOf([['command', 'Running "a"'], ['exit', '137']]).steps[0]?.failed, true);
    assert.equal(modelOf([['command', 'Running "a"'], ['exit', '0']]).steps[0]?.failed, false);
    const model = modelOf([
      ['stdout', 'Running "install" command: `pnpm install`...'],
      ['stdout', 'ERR_PNPM_OUTDATED_LOCKFILE'],
      ['stdout', 'Build Completed in /vercel/output [1s]'],
      ['stdout', 'Error: Command "pnpm install" exited with 1'],
    ]);
    assert.deepEqual(
      model.steps.map((s) => [s.name, s.failed]),
      [
        ['Installing dependencies', true],
        ['Build Completed', true],
      ],
    );
  });

  it('reads headings through a printed timestamp, and not from long or indented lines', () => {
    assert.equal(headingOf({ type: 'stdout', text: '12:04:31.118 Cloning github.com/a/b' })?.name, 'Cloning');
    assert.equal(headingOf({ type: 'stdout', text: 'Cloning completed: 1s' }), undefined);
    assert.equal(headingOf({ type: 'stdout', text: '  Running "x" inside npm output' })?.name, undefined);
    assert.equal(headingOf({ type: 'stdout', text: `Running "${'x'.repeat(400)}"` }), undefined);
    assert.equal(headingOf({ type: 'delimiter', text: '' }), undefined, 'an empty name cannot be a symbol');
    assert.equal(headingOf({ type: 'command', text: '   ' }), undefined);
  });

  it('finds every kind of heading behind its first letter, with or without a printed time (the letter is checked first)', () => {
    const starts = [
      'Running build in',
      'Cloning github.com/a/b',
      'Retrieving list of deployment files',
      'Installing dependencies',
      'Build Completed',
      'Deploying outputs',
      'Deployment completed',
      'Creating build cache',
      'Running "x"',
      'Running "build" command: `vite build`',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.constantFrom('', '12:04:31 ', '[12:04:31.118] ', '2026-01-02T12:34:56Z\t'), fc.string({ maxLength: 30 }), (start, time, rest) => {
        const text = `${time}${start} ${rest}`;
        fc.pre(!/[\r\n]/.test(text));
        assert.notEqual(headingOf({ type: 'stdout', text }), undefined, text);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary lines, and steps stay ordered and inside the log', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('Running "', 'Running "x"', 'Running "install" command: `', 'Cloning ', 'Error: Command "x" exited with ', '12:00:00 ', '"', '`', '...', '…'),
    );
    const line = fc.record({
      text: fc.array(text, { maxLength: 5 }).map((parts) => parts.join('')),
      type: fc.constantFrom('stdout', 'stderr', 'command', 'delimiter', 'exit', 'fatal', 'other'),
      created: fc.constant(T0),
      severity: fc.constantFrom(undefined, 'error' as const, 'warning' as const),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const check = (steps: readonly LogStep[], from: number, to: number): void => {
          let previous = from - 1;
          for (const step of steps) {
            assert.ok(step.name.trim().length > 0);
            assert.ok(step.startLine > previous && step.startLine <= step.endLine && step.endLine <= to, JSON.stringify(step));
            previous = step.endLine;
            if (step.children !== undefined) check(step.children, step.startLine, step.endLine);
          }
        };
        check(buildSteps(lines), 0, lines.length - 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('builds the same steps from whole lines as the model does incrementally', () => {
    const lines: LogLine[] = VERCEL_FAILED.map(([type, text], n) => ({ type, text, created: T0 + n, severity: n === 17 ? 'error' : undefined }));
    assert.deepEqual(rows(buildSteps(lines)), rows(modelOf(VERCEL_FAILED).steps));
  });
});

describe('LogModel', () => {
  it('appends only entries it has not seen: a reconnect that resends events doubles nothing', () => {
    const events = VERCEL_FAILED.map(([type, text], n) => flat(n, type, text));
    const model = new LogModel();
    assert.equal(model.append(events.slice(0, 10).map(entry)), 0);
    const before = model.render({ timestamps: true });
    assert.equal(model.append(events.slice(0, 10).map(entry)), 10, 'nothing new: the first new line would be lines.length');
    assert.equal(model.render({ timestamps: true }), before);
    assert.equal(model.append(events.slice(8).map(entry)), 10, 'an overlapping resend adds only the unseen tail');
    assert.equal(model.lines.length, VERCEL_FAILED.length);
    assert.deepEqual(
      model.lines.map((l) => l.text),
      VERCEL_FAILED.map(([, text]) => text),
    );
    assert.equal(model.problems.length, 1, 'and the problem is found once');
    assert.equal(model.lastCreated, T0 + (VERCEL_FAILED.length - 1) * 250);
  });

  it('keeps two different events with the same text', () => {
    const model = new LogModel();
    model.append([entry({ created: T0, id: 'a', text: 'same' }), entry({ created: T0, id: 'b', text: 'same' })]);
    assert.equal(model.lines.length, 2);
  });

  it('finds problems and marks their line', () => {
    const model = modelOf(VERCEL_FAILED);
    assert.deepEqual(
      model.problems.map((p) => [p.file, p.line, p.column, p.logLine]),
      [['./app/page.tsx', 12, 5, 15]],
    );
    assert.equal(model.lines[15]?.severity, 'error');
  });

  it('finds problems in coloured output with printed timestamps, split across events or not', () => {
    const model = new LogModel();
    model.append([
      entry({ created: T0, id: '1', type: 'stderr', text: `12:04:31.118 ${ESC}[31mFailed to compile.${ESC}[39m\n12:04:31.118 ` }),
      entry({ created: T0 + 1, id: '2', type: 'stderr', text: `12:04:31.119 ${ESC}[36m./app/page.tsx${ESC}[39m:${ESC}[33m12${ESC}[39m:${ESC}[33m5${ESC}[39m` }),
      entry({ created: T0 + 2, id: '3', type: 'stderr', text: `12:04:31.119 ${ESC}[31m${ESC}[1mType error${ESC}[22m${ESC}[39m: Property 'total' does not exist on type 'Cart'.` }),
      entry({ created: T0 + 3, id: '4', type: 'stdout', text: `src/index.ts(3,1): ${ESC}[91merror${ESC}[0m${ESC}[90m TS1005: ${ESC}[0m';' expected.\nsrc/index.ts(4,1): error TS1005: ';' expected.` }),
    ]);
    assert.deepEqual(
      model.problems.map((p) => [p.tool, p.file, p.line, p.column, p.message, p.logLine]),
      [
        ['next', './app/page.tsx', 12, 5, "Type error: Property 'total' does not exist on type 'Cart'.", 3],
        ['tsc', 'src/index.ts', 3, 1, "';' expected.", 4],
        ['tsc', 'src/index.ts', 4, 1, "';' expected.", 5],
      ],
    );
  });

  it('renders with a fixed-width time prefix, and blanks of the same width on continuation lines', () => {
    const model = new LogModel();
    model.append([
      entry({ created: T0, id: '1', text: 'Failed to compile.' }),
      entry({ created: T0 + 1, id: '2', text: './app/page.tsx:12:5\nType error: boom' }),
    ]);
    const width = LogModel.timestampPrefixWidth(true);
    assert.equal(width, 13);
    assert.equal(LogModel.timestampPrefixWidth(false), 0);
    assert.equal(model.render({ timestamps: true }), ['12:04:31.118 Failed to compile.', '12:04:31.119 ./app/page.tsx:12:5', `${' '.repeat(width)}Type error: boom`].join('\n'));
    assert.equal(model.render({ timestamps: false }), ['Failed to compile.', './app/page.tsx:12:5', 'Type error: boom'].join('\n'));
    assert.equal(model.render({ timestamps: true, timeZone: 'Asia/Kolkata' }).slice(0, width), '17:34:31.118 ');
    assert.equal(model.render({ timestamps: true, timeZone: 'America/New_York' }).slice(0, width), '07:04:31.118 ');
    assert.equal(model.render({ timestamps: true, timeZone: 'Not/AZone' }).slice(0, width), '12:04:31.118 ', 'an unknown zone falls back to UTC');
    assert.equal(model.render({ timestamps: false, from: 1 }), './app/page.tsx:12:5\nType error: boom');
    for (const line of model.render({ timestamps: true }).split('\n')) assert.equal(line.charAt(width - 1), ' ');
  });

  it('follows daylight saving time in a time zone', () => {
    const model = new LogModel();
    // 2026-03-29 01:00 UTC: Berlin moves from +1 to +2.
    const switchAt = Date.UTC(2026, 2, 29, 1, 0, 0, 0);
    model.append([entry({ created: switchAt - 1, id: 'a', text: 'before' }), entry({ created: switchAt, id: 'b', text: 'after' })]);
    assert.equal(model.render({ timestamps: true, timeZone: 'Europe/Berlin' }), '01:59:59.999 before\n03:00:00.000 after');
  });

  it('renders an empty model as an empty document', () => {
    assert.equal(new LogModel().render({ timestamps: true }), '');
    assert.equal(new LogModel().append([]), 0);
  });

  it('never throws on arbitrary event streams, and every line renders as one line', () => {
    const event = fc.record(
      {
        created: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constant(T0)),
        type: fc.constantFrom('stdout', 'stderr', 'command', 'delimiter', 'exit', 'fatal', 'deployment-state', 'odd'),
        id: fc.string({ maxLength: 3 }),
        text: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('Running "x"', 'Failed to compile.', './a/b.ts:1:2', 'Type error: t', `${ESC}[31mred\r\n`)),
      },
      { requiredKeys: ['created'] },
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), (events, timestamps) => {
        const model = new LogModel();
        const entries = events.map(normalizeEvent).filter((e): e is LogEntry => e !== undefined);
        model.append(entries.slice(0, 10));
        model.append(entries);
        const text = model.render({ timestamps });
        if (model.lines.length === 0) assert.equal(text, '');
        else assert.equal(text.split('\n').length, model.lines.length);
        for (const step of model.steps) assert.ok(step.startLine <= step.endLine && step.endLine < model.lines.length);
      }),
      { numRuns: 500 },
    );
  });

  it('does linear work on adversarial events: four times the text, about four times the work', () => {
    const work = (unit: string, length: number) => {
      const text = unit.repeat(Math.ceil(length / unit.length));
      return countWork(() => {
        const model = new LogModel();
        model.append([entry({ created: T0, id: 'a', type: 'stderr', text: `${text}\n${text}` })]);
        model.render({ timestamps: true });
      });
    };
    for (const unit of [':', '1:', '(', `${ESC}[`, '\r', 'a/b.ts:1:', 'Running "', '  ', 'ERROR in ', '[tsl] ERROR in a.ts(', 'x ', '12:5  Error: ']) {
      const small = work(unit, 25_000);
      const large = work(unit, 100_000);
      assert.ok(small > 25_000, `the counter saw the work for ${JSON.stringify(unit)} (${small})`);
      // Linear work grows 4×; work that grows with the square of the text would grow 16×.
      assert.ok(large <= small * 6, `${JSON.stringify(unit)}: ${small} steps for 25,000 characters but ${large} for 100,000`);
    }
  });

  it('counts the work of a loop that is quadratic as more than linear (the counter can tell)', () => {
    const quadratic = (length: number) =>
      countWork(() => {
        const text = 'a'.repeat(length);
        for (let i = 0; i < length; i += 100) text.indexOf('b', i);
      });
    assert.ok(quadratic(100_000) > quadratic(25_000) * 10);
  });
});
