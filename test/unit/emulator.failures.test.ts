/**
 * A failed deployment's error, as the tree's tooltip and the details header
 * show it (`errorCode`, `errorMessage`), must tell the same story as its
 * build log and the problems read from it: the emulator takes both from one
 * seeded failure. Checked over real HTTP for every failed deployment the
 * emulator serves: seeded ones, builds that fail while it runs, and new ones.
 */
import * as assert from 'node:assert/strict';
import { DeploymentListSchema, type DeploymentListItem } from '../../src/api/schemas';
import { DeploymentEventListSchema } from '../../src/api/actionSchemas';
import { deploymentSchema } from '../../src/api/deployment';
import { DEMO_SEED } from '../emulator/demo';
import { startEmulator, type EmulatorInfo } from '../emulator/server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Vercel's codes for a failed build, and the message each comes with. */
const MESSAGE_OF_CODE: Array<[RegExp, (code: RegExpExecArray) => RegExp]> = [
  // @vercel/build-utils: a build command that exits non-zero.
  [/^BUILD_UTILS_SPAWN_(\d+)$/, (m) => new RegExp(`^Command "[^"]+" exited with ${m[1]}$`)],
  // @vercel/static-build: the build ran, but left no output directory.
  [/^STATIC_BUILD_NO_OUT_DIR$/, () => /^No Output Directory named "[^"]+" found after the Build completed\./],
];

/** Paths a message may name: `./src/index.ts`, `lib/cart.ts`, `/vercel/path0/app/page.tsx`. */
function filesIn(message: string): string[] {
  const found = message.match(/(?:\.{0,2}\/)?(?:[\w@.-]+\/)*[\w@-]+\.(?:tsx?|jsx?|mjs|cjs|json|css|mdx?)\b/g) ?? [];
  return found.map((f) => f.replace(/^\/vercel\/path0\//, '').replace(/^\.\//, ''));
}

interface Logged {
  type: string;
  text: string;
  level?: string;
}

interface Checked {
  uid: string;
  code: string;
}

async function failedOf(info: EmulatorInfo): Promise<Array<{ item: DeploymentListItem; scope: string }>> {
  const out: Array<{ item: DeploymentListItem; scope: string }> = [];
  for (const [projectId, scope] of [
    [info.projectId, `teamId=${info.teamId}`],
    [info.personalProjectId, ''],
  ] as const) {
    let until: number | null = null;
    do {
      const res: Response = await fetch(`${info.url}/v6/deployments?projectId=${projectId}&state=ERROR&limit=100${scope ? `&${scope}` : ''}${until ? `&until=${until}` : ''}`, {
        headers: { Authorization: `Bearer ${info.token}` },
      });
      assert.equal(res.status, 200);
      const page = DeploymentListSchema().parse(await res.json());
      out.push(...page.deployments.map((item) => ({ item, scope })));
      until = page.pagination.next;
    } while (until !== null);
  }
  return out;
}

/** Checks every failed deployment of the emulator; returns what it checked. */
async function checkAll(info: EmulatorInfo): Promise<Checked[]> {
  const checked: Checked[] = [];
  const get = async (path: string) => {
    const res = await fetch(`${info.url}${path}`, { headers: { Authorization: `Bearer ${info.token}` } });
    assert.equal(res.status, 200, path);
    return res.json() as Promise<unknown>;
  };
  for (const { item, scope } of await failedOf(info)) {
    const q = scope ? `?${scope}` : '';
    const full = deploymentSchema().parse(await get(`/v13/deployments/${item.uid}${q}`));
    const events = DeploymentEventListSchema().parse(await get(`/v3/deployments/${item.uid}/events${q ? `${q}&` : '?'}limit=-1`));
    const log: Logged[] = events.map((e) => {
      const r = e as unknown as Record<string, unknown>;
      const fields = (r['payload'] as Record<string, unknown> | undefined) ?? r;
      return { type: String(r['type']), text: plain(String(fields['text'] ?? '')), ...(typeof r['level'] === 'string' && { level: r['level'] }) };
    });
    const where = `${item.uid} (${full.errorCode}: ${full.errorMessage})`;

    assert.equal(full.readyState, 'ERROR', where);
    assert.ok(typeof full.errorCode === 'string' && full.errorCode !== '', `${where}: no errorCode`);
    assert.ok(typeof full.errorMessage === 'string' && full.errorMessage !== '', `${where}: no errorMessage`);
    assert.equal(item.errorCode, full.errorCode, `${where}: the list item and the full object agree on the code`);
    assert.equal(item.errorMessage, full.errorMessage, `${where}: the list item and the full object agree on the message`);
    if ('errorStep' in full && full.errorStep !== undefined) assert.equal(full.errorStep, 'build', where);

    // The code is one Vercel reports for a failed build, with the message it comes with.
    const rule = MESSAGE_OF_CODE.map(([pattern, message]) => {
      const m = pattern.exec(full.errorCode as string);
      return m ? message(m) : undefined;
    }).find((r) => r !== undefined);
    assert.ok(rule, `${where}: not a code Vercel gives a failed build`);
    assert.match(full.errorMessage as string, rule, `${where}: the message is not the one that code comes with`);

    // The log's error is the one the message describes: Vercel prints it as `Error: <message>`, on an error line.
    // (A wrapped event carries no level: its stderr type says it.)
    const isError = (l: Logged) => l.level === 'error' || (l.level === undefined && l.type === 'stderr');
    const errorLines = log.filter((l) => isError(l) || /\berror\b/i.test(l.text)).map((l) => l.text);
    assert.ok(
      log.some((l) => isError(l) && l.text === `Error: ${full.errorMessage}`),
      `${where}: no error line "Error: ${full.errorMessage}" in\n${errorLines.join('\n')}`,
    );
    // A file the message names is a file the log's errors name.
    for (const file of filesIn(full.errorMessage as string)) {
      assert.ok(
        errorLines.some((t) => t.includes(file)),
        `${where}: the message names ${file}, the log's errors do not:\n${errorLines.join('\n')}`,
      );
    }
    // The build's last word is that error, or Vercel's link that explains it.
    const lastErrors = log.filter(isError).slice(-2).map((l) => l.text);
    assert.ok(lastErrors.includes(`Error: ${full.errorMessage}`), `${where}: the log ends with ${JSON.stringify(lastErrors)}`);
    checked.push({ uid: item.uid, code: full.errorCode as string });
  }
  return checked;
}

describe('Vercel API emulator: a failed build’s error is its log’s error', function () {
  this.timeout(30_000);

  it('filesIn finds the paths a message names, and none in a message that names none', () => {
    assert.deepEqual(filesIn('The build failed: <module> not found in ./src/index.ts'), ['src/index.ts']);
    assert.deepEqual(filesIn('Rollup failed to resolve import from "/vercel/path0/components/Confetti.tsx".'), ['components/Confetti.tsx']);
    assert.deepEqual(filesIn('Command "npm run build" exited with 1'), []);
  });

  for (const seed of [DEMO_SEED, 'unit', 'integration', 'journey', 'vercel-emulator']) {
    it(`holds for every failed deployment of seed "${seed}", seeded or failed while it ran`, async () => {
      // Short builds: the seeded builds in progress reach their end (some in ERROR) within the test.
      const emulator = await startEmulator({ port: 0, seed, buildMs: 300 });
      try {
        await sleep(450);
        const checked = await checkAll(emulator.info);
        assert.ok(checked.length >= 10, `only ${checked.length} failed deployments`);
      } finally {
        await emulator.close();
      }
    });
  }

  it('holds for new deployments that fail while the emulator runs, across the kinds of failure', async () => {
    const emulator = await startEmulator({ port: 0, seed: 'busy-failures', buildMs: 150, newEveryMs: 20, deploymentCount: 20 });
    try {
      await sleep(1500);
      const checked = await checkAll(emulator.info);
      const codes = new Set(checked.map((c) => c.code));
      assert.ok(checked.length >= 15, `only ${checked.length} failed deployments`);
      assert.ok(codes.has('BUILD_UTILS_SPAWN_1'), `no failed build command among ${[...codes].join(', ')}`);
      assert.ok(codes.has('STATIC_BUILD_NO_OUT_DIR'), `no missing output directory among ${[...codes].join(', ')}`);
    } finally {
      await emulator.close();
    }
  });

  it('keeps a code and message a test gives, and a log that does not contradict them', async () => {
    const emulator = await startEmulator({ port: 0, seed: 'given' });
    try {
      const { info } = emulator;
      const create = async (body: unknown) => {
        const res = await fetch(`${info.url}/_emulator/deployments`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
        assert.equal(res.status, 200);
        return deploymentSchema().parse(await res.json());
      };
      const given = await create({ readyState: 'ERROR', errorCode: 'BUILD_UTILS_SPAWN_1', errorMessage: 'Command "npm run build" exited with 1' });
      assert.deepEqual([given.errorCode, given.errorMessage], ['BUILD_UTILS_SPAWN_1', 'Command "npm run build" exited with 1']);
      const tsc = await create({ readyState: 'ERROR', buildFailure: 'tsc' });
      assert.deepEqual([tsc.errorCode, tsc.errorMessage], ['BUILD_UTILS_SPAWN_1', 'Command "npm run build" exited with 1']);
      const noOutput = await create({ readyState: 'ERROR', buildFailure: 'no-output-directory' });
      assert.equal(noOutput.errorCode, 'STATIC_BUILD_NO_OUT_DIR');
      const byCode = await create({ readyState: 'ERROR', errorCode: 'STATIC_BUILD_NO_OUT_DIR' });
      assert.match(byCode.errorMessage ?? '', /^No Output Directory named/);
      const checked = await checkAll(info);
      for (const d of [given, tsc, noOutput, byCode]) assert.ok(checked.some((c) => c.uid === d.id), `${d.id} was not checked`);
    } finally {
      await emulator.close();
    }
  });
});
