/**
 * The emulator's runtime logs over real HTTP: the stream (NDJSON as
 * `application/stream+json`, its look back, lines posted through the control
 * API at once, keep-alives, the end after a set time), the request-logs
 * history (paging, every filter the CLI sends), their agreement line by line,
 * stack frames that name real lines of the demo workspace, and every line
 * and row held to the official @vercel/sdk where it has a schema.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_WORKSPACE } from '../emulator/events';
import { REQUEST_LOGS_PAGE_SIZE } from '../emulator/runtimeLogs';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { repairedInRaw } from './sdkCheck';

interface Line {
  domain: string;
  level: string;
  message: string;
  messageTruncated: boolean;
  requestMethod: string;
  requestPath: string;
  responseStatusCode: number;
  rowId: string;
  source: string;
  timestampInMs: number;
}

interface Row {
  requestId: string;
  timestamp: string;
  requestMethod: string;
  requestPath: string;
  statusCode: number;
  environment: string;
  branch: string | null;
  logs: Array<{ level: string; message: string; messageTruncated: boolean }>;
  events: Array<{ source: string }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOUR = 3_600_000;

describe('Vercel API emulator: runtime logs', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let ownerId: string;
  let ready: { id: string; target: string | null; branch: string };
  const auth = () => ({ Authorization: `Bearer ${emulator.info.token}` });
  const team = () => `teamId=${emulator.info.teamId}`;
  const streamPath = (id: string) => `/v1/projects/${emulator.info.projectId}/deployments/${id}/runtime-logs`;
  const api = (route: string, init: RequestInit = {}) => fetch(`${emulator.info.url}${route}`, { ...init, headers: { ...auth(), ...(init.headers ?? {}) } });
  const control = async (route: string, body: unknown) => {
    const res = await fetch(`${emulator.info.url}/_emulator${route}`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as Record<string, unknown>;
  };
  const history = async (query: Record<string, string | number>) => {
    const params = new URLSearchParams({ projectId: emulator.info.projectId, ownerId, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    const res = await api(`/api/logs/request-logs?${params}`);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as { rows: Row[]; hasMoreRows: boolean };
  };

  /** Reads a stream until it ends or `stop` says enough; the lines parsed, keep-alives counted. */
  async function readStream(res: Response, stop: (lines: Line[]) => boolean = () => false): Promise<{ lines: Line[]; keepAlives: number; ended: boolean }> {
    assert.ok(res.body);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const lines: Line[] = [];
    let keepAlives = 0;
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { lines, keepAlives, ended: true };
      buffer += decoder.decode(value, { stream: true });
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const part of parts) {
        if (part.trim() === '') keepAlives++;
        else lines.push(JSON.parse(part) as Line);
      }
      if (stop(lines)) {
        await reader.cancel();
        return { lines, keepAlives, ended: false };
      }
    }
  }

  before(async () => {
    emulator = await startEmulator({ port: 0, seed: 'acme-storefront', token: 't', buildMs: 60_000, runtimeLogStreamMs: 1500, runtimeLogKeepAliveMs: 300 });
    const project = (await (await api(`/v9/projects/${emulator.info.projectId}?${team()}`)).json()) as { accountId: string };
    ownerId = project.accountId;
    const list = (await (await api(`/v6/deployments?projectId=${emulator.info.projectId}&${team()}&limit=40&state=READY&target=production`)).json()) as {
      deployments: Array<{ uid: string; target: string | null; meta: Record<string, string> }>;
    };
    const first = list.deployments[0];
    assert.ok(first, 'a READY production deployment');
    ready = { id: first.uid, target: first.target, branch: first.meta['githubCommitRef'] ?? '' };
  });
  after(() => emulator.close());

  describe('the stream', () => {
    it('streams one JSON object per line as application/stream+json, the last half minute first', async () => {
      const res = await api(`${streamPath(ready.id)}?${team()}&format=lines`, { headers: { Accept: 'application/stream+json' } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/stream+json');
      const opened = Date.now();
      const { lines } = await readStream(res, (l) => l.length >= 3);
      assert.ok(lines.length >= 3);
      for (const line of lines) {
        assert.deepEqual(Object.keys(line).sort(), ['domain', 'level', 'message', 'messageTruncated', 'requestMethod', 'requestPath', 'responseStatusCode', 'rowId', 'source', 'timestampInMs']);
        assert.ok(line.timestampInMs > opened - 31_000, 'from the look back or later');
        assert.ok(line.rowId !== '');
      }
      const times = lines.map((l) => l.timestampInMs);
      assert.deepEqual(times, [...times].sort((a, b) => a - b), 'in time order');
    });

    it('sends posted lines down every open stream at once, keeps the stream alive, and ends it after the set time', async () => {
      const created = await control('/deployments', { readyState: 'BUILDING' });
      const id = String(created['id']);
      const started = Date.now();
      const [a, b] = await Promise.all([api(`${streamPath(id)}?${team()}`), api(`${streamPath(id)}?${team()}`)]);
      assert.ok(a && b);
      const reading = Promise.all([readStream(a), readStream(b)]);
      await sleep(100);
      const posted = Date.now();
      await control(`/deployments/${id}/runtime-logs`, {
        logs: [
          { level: 'error', message: 'boom\n    at handler (/var/task/api/checkout.ts:42:11)', requestMethod: 'POST', requestPath: '/api/checkout', responseStatusCode: 500 },
          { level: 'info', message: 'started', source: 'edge-middleware' },
          { level: 'error', message: 'Log limit reached', source: 'delimiter' },
        ],
      });
      const [first, second] = await reading;
      for (const { lines, keepAlives, ended } of [first, second]) {
        assert.ok(ended, 'the server ended the stream');
        assert.deepEqual(
          lines.map((l) => [l.level, l.message.split('\n')[0], l.source, l.requestPath, l.responseStatusCode, l.rowId === '']),
          [
            ['error', 'boom', 'serverless', '/api/checkout', 500, false],
            ['info', 'started', 'edge-middleware', '', 0, false],
            ['error', 'Log limit reached', 'delimiter', '', 0, true],
          ],
        );
        assert.ok(lines.every((l) => l.timestampInMs >= posted - 5 && l.timestampInMs <= Date.now()));
        assert.ok(keepAlives >= 2, `${keepAlives} keep-alives in 1.5 s of silence`);
      }
      const took = Date.now() - started;
      assert.ok(took >= 1400 && took < 5000, `ended after ${took} ms`);
      const open = (await (await fetch(`${emulator.info.url}/_emulator/runtime-logs/streams`)).json()) as { open: unknown[] };
      assert.deepEqual(open.open, []);
    });

    it('lists the streams that are open, and forgets one the client closed', async () => {
      const res = await api(`${streamPath(ready.id)}?${team()}`);
      const streams = async () => ((await (await fetch(`${emulator.info.url}/_emulator/runtime-logs/streams`)).json()) as { open: Array<{ deploymentId: string }> }).open;
      assert.deepEqual((await streams()).map((s) => s.deploymentId), [ready.id]);
      await res.body?.cancel();
      for (let i = 0; i < 50 && (await streams()).length > 0; i++) await sleep(20);
      assert.deepEqual(await streams(), []);
    });

    it('refuses without a token, outside the team, and for a deployment of another project', async () => {
      assert.equal((await fetch(`${emulator.info.url}${streamPath(ready.id)}?${team()}`)).status, 403);
      assert.equal((await api(streamPath(ready.id))).status, 403);
      assert.equal((await api(`${streamPath('dpl_nope')}?${team()}`)).status, 404);
      const personal = (await (await api(`/v6/deployments?projectId=${emulator.info.personalProjectId}`)).json()) as { deployments: Array<{ uid: string }> };
      const other = personal.deployments[0]?.uid ?? '';
      assert.equal((await api(`${streamPath(other)}?${team()}`)).status, 404);
    });
  });

  describe('request-logs', () => {
    it('pages a READY deployment’s last hour newest first, with hasMoreRows', async () => {
      const now = Date.now();
      const query = { deploymentId: ready.id, startDate: now - HOUR, endDate: now };
      const first = await history({ ...query, page: 0 });
      assert.equal(first.rows.length, REQUEST_LOGS_PAGE_SIZE);
      assert.equal(first.hasMoreRows, true);
      const second = await history({ ...query, page: 1 });
      const times = [...first.rows, ...second.rows].map((r) => Date.parse(r.timestamp));
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first across pages');
      assert.equal(new Set([...first.rows, ...second.rows].map((r) => r.requestId)).size, first.rows.length + second.rows.length, 'no row twice');
      const again = await history({ ...query, page: 0 });
      assert.deepEqual(again.rows.map((r) => r.requestId), first.rows.map((r) => r.requestId), 'the same window holds the same requests');
      let last = second;
      for (let page = 2; last.hasMoreRows && page < 100; page++) last = await history({ ...query, page });
      assert.equal(last.hasMoreRows, false, 'the last page says so');
      for (const row of first.rows) {
        assert.equal(row.environment, ready.target === 'production' ? 'production' : 'preview');
        assert.equal(row.branch, ready.branch);
        assert.ok(['serverless', 'static'].includes(row.events[0]?.source ?? ''), row.events[0]?.source);
      }
    });

    it('visits real routes of the demo workspace, and its 500s name real lines of it', async () => {
      const now = Date.now();
      const rows: Row[] = [];
      for (let page = 0; page < 8; page++) rows.push(...(await history({ deploymentId: ready.id, startDate: now - 6 * HOUR, endDate: now, statusCode: '5xx', page })).rows);
      assert.ok(rows.length >= 5, `${rows.length} 500s in six hours`);
      const routes = new Set(rows.map((r) => r.requestPath));
      assert.ok(routes.has('/api/checkout') && routes.has('/'), [...routes].join(', '));
      let frames = 0;
      for (const row of rows) {
        if (row.statusCode !== 500) continue;
        const message = row.logs.find((l) => l.level === 'error')?.message ?? '';
        for (const [, file, line, column] of message.matchAll(/\/var\/task\/((?:app|lib)\/[^:]+):(\d+):(\d+)/g)) {
          const text = fs.readFileSync(path.join(DEMO_WORKSPACE, file ?? ''), 'utf8').split('\n')[Number(line) - 1] ?? '';
          assert.ok(text.length >= Number(column), `${file}:${line}:${column} is past the end of "${text}"`);
          frames++;
        }
      }
      assert.ok(frames >= 3, `${frames} frames into the demo workspace`);
      const checkout = rows.find((r) => /route\.ts:\d+:\d+/.test(r.logs[0]?.message ?? ''));
      const [, line, column] = /route\.ts:(\d+):(\d+)/.exec(checkout?.logs[0]?.message ?? '') ?? [];
      const source = fs.readFileSync(path.join(DEMO_WORKSPACE, 'app/api/checkout/route.ts'), 'utf8').split('\n')[Number(line) - 1] ?? '';
      assert.equal(source.slice(Number(column) - 1).startsWith('price * quantity'), true, `the frame points at ${source}`);
    });

    it('filters by level, status class, source, search, environment, branch and request id', async () => {
      const now = Date.now();
      const base = { deploymentId: ready.id, startDate: now - 3 * HOUR, endDate: now };
      const errors = await history({ ...base, level: 'error' });
      assert.ok(errors.rows.length > 0 && errors.rows.every((r) => r.logs.some((l) => l.level === 'error')));
      const warnings = await history({ ...base, level: 'warning,error' });
      assert.ok(warnings.rows.every((r) => r.logs.some((l) => l.level === 'warning' || l.level === 'error')));
      const ok = await history({ ...base, statusCode: '200' });
      assert.ok(ok.rows.length > 0 && ok.rows.every((r) => r.statusCode === 200));
      const fourxx = await history({ ...base, statusCode: '4xx' });
      assert.ok(fourxx.rows.every((r) => r.statusCode >= 400 && r.statusCode < 500));
      const statics = await history({ ...base, source: 'static' });
      assert.ok(statics.rows.length > 0 && statics.rows.every((r) => r.events[0]?.source === 'static'));
      const search = await history({ ...base, search: 'CHECKOUT:' });
      assert.ok(search.rows.length > 0 && search.rows.every((r) => r.logs.some((l) => l.message.toLowerCase().includes('checkout:'))));
      assert.deepEqual((await history({ ...base, environment: ready.target === 'production' ? 'preview' : 'production' })).rows, []);
      assert.deepEqual((await history({ ...base, branch: 'no-such-branch' })).rows, []);
      const one = errors.rows[0];
      assert.ok(one);
      assert.deepEqual((await history({ ...base, requestId: one.requestId })).rows.map((r) => r.requestId), [one.requestId]);
    });

    it('answers 400 to a bad filter and 404 to a project its owner does not hold', async () => {
      const bad = async (query: string) => (await api(`/api/logs/request-logs?projectId=${emulator.info.projectId}&ownerId=${ownerId}&${query}`)).status;
      assert.equal(await bad('level=loud'), 400);
      assert.equal(await bad('source=lambda'), 400);
      assert.equal(await bad('statusCode=5x'), 400);
      assert.equal(await bad('page=-1'), 400);
      assert.equal((await api(`/api/logs/request-logs?projectId=${emulator.info.projectId}&ownerId=someone_else`)).status, 404);
      assert.equal((await api(`/api/logs/request-logs?ownerId=${ownerId}`)).status, 400);
      assert.equal((await fetch(`${emulator.info.url}/api/logs/request-logs?projectId=${emulator.info.projectId}&ownerId=${ownerId}`)).status, 403);
    });

    it('keeps posted lines as requests: lines of one request together, a line without one alone, limit rows out of it', async () => {
      const created = await control('/deployments', { readyState: 'READY', target: null });
      const id = String(created['id']);
      await control(`/deployments/${id}/runtime-logs`, {
        logs: [
          { level: 'info', message: 'one', requestMethod: 'GET', requestPath: '/cart', responseStatusCode: 200 },
          { level: 'warning', message: 'two', requestMethod: 'GET', requestPath: '/cart', responseStatusCode: 200 },
          { level: 'info', message: 'alone' },
          { level: 'error', message: 'limit', source: 'delimiter' },
          { level: 'info', message: 'in the past', requestMethod: 'GET', requestPath: '/', responseStatusCode: 200, timestampInMs: Date.now() - 10 * 60_000 },
        ],
      });
      const now = Date.now();
      const { rows } = await history({ deploymentId: id, startDate: now - HOUR, endDate: now });
      const posted = rows.filter((r) => r.logs.some((l) => ['one', 'alone', 'in the past'].includes(l.message)));
      assert.deepEqual(
        posted.map((r) => [r.requestMethod, r.requestPath, r.statusCode, r.logs.map((l) => l.message)]),
        // Newest first: posted at one moment, the later line is the newer.
        [
          ['', '', 0, ['alone']],
          ['GET', '/cart', 200, ['one', 'two']],
          ['GET', '/', 200, ['in the past']],
        ],
      );
      assert.ok(!rows.some((r) => r.logs.some((l) => l.message === 'limit')), 'a limit row is not history');
    });

    it('tells the same lines as the stream: the stream’s look back is the history of that half minute', async () => {
      const res = await api(`${streamPath(ready.id)}?${team()}`);
      const opened = Date.now();
      const { lines } = await readStream(res, () => true);
      const rows = (await history({ deploymentId: ready.id, startDate: opened - 30_000, endDate: opened })).rows;
      const fromHistory = rows.flatMap((r) => (r.logs.length === 0 ? [''] : r.logs.map((l) => l.message))).sort();
      const fromStream = lines.filter((l) => l.timestampInMs <= opened).map((l) => l.message).sort();
      // The stream's first chunk may have cut a request at its end; history keeps every request that began in the window.
      assert.ok(fromStream.every((m) => fromHistory.includes(m)), 'every streamed line is in history');
    });
  });

  describe('faithfulness to @vercel/sdk', function () {
    this.timeout(120_000);

    it('every streamed line parses with GetRuntimeLogsResponseBody, and logs.getRuntimeLogs reads a one-line stream', async () => {
      const sdk = { ...(await import('@vercel/sdk')), ...(await import('@vercel/sdk/models/getruntimelogsop.js')) };
      const res = await api(`${streamPath(ready.id)}?${team()}`);
      const { lines } = await readStream(res, (l) => l.length >= 5);
      const created = await control('/deployments', { readyState: 'READY' });
      const id = String(created['id']);
      await control(`/deployments/${id}/runtime-logs`, {
        logs: [{ level: 'warning', message: 'only line', requestMethod: 'GET', requestPath: '/cart', responseStatusCode: 200 }],
      });
      const posted = (await readStream(await api(`${streamPath(id)}?${team()}`), () => true)).lines;
      for (const line of [...lines, ...posted]) {
        const parsed = sdk.GetRuntimeLogsResponseBody$inboundSchema.safeParse(line);
        assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
        assert.deepEqual(repairedInRaw(line, parsed.data), [], 'nothing filled in or converted');
      }
      // The SDK reads the body as one JSON value: a stream that says one line and ends.
      const vercel = new sdk.Vercel({ bearerToken: emulator.info.token, serverURL: emulator.info.url });
      const one = await vercel.logs.getRuntimeLogs({ projectId: emulator.info.projectId, deploymentId: id, teamId: emulator.info.teamId });
      assert.equal(one.message, 'only line');
      assert.equal(one.level, 'warning');
    });
  });
});
