/**
 * The runtime log's model and filter, in plain Node: a request is one block
 * (history per request, the stream's lines joined while they name the same
 * request), lines outside a request stand alone, notices are lines of their
 * own; messages become inert text (escapes drawn, controls visible, 1 MB cut
 * and said so); older history goes above without moving what the lines
 * point at; 100,000 lines cost their own parsing only. Filters become the
 * request-logs query and check what Vercel cannot.
 */
import { strict as assert } from 'node:assert';
import { describeFilter, historyQuery, lineMatches, NO_FILTER, rowMatches, toFilter, type RuntimeLogFilter } from '../../src/runtimeLogs/filter';
import { RuntimeLogModel, type RuntimeEntry } from '../../src/runtimeLogs/model';
import { MAX_LINE_LENGTH, MAX_MESSAGE_LINES, showMessage } from '../../src/runtimeLogs/text';

const T = Date.UTC(2026, 0, 2, 12, 0, 0);
const model = () => new RuntimeLogModel({ timeZone: 'UTC' });
const live = (over: Partial<RuntimeEntry> & { message: string }): RuntimeEntry => ({
  time: T,
  level: 'info',
  truncated: false,
  source: 'serverless',
  request: { method: 'GET', path: '/cart', status: 200, source: 'serverless' },
  ...over,
});

describe('runtime logs: the model', () => {
  it('makes each request of the history one block: header, then its lines under it', () => {
    const m = model();
    m.appendHistory([
      { time: T, request: { method: 'GET', path: '/cart', status: 200, source: 'serverless', durationMs: 182 }, lines: [] },
      {
        time: T + 1500,
        request: { method: 'POST', path: '/api/checkout', status: 500, source: 'serverless' },
        lines: [{ level: 'error', message: "TypeError: boom\n    at POST (/var/task/app/api/checkout/route.ts:12:25)", truncated: false }],
      },
    ]);
    assert.deepEqual(m.render().split('\n'), [
      '12:00:00.000  GET    200 /cart  (serverless, 182 ms)',
      '12:00:01.500  POST   500 /api/checkout  (serverless)',
      '                error   TypeError: boom',
      '                            at POST (/var/task/app/api/checkout/route.ts:12:25)',
    ]);
    assert.deepEqual(
      m.blocks.map((b) => [b.kind, b.startLine, b.endLine, b.errors]),
      [
        ['request', 0, 0, 0],
        ['request', 1, 3, 1],
      ],
    );
    const [error] = m.errors;
    assert.equal(error?.message, 'TypeError: boom');
    assert.deepEqual(error?.frames.map((f) => [f.line, f.frame.path, f.frame.line]), [[3, '/var/task/app/api/checkout/route.ts', 12]]);
    const frame = error?.frames[0]?.frame;
    assert.equal(m.lines[3]?.text.slice(frame?.start, frame?.end), '/var/task/app/api/checkout/route.ts:12:25', 'frame offsets are in the line');
    assert.deepEqual(m.frameLines, [3]);
  });

  it('joins streamed lines of one request, and starts a new block for another request, a later one, or none', () => {
    const m = model();
    m.appendLive([
      live({ message: 'first' }),
      live({ message: 'second', time: T + 200, level: 'warning' }),
      live({ message: 'other request', request: { method: 'GET', path: '/', status: 200, source: 'serverless' } }),
      live({ message: 'same path, much later', time: T + 60_000, request: { method: 'GET', path: '/', status: 200, source: 'serverless' } }),
      live({ message: 'outside a request', source: 'edge-middleware', request: undefined }),
      live({ message: '', request: { method: 'GET', path: '/_next/static/a.js', status: 200, source: 'request' } }),
      live({ message: 'by id', request: { method: 'GET', path: '/', status: 200, source: 'serverless', requestId: 'a' }, time: T + 60_100 }),
    ]);
    m.appendLive([live({ message: 'by another id', request: { method: 'GET', path: '/', status: 200, source: 'serverless', requestId: 'b' }, time: T + 60_200 })]);
    assert.deepEqual(
      m.blocks.map((b) => [b.kind, b.request?.path ?? '', b.endLine - b.startLine + 1]),
      [
        ['request', '/cart', 3],
        ['request', '/', 2],
        ['request', '/', 2],
        ['line', '', 1],
        ['request', '/_next/static/a.js', 1],
        ['request', '/', 2],
        ['request', '/', 2],
      ],
    );
    assert.equal(m.lines[1]?.text, '12:00:00.000    info    first');
    assert.equal(m.lines[7]?.text, '12:00:00.000  info    [middleware] outside a request');
    assert.equal(m.lines[8]?.text, '12:00:00.000  GET    200 /_next/static/a.js  (static)', 'a request that logged nothing is its header');
  });

  it('shows notices as lines of their own, and a missing status as ---', () => {
    const m = model();
    m.appendLive([live({ message: 'x', request: { method: '', path: '/p', status: 0, source: 'edge-function' } })]);
    m.appendNotice('Vercel: Log limit reached', T + 1000);
    m.appendNotice('3 lines Vercel sent could not be read');
    assert.deepEqual(m.render().split('\n').slice(0, 1), ['12:00:00.000  -      --- /p  (edge)']);
    assert.equal(m.lines.at(-2)?.text, '12:00:01.000  ── Vercel: Log limit reached');
    assert.equal(m.lines.at(-1)?.text, '── 3 lines Vercel sent could not be read');
    assert.deepEqual(m.blocks.slice(-2).map((b) => b.kind), ['notice', 'notice']);
  });

  it('keeps what functions print inert: escapes drawn, controls and reordering marks visible, says what Vercel cut', () => {
    const m = model();
    m.appendLive([
      live({ message: '\u001b[31mred\u001b[0m and \u001b]8;;https://evil.example\u0007a link\u001b]8;;\u0007', level: 'error' }),
      live({ message: 'bell\u0007 nul\u0000 rlo\u202Etxt.exe zero\u200bwidth', time: T + 1 }),
      live({ message: '[click](command:workbench.action.quit) <script>alert(1)</script>', time: T + 2, truncated: true }),
    ]);
    const [, a, b, c] = m.render().split('\n');
    assert.equal(a, '12:00:00.000    error   red and a link');
    // A bell or NUL does nothing a terminal shows; reordering and invisible marks are named.
    assert.equal(b, '12:00:00.001    info    bell nul rlo<U+202E>txt.exe zero<U+200B>width');
    assert.equal(c, '12:00:00.002    info    [click](command:workbench.action.quit) <script>alert(1)</script> … [cut short by Vercel]');
  });

  it('cuts a 1 MB message to what an editor shows well, and says how much is left out', () => {
    const shown = showMessage('x'.repeat(1024 * 1024));
    assert.equal(shown.lines.length, 1);
    assert.equal(shown.lines[0]?.length, MAX_LINE_LENGTH);
    assert.ok((shown.omitted?.characters ?? 0) > 1_000_000);
    const many = showMessage(Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n'));
    assert.equal(many.lines.length, MAX_MESSAGE_LINES);
    assert.equal(many.omitted?.lines, 5000 - MAX_MESSAGE_LINES);
    const m = model();
    m.appendLive([live({ message: 'y'.repeat(1024 * 1024) })]);
    assert.match(m.lines.at(-1)?.text ?? '', /… \[1,046,576 characters more not shown\]$/);
    assert.ok((m.lines.at(-1)?.text.length ?? 0) < MAX_LINE_LENGTH + 100);
  });

  it('puts older history above without moving what the lines, errors and frames point at', () => {
    const m = model();
    m.appendLive([live({ message: "boom\n    at POST (/var/task/app/api/checkout/route.ts:12:25)", level: 'error' })]);
    const before = m.render();
    const added = m.prependHistory([
      { time: T - 5000, request: { method: 'GET', path: '/', status: 200, source: 'static' }, lines: [] },
      { time: T - 4000, request: { method: 'GET', path: '/x', status: 500, source: 'serverless' }, lines: [{ level: 'error', message: 'old\n    at /var/task/lib/x.ts:1:1', truncated: false }] },
    ]);
    assert.equal(added, 4);
    assert.equal(m.render(), `${m.lines.slice(0, 4).map((l) => l.text).join('\n')}\n${before}`);
    assert.deepEqual(
      m.errors.map((e) => [e.line, e.block, e.frames.map((f) => f.line)]),
      [
        [2, 1, [3]],
        [5, 2, [6]],
      ],
    );
    assert.deepEqual(m.frameLines, [3, 6]);
    for (const block of m.blocks) for (let l = block.startLine; l <= block.endLine; l++) assert.equal(m.lines[l]?.block, m.blocks.indexOf(block));
  });

  it('takes 100,000 lines chunk by chunk without reading the document again (linear)', () => {
    const time = (lines: number) => {
      const m = model();
      const started = performance.now();
      for (let chunk = 0; chunk < lines / 100; chunk++) {
        m.appendLive(Array.from({ length: 100 }, (_, i) => live({ message: `line ${chunk * 100 + i}`, time: T + chunk * 100 + i, request: { method: 'GET', path: `/r/${chunk}`, status: 200, source: 'serverless' } })));
        m.render();
      }
      return { ms: performance.now() - started, m };
    };
    time(10_000);
    const small = time(10_000).ms;
    const { ms, m } = time(100_000);
    assert.equal(m.lines.length, 101_000);
    assert.ok(ms < small * 25, `100,000 lines took ${ms.toFixed(0)} ms, 10,000 took ${small.toFixed(0)} ms`);
  });
});

describe('runtime logs: filters', () => {
  const f = (over: Partial<RuntimeLogFilter>): RuntimeLogFilter => ({ ...NO_FILTER, ...over });

  it('become the request-logs query as the CLI sends it', () => {
    assert.deepEqual(historyQuery(NO_FILTER), {});
    assert.deepEqual(historyQuery(f({ levels: ['error', 'warning'], sources: ['serverless', 'edge', 'middleware', 'static'], statuses: ['5xx'], text: ' price ' })), {
      levels: ['error', 'fatal', 'warning'],
      sources: ['serverless', 'edge-function', 'edge-middleware', 'static'],
      statusCode: '5xx',
      search: 'price',
    });
    assert.deepEqual(historyQuery(f({ statuses: ['4xx', '5xx'], path: '/api' })), {}, 'two classes and a path are checked here, not asked');
  });

  it('check a history row: its request, and one of its lines (a request with none counts as info)', () => {
    const checkout = { path: '/api/checkout', status: 500, source: 'serverless' };
    const lines = [{ level: 'fatal', message: "TypeError: reading 'price'" }];
    assert.ok(rowMatches(f({ levels: ['error'], statuses: ['4xx', '5xx'], path: 'API/check', text: 'PRICE' }), checkout, lines));
    assert.ok(!rowMatches(f({ levels: ['warning'] }), checkout, lines));
    assert.ok(!rowMatches(f({ statuses: ['2xx'] }), checkout, lines));
    assert.ok(!rowMatches(f({ sources: ['edge'] }), checkout, lines));
    assert.ok(rowMatches(f({ levels: ['info'] }), { path: '/', status: 200, source: 'static' }, []));
    assert.ok(rowMatches(f({ sources: ['static'], text: '/_next' }), { path: '/_next/a.js', status: 200, source: 'static' }, []), 'the text may be in the path');
  });

  it('check a streamed line by its own level and text', () => {
    const request = { path: '/cart', status: 200, source: 'request' };
    assert.ok(lineMatches(f({ sources: ['static'] }), request, 'info', ''));
    assert.ok(!lineMatches(f({ levels: ['error'] }), request, 'info', 'x'));
    assert.ok(lineMatches(f({ levels: ['info'] }), request, 'debug', 'x'));
    assert.ok(!lineMatches(f({ statuses: ['5xx'] }), { ...request, status: 0 }, 'info', 'x'), 'no status is no class');
    assert.ok(lineMatches(f({ text: 'CART' }), request, 'info', 'nothing'), 'the path holds the text');
  });

  it('name themselves for the tab, and read back only known values', () => {
    const words = { levels: { error: 'errors', warning: 'warnings', info: 'info' }, sources: { serverless: 'functions', edge: 'edge', middleware: 'middleware', static: 'static' } } as const;
    assert.equal(describeFilter(f({ levels: ['error'], statuses: ['5xx'], path: '/api', text: 'price' }), words), 'errors · 5xx · /api · “price”');
    assert.equal(describeFilter(NO_FILTER, words), '');
    assert.deepEqual(toFilter({ levels: ['error', 'loud', 'error'], sources: 'x', statuses: ['5xx'], path: 7, text: 'a'.repeat(500) }), {
      levels: ['error'],
      sources: [],
      statuses: ['5xx'],
      path: '',
      text: 'a'.repeat(200),
    });
    assert.deepEqual(toFilter(null), NO_FILTER);
  });
});
