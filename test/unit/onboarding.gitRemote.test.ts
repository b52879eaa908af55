import { strict as assert } from 'node:assert';
import { parseRemoteUrl, projectRepo, suggestProject } from '../../src/workspace/gitRemote';

describe('onboarding: the project suggested by the origin remote', () => {
  describe('remote URLs', () => {
    const cases: Array<[string, { host: string; owner: string; repo: string } | undefined]> = [
      ['git@github.com:acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['git@github.com:acme/web', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['github.com:acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['https://github.com/acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['https://github.com/acme/web/', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['https://www.GitHub.com/Acme/Web', { host: 'github.com', owner: 'Acme', repo: 'Web' }],
      ['ssh://git@github.com/acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['ssh://git@github.com:22/acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['git+ssh://git@github.com/acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['git://github.com/acme/web.git', { host: 'github.com', owner: 'acme', repo: 'web' }],
      ['https://oauth2:glpat-secret@gitlab.com/group/sub/web.git', { host: 'gitlab.com', owner: 'group/sub', repo: 'web' }],
      ['git@gitlab.com:group/sub/web.git', { host: 'gitlab.com', owner: 'group/sub', repo: 'web' }],
      ['https://jo@bitbucket.org/team/web.git', { host: 'bitbucket.org', owner: 'team', repo: 'web' }],
      ['git@bitbucket.org:team/web.git', { host: 'bitbucket.org', owner: 'team', repo: 'web' }],
      ['https://git.example.com:8443/scm/proj/web.git', { host: 'git.example.com', owner: 'proj', repo: 'web' }],
      ['/srv/git/web.git', undefined],
      ['../web', undefined],
      ['file:///srv/git/web.git', undefined],
      ['C:\\repos\\web', undefined],
      ['https://github.com/acme', undefined],
      ['', undefined],
    ];
    for (const [url, expected] of cases) {
      it(`${url || '(empty)'}`, () => {
        assert.deepEqual(parseRemoteUrl(url), expected);
      });
    }
    it('never returns credentials', () => {
      assert.ok(!JSON.stringify(parseRemoteUrl('https://oauth2:glpat-secret@gitlab.com/g/web.git')).includes('secret'));
    });
  });

  describe('a project\'s repository', () => {
    it('GitHub, GitHub Enterprise, GitLab and Bitbucket links', () => {
      assert.deepEqual(projectRepo({ type: 'github', org: 'acme', repo: 'web' }), { host: 'github.com', owner: 'acme', repo: 'web' });
      assert.deepEqual(projectRepo({ type: 'github-custom-host', host: 'ghe.acme.io', org: 'acme', repo: 'web' }), {
        host: 'ghe.acme.io',
        owner: 'acme',
        repo: 'web',
      });
      assert.deepEqual(projectRepo({ type: 'gitlab', projectUrl: 'https://gitlab.com/group/sub/web', projectNameWithNamespace: 'Group / Sub / Web' }), {
        host: 'gitlab.com',
        owner: 'group/sub',
        repo: 'web',
      });
      assert.deepEqual(projectRepo({ type: 'bitbucket', owner: 'team', slug: 'web' }), { host: 'bitbucket.org', owner: 'team', repo: 'web' });
      assert.equal(projectRepo({ type: 'github', org: 'acme' }), undefined);
      assert.equal(projectRepo(undefined), undefined);
    });
  });

  describe('the suggestion', () => {
    const projects = [
      { name: 'marketing', link: { type: 'github', org: 'acme', repo: 'site' } },
      { name: 'web', link: null },
      { name: 'docs', link: { type: 'gitlab', projectUrl: 'https://gitlab.com/acme/handbook' } },
      { name: 'shop', link: { type: 'bitbucket', owner: 'acme', slug: 'store' } },
      { name: 'my-site' },
    ];
    it('prefers the project connected to the repository over one named like it', () => {
      assert.equal(suggestProject(projects, parseRemoteUrl('git@github.com:ACME/site.git'))?.name, 'marketing');
      assert.equal(suggestProject(projects, parseRemoteUrl('https://gitlab.com/acme/handbook.git'))?.name, 'docs');
      assert.equal(suggestProject(projects, parseRemoteUrl('git@bitbucket.org:acme/store.git'))?.name, 'shop');
    });
    it('falls back to the project named like the repository', () => {
      assert.equal(suggestProject(projects, parseRemoteUrl('git@github.com:someone/web.git'))?.name, 'web');
      assert.equal(suggestProject(projects, parseRemoteUrl('git@github.com:someone/My.Site.git'))?.name, 'my-site');
    });
    it('does not match a repository of the same name on another host or owner', () => {
      assert.equal(suggestProject(projects, parseRemoteUrl('git@gitlab.com:acme/site.git')), undefined);
      assert.equal(suggestProject(projects, parseRemoteUrl('git@github.com:other/site.git')), undefined);
    });
    it('suggests nothing without a remote', () => {
      assert.equal(suggestProject(projects, undefined), undefined);
    });
  });
});
