/**
 * Shapes the emulator's records into the JSON Vercel returns: the lean list
 * item of `/v6|v7/deployments`, the full object of `/v13/deployments/{id}`
 * and of the cancel response, and the user, team and project bodies.
 */
import { hostLabel, type DeploymentRecord, type Person, type Project, type Team, type World } from './data';

type Json = Record<string, unknown>;

export function inspectorUrl(r: DeploymentRecord): string {
  return `https://vercel.com/${r.project.ownerSlug}/${r.project.name}/${r.id.replace(/^dpl_/, '')}`;
}

function checks(r: DeploymentRecord): Json {
  switch (r.readyState) {
    case 'QUEUED':
    case 'INITIALIZING':
      return { checksState: 'registered' };
    case 'BUILDING':
      return { checksState: 'running' };
    case 'READY':
      return { checksState: 'completed', checksConclusion: 'succeeded' };
    case 'ERROR':
      return { checksState: 'completed', checksConclusion: 'failed' };
    case 'CANCELED':
      return { checksState: 'completed', checksConclusion: 'canceled' };
    default:
      return {};
  }
}

function isRollbackCandidate(r: DeploymentRecord): boolean {
  return r.readyState === 'READY' && r.target === 'production';
}

/** Only the fields a list item has, in the order Vercel sends them. */
export function toListItem(r: DeploymentRecord): Json {
  const item: Json = {
    uid: r.id,
    name: r.project.name,
    projectId: r.project.id,
    url: r.url,
    created: r.created,
    createdAt: r.created,
    source: r.source,
    state: r.readyState,
    readyState: r.readyState,
    type: 'LAMBDAS',
    creator: {
      uid: r.creator.uid,
      email: r.creator.email,
      username: r.creator.username,
      githubLogin: r.creator.githubLogin,
    },
    inspectorUrl: inspectorUrl(r),
    meta: { ...r.meta },
    target: r.target,
    aliasError: null,
    isRollbackCandidate: isRollbackCandidate(r),
    ...checks(r),
  };
  if (r.readySubstate !== undefined) item['readySubstate'] = r.readySubstate;
  if (r.buildingAt !== undefined) item['buildingAt'] = r.buildingAt;
  if (r.ready !== undefined) item['ready'] = r.ready;
  if (r.errorCode !== undefined) item['errorCode'] = r.errorCode;
  if (r.errorMessage !== undefined) item['errorMessage'] = r.errorMessage;
  return { ...item, ...r.extra };
}

function environment(r: DeploymentRecord): string {
  return r.target === 'production' ? 'production' : 'preview';
}

function automaticAliases(r: DeploymentRecord): string[] {
  const { name, ownerSlug } = r.project;
  const aliases = [`${name}-${hostLabel(r.creator.username)}-${ownerSlug}.vercel.app`];
  const branch = r.meta['githubCommitRef'];
  if (branch) aliases.push(`${name}-git-${hostLabel(branch)}-${ownerSlug}.vercel.app`);
  return aliases;
}

function routes(r: DeploymentRecord): Json[] | null {
  // CLI deployments of a static site have no routing table.
  if (r.source === 'cli') return null;
  return [
    { src: '^/(?:(.+)/)?index(?:\\.html)?/?$', headers: { Location: '/$1' }, status: 308 },
    { src: '^/(.*)\\.html/?$', headers: { Location: '/$1' }, status: 308 },
    { handle: 'filesystem' },
    { src: '^/api/(.*)$', dest: '/api/$1', check: true },
    { handle: 'miss' },
    { src: '^/(.*)$', dest: '/404', status: 404, check: true },
  ];
}

/** The full deployment: every required field of the reference plus a realistic set of optional ones. */
export function toFullDeployment(r: DeploymentRecord): Json {
  const p = r.project;
  const ready = r.readyState === 'READY';
  const branch = r.meta['githubCommitRef'];
  const sha = r.meta['githubCommitSha'];
  const aliases = ready ? [...automaticAliases(r), ...(r.target === 'production' ? p.productionDomains : [])] : [];
  const full: Json = {
    id: r.id,
    name: p.name,
    url: r.url,
    createdAt: r.created,
    createdIn: 'sfo1',
    // A queued deployment has not booted or started building yet; Vercel
    // still sends numbers here, so the creation time stands in.
    bootedAt: r.initAt ?? r.created,
    buildingAt: r.buildingAt ?? r.created,
    buildSkipped: false,
    build: { env: ['NEXT_PUBLIC_API_URL', 'DATABASE_URL'] },
    env: ['NEXT_PUBLIC_API_URL', 'DATABASE_URL', 'SESSION_SECRET'],
    inspectorUrl: inspectorUrl(r),
    isInConcurrentBuildsQueue: r.readyState === 'QUEUED',
    isInSystemBuildsQueue: false,
    projectSettings: {
      buildCommand: null,
      devCommand: null,
      framework: p.framework,
      commandForIgnoringBuildStep: null,
      installCommand: null,
      outputDirectory: null,
      speedInsights: { id: `si_${p.id.slice(4, 16)}`, hasData: true, enabledAt: p.createdAt },
      webAnalytics: { id: `wa_${p.id.slice(4, 16)}`, hasData: true, enabledAt: p.createdAt },
    },
    aliasAssigned: ready,
    aliasAssignedAt: ready ? (r.ready ?? null) : null,
    aliasError: null,
    aliasFinal: null,
    aliasWarning: null,
    alias: aliases,
    automaticAliases: automaticAliases(r),
    autoAssignCustomDomains: true,
    creator: { uid: r.creator.uid, username: r.creator.username, avatar: r.creator.avatar },
    public: false,
    status: r.readyState,
    readyState: r.readyState,
    meta: { ...r.meta },
    regions: ['iad1'],
    type: 'LAMBDAS',
    version: 2,
    ownerId: p.accountId,
    plan: p.plan,
    projectId: p.id,
    routes: routes(r),
    target: r.target,
    source: r.source,
    isFirstBranchDeployment: false,
    previewCommentsEnabled: r.target !== 'production',
    ttyBuildLogs: false,
    passiveRegions: [],
    functions: null,
    monorepoManager: null,
    project: { id: p.id, name: p.name, framework: p.framework },
    crons: p.team ? [{ schedule: '0 3 * * *', path: '/api/cron/cleanup' }] : [],
    config: {
      version: 1,
      functionType: 'fluid',
      functionMemoryType: 'standard',
      functionTimeout: 300,
      secureComputePrimaryRegion: null,
      secureComputeFallbackRegion: null,
    },
    oidcTokenClaims: {
      iss: `https://oidc.vercel.com/${p.ownerSlug}`,
      sub: `owner:${p.ownerSlug}:project:${p.name}:environment:${environment(r)}`,
      scope: `owner:${p.ownerSlug}:project:${p.name}:environment:${environment(r)}`,
      aud: `https://vercel.com/${p.ownerSlug}`,
      owner: p.ownerSlug,
      owner_id: p.accountId,
      project: p.name,
      project_id: p.id,
      environment: environment(r),
    },
    ...checks(r),
  };
  if (r.source !== 'cli' && branch !== undefined && sha !== undefined) {
    const prId = r.meta['githubPrId'];
    full['gitSource'] = { type: 'github', repoId: String(p.git.repoId), ref: branch, sha, prId: prId ? Number(prId) : null };
    // The GitHub form of gitRepo (the reference's example shows the GitLab one, with namespace and projectId).
    full['gitRepo'] = {
      type: 'github',
      org: p.git.org,
      repo: p.git.repo,
      repoId: p.git.repoId,
      repoOwnerId: p.git.ownerId,
      name: p.git.repo,
      path: `${p.git.org}/${p.git.repo}`,
      defaultBranch: 'main',
      private: true,
      ownerType: p.git.ownerType,
    };
  }
  if (p.team) full['team'] = { id: p.team.id, name: p.team.name, slug: p.team.slug, avatar: p.team.avatar };
  if (r.initAt !== undefined && r.buildingAt !== undefined) full['initReadyAt'] = r.buildingAt;
  if (ready) {
    full['ready'] = r.ready;
    full['readySubstate'] = r.readySubstate;
    full['lambdas'] = [
      {
        id: r.buildId,
        createdAt: r.buildingAt ?? r.created,
        entrypoint: null,
        readyState: 'READY',
        readyStateAt: r.ready,
        output: [
          { path: 'api/hello', functionName: 'api/hello' },
          { path: 'api/cron/cleanup', functionName: 'api/cron/cleanup' },
        ],
      },
    ];
  }
  if (r.readyState === 'ERROR') {
    full['errorCode'] = r.errorCode;
    full['errorMessage'] = r.errorMessage ?? null;
    full['errorStep'] = r.errorStep;
    full['errorLink'] = 'https://vercel.com/docs/errors';
    if (r.buildErrorAt !== undefined) full['buildErrorAt'] = r.buildErrorAt;
  }
  if (r.canceledAt !== undefined) full['canceledAt'] = r.canceledAt;
  return { ...full, ...r.extra };
}

export function toUser(user: Person, team: Team): Json {
  return {
    id: user.uid,
    email: user.email,
    name: user.name,
    username: user.username,
    avatar: user.avatar,
    defaultTeamId: team.id,
    createdAt: user.createdAt,
    version: 'northstar',
    billing: null,
    softBlock: null,
    limited: false,
    hasTrialAvailable: false,
    stagingPrefix: stagingPrefix(user.username),
    importFlowGitNamespace: null,
    importFlowGitNamespaceId: null,
    importFlowGitProvider: null,
    resourceConfig: { nodeType: 'standard', concurrentBuilds: 1, elasticConcurrencyEnabled: false },
  };
}

/** The prefix of staging hostnames Vercel gives an account: its slug and a short hash. */
function stagingPrefix(slug: string): string {
  let h = 0;
  for (const c of slug) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  return `${slug.slice(0, 12)}-${h.toString(36).slice(0, 6)}`;
}

/** A team as the user sees it; `role` is the user's in it. */
export function toTeam(team: Team, user: Person, role = 'OWNER'): Json {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    avatar: team.avatar,
    description: null,
    stagingPrefix: stagingPrefix(team.slug),
    createdAt: team.createdAt,
    updatedAt: team.createdAt,
    created: new Date(team.createdAt).toISOString(),
    creatorId: user.uid,
    membership: { role, confirmed: true, created: team.createdAt, createdAt: team.createdAt, uid: user.uid },
    billing: { plan: 'pro' },
  };
}

export function toProject(p: Project, world: World): Json {
  const latest = world.deployments.filter((d) => d.project === p).slice(0, 3);
  const production = world.deployments.find((d) => d.project === p && d.target === 'production' && d.readyState === 'READY');
  return {
    id: p.id,
    name: p.name,
    accountId: p.accountId,
    framework: p.framework,
    nodeVersion: '22.x',
    alias: [],
    createdAt: p.createdAt,
    updatedAt: world.deployments.find((d) => d.project === p)?.created ?? p.createdAt,
    buildCommand: null,
    devCommand: null,
    installCommand: null,
    outputDirectory: null,
    rootDirectory: null,
    directoryListing: false,
    publicSource: null,
    serverlessFunctionRegion: 'iad1',
    link: p.link !== undefined ? p.link : {
      type: 'github',
      org: p.git.org,
      repo: p.git.repo,
      repoId: p.git.repoId,
      productionBranch: 'main',
      createdAt: p.createdAt,
      deployHooks: [],
      gitCredentialId: '',
      sourceless: true,
    },
    latestDeployments: latest.map(toListItem),
    targets: production ? { production: toListItem(production) } : {},
  };
}
