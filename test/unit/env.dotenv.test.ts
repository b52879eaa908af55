/**
 * The `.env` writer against the Vercel CLI's own output: the real
 * `vercel env pull` (the `vercel` 58 dev dependency) runs against the
 * emulator and its file must equal, byte for byte, what src/env/dotenv.ts
 * writes from the same answers. Then escaping, order, header, dropped keys,
 * sensitive placeholders, key rules and the comparison model one by one, and
 * a property: what is written reads back as the same map.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { VercelClient } from '../../src/api/client';
import {
  CLI_HEADER,
  compareText,
  diffEnv,
  escapeValue,
  keyProblem,
  MASK,
  parseDotenv,
  SENSITIVE_PLACEHOLDER,
  startsWithCliHeader,
  writePullFile,
} from '../../src/env/dotenv';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const run = promisify(execFile);
const CLI = path.join(__dirname, '../../node_modules/vercel/dist/vc.js');

describe('.env files as `vercel env pull` writes them', () => {
  describe('the real Vercel CLI against the emulator', function () {
    this.timeout(120_000);
    let emulator: RunningEmulator;
    let folder: string;
    let client: VercelClient;

    before(async () => {
      emulator = await startEmulator({ port: 0, token: 'dotenvtoken', seed: 'dotenv' });
      client = new VercelClient({ origin: emulator.info.url, token: async () => 'dotenvtoken' });
    });
    after(() => emulator.close());
    beforeEach(async () => {
      folder = await mkdtemp(path.join(tmpdir(), 'env-pull-'));
      await mkdir(path.join(folder, '.vercel'));
      await writeFile(path.join(folder, '.vercel/project.json'), JSON.stringify({ projectId: emulator.info.projectId, orgId: emulator.info.teamId }));
    });
    afterEach(() => rm(folder, { recursive: true, force: true }));

    async function cliPull(args: string[]): Promise<string> {
      await run(process.execPath, [CLI, 'env', 'pull', '.env.local', '--yes', '--token', 'dotenvtoken', '--api', emulator.info.url, ...args], {
        cwd: folder,
        env: { ...process.env, HOME: folder, VERCEL_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1', CI: '1' },
      });
      return readFile(path.join(folder, '.env.local'), 'utf8');
    }

    async function ours(target: string, branch: string | undefined, existing?: string): Promise<string> {
      const scope = { teamId: emulator.info.teamId };
      const env = await client.env.pull(emulator.info.projectId, target, branch, scope);
      const sensitive = new Set((await client.env.list(emulator.info.projectId, { ...scope, target, gitBranch: branch })).filter((e) => e.type === 'sensitive').map((e) => e.key));
      return writePullFile(env, sensitive, existing).text;
    }

    it('development: escaping of newlines, carriage returns and quotes, sort, header', async () => {
      const cli = await cliPull([]);
      assert.equal(await ours('development', undefined), cli);
      assert.ok(cli.includes('SESSION_SECRET="line one\\r\\nline "two""'), 'the fixture holds a value that needs escaping');
    });

    it('preview of a branch: the branch value, sensitive placeholders, dropped analytics id', async () => {
      const cli = await cliPull(['--environment', 'preview', '--git-branch', 'feat/checkout']);
      assert.equal(await ours('preview', 'feat/checkout'), cli);
      assert.ok(cli.includes(`STRIPE_SECRET_KEY="${SENSITIVE_PLACEHOLDER}"`));
      assert.ok(!cli.includes('VERCEL_ANALYTICS_ID'));
    });

    it('over an existing file: keys only the file has are kept as the CLI reads them', async () => {
      const existing = 'LOCAL_ONLY="keep me"\nQUOTED="a "b" c"\n# COMMENTED=1\nNEXT_PUBLIC_API_URL=old\nVERCEL_OIDC_TOKEN=old\nVERCEL_WEB_ANALYTICS_ID=x\n';
      await writeFile(path.join(folder, '.env.local'), existing);
      const cli = await cliPull(['--environment', 'production']);
      assert.equal(await ours('production', undefined, existing), cli);
      assert.ok(cli.includes('LOCAL_ONLY="keep me"'));
    });
  });

  describe('the writer', () => {
    it('starts with the header, sorts keys as JavaScript does and ends with one newline', () => {
      const { text } = writePullFile({ b: '2', A: '1', _z: '3', a: '' }, new Set());
      assert.equal(text, `${CLI_HEADER}A="1"\n_z="3"\na=""\nb="2"\n`);
      assert.ok(startsWithCliHeader(text));
      assert.equal(writePullFile({}, new Set()).text, `${CLI_HEADER}\n`);
    });

    it('escapes newlines and carriage returns, and nothing else', () => {
      assert.equal(escapeValue('a\nb\r\nc'), 'a\\nb\\r\\nc');
      assert.equal(escapeValue('say "hi" \\ $HOME #x \'q\''), 'say "hi" \\ $HOME #x \'q\'');
      assert.equal(escapeValue(''), '');
    });

    it('leaves out the analytics ids and writes an empty sensitive value as the placeholder', () => {
      const { text } = writePullFile(
        { VERCEL_ANALYTICS_ID: 'x', VERCEL_SPEED_INSIGHTS_ID: 'y', VERCEL_WEB_ANALYTICS_ID: 'z', SECRET: '', EMPTY: '' },
        new Set(['SECRET']),
      );
      assert.equal(text, `${CLI_HEADER}EMPTY=""\nSECRET="${SENSITIVE_PLACEHOLDER}"\n`);
    });

    it('keeps local keys but never an old OIDC token or a dropped key', () => {
      const result = writePullFile({ A: '1' }, new Set(), '# Created by Vercel CLI\nZ="9"\nA="0"\nVERCEL_OIDC_TOKEN="t"\n');
      assert.equal(result.text, `${CLI_HEADER}A="1"\nZ="9"\n`);
      assert.deepEqual(result.keptLocal, ['Z']);
    });
  });

  describe('keys', () => {
    it('accepts what Vercel accepts', () => {
      for (const key of ['A', '_A', 'DATABASE_URL', 'next_public_x', 'A1', 'X'.repeat(256)]) assert.equal(keyProblem(key), undefined, key);
    });
    it('says why it refuses the rest', () => {
      assert.equal(keyProblem(''), 'empty');
      assert.equal(keyProblem('1A'), 'startsWithDigit');
      assert.equal(keyProblem('A-B'), 'characters');
      assert.equal(keyProblem('A B'), 'characters');
      assert.equal(keyProblem('ÄPFEL'), 'characters');
      assert.equal(keyProblem('X'.repeat(257)), 'length');
      assert.equal(keyProblem('AWS_REGION'), 'reserved');
      assert.equal(keyProblem('TZ'), 'reserved');
    });
  });

  describe('comparing an environment with a local file', () => {
    const remote = new Map([
      ['A', '1'],
      ['B', 'two'],
      ['C', 'new'],
    ]);
    const local = new Map([
      ['A', '1'],
      ['B', 'TWO'],
      ['D', 'only here'],
    ]);

    it('sorts keys into added, missing, changed and same', () => {
      assert.deepEqual(diffEnv(remote, local), { added: ['C'], missing: ['D'], changed: ['B'], same: ['A'] });
    });

    it('shows only values the local side shows already, until asked', () => {
      const hidden = compareText(Object.fromEntries(remote), new Set(), local, false);
      assert.equal(hidden, `${CLI_HEADER}A="1"\nB="${MASK}"\nC="${MASK}"\n`);
      assert.ok(!hidden.includes('two') && !hidden.includes('new'));
      const shown = compareText(Object.fromEntries(remote), new Set(), local, true);
      assert.equal(shown, `${CLI_HEADER}A="1"\nB="two"\nC="new"\n`);
    });

    it('compares a sensitive value as its placeholder', () => {
      const text = compareText({ S: '' }, new Set(['S']), new Map([['S', SENSITIVE_PLACEHOLDER]]), false);
      assert.equal(text, `${CLI_HEADER}S="${SENSITIVE_PLACEHOLDER}"\n`);
    });
  });

  describe('reading', () => {
    it('reads quoted, unquoted, exported and commented lines', () => {
      const env = parseDotenv('\uFEFF# c\nA="x\\ny"\nexport B=plain # note\nC=\'single\'\n\nD="say "hi""\r\nE=\n');
      assert.deepEqual(Object.fromEntries(env), { A: 'x\ny', B: 'plain', C: 'single', D: 'say "hi"', E: '' });
    });

    it('reads back what it writes (values without a backslash before n or r, which the format cannot tell from a newline)', () => {
      const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/).filter((k) => !['VERCEL_ANALYTICS_ID', 'VERCEL_SPEED_INSIGHTS_ID', 'VERCEL_WEB_ANALYTICS_ID'].includes(k));
      const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', '#', '=', '\n', '\r', '$', 'é', '🙂', '\t') }).filter((v) => !/\\[nr]/.test(v.replace(/\r/g, '').replace(/\n/g, '')) && !/\\$/.test(v) && v.trim() === v);
      fc.assert(
        fc.property(fc.dictionary(key, value), (env) => {
          const text = writePullFile(env, new Set()).text;
          assert.deepEqual(Object.fromEntries(parseDotenv(text)), { ...env });
        }),
        { numRuns: 500 },
      );
    });
  });
});
