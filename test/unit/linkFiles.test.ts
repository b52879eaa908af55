import { strict as assert } from 'node:assert';
import { isWithin, parseProjectJson, parseRepoJson, resolveLinkedProjects, type LinkedProject } from '../../src/workspace/linkFiles';

function projects(result: ReturnType<typeof parseProjectJson>): readonly LinkedProject[] {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.projects;
}

describe('link files', () => {
  it('reads a team project from .vercel/project.json', () => {
    const [p] = projects(parseProjectJson('{"projectId":"prj_1","orgId":"team_9","projectName":"web"}', '/w/.vercel/project.json', '/w'));
    assert.deepEqual(p, {
      key: 'team_9/prj_1',
      projectId: 'prj_1',
      orgId: 'team_9',
      teamId: 'team_9',
      name: 'web',
      directory: '/w',
      file: '/w/.vercel/project.json',
    });
  });

  it('scopes a personal project (orgId is a user id) to no team', () => {
    const [p] = projects(parseProjectJson('{"projectId":"prj_1","orgId":"user_123"}', '/w/.vercel/project.json', '/w'));
    assert.equal(p?.teamId, undefined);
  });

  it('links nothing from a settings-only project.json written by vercel pull', () => {
    assert.deepEqual(projects(parseProjectJson('{"settings":{"framework":"nextjs"}}', 'f', '/w')), []);
  });

  it('names the file and the problem when a link file is malformed', () => {
    const broken = parseProjectJson('{"projectId": ', '/w/.vercel/project.json', '/w');
    assert.equal(broken.ok, false);
    assert.equal(broken.ok ? '' : broken.file, '/w/.vercel/project.json');
    const wrongType = parseProjectJson('{"projectId": 42}', '/w/.vercel/project.json', '/w');
    assert.match(wrongType.ok ? '' : wrongType.message, /^projectId: /);
    const repo = parseRepoJson('{"projects":[{"name":"x"}]}', '/r/.vercel/repo.json', '/r');
    assert.match(repo.ok ? '' : repo.message, /projects\[0\]\.id/);
  });

  it('reads every project of a monorepo repo.json, with the top-level orgId as fallback', () => {
    const result = projects(
      parseRepoJson(
        JSON.stringify({
          remoteName: 'origin',
          orgId: 'team_top',
          projects: [
            { id: 'prj_a', name: 'a', directory: 'apps/a' },
            { id: 'prj_b', name: 'b', directory: './apps/b/', orgId: 'team_b' },
          ],
        }),
        '/r/.vercel/repo.json',
        '/r',
      ),
    );
    assert.deepEqual(
      result.map((p) => [p.projectId, p.teamId, p.directory]),
      [
        ['prj_a', 'team_top', '/r/apps/a'],
        ['prj_b', 'team_b', '/r/apps/b'],
      ],
    );
  });

  it('lets a folder\'s own project.json win over repo.json, and lists a project once', () => {
    const repo = projects(
      parseRepoJson('{"projects":[{"id":"prj_a","directory":"apps/a"},{"id":"prj_b","directory":"apps/b"}]}', '/r/.vercel/repo.json', '/r'),
    );
    const own = projects(parseProjectJson('{"projectId":"prj_own","orgId":"team_1"}', '/r/apps/a/.vercel/project.json', '/r/apps/a'));
    const atRoot = resolveLinkedProjects('/r', [...repo, ...own]);
    assert.deepEqual(atRoot.map((p) => p.projectId), ['prj_own', 'prj_b']);
    // Opened at one app of the monorepo: only that app's project.
    const atApp = resolveLinkedProjects('/r/apps/b', repo);
    assert.deepEqual(atApp.map((p) => p.projectId), ['prj_b']);
    // Unrelated folder: nothing.
    assert.deepEqual(resolveLinkedProjects('/elsewhere', repo), []);
  });

  it('compares folders by path segments', () => {
    assert.equal(isWithin('/r/apps/a/src/x.ts', '/r/apps/a'), true);
    assert.equal(isWithin('/r/apps/ab', '/r/apps/a'), false);
    assert.equal(isWithin('C:\\r\\a', 'C:/r'), true);
  });
});
