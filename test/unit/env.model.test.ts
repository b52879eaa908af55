/**
 * How the Environment Variables view groups variables (src/env/model.ts) and
 * what its store asks of Vercel (src/env/store.ts): one list per project when
 * first asked, none again until Refresh, nothing kept after Sign Out.
 */
import { strict as assert } from 'node:assert';
import type { EnvVar } from '../../src/api/envSchemas';
import { groupEnvs, isEditable, isReadable, targetsOf } from '../../src/env/model';
import { EnvStore } from '../../src/env/store';
import type { LinkedProject } from '../../src/workspace/linkFiles';

const env = (key: string, target: string[] | string, extra: Partial<EnvVar> = {}): EnvVar => ({ id: `${key}-${String(target)}-${extra.gitBranch ?? ''}`, key, type: 'encrypted', target, ...extra });

describe('environment variables: the view model and store', () => {
  it('groups by environment, a variable in each it applies to, branch values under their branch', () => {
    const groups = groupEnvs([
      env('B', ['production', 'preview']),
      env('A', ['preview', 'development']),
      env('A', ['preview'], { gitBranch: 'feat/x' }),
      env('C', ['preview'], { gitBranch: 'feat/a' }),
      env('S', [], { customEnvironmentIds: ['env_1'] }),
      env('T', 'development'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.target, g.custom, g.vars.map((v) => v.key), g.branches.map((b) => [b.branch, b.vars.map((v) => v.key)])]),
      [
        ['production', false, ['B'], []],
        ['preview', false, ['A', 'B'], [['feat/a', ['C']], ['feat/x', ['A']]]],
        ['development', false, ['A', 'T'], []],
        ['env_1', true, ['S'], []],
      ],
    );
  });

  it('shows the three standard environments even when empty', () => {
    assert.deepEqual(groupEnvs([]).map((g) => g.target), ['production', 'preview', 'development']);
  });

  it('reads targets given as a string or a list, in a fixed order, and ignores unknown ones', () => {
    assert.deepEqual(targetsOf(env('A', ['development', 'production', 'staging'])), ['production', 'development']);
    assert.deepEqual(targetsOf(env('A', 'preview')), ['preview']);
  });

  it('never offers to read a sensitive value or to change a system one', () => {
    assert.equal(isReadable(env('A', ['production'], { type: 'sensitive' })), false);
    assert.equal(isReadable(env('A', ['production'], { type: 'plain' })), true);
    assert.equal(isEditable(env('A', ['production'], { type: 'system' })), false);
    assert.equal(isEditable(env('A', ['production'], { type: 'sensitive' })), true);
  });

  describe('the store', () => {
    const project = (id: string): LinkedProject => ({ key: `team_1/${id}`, projectId: id, orgId: 'team_1', teamId: 'team_1', name: id, directory: `/w/${id}`, file: `/w/${id}/.vercel/project.json` });

    function fakeClient() {
      const calls: string[] = [];
      let release: () => void = () => undefined;
      const client = {
        env: {
          list: async (projectId: string) => {
            calls.push(projectId);
            await new Promise<void>((resolve) => (release = resolve));
            return [env(`K_${projectId}`, ['production'])];
          },
        },
      };
      return { client: client as never, calls, release: () => release() };
    }

    it('lists each project once, shares a list under way, and again only when forced', async () => {
      const fake = fakeClient();
      const store = new EnvStore(fake.client);
      store.setProjects([project('p1')]);
      const first = store.load('team_1/p1');
      const second = store.load('team_1/p1');
      fake.release();
      await Promise.all([first, second]);
      assert.deepEqual(fake.calls, ['p1']);
      await store.load('team_1/p1');
      assert.deepEqual(fake.calls, ['p1'], 'known already');
      const forced = store.load('team_1/p1', true);
      fake.release();
      await forced;
      assert.deepEqual(fake.calls, ['p1', 'p1']);
    });

    it('forgets every list on clear and drops an answer that arrives after it', async () => {
      const fake = fakeClient();
      const store = new EnvStore(fake.client);
      store.setProjects([project('p1')]);
      const pending = store.load('team_1/p1');
      store.clear();
      fake.release();
      await pending;
      assert.equal(store.get('team_1/p1')?.envs, undefined);
    });
  });
});
