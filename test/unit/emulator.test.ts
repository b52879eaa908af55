/**
 * The Vercel API emulator, checked over real HTTP with plain fetch, against
 * our zod schemas and against the official @vercel/sdk: if the emulator
 * drifts from the real API, the tests that rely on it would lie.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { ApiErrorBodySchema, DeploymentListSchema, ProjectSchema, UserResponseSchema, type DeploymentListItem } from '../../src/api/schemas';
import { DeploymentEventListSchema, DeploymentEventSchema, TeamListSchema } from '../../src/api/actionSchemas';
import { deploymentSchema } from '../../src/api/deployment';
import { EmulatorControl } from '../emulator/control';
import { DEMO_WORKSPACE, FAILURES, type Failure } from '../emulator/events';
import { REQUEST_LOG_LIMIT, startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { createLinkedWorkspace } from '../harness/workspace';
import { loadSdk, repairedInRaw, withRepairs } from './sdkCheck';

const FORBIDDEN_BODY = '{"error":{"code":"forbidden","message":"Not authorized","invalidToken":true}}';

/** The list-item fields of vercel-api-notes.md: a list item must carry nothing else. */
const LIST_ITEM_FIELDS = new Set([
  'uid', 'name', 'projectId', 'url', 'created', 'createdAt', 'state', 'readyState', 'readySubstate', 'type', 'creator',
  'inspectorUrl', 'meta', 'target', 'source', 'buildingAt', 'ready', 'errorCode', 'errorMessage', 'isRollbackCandidate',
  'checksState', 'checksConclusion', 'aliasError',
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A build event as one line, whichever of the two shapes (flat, or `payload`-wrapped) the API sent it in. */
interface LogLine {
  type: string;
  created: number;
  date?: number;
  id?: string;
  serial?: string;
  deploymentId?: string;
  text: string;
  info?: { type?: string; name?: string };
  level?: string;
  wrapped: boolean;
}

function lineOf(event: object): LogLine {
  const e = event as Record<string, unknown>;
  const payload = e['payload'] as Record<string, unknown> | undefined;
  const fields = payload ?? e;
  return {
    ...(fields as Omit<LogLine, 'type' | 'created' | 'wrapped'>),
    type: e['type'] as string,
    created: e['created'] as number,
    text: (fields['text'] as string | undefined) ?? '',
    ...(e['level'] !== undefined && { level: e['level'] as string }),
    wrapped: payload !== undefined,
  };
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** The lines of a follow stream as they arrive; ends when the server ends the response. */
async function* streamLines(res: Response): AsyncGenerator<LogLine> {
  assert.ok(res.body);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) yield lineOf(DeploymentEventSchema().parse(JSON.parse(part)));
  }
}

async function take(lines: AsyncGenerator<LogLine>, count: number): Promise<LogLine[]> {
  const out: LogLine[] = [];
  while (out.length < count) {
    const next = await lines.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** A place in a demo-workspace file that a failed build's output names; `column0` counts from 0. */
interface FileRef {
  file: string;
  line?: number;
  column0?: number;
  end0?: number;
}

/**
 * The file references in a log, read the way each tool prints them (Next.js
 * `./f:l:c`, tsc `f(l,c)`, ESLint `./f` then `l:c  Error`, esbuild `f:l:c:`
 * with a 0-based column, webpack `./f l:c-e` 0-based, Vite a quoted path).
 */
function fileRefs(texts: string[]): FileRef[] {
  const refs: FileRef[] = [];
  let eslintFile: string | undefined;
  for (const raw of texts) {
    const text = plain(raw);
    let m: RegExpExecArray | null;
    if ((m = /^\.\/([\w/.-]+):(\d+):(\d+)$/.exec(text))) refs.push({ file: m[1]!, line: +m[2]!, column0: +m[3]! - 1 });
    else if ((m = /^([\w/.-]+)\((\d+),(\d+)\): error TS\d+: /.exec(text))) refs.push({ file: m[1]!, line: +m[2]!, column0: +m[3]! - 1 });
    else if ((m = /^ {4}([\w/.-]+):(\d+):(\d+):$/.exec(text))) refs.push({ file: m[1]!, line: +m[2]!, column0: +m[3]! });
    else if ((m = /^(?:ERROR in| @) \.\/([\w/.-]+) (\d+):(\d+)-(\d+)/.exec(text))) refs.push({ file: m[1]!, line: +m[2]!, column0: +m[3]!, end0: +m[4]! });
    else if ((m = /from "\/vercel\/path0\/([^"]+)"/.exec(text))) refs.push({ file: m[1]! });
    else if ((m = /^\.\/([\w/.-]+)$/.exec(text))) eslintFile = m[1];
    else if ((m = /^(\d+):(\d+) {2}(?:Error|Warning): /.exec(text)) && eslintFile) refs.push({ file: eslintFile, line: +m[1]!, column0: +m[2]! - 1 });
  }
  return refs;
}

/** What each failure's references must point at: the text found at the named column. */
const AT_COLUMN: Record<Failure, Record<string, string>> = {
  'next-type-error': { 'app/page.tsx': 'total)' },
  'next-module-not-found': { 'components/ProductCard.tsx': "import { Badge } from './Badge';" },
  'next-eslint': { 'app/layout.tsx': "'t miss", 'components/CartSummary.tsx': '<img ' },
  tsc: { 'lib/cart.ts': 'count: items.length.toString()', 'lib/format.ts': 'currency);' },
  vite: { 'components/Confetti.tsx': 'import confetti from "canvas-confetti";' },
  esbuild: { 'components/Confetti.tsx': '"canvas-confetti"' },
  webpack: { 'lib/format.ts': "require('./currencies')", 'app/page.tsx': "import { formatPrice } from '@/lib/format';" },
};

/** The demo file's line a reference names; fails unless the file, the line and the column exist. */
function demoLine(ref: FileRef): string {
  const file = path.join(DEMO_WORKSPACE, ref.file);
  assert.ok(fs.existsSync(file), `${ref.file} is not in the demo workspace`);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (ref.line === undefined) return lines.join('\n');
  const text = lines[ref.line - 1];
  assert.ok(text !== undefined && text.trim() !== '', `${ref.file} has no line ${ref.line} with code`);
  assert.ok((ref.column0 ?? 0) < text.length, `${ref.file}:${ref.line} has no column ${(ref.column0 ?? 0) + 1}`);
  return text;
}

function client(info: EmulatorInfo) {
  const api = (path: string, init: RequestInit = {}) =>
    fetch(info.url + path, { ...init, headers: { Authorization: `Bearer ${info.token}`, ...(init.headers as Record<string, string>) } });
  const control = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${info.url}/_emulator${path}`, {
      method,
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  const team = `teamId=${info.teamId}`;
  return { api, control, team };
}

async function json(res: Response): Promise<unknown> {
  assert.match(res.headers.get('content-type') ?? '', /^application\/json; charset=utf-8$/);
  return res.json();
}

/** Every deployment of the team project, page by page, checking each page on the way. */
async function pageThrough(info: EmulatorInfo, query = '', limit = 20): Promise<DeploymentListItem[]> {
  const { api, team } = client(info);
  const all: DeploymentListItem[] = [];
  let until: number | null | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const res = await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=${limit}${until ? `&until=${until}` : ''}${query}`);
    assert.equal(res.status, 200);
    const page = DeploymentListSchema().parse(await json(res));
    assert.ok(page.deployments.length <= limit);
    assert.equal(page.pagination.count, page.deployments.length);
    all.push(...page.deployments);
    until = page.pagination.next;
    if (until === null) return all;
    assert.equal(until, page.deployments.at(-1)?.created, 'next is the created of the last item');
  }
  assert.fail('paging never ended');
}

describe('Vercel API emulator', function () {
  let emulator: RunningEmulator;
  let info: EmulatorInfo;

  before(async () => {
    emulator = await startEmulator({ port: 0, token: 'secret-test-token', seed: 'unit' });
    info = emulator.info;
  });
  after(() => emulator.close());
  beforeEach(async () => {
    const res = await client(info).control('/reset', 'POST');
    assert.equal(res.status, 200);
  });

  describe('module API', () => {
    it('reports where it listens and the seeded ids', () => {
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.token, 'secret-test-token');
      assert.match(info.teamId, /^team_/);
      assert.match(info.projectId, /^prj_/);
      assert.match(info.personalProjectId, /^prj_/);
      assert.notEqual(info.projectId, info.personalProjectId);
      assert.ok(info.teamSlug.length > 0 && info.projectName.length > 0);
    });

    it('uses a default token, and the same seed gives the same data', async () => {
      const a = await startEmulator({ seed: 'same' });
      const b = await startEmulator({ seed: 'same' });
      const c = await startEmulator({ seed: 'other' });
      try {
        assert.equal(a.info.token, 'emulator-token');
        assert.notEqual(a.info.url, b.info.url);
        const firstPage = async (e: RunningEmulator) => {
          const res = await client(e.info).api(`/v6/deployments?projectId=${e.info.projectId}&teamId=${e.info.teamId}`);
          return DeploymentListSchema().parse(await res.json()).deployments.map((d) => [d.uid, d.url, d.meta, d.readyState]);
        };
        assert.deepEqual({ ...a.info, url: '' }, { ...b.info, url: '' });
        assert.deepEqual(await firstPage(a), await firstPage(b));
        assert.notEqual(a.info.projectId, c.info.projectId);
        assert.notDeepEqual(await firstPage(a), await firstPage(c));
      } finally {
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });
  });

  describe('demo workspace', () => {
    it('is copied into a linked workspace, with the project named after the emulated one', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-demo-'));
      try {
        const folder = createLinkedWorkspace(path.join(dir, 'shop'), info, { 'README.md': '# shop' });
        for (const file of ['app/page.tsx', 'app/layout.tsx', 'lib/cart.ts', 'lib/format.ts', 'components/Confetti.tsx', 'tsconfig.json']) {
          assert.equal(fs.readFileSync(path.join(folder, file), 'utf8'), fs.readFileSync(path.join(DEMO_WORKSPACE, file), 'utf8'), file);
        }
        assert.equal((JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name: string }).name, info.projectName);
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(folder, '.vercel/project.json'), 'utf8')), { projectId: info.projectId, orgId: info.teamId, projectName: info.projectName });
        assert.equal(fs.readFileSync(path.join(folder, 'README.md'), 'utf8'), '# shop');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('deployments list', () => {
    it('pages to the end: at least 150 items, no duplicates, created strictly decreasing', async () => {
      const all = await pageThrough(info);
      assert.ok(all.length >= 150, `only ${all.length} deployments`);
      assert.equal(new Set(all.map((d) => d.uid)).size, all.length, 'duplicate uids across pages');
      for (let i = 1; i < all.length; i++) {
        assert.ok((all[i]?.created ?? 0) < (all[i - 1]?.created ?? 0), `created not strictly decreasing at ${i}`);
      }
      const byHundred = await pageThrough(info, '', 100);
      assert.deepEqual(byHundred.map((d) => d.uid), all.map((d) => d.uid));
    });

    it('serves /v7 like /v6 and carries only list-item fields', async () => {
      const { api, team } = client(info);
      const v6 = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}`)));
      const v7 = DeploymentListSchema().parse(await json(await api(`/v7/deployments?projectId=${info.projectId}&${team}`)));
      assert.deepEqual(v7, v6);
      assert.equal(v6.deployments.length, 20);
      for (const item of v6.deployments) {
        const extra = Object.keys(item).filter((k) => !LIST_ITEM_FIELDS.has(k));
        assert.deepEqual(extra, [], `list item has non-list fields ${extra.join(', ')}`);
        assert.equal(item.type, 'LAMBDAS');
      }
    });

    it('starts with builds in progress and has every finished state, realistically filled', async () => {
      const all = await pageThrough(info, '', 100);
      assert.deepEqual(all.slice(0, 3).map((d) => d.readyState), ['QUEUED', 'INITIALIZING', 'BUILDING']);
      const now = Date.now();
      assert.ok((all[0]?.created ?? Infinity) <= now && (all[0]?.created ?? 0) > now - 120_000, 'newest is recent');
      for (const d of all) {
        assert.equal(d.state, d.readyState);
        assert.notEqual(d.target, 'preview');
        assert.equal(d.inspectorUrl, `https://vercel.com/${info.teamSlug}/${info.projectName}/${d.uid.slice(4)}`);
        assert.match(d.url, new RegExp(`^${info.projectName}-[a-z0-9]+-${info.teamSlug}\\.vercel\\.app$`));
        assert.ok(['githubCommitMessage', 'githubCommitRef', 'githubCommitSha', 'githubCommitAuthorName', 'githubOrg', 'githubRepo'].every((k) => d.meta?.[k] !== undefined));
        if (d.readyState === 'READY') assert.ok(d.readySubstate && d.ready && d.buildingAt);
        else assert.equal(d.readySubstate, undefined);
        if (d.readyState === 'ERROR') assert.ok(d.errorCode && d.errorMessage);
      }
      const states = new Set(all.map((d) => d.readyState));
      for (const s of ['READY', 'ERROR', 'CANCELED']) assert.ok(states.has(s), `no ${s} deployment`);
      assert.ok(all.some((d) => d.target === 'production') && all.some((d) => d.target === null));
      assert.ok(new Set(all.map((d) => d.creator.uid)).size >= 3, 'several creators');
      const messages = all.map((d) => d.meta?.['githubCommitMessage'] ?? '');
      assert.ok(messages.some((m) => m.includes('<img src=x onerror=alert(1)>')), 'HTML-looking message');
      assert.ok(messages.some((m) => m.includes('\n')), 'multi-line message');
      assert.ok(messages.some((m) => m.length > 300), 'very long message');
      assert.ok(messages.some((m) => /\p{Extended_Pictographic}/u.test(m)), 'emoji');
      assert.ok(messages.some((m) => /[^\p{ASCII}]/u.test(m) && !/\p{Extended_Pictographic}/u.test(m)), 'non-ASCII text');
      assert.ok(new Set(all.map((d) => d.meta?.['githubCommitRef'])).size >= 3, 'several branches');
    });

    it('filters by state and target, and pages back with since', async () => {
      const { api, team } = client(info);
      const base = `/v6/deployments?projectId=${info.projectId}&${team}&limit=100`;
      const failed = DeploymentListSchema().parse(await json(await api(`${base}&state=ERROR,CANCELED`)));
      assert.ok(failed.deployments.length > 0);
      assert.ok(failed.deployments.every((d) => d.readyState === 'ERROR' || d.readyState === 'CANCELED'));
      const previews = DeploymentListSchema().parse(await json(await api(`${base}&target=preview`)));
      assert.ok(previews.deployments.length > 0 && previews.deployments.every((d) => d.target === null));
      const production = DeploymentListSchema().parse(await json(await api(`${base}&target=production`)));
      assert.ok(production.deployments.length > 0 && production.deployments.every((d) => d.target === 'production'));

      const first = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=5`)));
      const second = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=5&until=${first.pagination.next}`)));
      const back = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=5&since=${second.pagination.prev}`)));
      assert.deepEqual(back.deployments.map((d) => d.uid), first.deployments.map((d) => d.uid));
    });

    it('combines branch, sha, users, target and state, and pages with until inside the filter', async () => {
      const { api, team } = client(info);
      const all = await pageThrough(info, '', 100);
      const base = `/v6/deployments?projectId=${info.projectId}&${team}`;
      const everyPage = async (query: string, limit: number) => {
        const seen: typeof all = [];
        let until: number | null | undefined;
        for (let guard = 0; guard < 100; guard++) {
          const page = DeploymentListSchema().parse(await json(await api(`${base}&${query}&limit=${limit}${until ? `&until=${until}` : ''}`)));
          seen.push(...page.deployments);
          until = page.pagination.next;
          if (until === null) break;
        }
        return seen;
      };
      const branchOf = (d: (typeof all)[number]) => d.meta?.['githubCommitRef'];
      const branch = branchOf(all.find((d) => all.filter((x) => branchOf(x) === branchOf(d)).length >= 4)!)!;
      const expected = all.filter((d) => branchOf(d) === branch);
      const paged = await everyPage(`branch=${encodeURIComponent(branch)}`, 3);
      assert.deepEqual(paged.map((d) => d.uid), expected.map((d) => d.uid), 'paging by 3 inside the branch filter neither skips nor repeats');

      const sample = all.find((d) => d.target === null && ['READY', 'ERROR'].includes(d.readyState ?? '') && branchOf(d) !== undefined)!;
      const [sampleBranch, creator] = [branchOf(sample)!, sample.creator.uid];
      const combined = await everyPage(`branch=${encodeURIComponent(sampleBranch)}&users=${creator}&target=preview&state=READY,ERROR`, 2);
      assert.ok(combined.length > 0);
      assert.deepEqual(
        combined.map((d) => d.uid),
        all.filter((d) => branchOf(d) === sampleBranch && d.creator.uid === creator && d.target === null && ['READY', 'ERROR'].includes(d.readyState ?? '')).map((d) => d.uid),
        'every filter applies at once',
      );

      const one = all[7]!;
      const bySha = DeploymentListSchema().parse(await json(await api(`${base}&sha=${one.meta?.['githubCommitSha']}`)));
      assert.ok(bySha.deployments.some((d) => d.uid === one.uid));
      assert.ok(bySha.deployments.every((d) => d.meta?.['githubCommitSha'] === one.meta?.['githubCommitSha']));

      const nobody = DeploymentListSchema().parse(await json(await api(`${base}&branch=no-such-branch`)));
      assert.deepEqual(nobody.deployments, []);
      assert.equal(nobody.pagination.next, null);
    });

    it('answers 400 bad_request to a limit out of range or a bad filter', async () => {
      const { api, team } = client(info);
      for (const query of ['limit=0', 'limit=101', 'limit=abc', 'until=yesterday', 'state=SLEEPING', 'target=preview2']) {
        const res = await api(`/v6/deployments?projectId=${info.projectId}&${team}&${query}`);
        assert.equal(res.status, 400, query);
        const body = ApiErrorBodySchema().parse(await json(res));
        assert.equal(body.error.code, 'bad_request');
        assert.ok(body.error.message && body.error.message.length > 0);
      }
    });
  });

  describe('one deployment', () => {
    it('returns a full object that parses with deploymentSchema() for every deployment, by id and by url', async () => {
      const { api, team } = client(info);
      const all = await pageThrough(info, '', 100);
      for (const item of all) {
        const res = await api(`/v13/deployments/${item.uid}?${team}`);
        assert.equal(res.status, 200);
        const full = deploymentSchema().parse(await json(res));
        assert.equal(full.id, item.uid);
        assert.equal(full.status, full.readyState);
        assert.equal(full.readyState, item.readyState);
        assert.equal(full.version, 2);
        assert.equal(full.url, item.url);
        if (full.readyState === 'CANCELED') assert.ok(full.canceledAt, 'CANCELED has canceledAt');
        if (full.readyState === 'ERROR') assert.ok(full.errorCode && full.errorMessage);
        if (full.readyState === 'READY') assert.ok(full.ready && full.readySubstate && full.aliasAssigned === true);
      }
      const target = all[5];
      assert.ok(target);
      const byUrl = deploymentSchema().parse(await json(await api(`/v13/deployments/${target.url}?${team}`)));
      assert.equal(byUrl.id, target.uid);
    });

    it('has the team, project, git source and OIDC claims of a team deployment', async () => {
      const { api, team } = client(info);
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}`)));
      const id = list.deployments[4]?.uid;
      const full = deploymentSchema().parse(await json(await api(`/v13/deployments/${id}?${team}`)));
      assert.equal(full.ownerId, info.teamId);
      assert.equal(full.team?.slug, info.teamSlug);
      assert.equal(full.project?.id, info.projectId);
      assert.equal(full.plan, 'pro');
      assert.equal(full.gitSource?.sha, full.meta['githubCommitSha']);
      assert.equal(full.oidcTokenClaims?.owner_id, info.teamId);
    });

    it('answers 404 not_found to an unknown deployment or route', async () => {
      const { api, team } = client(info);
      for (const path of [`/v13/deployments/dpl_doesNotExist?${team}`, `/v13/deployments/nope.vercel.app?${team}`, '/v99/whatever', '/v6/deployments/extra']) {
        const res = await api(path);
        assert.equal(res.status, 404, path);
        assert.equal(ApiErrorBodySchema().parse(await json(res)).error.code, 'not_found');
      }
      assert.equal((await api(`/v13/deployments/x?${team}`, { method: 'DELETE' })).status, 404, 'unknown method is an unknown route');
    });
  });

  describe('auth and team scope', () => {
    it('answers 403 with the exact invalid-token body without or with a wrong token', async () => {
      const paths = ['/v2/user', `/v6/deployments?projectId=${info.projectId}&teamId=${info.teamId}`, '/v2/teams'];
      for (const path of paths) {
        const headerSets: Array<Record<string, string>> = [
          {},
          { Authorization: 'Bearer wrong-token' },
          { Authorization: `Basic ${info.token}` },
          { Authorization: info.token },
        ];
        for (const headers of headerSets) {
          const res = await fetch(info.url + path, { headers });
          assert.equal(res.status, 403, path);
          assert.equal(await res.text(), FORBIDDEN_BODY);
        }
      }
    });

    it('forbids a team deployment or project without teamId/slug, and allows it with either', async () => {
      const { api } = client(info);
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&slug=${info.teamSlug}`)));
      const id = list.deployments[0]?.uid;
      for (const path of [`/v13/deployments/${id}`, `/v9/projects/${info.projectId}`, `/v6/deployments?projectId=${info.projectId}`, `/v3/deployments/${id}/events`]) {
        const res = await api(path);
        assert.equal(res.status, 403, path);
        const body = ApiErrorBodySchema().parse(await json(res));
        assert.equal(body.error.code, 'forbidden');
        assert.equal(body.error.invalidToken, undefined, 'a scope problem is not a bad token');
        assert.match(body.error.message ?? '', /team/);
      }
      assert.equal((await api(`/v13/deployments/${id}?slug=${info.teamSlug}`)).status, 200);
      assert.equal((await api(`/v13/deployments/${id}?teamId=${info.teamId}`)).status, 200);
      assert.equal((await api(`/v13/deployments/${id}?teamId=team_someoneElse`)).status, 403);
      const project = ProjectSchema().parse(await json(await api(`/v9/projects/${info.projectName}?teamId=${info.teamId}`)));
      assert.equal(project.id, info.projectId);
      assert.equal(project.accountId, info.teamId);
    });

    it('serves the personal project without team scope, and not inside the team', async () => {
      const { api, team } = client(info);
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.personalProjectId}`)));
      assert.ok(list.deployments.length > 0);
      assert.ok(list.deployments.every((d) => d.projectId === info.personalProjectId));
      const id = list.deployments[0]?.uid;
      const full = deploymentSchema().parse(await json(await api(`/v13/deployments/${id}`)));
      const user = UserResponseSchema().parse(await json(await api('/v2/user')));
      assert.equal(full.ownerId, user.user.id);
      assert.equal(full.plan, 'hobby');
      assert.equal(full.team, undefined);
      assert.equal((await api(`/v13/deployments/${id}?${team}`)).status, 404);
      const unscoped = DeploymentListSchema().parse(await json(await api('/v6/deployments?limit=100')));
      assert.ok(unscoped.deployments.every((d) => d.projectId === info.personalProjectId), 'no team deployments without scope');
      const project = ProjectSchema().parse(await json(await api(`/v9/projects/${info.personalProjectId}`)));
      assert.equal(project.nodeVersion, '22.x');
      assert.deepEqual(project.alias, []);
    });

    it('serves the user and the teams', async () => {
      const { api } = client(info);
      const { user } = UserResponseSchema().parse(await json(await api('/v2/user')));
      assert.equal(user.defaultTeamId, info.teamId);
      assert.ok(user.email && user.username && user.createdAt);
      const teams = TeamListSchema().parse(await json(await api('/v2/teams')));
      assert.equal(teams.teams.length, 3);
      assert.ok(teams.teams.some((t) => t.id === info.teamId && t.slug === info.teamSlug));
      assert.equal(teams.pagination?.next, null);
    });

    it('pages the teams with limit and until, and serves each by id or slug', async () => {
      const { api } = client(info);
      const all = (await json(await api('/v2/teams'))) as { teams: Array<{ id: string; slug: string; createdAt: number; membership: { role: string } }> };
      const paged: string[] = [];
      let until: number | null = null;
      for (let i = 0; i < 5; i++) {
        const page = (await json(await api(`/v2/teams?limit=1${until ? `&until=${until}` : ''}`))) as { teams: Array<{ id: string }>; pagination: { count: number; next: number | null } };
        assert.equal(page.pagination.count, page.teams.length);
        paged.push(...page.teams.map((t) => t.id));
        until = page.pagination.next;
        if (until === null) break;
      }
      assert.deepEqual(paged, all.teams.map((t) => t.id));
      for (let i = 1; i < all.teams.length; i++) assert.ok(all.teams[i]!.createdAt < all.teams[i - 1]!.createdAt, 'newest first');
      assert.deepEqual(all.teams.map((t) => t.membership.role).sort(), ['MEMBER', 'MEMBER', 'OWNER']);
      for (const t of all.teams) {
        assert.equal(((await json(await api(`/v2/teams/${t.id}`))) as { slug: string }).slug, t.slug);
        assert.equal(((await json(await api(`/v2/teams/${t.slug}`))) as { id: string }).id, t.id);
      }
      assert.equal((await api('/v2/teams/team_nope')).status, 404);
      assert.equal((await api('/v2/teams?limit=0')).status, 400);
    });

    it("lists each scope's projects with search and from paging, and keeps other teams' projects apart", async () => {
      const { api, team } = client(info);
      type Page = { projects: Array<{ id: string; name: string; accountId: string; updatedAt: number }>; pagination: { count: number; next: number | null; prev: number | null } };
      const all = (await json(await api(`/v10/projects?${team}&limit=100`))) as Page;
      assert.ok(all.projects.length >= 8, `only ${all.projects.length} team projects`);
      assert.ok(all.projects.some((p) => p.id === info.projectId));
      assert.ok(all.projects.every((p) => p.accountId === info.teamId));
      for (let i = 1; i < all.projects.length; i++) assert.ok(all.projects[i]!.updatedAt < all.projects[i - 1]!.updatedAt, 'most recently updated first');
      assert.equal(all.pagination.next, null);

      const paged: string[] = [];
      let from: number | null = null;
      for (let i = 0; i < 20; i++) {
        const page = (await json(await api(`/v10/projects?${team}&limit=3${from ? `&from=${from}` : ''}`))) as Page;
        assert.ok(page.projects.length <= 3);
        assert.equal(page.pagination.count, page.projects.length);
        paged.push(...page.projects.map((p) => p.id));
        from = page.pagination.next;
        if (from === null) break;
        assert.equal(from, page.projects.at(-1)?.updatedAt);
      }
      assert.deepEqual(paged, all.projects.map((p) => p.id));

      const found = (await json(await api(`/v10/projects?${team}&search=${encodeURIComponent(info.projectName.slice(1, 5).toUpperCase())}`))) as Page;
      assert.ok(found.projects.some((p) => p.id === info.projectId));
      assert.ok(found.projects.every((p) => p.name.toLowerCase().includes(info.projectName.slice(1, 5).toLowerCase())));
      assert.deepEqual(((await json(await api(`/v10/projects?${team}&search=zzzz-nothing`))) as Page).projects, []);

      const personal = (await json(await api('/v10/projects'))) as Page;
      assert.ok(personal.projects.some((p) => p.id === info.personalProjectId));
      assert.ok(personal.projects.every((p) => p.accountId !== info.teamId));

      const teams = ((await json(await api('/v2/teams'))) as { teams: Array<{ id: string }> }).teams;
      const other = teams.find((t) => t.id !== info.teamId);
      assert.ok(other);
      const theirs = (await json(await api(`/v10/projects?teamId=${other.id}`))) as Page;
      assert.ok(theirs.projects.length > 0 && theirs.projects.every((p) => p.accountId === other.id));
      const theirProject = theirs.projects[0]!.id;
      assert.equal((await api(`/v9/projects/${theirProject}?teamId=${other.id}`)).status, 200);
      assert.equal((await api(`/v9/projects/${theirProject}?${team}`)).status, 404, "another team's project is not in this team");
      assert.equal((await api(`/v9/projects/${info.projectId}?teamId=${other.id}`)).status, 404);
      assert.equal((await api(`/v6/deployments?projectId=${theirProject}&teamId=${other.id}`)).status, 200);
      assert.equal((await api(`/v10/projects?teamId=team_notMine`)).status, 403);
      for (const bad of ['limit=0', 'limit=101', 'from=yesterday']) assert.equal((await api(`/v10/projects?${team}&${bad}`)).status, 400, bad);
    });
  });

  describe('cancel', () => {
    it('cancels a build in progress and returns the full object', async () => {
      const { api, team } = client(info);
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}`)));
      for (const item of list.deployments.slice(0, 3)) {
        const before = Date.now();
        const res = await api(`/v12/deployments/${item.uid}/cancel?${team}`, { method: 'PATCH' });
        assert.equal(res.status, 200);
        const full = deploymentSchema().parse(await json(res));
        assert.equal(full.readyState, 'CANCELED');
        assert.equal(full.status, 'CANCELED');
        assert.ok((full.canceledAt ?? 0) >= before);
        const after = deploymentSchema().parse(await json(await api(`/v13/deployments/${item.uid}?${team}`)));
        assert.equal(after.readyState, 'CANCELED');
      }
    });

    it('answers 400 naming the state for a finished deployment, 404 for an unknown one', async () => {
      const { api, team } = client(info);
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&state=READY&limit=1`)));
      const ready = list.deployments[0]?.uid;
      const res = await api(`/v12/deployments/${ready}/cancel?${team}`, { method: 'PATCH' });
      assert.equal(res.status, 400);
      const body = ApiErrorBodySchema().parse(await json(res));
      assert.equal(body.error.code, 'bad_request');
      assert.match(body.error.message ?? '', /READY/);

      const building = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&state=BUILDING&limit=1`))).deployments[0]?.uid;
      assert.equal((await api(`/v12/deployments/${building}/cancel?${team}`, { method: 'PATCH' })).status, 200);
      const again = await api(`/v12/deployments/${building}/cancel?${team}`, { method: 'PATCH' });
      assert.equal(again.status, 400);
      assert.match(ApiErrorBodySchema().parse(await json(again)).error.message ?? '', /CANCELED/);

      const missing = await api(`/v12/deployments/dpl_missing/cancel?${team}`, { method: 'PATCH' });
      assert.equal(missing.status, 404);
      assert.equal(ApiErrorBodySchema().parse(await json(missing)).error.code, 'not_found');
    });
  });

  describe('build events', () => {
    it('returns the log of a finished build, oldest first, honouring limit and direction', async () => {
      const { api, team } = client(info);
      const ready = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&state=READY&limit=1`))).deployments[0];
      assert.ok(ready);
      const events = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${ready.uid}/events?${team}`))).map(lineOf);
      assert.ok(events.length > 10);
      const types = new Set(events.map((e) => e.type));
      for (const t of ['command', 'stdout', 'stderr', 'exit', 'deployment-state', 'delimiter']) assert.ok(types.has(t), `no ${t} event`);
      for (let i = 1; i < events.length; i++) assert.ok((events[i]?.created ?? 0) >= (events[i - 1]?.created ?? 0));
      assert.ok(events.every((e) => e.deploymentId === ready.uid && e.id && e.serial && e.info?.type && e.info.name));
      assert.equal(events.at(-1)?.type, 'deployment-state');
      assert.equal(events.at(-1)?.text, 'READY');

      const lastThree = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${ready.uid}/events?${team}&direction=backward&limit=3`)));
      assert.deepEqual(lastThree.map((e) => e.id), events.slice(-3).reverse().map((e) => e.id));
      const firstTwo = DeploymentEventListSchema().parse(await json(await api(`/v3/now/deployments/${ready.uid}/events?${team}&limit=2`)));
      assert.deepEqual(firstTwo.map((e) => e.id), events.slice(0, 2).map((e) => e.id));
      const byUrl = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${ready.url}/events?${team}`)));
      assert.equal(byUrl.length, events.length);
      const queued = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&state=QUEUED`))).deployments[0];
      assert.deepEqual(await json(await api(`/v3/deployments/${queued?.uid}/events?${team}`)), [], 'a queued build has printed nothing');
    });

    it('ends a follow stream at once for a finished build', async () => {
      const { api, team } = client(info);
      const failed = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&state=ERROR&limit=1`))).deployments[0];
      const res = await api(`/v3/deployments/${failed?.uid}/events?${team}&follow=1`);
      const lines = (await res.text()).trim().split('\n').map((l) => lineOf(DeploymentEventSchema().parse(JSON.parse(l))));
      assert.equal(lines.at(-1)?.type, 'deployment-state');
      assert.equal(lines.at(-1)?.text, 'ERROR');
      assert.ok(lines.some((l) => l.type === 'stderr'));
    });
  });

  describe('build logs as builds print them', () => {
    async function logOf(id: string): Promise<LogLine[]> {
      const { api, team } = client(info);
      return DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${id}/events?${team}`))).map(lineOf);
    }

    it("prints Vercel's phases with ANSI colours, delimiters and a level on every stderr line", async () => {
      const { control } = client(info);
      const ready = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'READY', eventShape: 'flat' })));
      const log = await logOf(ready.id);
      const texts = log.map((l) => plain(l.text));
      assert.ok(log.some((l) => l.text.includes('\x1b[32m✓\x1b[39m')), 'a green ✓');
      assert.ok(log.some((l) => /\x1b\[1m/.test(l.text)) && log.some((l) => /\x1b\[2m/.test(l.text)), 'bold and dim');
      assert.ok(log.some((l) => l.level === 'warning' && l.text.includes('\x1b[33mwarn')), 'a yellow npm warning');
      assert.deepEqual(log.filter((l) => l.type === 'delimiter').map((l) => l.text), ['Cloning', 'Building', 'Deploying outputs']);
      const phases = [
        /^Running build in .+ – [a-z]{3}\d$/,
        /^Build machine configuration: \d+ cores, \d+ GB$/,
        /^Cloning github\.com\/.+ \(Branch: .+, Commit: [0-9a-f]{7}\)$/,
        /^(Restored build cache from previous deployment \(\w+\)|Previous build caches not available)$/,
        /^(Running "install" command: `npm install`\.\.\.|Installing dependencies\.\.\.)$/,
        /^Running "npm run build"$/,
        /^> next build$/,
        /✓ Compiled successfully$/,
        /^Build Completed in \/vercel\/output \[\d+s\]$/,
        /^Deploying outputs\.\.\.$/,
        /^Deployment completed$/,
      ];
      let at = 0;
      for (const phase of phases) {
        const found = texts.findIndex((t, i) => i >= at && phase.test(t));
        assert.ok(found >= 0, `no ${phase} after line ${at}`);
        at = found;
      }
      for (const l of log.filter((e) => e.type === 'stderr')) assert.ok(l.level === 'error' || l.level === 'warning', `stderr without a level: ${l.text}`);
      assert.deepEqual(log.slice(-2).map((l) => [l.type, l.text]), [['exit', '0'], ['deployment-state', 'READY']]);
    });

    for (const failure of FAILURES) {
      it(`prints ${failure}'s real output for a failed build, naming real lines of the demo workspace`, async () => {
        const { control } = client(info);
        const created = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'ERROR', buildFailure: failure })));
        const log = await logOf(created.id);
        const refs = fileRefs(log.map((l) => l.text));
        const expected = AT_COLUMN[failure];
        assert.deepEqual([...new Set(refs.map((r) => r.file))].sort(), Object.keys(expected).sort(), 'the files the output names');
        for (const ref of refs) {
          const text = demoLine(ref);
          const want = expected[ref.file] ?? '';
          if (ref.line === undefined) assert.ok(text.includes(want), `${ref.file} lacks ${want}`);
          else if (ref.end0 !== undefined && ref.column0 !== 0) assert.equal(text.slice(ref.column0, ref.end0), want, `${ref.file}:${ref.line}`);
          else assert.ok(text.slice(ref.column0).startsWith(want), `${ref.file}:${ref.line}:${(ref.column0 ?? 0) + 1} is "${text}", not at "${want}"`);
        }
        assert.ok(log.some((l) => l.type === 'stderr' && /\x1b\[3[13]m|\x1b\[4[01];/.test(l.text)) || failure === 'tsc', 'coloured error output');
        const lastOutput = log.filter((l) => l.type === 'stdout' || l.type === 'stderr').at(-1);
        assert.equal(lastOutput?.text, 'Error: Command "npm run build" exited with 1');
        assert.deepEqual(log.slice(-2).map((l) => [l.type, l.text]), [['exit', '1'], ['deployment-state', 'ERROR']]);
      });
    }

    it('gives the seeded failed builds varied tools, every reference a real line', async () => {
      const { api, team } = client(info);
      const failed = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&state=ERROR&limit=100`))).deployments;
      const scripts = new Set<string>();
      let named = 0;
      for (const d of failed) {
        const log = await logOf(d.uid);
        const script = log.map((l) => plain(l.text)).find((t) => /^> [^@]+$/.test(t));
        if (script) scripts.add(script);
        for (const ref of fileRefs(log.map((l) => l.text))) {
          demoLine(ref);
          named++;
        }
        const last = plain(log.filter((l) => l.type === 'stderr').at(-1)?.text ?? '');
        assert.match(last, /^(Error: Command "npm run build" exited with 1|Learn More: https:\/\/vercel\.link\/missing-public-directory)$/, d.uid);
      }
      assert.ok(scripts.size >= 4, `only ${[...scripts].join(', ')}`);
      assert.ok(named >= failed.length, 'most failed builds name files');
    });

    it('sends flat, wrapped and mixed logs, each event with what the SDK lists for its shape', async () => {
      const { api, control, team } = client(info);
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=60&state=READY,ERROR`))).deployments;
      const kinds = new Set<string>();
      for (const d of list) {
        const raw = (await json(await api(`/v3/deployments/${d.uid}/events?${team}`))) as Array<Record<string, unknown>>;
        const wrapped = raw.filter((e) => 'payload' in e).length;
        kinds.add(wrapped === 0 ? 'flat' : wrapped === raw.length ? 'wrapped' : 'mixed');
        for (const e of raw) {
          const fields = (e['payload'] ?? e) as Record<string, unknown>;
          for (const key of ['id', 'serial', 'date', 'deploymentId', 'text']) assert.ok(fields[key] !== undefined, `${d.uid}: no ${key}`);
          assert.equal(typeof e['created'], 'number');
          assert.equal(typeof e['type'], 'string');
          const infoField = fields['info'] as { type?: unknown; name?: unknown } | undefined;
          assert.ok(typeof infoField?.type === 'string' && typeof infoField.name === 'string');
          if ('payload' in e) assert.deepEqual(Object.keys(e).sort(), ['created', 'payload', 'type'], 'a wrapped event keeps its fields in payload');
          else if (e['type'] === 'stderr') assert.ok(e['level'] === 'error' || e['level'] === 'warning');
        }
      }
      assert.deepEqual([...kinds].sort(), ['flat', 'mixed', 'wrapped']);
      const forced = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'READY', eventShape: 'wrapped' })));
      const raw = (await json(await api(`/v3/deployments/${forced.id}/events?${team}`))) as Array<Record<string, unknown>>;
      assert.ok(raw.length > 10 && raw.every((e) => 'payload' in e));
      assert.equal((await control('/deployments', 'POST', { eventShape: 'nested' })).status, 400);
      assert.equal((await control('/deployments', 'POST', { buildFailure: 'gcc' })).status, 400);
    });

    it('keeps since, until, direction and limit working on both shapes, and since on a follow stream', async () => {
      const { api, control, team } = client(info);
      for (const eventShape of ['flat', 'wrapped'] as const) {
        const d = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'READY', eventShape })));
        const all = await logOf(d.id);
        const middle = all[Math.floor(all.length / 2)]?.created ?? 0;
        const since = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${d.id}/events?${team}&since=${middle}`))).map(lineOf);
        assert.deepEqual(since.map((l) => l.id), all.filter((l) => l.created >= middle).map((l) => l.id));
        const until = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${d.id}/events?${team}&until=${middle}`))).map(lineOf);
        assert.deepEqual(until.map((l) => l.id), all.filter((l) => l.created <= middle).map((l) => l.id));
        const back = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${d.id}/events?${team}&direction=backward&limit=4`))).map(lineOf);
        assert.deepEqual(back.map((l) => l.id), all.slice(-4).reverse().map((l) => l.id));
        const followed = [];
        for await (const l of streamLines(await api(`/v3/deployments/${d.id}/events?${team}&follow=1&since=${middle}`))) followed.push(l);
        assert.deepEqual(followed.map((l) => l.id), since.map((l) => l.id));
        assert.ok(followed.every((l) => l.wrapped === (eventShape === 'wrapped')));
      }
    });

    it('replaces the whole log with given events, all at once for a deployment that stays still', async () => {
      const { control } = client(info);
      const events = [
        { type: 'command', text: 'Running "make"' },
        { type: 'stdout', text: '\x1b[32mok\x1b[39m <b>not markup</b>' },
        { type: 'stderr', text: 'src/x.c:3:1: error: boom', level: 'error' },
        { type: 'mystery-type', text: 'kept as is' },
      ];
      const d = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'BUILDING', events, eventShape: 'flat' })));
      const log = await logOf(d.id);
      assert.deepEqual(log.map((l) => ({ type: l.type, text: l.text, ...(l.level && { level: l.level }) })), events);
      assert.ok(log.every((l) => l.deploymentId === d.id && l.id && l.serial && l.created <= Date.now()));
      assert.equal(new Set(log.map((l) => l.serial)).size, log.length);
      for (const bad of [{ events: 'x' }, { events: [{ type: 'stdout' }] }, { events: [{ type: '', text: 'x' }] }, { events: [{ type: 'stderr', text: 'x', level: 'fatal' }] }]) {
        assert.equal((await control('/deployments', 'POST', bad)).status, 400, JSON.stringify(bad));
      }
    });

    it('takes a 200,000-line log whole, as the benchmarks give it', async function () {
      this.timeout(60_000);
      const { api, control, team } = client(info);
      const events = Array.from({ length: 200_000 }, (_, i) => ({ type: i % 97 === 0 ? 'stderr' : 'stdout', text: `line ${i} ${'x'.repeat(i % 80)}` }));
      const res = await control('/deployments', 'POST', { readyState: 'READY', events, eventShape: 'flat' });
      assert.equal(res.status, 200, await res.clone().text());
      const d = deploymentSchema().parse(await json(res));
      const log = (await json(await api(`/v3/deployments/${d.id}/events?${team}&limit=-1`))) as Array<{ text: string }>;
      assert.equal(log.length, events.length);
      assert.equal(log.at(-1)?.text, events.at(-1)?.text);
      assert.equal(log[12_345]?.text, events[12_345]?.text);
    });

    it('reveals a given log over the build of an advancing deployment, and the stream ends with it', async () => {
      const fast = await startEmulator({ buildMs: 400, seed: 'given-log' });
      try {
        const { api, control, team } = client(fast.info);
        const events = Array.from({ length: 8 }, (_, i) => ({ type: 'stdout', text: `step ${i}` }));
        const d = deploymentSchema().parse(await json(await control('/deployments', 'POST', { advance: true, outcome: 'READY', events })));
        const seen = [];
        for await (const l of streamLines(await api(`/v3/deployments/${d.id}/events?${team}&follow=1`))) seen.push(l);
        assert.deepEqual(seen.map((l) => l.text), events.map((e) => e.text));
        const done = deploymentSchema().parse(await json(await api(`/v13/deployments/${d.id}?${team}`)));
        assert.equal(done.readyState, 'READY');
      } finally {
        await fast.close();
      }
    });

    it('sends appended events down an open follow stream without waiting for a poll', async () => {
      // A poll of an hour: only the push on append can deliver the lines while the test runs.
      const still = await startEmulator({ seed: 'append', followPollMs: 3_600_000 });
      try {
        const { api, team } = client(still.info);
        const ctl = new EmulatorControl(still.info.url);
        const d = await ctl.createDeployment({ readyState: 'BUILDING', events: [{ type: 'stdout', text: 'first' }], eventShape: 'flat' });
        const stream = streamLines(await api(`/v3/deployments/${d.id}/events?${team}&follow=1`));
        assert.deepEqual((await take(stream, 1)).map((l) => l.text), ['first']);
        assert.deepEqual(await ctl.appendEvents(d.id, [{ type: 'stderr', text: '\x1b[31mlate error\x1b[39m', level: 'error' }, { type: 'novel', text: 'x' }]), { appended: 2 });
        const appended = await take(stream, 2);
        assert.deepEqual(appended.map((l) => [l.type, l.text, l.level]), [['stderr', '\x1b[31mlate error\x1b[39m', 'error'], ['novel', 'x', undefined]]);
        await ctl.appendEvents(d.id, [{ type: 'stdout', text: 'third' }]);
        assert.deepEqual((await take(stream, 1)).map((l) => l.text), ['third']);
        await ctl.setState(d.id, 'READY');
        assert.deepEqual(await take(stream, 1), [], 'the stream ends with the build');
        const log = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${d.id}/events?${team}`))).map(lineOf);
        assert.deepEqual(log.map((l) => l.text), ['first', '\x1b[31mlate error\x1b[39m', 'x', 'third']);
        assert.equal(new Set(log.map((l) => l.id)).size, 4);
        for (let i = 1; i < log.length; i++) assert.ok(log[i]!.serial! > log[i - 1]!.serial!, 'serials sort like the log');
        await assert.rejects(ctl.appendEvents('dpl_nope', [{ type: 'stdout', text: 'x' }]), /404/);
        await assert.rejects(ctl.appendEvents(d.id, [{ type: 'stdout' } as never]), /400/);
      } finally {
        await still.close();
      }
    });

    it('appends to a generated log after its last line', async () => {
      const { api, control, team } = client(info);
      const d = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'ERROR' })));
      const before = await logOf(d.id);
      assert.equal((await control(`/deployments/${d.id}/events`, 'POST', { events: [{ type: 'stdout', text: 'after the end' }] })).status, 200);
      const after = DeploymentEventListSchema().parse(await json(await api(`/v3/deployments/${d.id}/events?${team}`))).map(lineOf);
      assert.deepEqual(after.slice(0, -1).map((l) => l.id), before.map((l) => l.id));
      assert.equal(after.at(-1)?.text, 'after the end');
      assert.ok((after.at(-1)?.created ?? 0) >= (before.at(-1)?.created ?? Infinity));
    });
  });

  describe('control API', () => {
    it('creates a deployment that is newest, parses, and keeps its state', async () => {
      const { api, control, team } = client(info);
      const res = await control('/deployments', 'POST', {
        readyState: 'BUILDING',
        target: 'production',
        meta: { githubCommitMessage: 'made by a test <b>bold</b>' },
      });
      assert.equal(res.status, 200);
      const created = deploymentSchema().parse(await json(res));
      assert.equal(created.readyState, 'BUILDING');
      assert.equal(created.projectId, info.projectId);
      assert.equal(created.meta['githubCommitMessage'], 'made by a test <b>bold</b>');
      const list = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=2`)));
      assert.equal(list.deployments[0]?.uid, created.id);
      assert.ok((list.deployments[0]?.created ?? 0) > (list.deployments[1]?.created ?? Infinity));
      assert.equal(list.deployments[0]?.target, 'production');

      const personal = deploymentSchema().parse(await json(await control('/deployments', 'POST', { projectId: info.personalProjectId, readyState: 'ERROR', errorMessage: 'boom' })));
      assert.equal(personal.projectId, info.personalProjectId);
      assert.equal(personal.errorMessage, 'boom');
      assert.equal((await control('/deployments', 'POST', { projectId: 'prj_nope' })).status, 400);
    });

    it('sets a state with consistent timestamps', async () => {
      const { api, control, team } = client(info);
      const created = deploymentSchema().parse(await json(await control('/deployments', 'POST', {})));
      assert.equal(created.readyState, 'QUEUED');
      const ready = deploymentSchema().parse(await json(await control(`/deployments/${created.id}/state`, 'POST', { readyState: 'READY' })));
      assert.equal(ready.readyState, 'READY');
      assert.ok(ready.ready && ready.readySubstate && ready.buildingAt >= ready.createdAt && ready.ready >= ready.buildingAt);
      const fetched = deploymentSchema().parse(await json(await api(`/v13/deployments/${created.id}?${team}`)));
      assert.equal(fetched.readyState, 'READY');
      assert.equal((await control('/deployments/dpl_nope/state', 'POST', { readyState: 'READY' })).status, 404);
    });

    it('resets to the seeded data', async () => {
      const { api, control, team } = client(info);
      const first = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}`)));
      await control('/deployments', 'POST', {});
      await api(`/v12/deployments/${first.deployments[2]?.uid}/cancel?${team}`, { method: 'PATCH' });
      await control('/faults', 'POST', { status: 500, count: 0 });
      assert.equal((await control('/reset', 'POST')).status, 200);
      const again = DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${info.projectId}&${team}`)));
      assert.deepEqual(again.deployments.map((d) => [d.uid, d.readyState]), first.deployments.map((d) => [d.uid, d.readyState]));
      const log = (await (await control('/requests')).json()) as unknown[];
      assert.equal(log.length, 1, 'the log restarts at reset');
    });
  });

  describe('faults', () => {
    const listPath = () => `/v6/deployments?projectId=${info.projectId}&teamId=${info.teamId}`;

    it('answers with an injected status and a realistic error body', async () => {
      const { api, control } = client(info);
      assert.equal((await control('/faults', 'POST', { path: '/v6/deployments', status: 500 })).status, 200);
      const res = await api(listPath());
      assert.equal(res.status, 500);
      assert.equal(ApiErrorBodySchema().parse(await json(res)).error.code, 'internal_server_error');
      assert.equal((await api(listPath())).status, 200, 'count defaults to 1');
    });

    it('fills in a rate_limited body and headers for a bare 429, and keeps given ones', async () => {
      const { api, control } = client(info);
      await control('/faults', 'POST', { path: '/v6/deployments', status: 429 });
      const bare = await api(listPath());
      assert.equal(bare.status, 429);
      assert.match(bare.headers.get('retry-after') ?? '', /^\d+$/);
      for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) assert.match(bare.headers.get(h) ?? '', /^\d+$/, h);
      const body = ApiErrorBodySchema().parse(await json(bare));
      assert.equal(body.error.code, 'rate_limited');
      assert.equal(body.error.limit?.remaining, 0);
      assert.ok(body.error.limit?.reset && body.error.limit.resetMs && body.error.limit.total);

      const given = { error: { code: 'rate_limited', message: 'slow down', limit: { remaining: 0, reset: 1, resetMs: 1000, total: 5 } } };
      await control('/faults', 'POST', { status: 429, headers: { 'Retry-After': '2' }, body: given });
      const custom = await api('/v2/user');
      assert.equal(custom.status, 429);
      assert.equal(custom.headers.get('retry-after'), '2');
      assert.deepEqual(await json(custom), given);
    });

    it('delays, then answers normally', async () => {
      const { api, control } = client(info);
      await control('/faults', 'POST', { path: '/v2/user', delayMs: 300 });
      const start = Date.now();
      const res = await api('/v2/user');
      assert.equal(res.status, 200);
      UserResponseSchema().parse(await json(res));
      assert.ok(Date.now() - start >= 290, 'the answer came too soon');
    });

    it('sends malformed JSON', async () => {
      const { api, control } = client(info);
      await control('/faults', 'POST', { path: '/v6/', malformed: true });
      const res = await api(listPath());
      assert.equal(res.status, 200);
      await assert.rejects(res.json(), SyntaxError);
    });

    it('drops the connection', async () => {
      const { api, control } = client(info);
      await control('/faults', 'POST', { method: 'GET', path: '/v2/user', drop: true });
      await assert.rejects(api('/v2/user'), TypeError);
      assert.equal((await api('/v2/user')).status, 200);
    });

    it('matches method and path prefix, counts, queues in order, and clears', async () => {
      const { api, control } = client(info);
      await control('/faults', 'POST', { method: 'PATCH', path: '/v12/', status: 503, count: 2 });
      await control('/faults', 'POST', { path: '/v2/user', status: 500 });
      await control('/faults', 'POST', { path: '/v2/user', status: 502 });
      assert.equal((await api(listPath())).status, 200, 'another path is untouched');
      assert.equal((await api('/v2/user')).status, 500);
      assert.equal((await api('/v2/user')).status, 502);
      assert.equal((await api('/v2/user')).status, 200);
      assert.equal((await api('/v12/deployments/dpl_x/cancel', { method: 'PATCH' })).status, 503);
      assert.equal((await api('/v12/deployments/dpl_x/cancel', { method: 'PATCH' })).status, 503);
      assert.equal((await api('/v12/deployments/dpl_x/cancel', { method: 'PATCH' })).status, 404);

      await control('/faults', 'POST', { status: 500, count: 0 });
      for (let i = 0; i < 3; i++) assert.equal((await api('/v2/teams')).status, 500);
      assert.equal((await control('/requests')).status, 200, 'control requests are never faulted');
      assert.equal((await control('/faults', 'DELETE')).status, 200);
      assert.equal((await api('/v2/teams')).status, 200);
      assert.equal((await control('/faults', 'POST', { status: 'nope' })).status, 400);
    });
  });

  describe('request log', () => {
    it('records API requests with their status but never the token', async () => {
      const { api, control } = client(info);
      await api('/v2/user');
      await api(`/v6/deployments?projectId=${info.projectId}&limit=5`);
      await fetch(`${info.url}/v2/user`);
      await control('/faults', 'POST', { status: 429 });
      await api('/v2/teams');
      const res = await control('/requests');
      const text = await res.text();
      assert.ok(!text.includes(info.token), 'the token leaked into the log');
      assert.ok(!/authorization|bearer/i.test(text));
      const log = JSON.parse(text) as Array<{ method: string; path: string; query: Record<string, string>; status: number; time: number }>;
      assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [
        ['GET', '/v2/user', 200],
        ['GET', '/v6/deployments', 403],
        ['GET', '/v2/user', 403],
        ['GET', '/v2/teams', 429],
      ]);
      assert.deepEqual(log[1]?.query, { projectId: info.projectId, limit: '5' });
      assert.ok(log.every((e) => typeof e.time === 'number' && e.time > 0));
      assert.equal((await control('/requests', 'DELETE')).status, 200);
      assert.deepEqual(await (await control('/requests')).json(), []);
    });
  });

  describe('request log bound', () => {
    it(`keeps only the newest requests: ${REQUEST_LOG_LIMIT} unless told otherwise`, async function () {
      this.timeout(60_000);
      assert.ok(REQUEST_LOG_LIMIT >= 1000, 'an hour of a 5-second poll fits many times over');
      const limit = 200;
      const small = await startEmulator({ seed: 'log-bound', requestLogLimit: limit });
      try {
        const { api, control } = client(small.info);
        const total = limit + 25;
        for (let i = 0; i < total; i += 25) {
          await Promise.all(Array.from({ length: Math.min(25, total - i) }, (_, k) => api(`/v2/user?n=${i + k}`).then((r) => r.arrayBuffer())));
        }
        const log = (await (await control('/requests')).json()) as Array<{ query: Record<string, string> }>;
        assert.equal(log.length, limit);
        // Batches arrive in order (requests within one may not), so the 25 dropped are the first batch.
        assert.deepEqual(log.map((e) => Number(e.query['n'])).sort((a, b) => a - b), Array.from({ length: limit }, (_, k) => k + 25));
      } finally {
        await small.close();
      }
      await assert.rejects(startEmulator({ requestLogLimit: -1 }), RangeError);
    });
  });

  describe('lifecycle', () => {
    it('moves the seeded builds through their states to READY or ERROR within buildMs', async () => {
      const fast = await startEmulator({ buildMs: 1500, seed: 'lifecycle' });
      try {
        const { api } = client(fast.info);
        const list = async () =>
          DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${fast.info.projectId}&teamId=${fast.info.teamId}&limit=3`))).deployments;
        const seen = new Map<string, Set<string>>();
        const deadline = Date.now() + 5000;
        let current = await list();
        while (Date.now() < deadline && current.some((d) => ['QUEUED', 'INITIALIZING', 'BUILDING'].includes(d.readyState ?? ''))) {
          for (const d of current) (seen.get(d.uid) ?? seen.set(d.uid, new Set()).get(d.uid))?.add(d.readyState ?? '');
          await sleep(20);
          current = await list();
        }
        for (const d of current) {
          assert.ok(d.readyState === 'READY' || d.readyState === 'ERROR', `${d.uid} still ${d.readyState}`);
          assert.ok((d.buildingAt ?? 0) > d.created, 'buildingAt after created');
          if (d.readyState === 'READY') assert.ok((d.ready ?? 0) >= (d.buildingAt ?? Infinity) && d.readySubstate);
          else assert.ok(d.errorCode && d.errorMessage);
        }
        const newest = current[0]?.uid ?? '';
        assert.ok(seen.get(newest)?.has('INITIALIZING') && seen.get(newest)?.has('BUILDING'), 'the queued build was seen initializing and building');
      } finally {
        await fast.close();
      }
    });

    it('keeps created deployments still unless asked to advance, then follows them to the end', async () => {
      const fast = await startEmulator({ buildMs: 400, seed: 'control' });
      try {
        const { api, control, team } = client(fast.info);
        const still = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState: 'BUILDING' })));
        const moving = deploymentSchema().parse(await json(await control('/deployments', 'POST', { advance: true, outcome: 'ERROR' })));
        const stream = await api(`/v3/deployments/${moving.id}/events?${team}&follow=1`);
        assert.equal(stream.status, 200);
        assert.equal(stream.headers.get('transfer-encoding'), 'chunked');
        assert.ok(stream.body);
        const lines: string[] = [];
        let firstAt: number | undefined;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          const parts = buffer.split('\n');
          buffer = parts.pop() ?? '';
          for (const part of parts) {
            firstAt ??= Date.now();
            lines.push(part);
          }
        }
        const events = lines.map((l) => lineOf(DeploymentEventSchema().parse(JSON.parse(l))));
        assert.equal(events.at(-1)?.type, 'deployment-state');
        assert.equal(events.at(-1)?.text, 'ERROR');
        assert.ok(events.some((e) => e.type === 'stdout'));
        assert.ok(Date.now() - (firstAt ?? 0) > 100, 'the lines arrived over time, not in one go');

        const moved = deploymentSchema().parse(await json(await api(`/v13/deployments/${moving.id}?${team}`)));
        assert.equal(moved.readyState, 'ERROR');
        const kept = deploymentSchema().parse(await json(await api(`/v13/deployments/${still.id}?${team}`)));
        assert.equal(kept.readyState, 'BUILDING');
      } finally {
        await fast.close();
      }
    });

    it('queues a new deployment every newEveryMs', async () => {
      const busy = await startEmulator({ buildMs: 60_000, newEveryMs: 100, seed: 'busy' });
      try {
        const { api, team } = client(busy.info);
        const uids = async () =>
          DeploymentListSchema().parse(await json(await api(`/v6/deployments?projectId=${busy.info.projectId}&${team}&limit=100`))).deployments;
        const before = await uids();
        await sleep(450);
        const after = await uids();
        const fresh = after.filter((d) => !before.some((b) => b.uid === d.uid));
        assert.ok(fresh.length >= 2, `only ${fresh.length} new deployments`);
        assert.ok(fresh.every((d) => d.created > (before[0]?.created ?? Infinity)));
        assert.deepEqual(after.slice(0, fresh.length).map((d) => d.uid), fresh.map((d) => d.uid), 'new ones are newest');
      } finally {
        await busy.close();
      }
    });
  });

  describe('faithfulness to @vercel/sdk', function () {
    // Loading and running the generated SDK is slow: seconds, not milliseconds.
    this.timeout(120_000);
    type FullSdk = Awaited<ReturnType<typeof loadFullSdk>>;
    const loadFullSdk = async () => ({
      ...(await loadSdk()),
      ...(await import('@vercel/sdk/models/authuser.js')),
      ...(await import('@vercel/sdk/models/team.js')),
      ...(await import('@vercel/sdk/models/responsebodyabuse.js')),
      ...(await import('@vercel/sdk/models/canceldeploymentresponsebody.js')),
      ...(await import('@vercel/sdk/models/getdeploymenteventsop.js')),
    });
    let sdk: FullSdk;
    let vercel: InstanceType<FullSdk['Vercel']>;

    before(async function () {
      this.timeout(60_000);
      sdk = await loadFullSdk();
    });
    beforeEach(() => {
      vercel = new sdk.Vercel({ bearerToken: info.token, serverURL: info.url });
    });

    const raw = async (path: string): Promise<unknown> => (await client(info).api(path)).json();

    /** Holds `body` to one SDK schema: it must parse, with nothing filled in or converted. */
    function faithful(schema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } } }, body: unknown, what: string): void {
      const parsed = schema.safeParse(body);
      assert.ok(parsed.success, `${what}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`);
      assert.deepEqual(repairedInRaw(body, parsed.data), [], `${what}: the SDK had to fill in or convert these`);
    }

    /** An SDK method's answer: no repair counted, and nothing in it that the raw answer lacks. */
    async function viaSdk<T>(call: () => Promise<T>, path: string, what: string): Promise<T> {
      const [result, repaired] = await withRepairs(sdk, call);
      assert.equal(repaired, 0, `${what}: the SDK repaired ${repaired} values`);
      assert.deepEqual(repairedInRaw(await raw(path), result), [], `${what}: the SDK's answer has values the emulator did not send`);
      return result;
    }

    it('user and teams: getAuthUser, getTeams page by page, getTeam', async () => {
      const user = await viaSdk(() => vercel.user.getAuthUser(), '/v2/user', 'getAuthUser');
      assert.equal(user?.user.id, ((await raw('/v2/user')) as { user: { id: string } }).user.id);
      // The full user, not the union's lean member.
      faithful(sdk.AuthUser$inboundSchema, ((await raw('/v2/user')) as { user: unknown }).user, '/v2/user user');

      const seen: string[] = [];
      let until: number | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const query = `limit=1${until ? `&until=${until}` : ''}`;
        const page = await viaSdk(() => vercel.teams.getTeams({ limit: 1, ...(until && { until }) }), `/v2/teams?${query}`, 'getTeams');
        for (const team of ((await raw(`/v2/teams?${query}`)) as { teams: unknown[] }).teams) faithful(sdk.Team$inboundSchema, team, '/v2/teams team');
        seen.push(...page.teams.map((t) => t.id));
        if (page.pagination.next === null) break;
        until = page.pagination.next;
      }
      assert.equal(seen.length, 3);
      assert.equal(new Set(seen).size, 3);
      for (const teamId of seen) {
        const team = await viaSdk(() => vercel.teams.getTeam({ teamId }), `/v2/teams/${teamId}`, 'getTeam');
        assert.equal(team.id, teamId);
        faithful(sdk.Team$inboundSchema, await raw(`/v2/teams/${teamId}`), `/v2/teams/${teamId}`);
      }
    });

    it('projects: getProjects with search and paging, getProject, in every scope', async () => {
      const teams = ((await raw('/v2/teams')) as { teams: Array<{ id: string }> }).teams.map((t) => t.id);
      let count = 0;
      for (const teamId of [undefined, ...teams]) {
        const scope = teamId ? `teamId=${teamId}&` : '';
        let from: number | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const query = `${scope}limit=2${from ? `&from=${from}` : ''}`;
          const page = await viaSdk(
            () => vercel.projects.getProjects({ limit: '2', ...(teamId && { teamId }), ...(from && { from: String(from) }) }),
            `/v10/projects?${query}`,
            `getProjects ${query}`,
          );
          const body = await raw(`/v10/projects?${query}`);
          faithful(sdk.GetProjectsResponseBody2$inboundSchema, body, `/v10/projects?${query}`);
          for (const p of (body as { projects: Array<{ id: string }> }).projects) {
            count++;
            await viaSdk(() => vercel.projects.getProject({ idOrName: p.id, ...(teamId && { teamId }) }), `/v9/projects/${p.id}?${scope}`, 'getProject');
            faithful(sdk.GetProjectResponseBody$inboundSchema, await raw(`/v9/projects/${p.id}?${scope}`), `/v9/projects/${p.id}`);
          }
          const next = 'pagination' in page && page.pagination && typeof page.pagination.next === 'number' ? page.pagination.next : null;
          if (next === null) break;
          from = next;
        }
      }
      assert.ok(count >= 12, `only ${count} projects`);
      await viaSdk(() => vercel.projects.getProjects({ search: 'a', teamId: info.teamId }), `/v10/projects?search=a&teamId=${info.teamId}`, 'getProjects search');
    });

    it('deployments: getDeployments to the end, getDeployment of every kind, cancelDeployment', async () => {
      let until: number | undefined;
      let seen = 0;
      for (;;) {
        const query = `projectId=${info.projectId}&teamId=${info.teamId}&limit=100${until ? `&until=${until}` : ''}`;
        const page = await viaSdk(
          () => vercel.deployments.getDeployments({ projectId: info.projectId, teamId: info.teamId, limit: 100, ...(until && { until }) }),
          `/v7/deployments?${query}`,
          'getDeployments',
        );
        seen += page.deployments.length;
        if (page.pagination.next === null) break;
        until = page.pagination.next;
      }
      assert.ok(seen >= 150);
      const personal = await viaSdk(() => vercel.deployments.getDeployments({ projectId: info.personalProjectId, limit: 100 }), `/v6/deployments?projectId=${info.personalProjectId}&limit=100`, 'getDeployments personal');
      assert.ok(personal.deployments.length > 0);

      const [sample] = await withRepairs(sdk, () => vercel.deployments.getDeployments({ projectId: info.projectId, teamId: info.teamId, limit: 100 }));
      // The SDK parses slowly (tens of ms a deployment), so take one of each kind rather than all of them.
      const kinds = new Map<string, (typeof sample.deployments)[number]>();
      for (const d of [...sample.deployments, ...personal.deployments]) {
        const kind = [d.projectId, d.readyState, d.target, d.source, d.meta?.['githubPrId'] !== undefined].join('|');
        if (!kinds.has(kind)) kinds.set(kind, d);
      }
      assert.ok(kinds.size >= 10, `only ${kinds.size} kinds of deployment`);
      for (const d of kinds.values()) {
        const teamId = d.projectId === info.projectId ? info.teamId : undefined;
        const path = `/v13/deployments/${d.uid}${teamId ? `?teamId=${teamId}` : ''}`;
        const full = await viaSdk(() => vercel.deployments.getDeployment({ idOrUrl: d.uid, ...(teamId && { teamId }) }), path, `getDeployment ${d.uid}`);
        assert.equal(full.id, d.uid);
        // getDeployment's answer is a union that may settle for a lean shape, so hold the
        // raw object to the SDK's full deployment shape too.
        faithful(sdk.CancelDeploymentResponseBody$inboundSchema, await raw(path), `${d.uid} (${d.readyState})`);
      }
      const building = sample.deployments.find((d) => d.readyState === 'BUILDING');
      assert.ok(building);
      const canceled = await vercel.deployments.cancelDeployment({ id: building.uid, teamId: info.teamId });
      assert.equal(canceled.readyState, 'CANCELED');
      assert.equal(typeof canceled.canceledAt, 'number');
      // The cancel parser tries union members one by one and counts repairs in the
      // members it then rejects, so compare with the raw object instead of counting.
      const after = await raw(`/v13/deployments/${building.uid}?teamId=${info.teamId}`);
      assert.deepEqual(repairedInRaw(after, canceled), []);
      faithful(sdk.CancelDeploymentResponseBody$inboundSchema, after, 'canceled');
    });

    it('build events: getDeploymentEvents in both shapes, and every streamed line', async () => {
      const { api, control, team } = client(info);
      for (const eventShape of ['flat', 'wrapped', 'mixed']) {
        for (const readyState of ['READY', 'ERROR', 'CANCELED']) {
          const d = deploymentSchema().parse(await json(await control('/deployments', 'POST', { readyState, eventShape })));
          const path = `/v3/deployments/${d.id}/events?${team}&limit=-1`;
          const events = await viaSdk(() => vercel.deployments.getDeploymentEvents({ idOrUrl: d.id, teamId: info.teamId, limit: -1 }), path, `getDeploymentEvents ${eventShape}`);
          assert.ok(Array.isArray(events) && events.length > 0);
          const body = (await raw(path)) as Array<Record<string, unknown>>;
          const followed = (await (await api(`/v3/deployments/${d.id}/events?${team}&follow=1`)).text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
          assert.deepEqual(followed, body, 'the stream sends the same events');
          for (const e of body) {
            if ('payload' in e) faithful(sdk.GetDeploymentEventsResponseBodyDeployments1$inboundSchema, e, `wrapped ${e['type']}`);
            else faithful(sdk.GetDeploymentEventsResponseBodyDeployments2$inboundSchema, e, `flat ${e['type']}`);
          }
        }
      }
    });

    it('would notice: the SDK repairs a missing field and rejects an unknown state', async () => {
      const { api, control, team } = client(info);
      const page = (await (await api(`/v6/deployments?projectId=${info.projectId}&${team}&limit=1`)).json()) as { deployments: Array<Record<string, unknown>> };
      const item = page.deployments[0];
      assert.ok(item);
      const list = () => vercel.deployments.getDeployments({ projectId: info.projectId, teamId: info.teamId });

      await control('/faults', 'POST', { path: '/v7/deployments', status: 200, body: { ...page, deployments: [{ ...item, createdAt: undefined }] } });
      const [, repaired] = await withRepairs(sdk, list);
      assert.ok(repaired > 0, 'a missing createdAt went unnoticed');

      await control('/faults', 'POST', { path: '/v7/deployments', status: 200, body: { ...page, deployments: [{ ...item, readyState: 'SLEEPING' }] } });
      await assert.rejects(list(), /validation/i);

      const user = ((await raw('/v2/user')) as { user: Record<string, unknown> }).user;
      assert.throws(() => faithful(sdk.AuthUser$inboundSchema, { ...user, stagingPrefix: undefined }, 'no stagingPrefix'), /fill in/);
      assert.throws(() => faithful(sdk.AuthUser$inboundSchema, { ...user, createdAt: String(user['createdAt']) }, 'createdAt as text'), /fill in/);
      assert.throws(() => faithful(sdk.AuthUser$inboundSchema, { ...user, resourceConfig: undefined }, 'no resourceConfig'), /resourceConfig/);
      assert.deepEqual(repairedInRaw({ uid: 'dpl_x' }, { uid: 'dpl_x', createdAt: 0, owner_id: 'a' }), ['.createdAt', '.owner_id']);
      assert.deepEqual(repairedInRaw({ owner_id: 'a', n: null }, { ownerId: 'a', n: 0 }), ['.n']);
      assert.deepEqual(repairedInRaw({ a: 1 }, { a: 1, additionalProperties: { b: 2 } }), []);
    });
  });

  describe('CLI', () => {
    const root = path.resolve(__dirname, '../..');

    /** Starts the CLI and resolves with its first stdout line, parsed, and a way to wait for its end. */
    async function launch(command: string, args: string[]) {
      const child = spawn(command, [...args, '--port', '0', '--token', 't'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // The pipe closes only when every process holding it (npx, sh, tsx, node) is gone.
      const stderrClosed = new Promise<void>((resolve) => child.stderr.on('close', () => resolve()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', () => reject(new Error(`the CLI exited before printing: ${stderr}`)));
      });
      return { child, info: JSON.parse(first) as EmulatorInfo, exited, stderrClosed, stderr: () => stderr };
    }

    it('prints the info line first and closes when its npx launcher gets SIGTERM', async function () {
      this.timeout(30_000);
      const run = await launch('npx', ['tsx', 'test/emulator/cli.ts']);
      try {
        assert.equal(run.info.token, 't');
        assert.match(run.info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.deepEqual(Object.keys(run.info).sort(), ['personalProjectId', 'projectId', 'projectName', 'teamId', 'teamSlug', 'token', 'url']);
        assert.equal((await client(run.info).api('/v2/user')).status, 200);
        run.child.kill('SIGTERM');
        await run.stderrClosed;
        assert.match(run.stderr(), /closing the emulator/);
        await assert.rejects(fetch(`${run.info.url}/v2/user`), 'the server still answers');
      } finally {
        if (run.child.exitCode === null) run.child.kill('SIGKILL');
      }
    });

    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      it(`exits 0 on ${signal}`, async function () {
        this.timeout(30_000);
        const run = await launch(path.join(root, 'node_modules/.bin/tsx'), ['test/emulator/cli.ts', '--build-ms', '500']);
        try {
          assert.equal((await client(run.info).api('/v2/user')).status, 200);
          run.child.kill(signal);
          assert.equal(await run.exited, 0);
          assert.match(run.stderr(), new RegExp(`${signal}: closing the emulator`));
        } finally {
          if (run.child.exitCode === null) run.child.kill('SIGKILL');
        }
      });
    }
  });
});
