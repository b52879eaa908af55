/**
 * What the details panel's header says about a deployment, as plain data:
 * which commit (and where it lives), who, which actions apply. Pure (no
 * `vscode`), so it is unit-tested in Node; the panel adds the words.
 *
 * The actions are decided here, from the same capability rules as the tree's
 * context menu, and sent to the webview as data: the webview only draws the
 * buttons it is given and says which one was clicked.
 */
import { isInProgress, readyStateOf, type DeploymentListItem } from '../api/schemas';
import type { Deployment } from '../api/deployment';
import { canPromote, canRedeploy, canRollback, type ProductionView } from '../deployments/capabilities';
import { branchOf, buildSpan, commitAuthorOf, commitLine, commitShaOf, shortId } from '../deployments/presentation';
import type { HeaderAction } from './protocol';

/** Length of a tab title's first line, as the build log's tab. */
const TITLE_MAX = 60;

/** How a person tells deployments apart: the commit's first line, else the short id. */
export function deploymentTitle(d: { readonly id: string; readonly meta?: Readonly<Record<string, string>> | undefined }): string {
  return commitLine(d, TITLE_MAX) || shortId(d.id);
}

/** A path segment of a Git host URL: owner, repository, group path. Anything else is not linked. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const SHA = /^[0-9a-f]{7,64}$/i;

function segments(...parts: (string | undefined)[]): string | undefined {
  const all = parts.flatMap((p) => (p === undefined ? [undefined] : p.split('/')));
  if (all.length === 0 || all.some((s) => s === undefined || !SEGMENT.test(s) || s === '..' || s === '.')) return undefined;
  return all.join('/');
}

type Meta = Readonly<Record<string, string>> | undefined;

/**
 * The commit's page on GitHub, GitLab or Bitbucket, when the deployment's
 * meta says where its repository lives; undefined otherwise (a CLI deployment,
 * a self-hosted GitLab whose host the meta does not give).
 */
export function commitUrl(meta: Meta): string | undefined {
  const m = meta ?? {};
  const github = m['githubCommitSha'];
  if (github !== undefined && SHA.test(github)) {
    const repo = segments(m['githubOrg'] ?? m['githubCommitOrg'], m['githubRepo'] ?? m['githubCommitRepo']);
    return repo === undefined ? undefined : `https://github.com/${repo}/commit/${github}`;
  }
  const gitlab = m['gitlabCommitSha'];
  if (gitlab !== undefined && SHA.test(gitlab)) {
    const project = segments(m['gitlabProjectPath'] ?? (m['gitlabProjectNamespace'] !== undefined && m['gitlabProjectName'] !== undefined ? `${m['gitlabProjectNamespace']}/${m['gitlabProjectName']}` : undefined));
    return project === undefined ? undefined : `https://gitlab.com/${project}/-/commit/${gitlab}`;
  }
  const bitbucket = m['bitbucketCommitSha'];
  if (bitbucket !== undefined && SHA.test(bitbucket)) {
    const repo = segments(m['bitbucketRepoOwner'] ?? m['bitbucketCommitOrg'], m['bitbucketRepoSlug'] ?? m['bitbucketCommitRepo']);
    return repo === undefined ? undefined : `https://bitbucket.org/${repo}/commits/${bitbucket}`;
  }
  return undefined;
}

export interface HeaderFacts {
  readonly title: string;
  readonly state: string;
  readonly live: boolean;
  readonly url: string | undefined;
  readonly production: boolean;
  readonly current: boolean;
  readonly branch: string | undefined;
  readonly commit:
    | { readonly message: string | undefined; readonly sha: string | undefined; readonly shortSha: string | undefined; readonly url: string | undefined }
    | undefined;
  readonly author: string | undefined;
  readonly createdAt: number;
  /** Start and end of the build: the end is undefined while it runs (or for a state that has none). */
  readonly build: { readonly start: number; readonly end: number | undefined } | undefined;
  readonly error: { readonly message: string; readonly code: string | undefined; readonly step: string | undefined } | undefined;
  /** The hosts it serves besides its own URL: its aliases, and production's domains while it is Current. */
  readonly domains: readonly string[];
  readonly actions: readonly HeaderAction[];
}

export interface HeaderContext {
  /** The deployment as the Deployments view lists it: lifecycle actions act only on listed ones. */
  readonly listed?: DeploymentListItem | undefined;
  /** What is known of its project's production, and the domains it serves (as the project says). */
  readonly production?: (ProductionView & { readonly domains?: readonly string[] | undefined }) | undefined;
}

/** The order of the buttons: what stops or changes production first, ways out last. */
const ACTION_ORDER: readonly HeaderAction[] = ['cancel', 'redeploy', 'promote', 'rollback', 'showLogs', 'showRuntimeLogs', 'openOnVercel'];

export function headerActions(d: Deployment, ctx: HeaderContext): HeaderAction[] {
  const state = readyStateOf(d);
  const listed = ctx.listed;
  const offered = new Set<HeaderAction>(['showLogs']);
  if (isInProgress(state)) offered.add('cancel');
  // A READY deployment serves requests: what its functions print is one click away.
  if (state === 'READY') offered.add('showRuntimeLogs');
  // The lifecycle commands act on what the store lists, so a listed item decides (as in the tree's menu).
  if (listed && readyStateOf(listed) === state) {
    if (canRedeploy(listed)) offered.add('redeploy');
    if (canPromote(listed, ctx.production)) offered.add('promote');
    if (canRollback(listed, ctx.production)) offered.add('rollback');
  }
  if (d.inspectorUrl) offered.add('openOnVercel');
  return ACTION_ORDER.filter((a) => offered.has(a));
}

/**
 * Vercel's message of a failed build often starts with what the header's
 * title already says ("The build failed: …"): without it, the header says so once.
 */
const FAILED_PREFIX = /^\s*(?:the\s+)?build\s+failed\s*(?:[:.\-–—]\s*)?/i;

export function failureMessage(message: string): string {
  return message.replace(FAILED_PREFIX, '').trim();
}

/** A host name as Vercel gives aliases: letters, digits, dots and hyphens (IDN in punycode). */
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/**
 * The domains a deployment answers on, besides its own URL: production's
 * domains first while it is Current, then its aliases. Production's domains
 * in the aliases of a deployment that is no longer Current point elsewhere
 * now, so they are left out; anything that is not a plain host is too.
 */
export function headerDomains(d: Pick<Deployment, 'url' | 'alias'>, production: readonly string[] | undefined, current: boolean): string[] {
  const moved = new Set(current ? [] : (production ?? []).map((h) => h.toLowerCase()));
  const hosts = [...(current ? (production ?? []) : []), ...(d.alias ?? [])];
  const seen = new Set([d.url.toLowerCase()]);
  const out: string[] = [];
  for (const host of hosts) {
    const key = host.toLowerCase();
    if (seen.has(key) || moved.has(key) || !HOST.test(host)) continue;
    seen.add(key);
    out.push(host);
  }
  return out;
}

export function headerFacts(d: Deployment, ctx: HeaderContext): HeaderFacts {
  const state = readyStateOf(d);
  const sha = commitShaOf(d);
  const line = commitLine(d, 200);
  const current = ctx.production?.deploymentId !== undefined && ctx.production.deploymentId === d.id;
  const errorMessage = typeof d.errorMessage === 'string' ? d.errorMessage : undefined;
  // Only a failed build leads with its error (other states may keep a stale errorCode).
  const failed = state === 'ERROR';
  const { start, end } = buildSpan({ ...d, created: d.createdAt }, state);
  return {
    title: deploymentTitle(d),
    state,
    live: isInProgress(state),
    url: d.url !== '' ? `https://${d.url}` : undefined,
    production: d.target === 'production',
    current,
    branch: branchOf(d),
    commit:
      line === '' && sha === undefined
        ? undefined
        : { message: line === '' ? undefined : line, sha, shortSha: sha?.slice(0, 7), url: commitUrl(d.meta) },
    author: commitAuthorOf(d) ?? d.creator.username,
    createdAt: d.createdAt,
    build: isInProgress(state) || end !== undefined ? { start, end } : undefined,
    error: failed ? { message: failureMessage(errorMessage ?? ''), code: d.errorCode, step: d.errorStep } : undefined,
    domains: headerDomains(d, ctx.production?.domains, current),
    actions: headerActions(d, ctx),
  };
}

