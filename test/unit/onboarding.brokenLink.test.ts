import { strict as assert } from 'node:assert';
import { VercelApiError, VercelNetworkError, type VercelError } from '../../src/api/errors';
import type { ProjectDeployments } from '../../src/deployments/store';
import { isBrokenLink, layoutTree, type NodeModel } from '../../src/deployments/treeModel';
import type { LinkedProject } from '../../src/workspace/linkFiles';

const now = Date.UTC(2026, 11, 3, 8, 0, 0);

function project(key: string, error: VercelError | undefined): ProjectDeployments {
  const linked: LinkedProject = {
    key,
    projectId: `prj_${key}`,
    orgId: 'team_x',
    teamId: 'team_x',
    name: key,
    directory: `/work/${key}`,
    file: `/work/${key}/.vercel/project.json`,
  };
  return { project: linked, deployments: [], next: null, loaded: false, loadingMore: false, error, lastSuccessAt: undefined, latest: [], latestLoaded: false } as ProjectDeployments;
}

function ids(nodes: readonly NodeModel[]): string[] {
  return nodes.flatMap((n) => [n.id, ...(n.kind === 'project' ? ids(n.children) : [])]);
}

describe('onboarding: a link the token cannot see', () => {
  it('is a 404, or a 403 that is not a refused token', () => {
    assert.equal(isBrokenLink(new VercelApiError(404, 'not_found', 'Project not found')), true);
    assert.equal(isBrokenLink(new VercelApiError(403, 'forbidden', 'You are not a member of the team')), true);
    assert.equal(isBrokenLink(new VercelApiError(403, 'forbidden', 'Not authorized', { invalidToken: true })), false);
    assert.equal(isBrokenLink(new VercelApiError(500, 'internal_server_error', 'boom')), false);
    assert.equal(isBrokenLink(new VercelNetworkError('ECONNRESET')), false);
  });

  it('shows, even for the only project, where the link comes from, who is signed in, Relink… and Set Token', () => {
    const nodes = layoutTree({
      signedIn: true,
      account: 'jo',
      problems: [],
      projects: [project('web', new VercelApiError(404, 'not_found', 'Project not found'))],
      now,
      locale: 'en',
    });
    assert.deepEqual(ids(nodes), ['broken:web', 'relink:web', 'otherAccount:web']);
    const [first] = nodes;
    assert.ok(first?.kind === 'message' && first.variant === 'brokenLink');
    assert.equal(first.account, 'jo');
    assert.equal(first.project.file, '/work/web/.vercel/project.json');
    assert.equal(first.reason, 'Project not found');
  });

  it('sits under its own project root beside projects that work, and redraws when the account becomes known', () => {
    const input = {
      signedIn: true,
      problems: [],
      projects: [project('web', new VercelApiError(403, 'forbidden', 'You are not a member of the team')), project('docs', undefined)],
      now,
      locale: 'en',
    };
    const before = layoutTree(input);
    assert.deepEqual(ids(before), ['project:web', 'broken:web', 'relink:web', 'otherAccount:web', 'project:docs', 'loading:docs']);
    const after = layoutTree({ ...input, account: 'jo' });
    const signature = (nodes: readonly NodeModel[]) => JSON.stringify(nodes.flatMap((n) => (n.kind === 'project' ? n.children : [n])).map((n) => n.signature));
    assert.notEqual(signature(before), signature(after));
  });

  it('a refused token or a network error stays an ordinary refresh error', () => {
    const nodes = layoutTree({
      signedIn: true,
      problems: [],
      projects: [project('web', new VercelNetworkError('ECONNRESET')), project('docs', new VercelApiError(403, 'forbidden', 'Not authorized', { invalidToken: true }))],
      now,
      locale: 'en',
    });
    assert.ok(!ids(nodes).some((id) => /^(broken|relink|otherAccount):/.test(id)));
  });
});
