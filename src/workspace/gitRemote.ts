/**
 * Which Vercel project a folder most likely deploys as, from its Git
 * `origin` remote. Pure: remote URLs in every form Git accepts are parsed
 * into host, owner and repository, and compared with the repository a
 * project is connected to (`link` on the project).
 */

export interface RemoteRepo {
  /** Lower case, without port or `www.`. */
  readonly host: string;
  /** The owner path: a user or organisation, or GitLab's group/subgroup. */
  readonly owner: string;
  readonly repo: string;
}

function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, '').replace(/^www\./, '');
}

function fromPath(host: string, rawPath: string): RemoteRepo | undefined {
  const parts = rawPath
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/i, '')
    .split('/')
    .filter((p) => p !== '');
  // Bitbucket Server and some hosts put `scm/` before the project key.
  if (parts[0]?.toLowerCase() === 'scm' && parts.length > 2) parts.shift();
  const repo = parts.pop();
  if (!repo || parts.length === 0 || host === '') return undefined;
  return { host: normaliseHost(host), owner: parts.join('/'), repo };
}

/**
 * `git@github.com:owner/repo.git`, `ssh://git@host:22/owner/repo`,
 * `https://user:pass@gitlab.com/group/sub/repo.git`, `git://…`, `git+ssh://…`,
 * `host:owner/repo`; undefined for local paths and `file://` remotes.
 * Credentials in the URL are dropped, never returned.
 */
export function parseRemoteUrl(url: string): RemoteRepo | undefined {
  const text = url.trim();
  if (text === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    if ((scheme[1] ?? '').toLowerCase() === 'file') return undefined;
    try {
      const parsed = new URL(text.replace(/^git\+/i, ''));
      return fromPath(parsed.hostname, decodeURIComponent(parsed.pathname));
    } catch {
      return undefined;
    }
  }
  // scp-like: [user@]host:path, where host has no slash before the colon.
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z]$/i.test(scp[1] ?? '')) {
    return fromPath(scp[1] ?? '', scp[2] ?? '');
  }
  return undefined;
}

/** The part of a project's `link` that names its repository; every field optional, as Vercel varies it by provider. */
export interface ProjectLinkLike {
  readonly type?: string | undefined;
  readonly host?: string | undefined;
  readonly org?: string | undefined;
  readonly repo?: string | undefined;
  readonly owner?: string | undefined;
  readonly slug?: string | undefined;
  readonly projectUrl?: string | undefined;
  readonly projectNamespace?: string | undefined;
  readonly projectNameWithNamespace?: string | undefined;
}

/** The repository a project is connected to, in the same shape as a parsed remote. */
export function projectRepo(link: ProjectLinkLike | undefined | null): RemoteRepo | undefined {
  if (!link) return undefined;
  const type = link.type ?? '';
  if (type.startsWith('github')) {
    if (!link.org || !link.repo) return undefined;
    return { host: normaliseHost(link.host ?? 'github.com'), owner: link.org, repo: link.repo };
  }
  if (type === 'gitlab') {
    const fromUrl = link.projectUrl ? parseRemoteUrl(link.projectUrl) : undefined;
    if (fromUrl) return fromUrl;
    const full = link.projectNameWithNamespace?.replace(/\s*\/\s*/g, '/');
    return full ? fromPath('gitlab.com', full) : undefined;
  }
  if (type === 'bitbucket') {
    if (!link.owner || !link.slug) return undefined;
    return { host: 'bitbucket.org', owner: link.owner, repo: link.slug };
  }
  return undefined;
}

function same(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** Vercel project names are lower case with dashes; a repository `My.Site` deploys as `my-site`. */
function asProjectName(repo: string): string {
  return repo
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\./g, '-');
}

export function sameRepo(a: RemoteRepo, b: RemoteRepo): boolean {
  return same(a.host, b.host) && same(a.owner, b.owner) && same(a.repo, b.repo);
}

/**
 * The project to suggest for a folder whose origin is `remote`: the one
 * connected to that repository, else the one named like it.
 */
export function suggestProject<P extends { readonly name: string; readonly link?: ProjectLinkLike | null | undefined }>(
  projects: readonly P[],
  remote: RemoteRepo | undefined,
): P | undefined {
  if (!remote) return undefined;
  const connected = projects.find((p) => {
    const repo = projectRepo(p.link);
    return repo !== undefined && sameRepo(repo, remote);
  });
  if (connected) return connected;
  const wanted = asProjectName(remote.repo);
  return projects.find((p) => p.name === remote.repo || p.name.toLowerCase() === wanted);
}
