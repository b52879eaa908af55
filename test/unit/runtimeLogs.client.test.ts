/**
 * The runtime logs' side of the one client: the NDJSON reader both log
 * streams share (chunks split anywhere, keep-alives, lines that are not JSON
 * or far too long, invalid UTF-8), where the request-logs endpoint is asked
 * (vercel.com for api.vercel.com, any other origin as it is), and both
 * endpoints over real HTTP against the emulator, faults included.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { VercelClient, type RuntimeLogItem } from '../../src/api/client';
import { VercelApiError, VercelSchemaError } from '../../src/api/errors';
import { readNdjson, type NdjsonItem } from '../../src/api/ndjson';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const encoder = new TextEncoder();

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function all(items: AsyncIterable<NdjsonItem>): Promise<NdjsonItem[]> {
  const out: NdjsonItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const values = (items: NdjsonItem[]) => items.map((i) => (i.kind === 'value' ? i.value : `<${i.reason}>`));

/** Splits bytes at the given cut points. */
function cut(bytes: Uint8Array, at: readonly number[]): Uint8Array[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  out.push(bytes.slice(from));
  return out;
}

describe('the NDJSON reader of both log streams', () => {
  it('reads values split across chunks, inside a line and inside a UTF-8 character', async () => {
    const bytes = encoder.encode('{"a":"héllo ✓"}\n{"b":2}\n');
    const split = [bytes.slice(0, 3), bytes.slice(3, 10), bytes.slice(10, 11), bytes.slice(11)];
    assert.deepEqual(values(await all(readNdjson(chunks(...split)))), [{ a: 'héllo ✓' }, { b: 2 }]);
  });

  it('skips keep-alives (blank lines, CRLF) and reads a last line without a newline', async () => {
    assert.deepEqual(values(await all(readNdjson(chunks('\n', '  \r\n{"a":1}\r\n', '\n\n', '{"b":2}')))), [{ a: 1 }, { b: 2 }]);
  });

  it('reports a line that is not JSON and goes on', async () => {
    assert.deepEqual(values(await all(readNdjson(chunks('{"a":1}\n{"cut off\n<html>\n{"b":2}\n')))), [{ a: 1 }, '<json>', '<json>', { b: 2 }]);
  });

  it('skips a line past the limit to its end, reports it once, and reads the next', async () => {
    const long = `{"m":"${'x'.repeat(5000)}"}`;
    const items = await all(readNdjson(chunks('{"a":1}\n', long.slice(0, 2000), long.slice(2000), '\n{"b":2}\n'), { maxLineLength: 1000 }));
    assert.deepEqual(values(items), [{ a: 1 }, '<tooLong>', { b: 2 }]);
    const tooLong = items[1];
    assert.ok(tooLong?.kind === 'invalid' && tooLong.length === long.length, JSON.stringify(tooLong));
  });

  it('turns invalid UTF-8 into U+FFFD: the text stays text', async () => {
    const bytes = new Uint8Array([...encoder.encode('{"m":"a'), 0xff, 0xfe, 0xc3, ...encoder.encode('b"}\n')]);
    assert.deepEqual(values(await all(readNdjson(chunks(bytes)))), [{ m: 'a\ufffd\ufffd\ufffdb' }]);
  });

  it('reads a 1 MB line in small chunks without going quadratic', async () => {
    const message = 'é'.repeat(512 * 1024);
    const bytes = encoder.encode(`${JSON.stringify({ message })}\n`);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 4096) parts.push(bytes.slice(i, i + 4096));
    const started = performance.now();
    const [item] = await all(readNdjson(chunks(...parts)));
    assert.ok(item?.kind === 'value' && (item.value as { message: string }).message === message);
    assert.ok(performance.now() - started < 2000, 'reads in well under two seconds');
  });

  it('gives the same values however the bytes are cut (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (list, at, crlf) => {
          const text = list.map((v) => JSON.stringify(v)).join(crlf ? '\r\n\n' : '\n');
          const got = values(await all(readNdjson(chunks(...cut(encoder.encode(text), at)))));
          // JSON.stringify(-0) is "0": compare what a reader of the text would get.
          assert.deepEqual(got, list.map((v) => JSON.parse(JSON.stringify(v)) as unknown));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), async (parts) => {
        const items = await all(readNdjson(chunks(...parts), { maxLineLength: 40 }));
        for (const item of items) assert.ok(item.kind === 'value' || item.kind === 'invalid');
      }),
      { numRuns: 300 },
    );
  });
});

describe('where the client asks for request logs', () => {
  const originOf = (origin: string) => new VercelClient({ origin, token: async () => 't' }).dashboardOrigin;

  it('asks vercel.com when the API is api.vercel.com, as the CLI does', () => {
    assert.equal(originOf('https://api.vercel.com'), 'https://vercel.com');
    assert.equal(originOf('https://api.vercel.com/'), 'https://vercel.com');
    assert.equal(new VercelClient({ token: async () => 't' }).dashboardOrigin, 'https://vercel.com');
  });

  it('asks any other origin as it is (a proxy, the emulator)', () => {
    assert.equal(originOf('http://127.0.0.1:4321'), 'http://127.0.0.1:4321');
    assert.equal(originOf('https://vercel-proxy.example.com'), 'https://vercel-proxy.example.com');
  });
});

describe('the runtime-log endpoints over HTTP', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let client: VercelClient;
  let ownerId: string;
  let readyId: string;

  before(async () => {
    emulator = await startEmulator({ port: 0, token: 'rt-token', seed: 'runtime-client', runtimeLogStreamMs: 400, runtimeLogKeepAliveMs: 100 });
    control = new EmulatorControl(emulator.info.url);
    client = new VercelClient({ origin: emulator.info.url, token: async () => 'rt-token', sleep: async () => undefined });
    ownerId = (await client.getProject(emulator.info.projectId, { teamId: emulator.info.teamId })).accountId;
    readyId = (await control.createDeployment({ readyState: 'READY', target: 'production' })).id;
  });
  after(() => emulator.close());
  afterEach(() => control.clearFaults());

  async function follow(id = readyId): Promise<RuntimeLogItem[]> {
    const out: RuntimeLogItem[] = [];
    for await (const item of client.followRuntimeLogs(emulator.info.projectId, id, { teamId: emulator.info.teamId })) out.push(item);
    return out;
  }

  it('reads a page of request logs, sending the filters the way the CLI does', async () => {
    await control.appendRuntimeLogs(readyId, [{ level: 'error', message: 'boom', requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500 }]);
    await control.clearRequests();
    const now = Date.now();
    const page = await client.getRequestLogs({
      projectId: emulator.info.projectId,
      ownerId,
      teamId: emulator.info.teamId,
      deploymentId: readyId,
      startDate: now - 3_600_000,
      endDate: now + 1,
      levels: ['error', 'warning'],
      statusCode: '5xx',
      sources: ['serverless'],
      search: ' boom ',
    });
    assert.equal(page.hasMoreRows, false);
    assert.deepEqual(page.rows?.map((r) => [r.requestPath, r.statusCode, r.logs?.map((l) => l.message)]), [['/api/checkout', 500, ['boom']]]);
    const [asked] = await control.requests();
    assert.equal(asked?.path, '/api/logs/request-logs');
    assert.deepEqual(
      { ...asked?.query, startDate: undefined, endDate: undefined },
      {
        projectId: emulator.info.projectId,
        ownerId,
        page: '0',
        deploymentId: readyId,
        level: 'error,warning',
        statusCode: '5xx',
        source: 'serverless',
        search: 'boom',
        teamId: emulator.info.teamId,
        startDate: undefined,
        endDate: undefined,
      },
    );
  });

  it('follows the stream until the server ends it, lines in order, keep-alives unseen', async () => {
    const created = await control.createDeployment({ readyState: 'READY' });
    await control.appendRuntimeLogs(created.id, [
      { level: 'info', message: 'first', requestMethod: 'GET', requestPath: '/', responseStatusCode: 200 },
      { level: 'warning', message: 'second', requestMethod: 'GET', requestPath: '/', responseStatusCode: 200 },
    ]);
    const items = await follow(created.id);
    const lines = items.flatMap((i) => (i.kind === 'line' ? [i.line.message] : []));
    assert.deepEqual(lines.filter((m) => m === 'first' || m === 'second'), ['first', 'second']);
    assert.ok(items.every((i) => i.kind === 'line'));
  });

  it('reports a line it cannot read and goes on', async () => {
    await control.fault({ path: `/v1/projects/${emulator.info.projectId}/deployments/${readyId}/runtime-logs`, malformed: true });
    const items = await follow();
    assert.equal(items.length, 1);
    assert.equal(items[0]?.kind, 'invalid');
  });

  it('refuses a page that is not a stream of JSON lines', async () => {
    await control.fault({ path: `/v1/projects/${emulator.info.projectId}/deployments/${readyId}/runtime-logs`, status: 200, body: { html: true }, headers: { 'Content-Type': 'text/html' } });
    await assert.rejects(follow(), (error: unknown) => error instanceof VercelSchemaError && /text\/html/.test(error.message));
  });

  it('hands a 403, a 404 and a 429 (with Retry-After) to the follower as typed errors, without retrying', async () => {
    for (const [status, headers] of [[403, {}], [404, {}], [429, { 'Retry-After': '7' }]] as const) {
      await control.fault({ path: `/v1/projects/${emulator.info.projectId}/deployments/${readyId}/runtime-logs`, status, headers });
      await control.clearRequests();
      await assert.rejects(follow(), (error: unknown) => error instanceof VercelApiError && error.status === status && (status !== 429 || error.retryAfterMs === 7000));
      assert.equal((await control.requests()).length, 1, `one request for ${status}`);
    }
  });
});
