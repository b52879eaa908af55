/**
 * What Link Project asks Vercel, over real HTTP: every page of the teams,
 * and the projects of a scope with search and paging (against the emulator).
 */
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VercelClient } from '../../src/api/client';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const TOKEN = 'onboarding-client-token';

describe('onboarding: the client lists scopes and projects', function () {
  let emulator: RunningEmulator;
  let client: VercelClient;

  before(async () => {
    emulator = await startEmulator({ port: 0, token: TOKEN, seed: 'onboarding-client' });
    client = new VercelClient({ origin: emulator.info.url, token: async () => TOKEN });
  });

  after(() => emulator.close());

  async function direct<T>(path: string): Promise<T> {
    const response = await fetch(`${emulator.info.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    return (await response.json()) as T;
  }

  it('lists every team of the user', async () => {
    const teams = await client.listTeams();
    const expected = await direct<{ teams: { id: string }[] }>('/v2/teams?limit=100');
    assert.ok(teams.length >= 2);
    assert.deepEqual(
      teams.map((t) => t.id),
      expected.teams.map((t) => t.id),
    );
    assert.ok(teams.some((t) => t.id === emulator.info.teamId));
  });

  it('pages through a scope\'s projects with `from` until next is null, each project once', async () => {
    const all = await direct<{ projects: { id: string }[] }>(`/v10/projects?limit=100&teamId=${emulator.info.teamId}`);
    const seen: string[] = [];
    let from: number | string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await client.listProjects({ teamId: emulator.info.teamId, limit: 3, from });
      seen.push(...page.projects.map((p) => p.id));
      if (page.pagination.next === null) break;
      from = page.pagination.next;
    }
    assert.ok(all.projects.length > 3, 'the team has more than one page of projects');
    assert.deepEqual(seen, all.projects.map((p) => p.id));
  });

  it('searches by name (trimmed, any case); an empty search lists the scope', async () => {
    const found = await client.listProjects({ teamId: emulator.info.teamId, search: '  DESIGN ' });
    assert.deepEqual(
      found.projects.map((p) => p.name),
      ['design-system'],
    );
    const personal = await client.listProjects({ search: '' });
    assert.ok(personal.projects.length > 0);
    assert.ok(personal.projects.every((p) => !p.accountId.startsWith('team_')), 'no team is personal');
    assert.ok(personal.projects.some((p) => p.link?.repo !== undefined), 'projects carry their Git link');
  });

  describe('teams over several pages', () => {
    let server: Server;
    let origin: string;
    const untils: Array<string | null> = [];

    before(async () => {
      // Five teams, two per page, newest first; the cursor is the last team's creation time.
      const teams = [5, 4, 3, 2, 1].map((n) => ({ id: `team_${n}`, slug: `t${n}`, name: `Team ${n}`, createdAt: n * 1000 }));
      server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        untils.push(url.searchParams.get('until'));
        const until = Number(url.searchParams.get('until') ?? Infinity);
        const page = teams.filter((t) => t.createdAt < until).slice(0, 2);
        const last = page.at(-1);
        const more = last !== undefined && teams.some((t) => t.createdAt < last.createdAt);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ teams: page, pagination: { count: page.length, next: more ? last.createdAt : null, prev: null } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('follows pagination.next as until to the last page', async () => {
      const paged = new VercelClient({ origin, token: async () => TOKEN });
      const teams = await paged.listTeams();
      assert.deepEqual(
        teams.map((t) => t.id),
        ['team_5', 'team_4', 'team_3', 'team_2', 'team_1'],
      );
      assert.deepEqual(untils, [null, '4000', '2000']);
    });
  });
});
