/**
 * The data `npm start` shows: the emulator with the demo's options
 * (test/emulator/demo.ts) answers what the official @vercel/sdk accepts
 * without repairs, has deployments on the branch the demo workspace checks
 * out, reads mostly like a real project, and moves at a calm pace; and the
 * demo workspace's git repository is what the Git extension will report.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeploymentListSchema, type DeploymentListItem } from '../../src/api/schemas';
import { DEMO_BRANCH, DEMO_EMULATOR } from '../emulator/demo';
import { startEmulator, type EmulatorInfo, type RunningEmulator } from '../emulator/server';
import { createLinkedWorkspace, initGitRepository } from '../harness/workspace';
import { loadSdk, repairedInRaw, withRepairs } from './sdkCheck';

const loadFullSdk = async () => ({
  ...(await loadSdk()),
  ...(await import('@vercel/sdk/models/canceldeploymentresponsebody.js')),
});

/** Markup, or the deliberately odd texts of the hostile rows. */
const HOSTILE = /[<>*`{}$]|javascript:|\t|\p{Extended_Pictographic}|[^\p{ASCII}’—]|.{200}/u;

describe('Vercel API emulator: the npm start demo', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  let all: DeploymentListItem[];

  before(async () => {
    emulator = await startEmulator({ port: 0, ...DEMO_EMULATOR, newEveryMs: 0 });
    const { info } = emulator;
    all = [];
    let until: number | null = null;
    do {
      const res: Response = await fetch(`${info.url}/v6/deployments?projectId=${info.projectId}&teamId=${info.teamId}&limit=100${until ? `&until=${until}` : ''}`, {
        headers: { Authorization: `Bearer ${info.token}` },
      });
      const page = DeploymentListSchema().parse(await res.json());
      all.push(...page.deployments);
      until = page.pagination.next;
    } while (until !== null);
  });
  after(() => emulator.close());

  it('links the shop the demo workspace holds, and has deployments on the branch that workspace checks out', () => {
    assert.equal(emulator.info.projectName, 'storefront');
    const onBranch = all.filter((d) => d.meta?.['githubCommitRef'] === DEMO_BRANCH);
    assert.ok(onBranch.length >= 3, `only ${onBranch.length} deployments on ${DEMO_BRANCH}`);
    assert.ok(all.slice(0, 20).some((d) => d.meta?.['githubCommitRef'] === DEMO_BRANCH), `${DEMO_BRANCH} is not on the first page`);
  });

  it('reads mostly like a real project: few hostile rows on the first screen, realistic branches and messages', () => {
    const firstPage = all.slice(0, 20);
    const hostile = firstPage.filter((d) => HOSTILE.test(`${d.meta?.['githubCommitMessage'] ?? ''} ${d.meta?.['githubCommitRef'] ?? ''}`));
    assert.ok(hostile.length <= 4, `${hostile.length} hostile rows on the first page: ${hostile.map((d) => JSON.stringify(d.meta?.['githubCommitMessage'])).join(', ')}`);
    assert.ok(new Set(firstPage.map((d) => d.meta?.['githubCommitRef'])).size >= 4, 'several branches');
    assert.ok(new Set(firstPage.map((d) => d.meta?.['githubCommitMessage'])).size >= 12, 'varied messages');
    // The hostile rows are still there further down, for the tests that look for them.
    assert.ok(all.some((d) => d.meta?.['githubCommitMessage']?.includes('<img src=x onerror=alert(1)>')));
  });

  it('moves at a calm pace: a new deployment every 3 to 5 minutes, builds under a minute', () => {
    assert.ok(DEMO_EMULATOR.newEveryMs >= 3 * 60_000 && DEMO_EMULATOR.newEveryMs <= 5 * 60_000, `a new deployment every ${DEMO_EMULATOR.newEveryMs} ms`);
    assert.ok(DEMO_EMULATOR.buildMs >= 20_000 && DEMO_EMULATOR.buildMs <= 60_000, `builds take ${DEMO_EMULATOR.buildMs} ms`);
  });

  it('answers what the @vercel/sdk accepts without repairs: every page, and every kind of deployment in full', async () => {
    const sdk = await loadFullSdk();
    const { info } = emulator;
    const vercel = new sdk.Vercel({ bearerToken: info.token, serverURL: info.url });
    const raw = async (p: string) => (await fetch(`${info.url}${p}`, { headers: { Authorization: `Bearer ${info.token}` } })).json() as Promise<unknown>;
    let until: number | undefined;
    const kinds = new Map<string, DeploymentListItem>();
    for (let pages = 0; pages < 10; pages++) {
      const query = `projectId=${info.projectId}&teamId=${info.teamId}&limit=100${until ? `&until=${until}` : ''}`;
      const [page, repaired] = await withRepairs(sdk, () => vercel.deployments.getDeployments({ projectId: info.projectId, teamId: info.teamId, limit: 100, ...(until && { until }) }));
      assert.equal(repaired, 0, `getDeployments ${query}: the SDK repaired ${repaired} values`);
      assert.deepEqual(repairedInRaw(await raw(`/v7/deployments?${query}`), page), []);
      if (page.pagination.next === null) break;
      until = page.pagination.next;
    }
    for (const d of all) {
      const kind = [d.readyState, d.target, d.source, d.errorCode, d.meta?.['githubPrId'] !== undefined].join('|');
      if (!kinds.has(kind)) kinds.set(kind, d);
    }
    assert.ok(kinds.size >= 6, `only ${kinds.size} kinds`);
    for (const d of kinds.values()) {
      const body = await raw(`/v13/deployments/${d.uid}?teamId=${info.teamId}`);
      const parsed = sdk.CancelDeploymentResponseBody$inboundSchema.safeParse(body);
      assert.ok(parsed.success, `${d.uid}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`);
      assert.deepEqual(repairedInRaw(body, parsed.data), [], `${d.uid}: the SDK had to fill in or convert these`);
    }
  });
});

const LINK: EmulatorInfo = { url: 'http://127.0.0.1:1', token: 't', teamId: 'team_x', teamSlug: 'x', projectId: 'prj_x', projectName: 'shop', personalProjectId: 'prj_y' };

describe('initGitRepository (the demo workspace as a clone)', () => {
  it('commits in order, branches off, and leaves HEAD on the last branch with the returned sha', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-git-'));
    try {
      const folder = createLinkedWorkspace(path.join(dir, 'shop'), LINK, { '.gitignore': '.vercel\n' });
      const author = { name: 'Ana Lima', email: 'ana.lima@example.com' };
      const shas = initGitRepository(folder, [
        { message: 'Set up the storefront', author, branch: 'main', date: Date.UTC(2026, 0, 1) },
        { message: 'Show the review count', author, branch: DEMO_BRANCH, files: { 'components/Rating.tsx': 'export {};\n' } },
      ]);
      const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, encoding: 'utf8' }).trim();
      assert.equal(shas.length, 2);
      assert.match(shas[1] ?? '', /^[0-9a-f]{40}$/);
      assert.equal(git('rev-parse', 'HEAD'), shas[1]);
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), DEMO_BRANCH);
      assert.equal(git('rev-parse', 'main'), shas[0]);
      assert.equal(git('log', '-1', '--format=%an <%ae> %s'), 'Ana Lima <ana.lima@example.com> Show the review count');
      assert.equal(git('log', '-1', '--format=%at', 'main'), String(Date.UTC(2026, 0, 1) / 1000));
      assert.equal(git('status', '--porcelain'), '', 'everything is committed');
      assert.equal(git('ls-files', '.vercel'), '', 'what .gitignore names stays out');
      assert.ok(git('ls-files').split('\n').includes('lib/cart.ts'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
