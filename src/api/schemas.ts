/**
 * The Vercel REST API shapes this extension reads, as zod schemas.
 *
 * These schemas are the single source of truth: they validate responses, give
 * the TypeScript types (`z.infer`), and carry the field documentation that the
 * details panel and the JSON document show. Nothing else describes a field.
 *
 * They are tolerant readers: every object passes unknown keys through
 * (`looseObject`), and enums are "open" — a value Vercel adds later is kept as
 * it is and can be recognised as unknown with {@link isKnown}, instead of
 * failing the parse. Only a missing required field or a value of the wrong type
 * fails, with the field's path.
 */
import { z } from 'zod';

/** Metadata key under which an open enum keeps its documented values. */
export const KNOWN_VALUES = 'knownValues';

/**
 * A string enum that also accepts values it does not know yet. The documented
 * values stay visible to the JSON Schema export (as the first `anyOf` branch),
 * so editors still offer and explain them.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]).meta({ [KNOWN_VALUES]: [...values] });
}

/** The numeric counterpart of {@link openEnum}. */
export function openNumberEnum<const T extends readonly [number, ...number[]]>(values: T) {
  const literals = values.map((v) => z.literal(v));
  return z.union([...literals, z.number()]).meta({ [KNOWN_VALUES]: [...values] });
}

/** True when `value` is one of the documented values of an open enum. */
export function isKnown<T extends string | number>(known: readonly T[], value: unknown): value is T {
  return (known as readonly unknown[]).includes(value);
}

const timestamp = (text: string) => z.number().describe(text);

// ---------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------

/** States a deployment's build moves through, as documented for the full object. */
export const READY_STATES = ['QUEUED', 'INITIALIZING', 'BUILDING', 'READY', 'ERROR', 'CANCELED'] as const;
export type KnownReadyState = (typeof READY_STATES)[number];
/** States in which a deployment can still be cancelled. */
export const IN_PROGRESS_STATES = ['QUEUED', 'INITIALIZING', 'BUILDING'] as const satisfies readonly KnownReadyState[];

export const READY_SUBSTATES = ['STAGED', 'ROLLING', 'PROMOTED'] as const;
export const TARGETS = ['production', 'staging'] as const;
export const SOURCES = [
  'api-trigger-git-deploy',
  'cli',
  'clone/repo',
  'git',
  'import',
  'import/repo',
  'redeploy',
  'v0-web',
] as const;
export const PLANS = ['pro', 'enterprise', 'hobby'] as const;
export const CHECKS_STATES = ['registered', 'running', 'completed'] as const;
export const CHECKS_CONCLUSIONS = ['skipped', 'succeeded', 'failed', 'canceled'] as const;

const readyState = openEnum(READY_STATES);
const readySubstate = openEnum(READY_SUBSTATES);
/** `null` is a preview deployment: Vercel has no "preview" target value. */
const target = openEnum(TARGETS).nullable();
const checksState = openEnum(CHECKS_STATES);
const checksConclusion = openEnum(CHECKS_CONCLUSIONS);

// ---------------------------------------------------------------------------
// Pieces shared by several shapes
// ---------------------------------------------------------------------------

/** Git metadata is a flat string map (`githubCommitMessage`, `githubCommitRef`, …). */
const meta = z.record(z.string(), z.string());

const aliasError = z
  .looseObject({
    code: z.string().describe('Machine-readable code of the aliasing failure.'),
    message: z.string().describe('What went wrong while assigning the alias.'),
  })
  .nullable();

// ---------------------------------------------------------------------------
// The full deployment (GET /v13/deployments/{idOrUrl}, PATCH /v12/deployments/{id}/cancel)
// ---------------------------------------------------------------------------

const speedInsights = z.looseObject({
  id: z.string().describe('Identifier of the Speed Insights configuration.'),
  enabledAt: z.number().optional().describe('When Speed Insights was switched on (ms since epoch).'),
  disabledAt: z.number().optional().describe('When Speed Insights was switched off (ms since epoch).'),
  canceledAt: z.number().optional().describe('When the Speed Insights subscription was cancelled (ms since epoch).'),
  hasData: z.boolean().optional().describe('Whether any Speed Insights data has been collected.'),
  paidAt: z.number().optional().describe('When Speed Insights was first paid for (ms since epoch).'),
});

const webAnalytics = z.looseObject({
  id: z.string().describe('Identifier of the Web Analytics configuration.'),
  disabledAt: z.number().optional().describe('When Web Analytics was switched off (ms since epoch).'),
  canceledAt: z.number().optional().describe('When the Web Analytics subscription was cancelled (ms since epoch).'),
  enabledAt: z.number().optional().describe('When Web Analytics was switched on (ms since epoch).'),
  hasData: z.boolean().optional().describe('Whether any Web Analytics data has been collected.'),
});

const projectSettings = z.looseObject({
  buildCommand: z.string().nullable().optional().describe('Command that builds the project, overriding the framework default.'),
  devCommand: z.string().nullable().optional().describe('Command that starts the local development server.'),
  framework: z.string().nullable().optional().describe('Framework preset the project is built with, for example "nextjs" or "blitzjs".'),
  commandForIgnoringBuildStep: z.string().nullable().optional().describe('Shell command whose exit code decides whether a new build is skipped.'),
  installCommand: z.string().nullable().optional().describe('Command that installs dependencies before the build.'),
  outputDirectory: z.string().nullable().optional().describe('Folder, relative to the root, that holds the build output.'),
  speedInsights: speedInsights.optional().describe('Speed Insights settings of the project at deployment time.'),
  webAnalytics: webAnalytics.optional().describe('Web Analytics settings of the project at deployment time.'),
});

const integrations = z.looseObject({
  status: openEnum(['error', 'skipped', 'pending', 'ready'] as const).describe('Overall state of the integrations that run on this deployment.'),
  startedAt: z.number().describe('When the integrations started running (ms since epoch).'),
  completedAt: z.number().optional().describe('When all integrations finished (ms since epoch).'),
  skippedAt: z.number().optional().describe('When the integrations were skipped (ms since epoch).'),
  skippedBy: z.string().optional().describe('Who or what skipped the integrations.'),
});

const remotePattern = z.looseObject({
  protocol: openEnum(['http', 'https'] as const).optional().describe('Protocol remote images must use.'),
  hostname: z.string().describe('Host remote images may be loaded from; wildcards allowed.'),
  port: z.string().optional().describe('Port remote images must use.'),
  pathname: z.string().optional().describe('Path pattern remote images must match.'),
  search: z.string().optional().describe('Query string remote images must match.'),
});

const localPattern = z.looseObject({
  pathname: z.string().optional().describe('Path pattern local images must match.'),
  search: z.string().optional().describe('Query string local images must match.'),
});

const images = z.looseObject({
  sizes: z.array(z.number()).optional().describe('Widths, in pixels, the image optimizer may produce.'),
  qualities: z.array(z.number()).optional().describe('Quality levels the image optimizer allows.'),
  domains: z.array(z.string()).optional().describe('Hosts whose images may be optimized.'),
  remotePatterns: z.array(remotePattern).optional().describe('URL patterns of remote images that may be optimized.'),
  localPatterns: z.array(localPattern).optional().describe('Path patterns of local images that may be optimized.'),
  minimumCacheTTL: z.number().optional().describe('Shortest time, in seconds, an optimized image is cached.'),
  formats: z.array(openEnum(['image/avif', 'image/webp'] as const)).optional().describe('Output formats the optimizer may serve.'),
  dangerouslyAllowSVG: z.boolean().optional().describe('Whether SVG images are optimized too (they can carry scripts).'),
  contentSecurityPolicy: z.string().optional().describe('Content-Security-Policy header sent with optimized images.'),
  contentDispositionType: openEnum(['inline', 'attachment'] as const).optional().describe('Content-Disposition type sent with optimized images.'),
});

const creator = z.looseObject({
  uid: z.string().describe('Identifier of the user who created the deployment.'),
  username: z.string().optional().describe('Username of the user who created the deployment.'),
  avatar: z.string().optional().describe('Avatar hash of the user who created the deployment.'),
});

const lambda = z.looseObject({
  id: z.string().optional().describe('Identifier of the build that produced this function.'),
  createdAt: z.number().optional().describe('When the build started (ms since epoch).'),
  entrypoint: z.string().nullable().optional().describe('Source file the function was built from.'),
  readyState: openEnum(['BUILDING', 'ERROR', 'INITIALIZING', 'READY'] as const).optional().describe('State of this function build.'),
  readyStateAt: z.number().optional().describe('When the function build reached its current state (ms since epoch).'),
  output: z
    .array(
      z.looseObject({
        path: z.string().describe('Path the function serves.'),
        functionName: z.string().describe('Name of the deployed function.'),
      }),
    )
    .describe('Functions this build produced and the paths they serve.'),
});

const team = z.looseObject({
  id: z.string().describe('Identifier of the team that owns the deployment.'),
  name: z.string().describe('Display name of the team.'),
  avatar: z.string().optional().describe('Avatar hash of the team.'),
  slug: z.string().describe('URL slug of the team.'),
});

const aliasWarning = z
  .looseObject({
    code: z.string().describe('Machine-readable code of the warning.'),
    message: z.string().describe('What the warning is about.'),
    link: z.string().optional().describe('Where to read more about the warning.'),
    action: z.string().optional().describe('What can be done about the warning.'),
  })
  .nullable();

const gitSource = z.looseObject({
  type: openEnum(['github', 'gitlab', 'bitbucket', 'custom'] as const).describe('Git provider the deployment was built from.'),
  repoId: z.union([z.string(), z.number()]).optional().describe('Provider identifier of the repository.'),
  ref: z.string().nullable().optional().describe('Branch or tag that was deployed.'),
  sha: z.string().optional().describe('Commit that was deployed.'),
  prId: z.number().nullable().optional().describe('Pull request the deployment belongs to, if any.'),
});

const project = z.looseObject({
  id: z.string().describe('Identifier of the project.'),
  name: z.string().describe('Name of the project.'),
  framework: z.string().nullable().optional().describe('Framework preset of the project.'),
});

const oidcTokenClaims = z.looseObject({
  iss: z.string().describe('Issuer of the OIDC token.'),
  sub: z.string().describe('Subject of the OIDC token: owner, project and environment.'),
  scope: z.string().describe('Scope the OIDC token is valid for.'),
  aud: z.string().describe('Audience the OIDC token is meant for.'),
  owner: z.string().describe('Slug of the owner of the project.'),
  owner_id: z.string().describe('Identifier of the owner of the project.'),
  project: z.string().describe('Name of the project.'),
  project_id: z.string().describe('Identifier of the project.'),
  environment: z.string().describe('Environment the token was issued for.'),
});

const cron = z.looseObject({
  schedule: z.string().describe('Cron expression of when the job runs.'),
  path: z.string().describe('Path the job requests.'),
});

const routeCondition = z.looseObject({
  type: openEnum(['host', 'header', 'cookie', 'query'] as const).describe('What part of the request is matched.'),
  key: z.string().optional().describe('Name of the header, cookie or query parameter matched.'),
  value: z.unknown().optional().describe('Value or pattern that must match.'),
});

/** A route may also be a `{ handle: "filesystem" }` phase marker, so every key is optional. */
const route = z.looseObject({
  src: z.string().optional().describe('Path pattern the route matches.'),
  dest: z.string().optional().describe('Where a matching request is sent.'),
  headers: z.record(z.string(), z.string()).optional().describe('Headers added to the response.'),
  methods: z.array(z.string()).optional().describe('HTTP methods the route matches.'),
  continue: z.boolean().optional().describe('Whether matching goes on to later routes.'),
  override: z.boolean().optional().describe('Whether the route overrides earlier ones.'),
  caseSensitive: z.boolean().optional().describe('Whether the path pattern is case-sensitive.'),
  check: z.boolean().optional().describe('Whether the destination must exist in the filesystem.'),
  important: z.boolean().optional().describe('Whether the route keeps its headers over later ones.'),
  status: z.number().optional().describe('HTTP status the route answers with.'),
  has: z.array(routeCondition).optional().describe('Conditions a request must meet to match.'),
  missing: z.array(routeCondition).optional().describe('Conditions a request must not meet to match.'),
  locale: z
    .looseObject({
      redirect: z.record(z.string(), z.string()).optional().describe('Locale redirects by language.'),
      cookie: z.string().optional().describe('Cookie that holds the chosen locale.'),
    })
    .optional()
    .describe('Locale detection for the route.'),
  middlewarePath: z.string().optional().describe('Path of the middleware that runs for the route.'),
  middlewareRawSrc: z.array(z.string()).optional().describe('Source patterns of the middleware as written.'),
  middleware: z.number().optional().describe('Index of the middleware that runs for the route.'),
  handle: z.string().optional().describe('Routing phase this entry starts, such as "filesystem".'),
});

const gitRepo = z.looseObject({
  namespace: z.string().optional().describe('Owner or group of the repository.'),
  projectId: z.number().optional().describe('Provider identifier of the repository project.'),
  type: openEnum(['github', 'gitlab', 'bitbucket'] as const).describe('Git provider of the repository.'),
  url: z.string().optional().describe('Web address of the repository.'),
  path: z.string().optional().describe('Full path of the repository at the provider.'),
  defaultBranch: z.string().optional().describe('Default branch of the repository.'),
  name: z.string().optional().describe('Name of the repository.'),
  private: z.boolean().optional().describe('Whether the repository is private.'),
  ownerType: openEnum(['team', 'user'] as const).optional().describe('Whether the repository belongs to a team or a user.'),
});

const microfrontends = z.looseObject({
  isDefaultApp: z.boolean().optional().describe('Whether this project is the default app of its microfrontends group.'),
  defaultRoute: z.string().optional().describe('Route the default app serves.'),
  groupIds: z.array(z.string()).describe('Microfrontends groups the project belongs to.'),
});

const deploymentConfig = z.looseObject({
  version: z.number().optional().describe('Version of this configuration snapshot.'),
  functionType: openEnum(['fluid', 'standard'] as const).describe('Kind of compute the functions run on.'),
  functionMemoryType: openEnum(['standard', 'standard_legacy', 'performance'] as const).describe('Memory class of the functions.'),
  functionTimeout: z.number().nullable().describe('Longest a function may run, in seconds.'),
  secureComputePrimaryRegion: z.string().nullable().describe('Primary region of the Secure Compute network.'),
  secureComputeFallbackRegion: z.string().nullable().describe('Fallback region of the Secure Compute network.'),
});

export const DeploymentSchema = z
  .looseObject({
    // Required fields, in the order of the reference.
    build: z
      .looseObject({ env: z.array(z.string()).describe('Names of the environment variables available while building.') })
      .describe('Build-time settings of the deployment.'),
    env: z.array(z.string()).describe('Names of the environment variables available at run time.'),
    inspectorUrl: z.string().nullable().describe('Page on vercel.com that shows this deployment, its logs and its output.'),
    isInConcurrentBuildsQueue: z.boolean().describe('Whether the build waits because the concurrent builds of the plan are in use.'),
    isInSystemBuildsQueue: z.boolean().describe('Whether the build waits in Vercel\'s own system queue.'),
    projectSettings: projectSettings.describe('Project settings in force when the deployment was created.'),
    aliasAssigned: z.union([z.boolean(), z.number()]).nullable().describe('Whether the deployment\'s aliases have been assigned.'),
    bootedAt: timestamp('When the build machine started (ms since epoch).'),
    buildingAt: timestamp('When the build began (ms since epoch).'),
    buildSkipped: z.boolean().describe('Whether the build was skipped, for example by the ignored build step.'),
    creator: creator.describe('The user who created the deployment.'),
    public: z.boolean().describe('Whether the deployment\'s source and logs are public.'),
    status: readyState.describe('State of the deployment; the same values as readyState.'),
    id: z.string().describe('Unique identifier of the deployment (dpl_…).'),
    createdAt: timestamp('When the deployment was created (ms since epoch).'),
    name: z.string().describe('Name of the project the deployment belongs to.'),
    meta: meta.describe('String metadata attached to the deployment, such as the Git commit, branch and author.'),
    readyState: readyState.describe('Where the deployment is in its life: queued, building, ready, failed or cancelled.'),
    regions: z.array(z.string()).describe('Regions the deployment\'s functions run in.'),
    type: openEnum(['LAMBDAS'] as const).describe('Kind of deployment; always LAMBDAS today.'),
    url: z.string().describe('Unique hostname of the deployment, without a scheme.'),
    version: openNumberEnum([2] as const).describe('Version of the deployment platform; always 2.'),
    createdIn: z.string().describe('Region the deployment was created in.'),
    ownerId: z.string().describe('Identifier of the user or team that owns the deployment.'),
    plan: openEnum(PLANS).describe('Vercel plan of the owner when the deployment was created.'),
    projectId: z.string().describe('Identifier of the project the deployment belongs to.'),
    routes: z.array(route).nullable().describe('Routing table of the deployment, or null when it has none.'),

    // Optional fields.
    aliasAssignedAt: z.union([z.number(), z.boolean()]).nullable().optional().describe('When the aliases were assigned (ms since epoch).'),
    alwaysRefuseToBuild: z.boolean().optional().describe('Whether builds of this deployment are always refused.'),
    buildArtifactUrls: z.array(z.string()).optional().describe('Where the build artifacts can be downloaded.'),
    builds: z
      .array(
        z.looseObject({
          use: z.string().describe('Builder package that builds these files.'),
          src: z.string().optional().describe('Files the builder takes as input.'),
          config: z.record(z.string(), z.unknown()).optional().describe('Options passed to the builder.'),
        }),
      )
      .optional()
      .describe('Builders configured for the deployment (legacy builds configuration).'),
    readyStateReason: z.string().optional().describe('Why the deployment is in its current state, when Vercel says.'),
    integrations: integrations.optional().describe('Integrations that run checks or actions on the deployment.'),
    images: images.optional().describe('Image optimization settings of the deployment.'),
    alias: z.array(z.string()).optional().describe('Domains assigned to the deployment.'),
    initReadyAt: z.number().optional().describe('When the deployment finished initializing (ms since epoch).'),
    isFirstBranchDeployment: z.boolean().optional().describe('Whether this is the first deployment of its branch.'),
    lambdas: z.array(lambda).optional().describe('A partial representation of the builds that produced the deployment\'s functions.'),
    ready: z.number().optional().describe('When the deployment became ready (ms since epoch).'),
    team: team.optional().describe('The team that owns the deployment, when a team does.'),
    userAliases: z.array(z.string()).optional().describe('Aliases the user assigned by hand.'),
    previewCommentsEnabled: z.boolean().optional().describe('Whether comments are enabled on this preview.'),
    ttyBuildLogs: z.boolean().optional().describe('Whether the build logs were captured from a terminal (with colours).'),
    customEnvironment: z.looseObject({}).optional().describe('Custom environment the deployment targets, if any.'),
    aliasError: aliasError.optional().describe('Why assigning the aliases failed, or null.'),
    aliasFinal: z.string().nullable().optional().describe('The alias that was finally assigned.'),
    aliasWarning: aliasWarning.optional().describe('A warning raised while assigning the aliases, or null.'),
    autoAssignCustomDomains: z.boolean().optional().describe('Applies to custom domains only: whether they are assigned automatically (true by default).'),
    automaticAliases: z.array(z.string()).optional().describe('Aliases Vercel assigned automatically, such as the branch URL.'),
    buildErrorAt: z.number().optional().describe('When the build failed (ms since epoch).'),
    checksState: checksState.optional().describe('Progress of the deployment checks.'),
    checksConclusion: checksConclusion.optional().describe('Outcome of the deployment checks.'),
    deletedAt: z.number().nullable().optional().describe('When the deployment was deleted (ms since epoch), or null.'),
    defaultRoute: z.string().optional().describe('Computed field, only present for deployments with a microfrontends configuration.'),
    canceledAt: z.number().optional().describe('When the deployment was cancelled (ms since epoch).'),
    errorCode: z.string().optional().describe('Machine-readable code of the build error.'),
    errorLink: z.string().optional().describe('Where to read more about the build error.'),
    errorMessage: z.string().nullable().optional().describe('What went wrong with the build.'),
    errorStep: z.string().optional().describe('Step of the deployment in which the error happened.'),
    passiveRegions: z
      .array(z.string())
      .optional()
      .describe('Regions functions are deployed to passively (since November 2023): used only when every primary region is out of service.'),
    gitSource: gitSource.optional().describe('The Git commit the deployment was built from.'),
    originCacheRegion: z.string().optional().describe('Region of the origin cache.'),
    project: project.optional().describe('The project the deployment belongs to.'),
    readySubstate: readySubstate
      .optional()
      .describe(
        'Substate when readyState is READY, telling whether the deployment has had production traffic: STAGED never has, ROLLING is gradually receiving it, PROMOTED has.',
      ),
    softDeletedByRetention: z.boolean().optional().describe('Whether the deployment was removed by the project\'s retention policy.'),
    source: openEnum(SOURCES).optional().describe('How the deployment was triggered: Git, the CLI, a redeploy, …'),
    target: target.optional().describe('Environment the deployment is for: production, staging, or null for a preview.'),
    undeletedAt: z.number().optional().describe('When the deployment was restored after deletion (ms since epoch).'),
    oidcTokenClaims: oidcTokenClaims.optional().describe('Claims of the OIDC token issued to the deployment\'s functions.'),
    connectBuildsEnabled: z.boolean().optional().describe('Whether builds run inside the Secure Compute network.'),
    connectConfigurationId: z.string().optional().describe('Secure Compute network the deployment is connected to.'),
    crons: z.array(cron).optional().describe('Cron jobs defined by the deployment.'),
    functions: z.record(z.string(), z.unknown()).nullable().optional().describe('Per-function settings (memory, duration, …) by path pattern.'),
    monorepoManager: z.string().nullable().optional().describe('Monorepo tool detected in the repository, such as turbo or nx.'),
    passiveConnectConfigurationId: z
      .string()
      .optional()
      .describe('Secure Compute network used only for the passive functions (as in passiveRegions), since November 2023.'),
    gitRepo: gitRepo.optional().describe('The Git repository connected to the project.'),
    flags: z
      .union([z.looseObject({ definitions: z.record(z.string(), z.unknown()) }), z.array(z.unknown())])
      .optional()
      .describe('Flags defined in the Build Output API and used by this deployment; the Toolbar reads them.'),
    microfrontends: microfrontends.optional().describe('Microfrontends configuration of the deployment.'),
    config: deploymentConfig
      .optional()
      .describe(
        'Snapshot of the deployment configuration taken when it was created (since February 2025); older deployments may not have it.',
      ),
  })
  .describe('The private representation of a deployment, as returned by Vercel.');

export type Deployment = z.infer<typeof DeploymentSchema>;

// ---------------------------------------------------------------------------
// The deployments list (GET /v6/deployments, GET /v7/deployments)
// ---------------------------------------------------------------------------

/** States a list item may have; lists also show BLOCKED and DELETED deployments. */
export const LIST_READY_STATES = [...READY_STATES, 'BLOCKED', 'DELETED'] as const;

export const DeploymentListItemSchema = z
  .looseObject({
    uid: z.string().describe('Unique identifier of the deployment (dpl_…).'),
    name: z.string().describe('Name of the project the deployment belongs to.'),
    projectId: z.string().optional().describe('Identifier of the project the deployment belongs to.'),
    url: z.string().describe('Unique hostname of the deployment, without a scheme.'),
    created: timestamp('When the deployment was created (ms since epoch).'),
    createdAt: z.number().optional().describe('When the deployment was created (ms since epoch).'),
    state: openEnum(LIST_READY_STATES).optional().describe('Older name of readyState.'),
    readyState: openEnum(LIST_READY_STATES).optional().describe('Where the deployment is in its life: queued, building, ready, failed or cancelled.'),
    readySubstate: readySubstate.optional().describe('Whether a READY deployment has had production traffic.'),
    type: openEnum(['LAMBDAS'] as const).describe('Kind of deployment; always LAMBDAS today.'),
    creator: z
      .looseObject({
        uid: z.string().describe('Identifier of the user who created the deployment.'),
        email: z.string().optional().describe('Email address of the creator.'),
        username: z.string().optional().describe('Username of the creator.'),
        githubLogin: z.string().optional().describe('GitHub login of the creator.'),
        gitlabLogin: z.string().optional().describe('GitLab login of the creator.'),
      })
      .describe('The user who created the deployment.'),
    inspectorUrl: z.string().nullable().describe('Page on vercel.com that shows this deployment.'),
    meta: meta.optional().describe('String metadata attached to the deployment, such as the Git commit and branch.'),
    target: target.optional().describe('Environment: production, staging, or null for a preview.'),
    source: openEnum([...SOURCES, 'drop', 'git-deploy-hook'] as const).optional().describe('How the deployment was triggered.'),
    buildingAt: z.number().optional().describe('When the build began (ms since epoch).'),
    ready: z.number().optional().describe('When the deployment became ready (ms since epoch).'),
    errorCode: z.string().optional().describe('Machine-readable code of the build error.'),
    errorMessage: z.string().nullable().optional().describe('What went wrong with the build.'),
    isRollbackCandidate: z.boolean().nullable().optional().describe('Whether production can be rolled back to this deployment.'),
    checksState: checksState.optional().describe('Progress of the deployment checks.'),
    checksConclusion: checksConclusion.optional().describe('Outcome of the deployment checks.'),
    aliasError: aliasError.optional().describe('Why assigning the aliases failed, or null.'),
  })
  .describe('A deployment as it appears in the deployments list.');

export type DeploymentListItem = z.infer<typeof DeploymentListItemSchema>;

export const PaginationSchema = z.looseObject({
  count: z.number().describe('Number of items in this page.'),
  next: z.number().nullable().describe('Pass as `until` to get the next page; null on the last page.'),
  prev: z.number().nullable().describe('Pass as `since` to get the previous page.'),
});

export type Pagination = z.infer<typeof PaginationSchema>;

export const DeploymentListSchema = z.looseObject({
  deployments: z.array(DeploymentListItemSchema),
  pagination: PaginationSchema,
});

export type DeploymentList = z.infer<typeof DeploymentListSchema>;

// ---------------------------------------------------------------------------
// Errors, user, teams, project, events
// ---------------------------------------------------------------------------

export const ApiErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    invalidToken: z.boolean().optional(),
    limit: z
      .looseObject({
        remaining: z.number().optional(),
        reset: z.number().optional(),
        resetMs: z.number().optional(),
        total: z.number().optional(),
      })
      .optional(),
  }),
});

export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

export const UserSchema = z.looseObject({
  id: z.string(),
  email: z.string().optional(),
  username: z.string(),
  name: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
  defaultTeamId: z.string().nullable().optional(),
  createdAt: z.number().optional(),
});

export const UserResponseSchema = z.looseObject({ user: UserSchema });
export type User = z.infer<typeof UserSchema>;

export const TeamSchema = z.looseObject({
  id: z.string(),
  slug: z.string(),
  name: z.string().nullable(),
  avatar: z.string().nullable().optional(),
  createdAt: z.number().optional(),
});

export const TeamListSchema = z.looseObject({
  teams: z.array(TeamSchema),
  pagination: PaginationSchema.optional(),
});

export type Team = z.infer<typeof TeamSchema>;

export const ProjectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  accountId: z.string(),
  framework: z.string().nullable().optional(),
  nodeVersion: z.string().optional(),
  alias: z.array(z.unknown()).optional(),
});

export type Project = z.infer<typeof ProjectSchema>;

export const EVENT_TYPES = ['command', 'stdout', 'stderr', 'exit', 'deployment-state', 'delimiter', 'fatal'] as const;

export const DeploymentEventSchema = z.looseObject({
  type: openEnum(EVENT_TYPES),
  created: z.number(),
  id: z.string().optional(),
  serial: z.string().optional(),
  deploymentId: z.string().optional(),
  text: z.string().optional(),
  info: z.looseObject({ type: z.string().optional(), name: z.string().optional() }).optional(),
  payload: z.looseObject({}).optional(),
});

export const DeploymentEventListSchema = z.array(DeploymentEventSchema);
export type DeploymentEvent = z.infer<typeof DeploymentEventSchema>;

/** The state a list item or full deployment is in, whichever field carries it. */
export function readyStateOf(d: { readyState?: string | undefined; state?: string | undefined }): string {
  return d.readyState ?? d.state ?? 'UNKNOWN';
}

/** True when the deployment can still be cancelled. */
export function isInProgress(state: string): boolean {
  return isKnown(IN_PROGRESS_STATES, state);
}
