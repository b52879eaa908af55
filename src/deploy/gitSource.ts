/**
 * The `gitSource` of a deployment built from a commit of the project's
 * linked repository (`POST /v13/deployments`), from the project's `link` as
 * `GET /v9/projects/{id}` answers it: GitHub by `repoId`, GitLab by
 * `projectId`, Bitbucket by `repoUuid` (with `workspaceUuid`) or `owner` +
 * `slug`. Pure.
 */
import type { GitSource } from '../api/client';
import type { ProjectLink } from '../api/schemas';

export type GitSourceResult =
  | { readonly ok: true; readonly gitSource: GitSource }
  /** `noLink`: the project has no Git repository; `unsupported`: a provider (or a link without ids) Vercel's API takes no `gitSource` for here. */
  | { readonly ok: false; readonly reason: 'noLink' | 'unsupported'; readonly provider?: string | undefined };

export function gitSourceFor(link: ProjectLink | null | undefined, ref: string, sha?: string): GitSourceResult {
  if (!link || link.type === undefined) return { ok: false, reason: 'noLink' };
  const commit = sha !== undefined && sha !== '' ? { sha } : {};
  switch (link.type) {
    case 'github':
    case 'github-limited':
      return link.repoId !== undefined && link.repoId !== ''
        ? { ok: true, gitSource: { type: link.type, repoId: link.repoId, ref, ...commit } }
        : { ok: false, reason: 'unsupported', provider: link.type };
    case 'gitlab':
      return link.projectId !== undefined && link.projectId !== ''
        ? { ok: true, gitSource: { type: 'gitlab', projectId: link.projectId, ref, ...commit } }
        : { ok: false, reason: 'unsupported', provider: link.type };
    case 'bitbucket':
      if (link.uuid) {
        return { ok: true, gitSource: { type: 'bitbucket', repoUuid: link.uuid, ...(link.workspaceUuid ? { workspaceUuid: link.workspaceUuid } : {}), ref, ...commit } };
      }
      return link.owner && link.slug
        ? { ok: true, gitSource: { type: 'bitbucket', owner: link.owner, slug: link.slug, ref, ...commit } }
        : { ok: false, reason: 'unsupported', provider: link.type };
    default:
      return { ok: false, reason: 'unsupported', provider: link.type };
  }
}
