/**
 * Test data that many unit tests need. One builder for a deployment as the
 * list endpoint gives it, so a field Vercel adds (or the schema starts to
 * require) is added here once, not in every test's own copy.
 */
import type { DeploymentListItem } from '../../src/api/schemas';
import type { LinkedProject } from '../../src/workspace/linkFiles';

export interface DeploymentPatch extends Partial<DeploymentListItem> {
  /** The commit's branch (`meta.githubCommitRef`). */
  readonly branch?: string | undefined;
  /** The commit's sha (`meta.githubCommitSha`). */
  readonly sha?: string | undefined;
  /** The commit's message (`meta.githubCommitMessage`). */
  readonly message?: string | undefined;
}

/** A READY list item `dpl_1` of project `web`, with what the test names changed; `meta` is set only when a commit fact or `meta` is given. */
export function deployment(patch: DeploymentPatch = {}): DeploymentListItem {
  const { branch, sha, message, ...fields } = patch;
  const uid = fields.uid ?? 'dpl_1';
  const commit = {
    ...(message !== undefined ? { githubCommitMessage: message } : {}),
    ...(branch !== undefined ? { githubCommitRef: branch } : {}),
    ...(sha !== undefined ? { githubCommitSha: sha } : {}),
  };
  const meta = fields.meta !== undefined || Object.keys(commit).length > 0 ? { meta: { ...commit, ...fields.meta } } : {};
  return {
    uid,
    name: 'web',
    url: `${uid}.vercel.app`,
    created: 0,
    readyState: 'READY',
    type: 'LAMBDAS',
    creator: { uid: 'u' },
    inspectorUrl: null,
    ...fields,
    ...meta,
  };
}

/** The emulator's project as a folder links it (`/w/.vercel/project.json`). */
export function linkedProject(info: { readonly teamId: string; readonly projectId: string; readonly projectName: string }): LinkedProject {
  return {
    key: `${info.teamId}/${info.projectId}`,
    projectId: info.projectId,
    orgId: info.teamId,
    teamId: info.teamId,
    name: info.projectName,
    directory: '/w',
    file: '/w/.vercel/project.json',
  };
}
