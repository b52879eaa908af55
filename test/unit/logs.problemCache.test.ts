/**
 * The build problems kept per deployment in the workspace state: what is
 * kept (the Problems panel's fields, never the log), how many, and what is
 * read back from a state another version or a person may have written.
 */
import * as assert from 'node:assert/strict';
import type { BuildProblem } from '../../src/logs/model';
import { PROBLEM_CACHE_KEY, PROBLEM_CACHE_LIMIT, PROBLEMS_PER_DEPLOYMENT, ProblemCache } from '../../src/logs/problemCache';

class Memento {
  readonly values = new Map<string, unknown>();
  writes = 0;
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    // What VS Code keeps is JSON: nothing but data survives.
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }
}

const PROBLEM: BuildProblem = {
  file: './app/page.tsx',
  line: 8,
  column: 19,
  severity: 'error',
  message: "Type error: Property 'total' does not exist on type 'Cart'.",
  tool: 'next',
  logLine: 12,
};

function clock(start = 1_000): () => number {
  let now = start;
  return () => now++;
}

describe('logs: the build-problem cache', () => {
  it('gives back what was kept for a deployment, with the length of its log line', async () => {
    const cache = new ProblemCache(new Memento(), clock());
    assert.equal(cache.get('dpl_a'), undefined, 'nothing before');
    const withRange: BuildProblem = { ...PROBLEM, endLine: 8, endColumn: 24, code: 'TS2339', search: './x' };
    await cache.set('dpl_a', [withRange], (line) => (line === 12 ? 58 : -1));
    assert.deepEqual(cache.get('dpl_a'), [{ ...withRange, logLineLength: 58 }]);
    assert.equal(cache.get('dpl_b'), undefined);
  });

  it('keeps a log without problems as an answer too', async () => {
    const cache = new ProblemCache(new Memento(), clock());
    await cache.set('dpl_clean', [], () => 0);
    assert.deepEqual(cache.get('dpl_clean'), []);
  });

  it('keeps the Problems panel’s fields and nothing else: never the log’s text', async () => {
    const memento = new Memento();
    const cache = new ProblemCache(memento, clock());
    const carrying = { ...PROBLEM, text: 'the whole log line: npm token npm_SECRET123', extra: { token: 'vercel_SECRET' } } as BuildProblem;
    await cache.set('dpl_a', [carrying], () => 40);
    const written = JSON.stringify(memento.values.get(PROBLEM_CACHE_KEY));
    assert.doesNotMatch(written, /SECRET/);
    assert.deepEqual(Object.keys(cache.get('dpl_a')?.[0] ?? {}).sort(), ['column', 'file', 'line', 'logLine', 'logLineLength', 'message', 'severity', 'tool']);
  });

  it(`remembers at most ${PROBLEM_CACHE_LIMIT} deployments, the newest`, async () => {
    const cache = new ProblemCache(new Memento(), clock());
    for (let i = 0; i < PROBLEM_CACHE_LIMIT + 10; i++) await cache.set(`dpl_${i}`, [PROBLEM], () => 10);
    const ids = cache.ids();
    assert.equal(ids.length, PROBLEM_CACHE_LIMIT);
    assert.equal(ids[0], `dpl_${PROBLEM_CACHE_LIMIT + 9}`, 'newest first');
    assert.equal(cache.get('dpl_0'), undefined, 'the oldest went');
    assert.equal(cache.get('dpl_9'), undefined);
    assert.ok(cache.get('dpl_10'), 'the oldest kept');
  });

  it('keeps one entry per deployment: setting it again replaces it and makes it the newest', async () => {
    const cache = new ProblemCache(new Memento(), clock());
    await cache.set('dpl_a', [PROBLEM], () => 1);
    await cache.set('dpl_b', [PROBLEM], () => 1);
    await cache.set('dpl_a', [{ ...PROBLEM, line: 9 }], () => 1);
    assert.deepEqual(cache.ids(), ['dpl_a', 'dpl_b']);
    assert.equal(cache.get('dpl_a')?.[0]?.line, 9);
  });

  it(`keeps at most ${PROBLEMS_PER_DEPLOYMENT} problems of a deployment, and short messages`, async () => {
    const cache = new ProblemCache(new Memento(), clock());
    const many = Array.from({ length: PROBLEMS_PER_DEPLOYMENT + 50 }, (_, i) => ({ ...PROBLEM, line: i + 1, message: 'm'.repeat(5000) }));
    await cache.set('dpl_a', many, () => 1);
    const kept = cache.get('dpl_a') ?? [];
    assert.equal(kept.length, PROBLEMS_PER_DEPLOYMENT);
    assert.equal(kept[0]?.line, 1, 'the first ones, in order');
    assert.ok((kept[0]?.message.length ?? 0) <= 2000);
  });

  it('reads past what it cannot trust: another shape, a hand edit, a wrong type', async () => {
    const memento = new Memento();
    const cache = new ProblemCache(memento, clock());
    await cache.set('dpl_good', [PROBLEM], () => 3);
    const good = (memento.values.get(PROBLEM_CACHE_KEY) as unknown[])[0];
    memento.values.set(PROBLEM_CACHE_KEY, [
      good,
      { id: 'dpl_bad_line', at: 1, problems: [{ ...PROBLEM, line: 0, logLineLength: 1 }] },
      { id: 'dpl_bad_tool', at: 1, problems: [{ ...PROBLEM, tool: 'make', logLineLength: 1 }] },
      { id: 'dpl_no_length', at: 1, problems: [PROBLEM] },
      { id: '', at: 1, problems: [] },
      'dpl_string',
      null,
    ]);
    assert.deepEqual(cache.ids(), ['dpl_good']);
    memento.values.set(PROBLEM_CACHE_KEY, { dpl_good: [PROBLEM] });
    assert.deepEqual(cache.ids(), [], 'an object where a list belongs is nothing');
  });

  it('forgets everything on clear (Sign Out)', async () => {
    const memento = new Memento();
    const cache = new ProblemCache(memento, clock());
    await cache.set('dpl_a', [PROBLEM], () => 1);
    await cache.clear();
    assert.equal(cache.get('dpl_a'), undefined);
    assert.equal(memento.values.has(PROBLEM_CACHE_KEY), false);
  });
});
