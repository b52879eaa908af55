/**
 * The build-log adapters' logic that needs no VS Code: how a log document's
 * URI names its deployment, what the follower does when a stream stops, and
 * the follower itself over real HTTP against the emulator (one GET for a
 * finished build, one stream for a running one, reconnects from the last
 * event with nothing lost or doubled, no retry after a refusal).
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { VercelClient } from '../../src/api/client';
import { LogFollower, type KnownDeployment } from '../../src/logs/follower';
import { backoffMs, DEFAULT_RECONNECT, nextStep } from '../../src/logs/reconnect';
import { shortId } from '../../src/deployments/presentation';
import { logPath, logQuery, refOfLogPath } from '../../src/logs/uri';
import { documentLabel } from '../../src/util/documentLabel';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type RunningEmulator } from '../emulator/server';

describe('build logs without VS Code', () => {
  describe('log document URIs', () => {
    it('name the deployment by the first path segment, whatever the label', () => {
      const path = logPath('dpl_AbC123', 'fix: cart total');
      assert.equal(path, '/dpl_AbC123/fix: cart total.log');
      assert.deepEqual(refOfLogPath(path, logQuery('team_x')), { id: 'dpl_AbC123', teamId: 'team_x' });
      assert.deepEqual(refOfLogPath('/dpl_AbC123/anything else.log', ''), { id: 'dpl_AbC123', teamId: undefined });
      assert.deepEqual(refOfLogPath('/dpl_AbC123', ''), { id: 'dpl_AbC123', teamId: undefined });
    });

    it('keep labels to one short path segment', () => {
      assert.equal(documentLabel('feat/api: add\nsecond line', 'x'), 'feat-api: add second line');
      assert.equal(documentLabel('  \n\t ', 'AbC123'), 'AbC123');
      assert.equal(documentLabel('../../etc/passwd', 'x'), '-..-etc-passwd');
      assert.equal(documentLabel('a'.repeat(200), 'x').length, 60);
      assert.equal(shortId('dpl_AbCdEfGhIjKl'), 'AbCdEfGhI');
      fc.assert(
        fc.property(fc.string(), (text) => {
          const path = logPath('dpl_1', text);
          assert.equal(path.split('/').length, 3);
          assert.deepEqual(refOfLogPath(path, ''), { id: 'dpl_1', teamId: undefined });
        }),
      );
    });

    it('refuse paths and queries that name no deployment', () => {
      for (const path of ['', '/', 'dpl_1/x.log', '/dpl_1/a/b.log', '/../x.log', '/dpl 1/x.log', `/${'a'.repeat(129)}/x.log`]) {
        assert.equal(refOfLogPath(path, ''), undefined, path);
      }
      assert.equal(refOfLogPath('/dpl_1/x.log', 'teamId=team%2F..'), undefined);
    });
  });

  describe('after a stream stops', () => {
    it('stops for good when the build is over or Vercel refused', () => {
      assert.deepEqual(nextStep({ kind: 'ended', sawEnd: true }, 'inProgress', 1), { action: 'done' });
      assert.deepEqual(nextStep({ kind: 'ended', sawEnd: false }, 'finished', 1), { action: 'done' });
      assert.deepEqual(nextStep({ kind: 'failed', fatal: true }, 'inProgress', 1), { action: 'fail' });
    });

    it('catches up once when a broken stream outlived the build', () => {
      assert.deepEqual(nextStep({ kind: 'failed', fatal: false }, 'finished', 1), { action: 'catchUp' });
    });

    it('asks Vercel only when the store does not know the deployment', () => {
      assert.deepEqual(nextStep({ kind: 'ended', sawEnd: false }, 'unknown', 1), { action: 'askState' });
      assert.deepEqual(nextStep({ kind: 'failed', fatal: false }, 'unknown', 3), { action: 'askState' });
    });

    it('reconnects with a growing, capped delay, and gives up after too many empty attempts', () => {
      const delays = [1, 2, 3, 4, 5, 6].map((failures) => nextStep({ kind: 'failed', fatal: false }, 'inProgress', failures));
      assert.deepEqual(
        delays.map((s) => (s.action === 'reconnect' ? s.delayMs : s.action)),
        [500, 1000, 2000, 4000, 8000, 15000],
      );
      assert.deepEqual(nextStep({ kind: 'ended', sawEnd: false }, 'inProgress', DEFAULT_RECONNECT.maxFailures + 1), { action: 'fail' });
      fc.assert(fc.property(fc.integer({ min: -5, max: 10_000 }), (n) => backoffMs(n) >= 500 && backoffMs(n) <= 15_000));
    });
  });

  describe('the follower, over HTTP against the emulator', function () {
    this.timeout(30_000);
    let emulator: RunningEmulator;
    let control: EmulatorControl;
    let client: VercelClient;

    before(async () => {
      emulator = await startEmulator({ port: 0, token: 'logs-token', seed: 'logs-unit', buildMs: 60_000 });
      control = new EmulatorControl(emulator.info.url);
      client = new VercelClient({ origin: emulator.info.url, token: async () => 'logs-token', baseRetryDelayMs: 10 });
    });
    after(() => emulator.close());
    beforeEach(async () => {
      await control.reset();
      await control.clearFaults();
    });

    const fast = { baseDelayMs: 20, maxDelayMs: 100, maxFailures: 3 };

    function follower(id: string, known: () => KnownDeployment | undefined, over: Pick<VercelClient, 'getDeploymentEvents' | 'getDeployment'> = client): LogFollower {
      return new LogFollower({ id, teamId: emulator.info.teamId }, { client: over, known, coalesceMs: 5, firstContentMs: 200, policy: fast });
    }

    function settled(f: LogFollower, done: (f: LogFollower) => boolean): Promise<void> {
      return new Promise((resolve) => {
        if (done(f)) return resolve();
        const sub = f.onDidChange(() => {
          if (done(f)) {
            sub.dispose();
            resolve();
          }
        });
      });
    }

    async function eventRequests(id: string) {
      return (await control.requests()).filter((r) => r.path === `/v3/deployments/${id}/events`);
    }

    function texts(f: LogFollower): string[] {
      return f.model.lines.map((l) => l.text);
    }

    it('reads a finished build with one GET and finds its problems', async () => {
      const created = await control.createDeployment({
        readyState: 'ERROR',
        events: [
          { type: 'command', text: 'Running "npm run build"' },
          { type: 'stderr', text: 'Failed to compile.', level: 'error' },
          { type: 'stderr', text: './app/page.tsx:12:5' },
          { type: 'stderr', text: "Type error: Property 'total' does not exist on type 'Cart'.", level: 'error' },
          { type: 'stderr', text: 'Error: Command "npm run build" exited with 1', level: 'error' },
        ],
      });
      await control.clearRequests();
      const f = follower(created.id, () => ({ readyState: 'ERROR' }));
      f.start();
      await settled(f, (x) => x.status === 'done');
      assert.deepEqual(
        (await eventRequests(created.id)).map((r) => r.query['follow'] ?? 'plain'),
        ['plain'],
      );
      assert.equal(f.model.problems[0]?.file, './app/page.tsx');
      assert.equal(f.live, false);
      f.dispose();
    });

    it('follows a running build through one stream until it ends', async () => {
      const created = await control.createDeployment({ readyState: 'BUILDING', events: [{ type: 'stdout', text: 'one' }] });
      let state = 'BUILDING';
      await control.clearRequests();
      const f = follower(created.id, () => ({ readyState: state }));
      f.start();
      await f.firstContent;
      assert.deepEqual(texts(f), ['one']);
      assert.equal(f.live, true);
      await control.appendEvents(created.id, [{ type: 'stdout', text: 'two' }]);
      await settled(f, (x) => texts(x).includes('two'));
      state = 'READY';
      await control.setState(created.id, 'READY');
      await settled(f, (x) => x.status === 'done');
      assert.deepEqual(texts(f).slice(0, 2), ['one', 'two']);
      assert.equal((await eventRequests(created.id)).length, 1, 'one stream, nothing polled');
      f.dispose();
    });

    it('connects again when the first connection is dropped', async () => {
      const created = await control.createDeployment({ readyState: 'BUILDING', events: [{ type: 'stdout', text: 'after the drop' }] });
      await control.fault({ method: 'GET', path: `/v3/deployments/${created.id}/events`, drop: true });
      await control.clearRequests();
      const f = follower(created.id, () => ({ readyState: 'BUILDING' }));
      f.start();
      await settled(f, (x) => texts(x).includes('after the drop'));
      assert.equal((await eventRequests(created.id)).length, 2);
      assert.equal(f.status, 'following');
      f.dispose();
    });

    it('resumes a stream broken mid-build from the last event it saw, without losing or doubling a line', async () => {
      const created = await control.createDeployment({
        readyState: 'BUILDING',
        events: ['a', 'b', 'c'].map((text) => ({ type: 'stdout', text })),
      });
      let calls = 0;
      // The network breaks after the first event of the first stream.
      const breaking: Pick<VercelClient, 'getDeploymentEvents' | 'getDeployment'> = {
        getDeployment: (...args: Parameters<VercelClient['getDeployment']>) => client.getDeployment(...args),
        getDeploymentEvents: ((id: string, options: { follow?: boolean; since?: number; signal?: AbortSignal; teamId?: string }) => {
          if (options.follow !== true) return client.getDeploymentEvents(id, options as { follow?: false });
          calls++;
          const stream = client.getDeploymentEvents(id, { ...options, follow: true });
          if (calls > 1) return stream;
          return (async function* () {
            for await (const event of stream) {
              yield event;
              throw new TypeError('socket hang up');
            }
          })();
        }) as VercelClient['getDeploymentEvents'],
      };
      await control.clearRequests();
      const f = follower(created.id, () => ({ readyState: 'BUILDING' }), breaking);
      f.start();
      await settled(f, (x) => texts(x).includes('c'));
      await control.appendEvents(created.id, [{ type: 'stdout', text: 'd' }]);
      await settled(f, (x) => texts(x).includes('d'));
      assert.deepEqual(texts(f), ['a', 'b', 'c', 'd']);
      const requests = await eventRequests(created.id);
      assert.equal(requests.length, 2);
      assert.equal(requests[1]?.query['since'], String(f.model.lines[0]?.created), 'the second stream starts at the last event seen');
      f.dispose();
    });

    it('stops at a refusal and says why, without retrying', async () => {
      await control.clearRequests();
      const f = follower('dpl_doesNotExist', () => ({ readyState: 'BUILDING' }));
      f.start();
      await settled(f, (x) => x.status === 'failed');
      assert.match(String(f.error), /not found|404/i);
      assert.equal((await eventRequests('dpl_doesNotExist')).length, 1);
      f.dispose();
    });

    it('asks Vercel for the state once when the store does not list the deployment', async () => {
      const created = await control.createDeployment({ readyState: 'READY', events: [{ type: 'stdout', text: 'done' }] });
      await control.clearRequests();
      const f = follower(created.id, () => undefined);
      f.start();
      await settled(f, (x) => x.status === 'done');
      const requests = (await control.requests()).map((r) => `${r.path}${r.query['follow'] ? '?follow' : ''}`);
      assert.deepEqual(requests, [`/v13/deployments/${created.id}`, `/v3/deployments/${created.id}/events`]);
      assert.deepEqual(texts(f), ['done']);
      f.dispose();
    });

    it('keeps unknown event types as text', async () => {
      const created = await control.createDeployment({ readyState: 'READY', events: [{ type: 'brand-new-type', text: 'still shown' }] });
      const f = follower(created.id, () => ({ readyState: 'READY' }));
      f.start();
      await settled(f, (x) => x.status === 'done');
      assert.deepEqual(texts(f), ['still shown']);
      f.dispose();
    });
  });
  describe('the follower, against a server that sends what the emulator cannot', () => {
    let server: Server;
    let origin = '';
    /** Bytes the stream sends, in chunks; the build then ends (the state below says READY). */
    let chunks: Buffer[] = [];

    before(async () => {
      server = createServer((req, res) => {
        if (req.url?.startsWith('/v13/')) {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ id: 'dpl_raw', readyState: 'READY' }));
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        for (const chunk of chunks) res.write(chunk);
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise((resolve) => server.close(resolve)));

    it('skips keep-alive lines and shows bytes that are not UTF-8 as text', async () => {
      const event = (id: string, text: string) => `{"type":"stdout","created":1,"id":"${id}","text":"${text}"}\n`;
      chunks = [
        Buffer.from('{}\n'),
        Buffer.from(event('a', 'caf')),
        // An event split across chunks, with a byte that is no UTF-8 (0xff) inside its text.
        Buffer.concat([Buffer.from('{"type":"stdout","created":2,"id":"b","text":"bad '), Buffer.from([0xff])]),
        Buffer.from(' byte"}\n{"created-less":"keep-alive"}\n'),
        Buffer.from(event('c', 'last')),
      ];
      const client = new VercelClient({ origin, token: async () => 't' });
      // Building when the follower starts; over by the time the stream ends.
      let state = 'BUILDING';
      const known = () => {
        const now = { readyState: state };
        state = 'READY';
        return now;
      };
      const f = new LogFollower({ id: 'dpl_raw' }, { client, known, coalesceMs: 5, policy: { baseDelayMs: 5, maxDelayMs: 10, maxFailures: 1 } });
      f.start();
      await new Promise<void>((resolve) => {
        const sub = f.onDidChange(() => {
          if (f.status === 'done' || f.status === 'failed') {
            sub.dispose();
            resolve();
          }
        });
      });
      assert.equal(f.status, 'done', String(f.error));
      assert.deepEqual(
        f.model.lines.map((l) => l.text),
        ['caf', 'bad \ufffd byte', 'last'],
      );
      f.dispose();
    });
  });
});
