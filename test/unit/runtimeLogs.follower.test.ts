/**
 * The runtime log's follower against the emulator over real HTTP: history
 * then live, a stream Vercel ends every few hundred ms opened again with no
 * line lost or doubled (with history, and without it, by rowId), backing off
 * on errors and as long as a 429 says, stopping with the reason on a
 * refusal, filters applied to both, "Load older…", and a pause that catches
 * up on resume.
 */
import { strict as assert } from 'node:assert';
import { VercelClient } from '../../src/api/client';
import { VercelApiError } from '../../src/api/errors';
import { RuntimeLogFollower, type RuntimeLogFollowerDeps } from '../../src/runtimeLogs/follower';
import { NO_FILTER } from '../../src/runtimeLogs/filter';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN = 'follower-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

describe('the runtime log follower', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let client: VercelClient;
  const followers: RuntimeLogFollower[] = [];

  before(async () => {
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'runtime-follower', runtimeLogStreamMs: 300, runtimeLogKeepAliveMs: 0 });
    control = new EmulatorControl(emulator.info.url);
    client = new VercelClient({ origin: emulator.info.url, token: async () => TOKEN, sleep: async () => undefined });
  });
  after(() => emulator.close());
  afterEach(async () => {
    for (const f of followers.splice(0)) f.dispose();
    await control.clearFaults();
  });

  function follower(id: string, deps: Partial<RuntimeLogFollowerDeps> = {}): RuntimeLogFollower {
    const f = new RuntimeLogFollower(
      { id, teamId: emulator.info.teamId },
      { client, known: () => undefined, timeZone: 'UTC', coalesceMs: 5, policy: { reopenMs: 20, baseDelayMs: 50, maxDelayMs: 200, maxFailures: 3 }, ...deps },
    );
    followers.push(f);
    return f;
  }

  /** A READY deployment with no traffic of its own but what the test posts (a preview made now). */
  async function quiet(): Promise<string> {
    return (await control.createDeployment({ readyState: 'READY', target: null })).id;
  }

  const messages = (f: RuntimeLogFollower) => f.model.lines.map((l) => l.text.slice(l.messageColumn));
  const count = (f: RuntimeLogFollower, text: string) => messages(f).filter((m) => m === text).length;

  it('shows the last hour of history, then lines as they are written', async () => {
    const id = await quiet();
    await control.appendRuntimeLogs(id, [
      { level: 'info', message: 'from the past', requestMethod: 'GET', requestPath: '/', responseStatusCode: 200, timestampInMs: Date.now() - 20 * 60_000 },
    ]);
    const f = follower(id);
    f.start();
    await f.firstContent;
    await until('history shows', () => count(f, 'from the past') === 1);
    await until('the stream is open', () => f.status === 'live');
    const written = Date.now();
    await control.appendRuntimeLogs(id, [{ level: 'error', message: 'written live', requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500 }]);
    await until('the live line shows', () => count(f, 'written live') === 1);
    assert.ok(Date.now() - written < 500, 'within half a second');
    assert.equal(f.projectId, emulator.info.projectId, 'the project was read from the deployment');
  });

  it('opens the stream again when Vercel ends it, losing and doubling nothing', async () => {
    const id = await quiet();
    const f = follower(id);
    f.start();
    await until('the stream is open', () => f.status === 'live');
    const sent: string[] = [];
    for (let i = 0; i < 40; i++) {
      const message = `line ${i}`;
      sent.push(message);
      await control.appendRuntimeLogs(id, [{ level: 'info', message, requestMethod: 'GET', requestPath: `/n/${i}`, responseStatusCode: 200 }]);
      await sleep(30);
    }
    await until('every line shows', () => sent.every((m) => count(f, m) >= 1), 10_000);
    await sleep(400);
    assert.deepEqual(sent.filter((m) => count(f, m) !== 1), [], 'each line exactly once');
    assert.ok(f.requests.streams >= 3, `${f.requests.streams} streams in 1.2 s of 300 ms streams`);
  });

  it('without history, keeps every line once by its rowId across reconnects', async () => {
    const id = await quiet();
    await control.fault({ path: '/api/logs/request-logs', status: 500, count: 0 });
    const f = follower(id);
    f.start();
    await until('the stream is open', () => f.status === 'live');
    assert.ok(f.historyError instanceof VercelApiError);
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      sent.push(`kept ${i}`);
      await control.appendRuntimeLogs(id, [{ level: 'warning', message: `kept ${i}` }]);
      await sleep(40);
    }
    await until('every line shows', () => sent.every((m) => count(f, m) >= 1), 10_000);
    await sleep(400);
    // The emulator starts every stream with the last 30 s: each reconnect sent them all again.
    assert.deepEqual(sent.filter((m) => count(f, m) !== 1), []);
    assert.ok(f.requests.streams >= 2);
  });

  it('waits as long as a 429 asks, backs off on errors, and stops with the reason when refused', async () => {
    const id = await quiet();
    const path = `/v1/projects/${emulator.info.projectId}/deployments/${id}/runtime-logs`;
    const waits: number[] = [];
    await control.fault({ path, status: 429, headers: { 'Retry-After': '3' } });
    await control.fault({ path, status: 502 });
    await control.fault({ path, status: 502 });
    const f = follower(id, { sleep: async (ms) => void waits.push(ms) });
    f.start();
    await until('the stream is open', () => f.status === 'live' && waits.length >= 3, 5000);
    assert.deepEqual(waits.slice(0, 3), [3000, 100, 200], 'Retry-After, then doubling: the third failure in a row waits four times the first');
    f.dispose();

    await control.fault({ path, status: 403, count: 0 });
    const refused = follower(id);
    refused.start();
    await until('it fails', () => refused.status === 'failed');
    assert.ok(refused.error instanceof VercelApiError && refused.error.status === 403);
  });

  it('applies a filter to history (asking Vercel) and to the stream', async () => {
    const id = await quiet();
    await control.appendRuntimeLogs(id, [
      { level: 'error', message: 'old error', requestMethod: 'GET', requestPath: '/api/a', responseStatusCode: 500, timestampInMs: Date.now() - 60_000 },
      { level: 'info', message: 'old info', requestMethod: 'GET', requestPath: '/b', responseStatusCode: 200, timestampInMs: Date.now() - 50_000 },
    ]);
    await control.clearRequests();
    const f = follower(id);
    f.setFilter({ ...NO_FILTER, levels: ['error'], path: '/api' });
    await until('the stream is open', () => f.status === 'live');
    assert.equal(count(f, 'old error'), 1);
    assert.equal(count(f, 'old info'), 0);
    const asked = (await control.requests()).find((r) => r.path === '/api/logs/request-logs');
    assert.equal(asked?.query['level'], 'error,fatal');
    await control.appendRuntimeLogs(id, [
      { level: 'info', message: 'new info', requestMethod: 'GET', requestPath: '/api/c', responseStatusCode: 200 },
      { level: 'error', message: 'new error elsewhere', requestMethod: 'GET', requestPath: '/d', responseStatusCode: 500 },
      { level: 'error', message: 'new error', requestMethod: 'GET', requestPath: '/api/c', responseStatusCode: 500 },
    ]);
    await until('the matching line shows', () => count(f, 'new error') === 1);
    assert.equal(count(f, 'new info'), 0);
    assert.equal(count(f, 'new error elsewhere'), 0);
  });

  it('loads older history above the first line', async () => {
    const id = await quiet();
    await control.appendRuntimeLogs(id, [
      { level: 'info', message: 'two hours ago', requestMethod: 'GET', requestPath: '/old', responseStatusCode: 200, timestampInMs: Date.now() - 2 * 3_600_000 },
      { level: 'info', message: 'recent', requestMethod: 'GET', requestPath: '/new', responseStatusCode: 200, timestampInMs: Date.now() - 60_000 },
    ]);
    const f = follower(id);
    f.start();
    await until('history shows', () => count(f, 'recent') === 1);
    assert.equal(count(f, 'two hours ago'), 0);
    assert.ok(f.canLoadOlder);
    await f.loadOlder();
    assert.equal(count(f, 'two hours ago'), 1);
    assert.ok(messages(f).indexOf('two hours ago') < messages(f).indexOf('recent'), 'older lines go above');
  });

  it('pauses (no stream) and catches up on resume, each line once', async () => {
    const id = await quiet();
    const f = follower(id);
    f.start();
    await until('the stream is open', () => f.status === 'live');
    f.pause();
    assert.equal(f.status, 'paused');
    await sleep(50);
    assert.deepEqual(await control.runtimeLogStreams(), [], 'no stream while paused');
    await control.appendRuntimeLogs(id, [{ level: 'info', message: 'while paused', requestMethod: 'GET', requestPath: '/p', responseStatusCode: 200 }]);
    await sleep(20);
    f.resume();
    await until('the line written while paused shows', () => count(f, 'while paused') >= 1);
    await control.appendRuntimeLogs(id, [{ level: 'info', message: 'after resume', requestMethod: 'GET', requestPath: '/q', responseStatusCode: 200 }]);
    await until('a later line shows', () => count(f, 'after resume') === 1);
    await sleep(100);
    assert.equal(count(f, 'while paused'), 1);
  });

  it('shows a limit row as a notice, and says how many lines could not be read', async () => {
    const id = await quiet();
    const f = follower(id);
    f.start();
    await until('the stream is open', () => f.status === 'live');
    await control.appendRuntimeLogs(id, [{ level: 'error', message: 'Log limit reached for this deployment', source: 'delimiter' }]);
    await until('the notice shows', () => f.model.lines.some((l) => l.kind === 'notice' && l.text.includes('Vercel: Log limit reached')));
    assert.equal(f.model.errors.length, 0, 'a limit row is no error of the app');
  });
});
