/**
 * The full deployment (GET /v13/deployments/{idOrUrl}, PATCH
 * /v12/deployments/{id}/cancel, POST /v13/deployments), every field
 * documented: the details panel's outline and the JSON document's hovers read
 * this documentation. It is the largest schema by far and a window's first
 * paint never needs it (the list has its own), so it is built on first use
 * and, in the release, lives in the features bundle: esbuild.mjs gives the
 * activation bundle a stand-in whose deploymentSchema() loads it from there.
 */
import * as z from './zod';
import {
  aliasError,
  checksConclusion,
  checksState,
  doc,
  meta,
  openEnum,
  openNumberEnum,
  PLANS,
  readyState,
  readySubstate,
  SOURCES,
  target,
  timestamp,
} from './schemas';

/**
 * The full deployment schema is the largest by far and start-up never needs it
 * (the list has its own), so it is built on first use.
 */
function buildDeploymentSchema() {
  const speedInsights = z.looseObject({
    id: doc(z.string(), 'Identifier of the Speed Insights configuration.'),
    enabledAt: doc(z.optional(z.number()), 'When Speed Insights was switched on (ms since epoch).'),
    disabledAt: doc(z.optional(z.number()), 'When Speed Insights was switched off (ms since epoch).'),
    canceledAt: doc(z.optional(z.number()), 'When the Speed Insights subscription was cancelled (ms since epoch).'),
    hasData: doc(z.optional(z.boolean()), 'Whether any Speed Insights data has been collected.'),
    paidAt: doc(z.optional(z.number()), 'When Speed Insights was first paid for (ms since epoch).'),
  });

  const webAnalytics = z.looseObject({
    id: doc(z.string(), 'Identifier of the Web Analytics configuration.'),
    disabledAt: doc(z.optional(z.number()), 'When Web Analytics was switched off (ms since epoch).'),
    canceledAt: doc(z.optional(z.number()), 'When the Web Analytics subscription was cancelled (ms since epoch).'),
    enabledAt: doc(z.optional(z.number()), 'When Web Analytics was switched on (ms since epoch).'),
    hasData: doc(z.optional(z.boolean()), 'Whether any Web Analytics data has been collected.'),
  });

  const projectSettings = z.looseObject({
    buildCommand: doc(z.optional(z.nullable(z.string())), 'Command that builds the project, overriding the framework default.'),
    devCommand: doc(z.optional(z.nullable(z.string())), 'Command that starts the local development server.'),
    framework: doc(z.optional(z.nullable(z.string())), 'Framework preset the project is built with, for example "nextjs" or "blitzjs".'),
    commandForIgnoringBuildStep: doc(z.optional(z.nullable(z.string())), 'Shell command whose exit code decides whether a new build is skipped.'),
    installCommand: doc(z.optional(z.nullable(z.string())), 'Command that installs dependencies before the build.'),
    outputDirectory: doc(z.optional(z.nullable(z.string())), 'Folder, relative to the root, that holds the build output.'),
    speedInsights: doc(z.optional(speedInsights), 'Speed Insights settings of the project at deployment time.'),
    webAnalytics: doc(z.optional(webAnalytics), 'Web Analytics settings of the project at deployment time.'),
  });

  const integrations = z.looseObject({
    status: doc(openEnum(['error', 'skipped', 'pending', 'ready'] as const), 'Overall state of the integrations that run on this deployment.'),
    startedAt: doc(z.number(), 'When the integrations started running (ms since epoch).'),
    completedAt: doc(z.optional(z.number()), 'When all integrations finished (ms since epoch).'),
    skippedAt: doc(z.optional(z.number()), 'When the integrations were skipped (ms since epoch).'),
    skippedBy: doc(z.optional(z.string()), 'Who or what skipped the integrations.'),
  });

  const remotePattern = z.looseObject({
    protocol: doc(z.optional(openEnum(['http', 'https'] as const)), 'Protocol remote images must use.'),
    hostname: doc(z.string(), 'Host remote images may be loaded from; wildcards allowed.'),
    port: doc(z.optional(z.string()), 'Port remote images must use.'),
    pathname: doc(z.optional(z.string()), 'Path pattern remote images must match.'),
    search: doc(z.optional(z.string()), 'Query string remote images must match.'),
  });

  const localPattern = z.looseObject({
    pathname: doc(z.optional(z.string()), 'Path pattern local images must match.'),
    search: doc(z.optional(z.string()), 'Query string local images must match.'),
  });

  const images = z.looseObject({
    sizes: doc(z.optional(z.array(z.number())), 'Widths, in pixels, the image optimizer may produce.'),
    qualities: doc(z.optional(z.array(z.number())), 'Quality levels the image optimizer allows.'),
    domains: doc(z.optional(z.array(z.string())), 'Hosts whose images may be optimized.'),
    remotePatterns: doc(z.optional(z.array(remotePattern)), 'URL patterns of remote images that may be optimized.'),
    localPatterns: doc(z.optional(z.array(localPattern)), 'Path patterns of local images that may be optimized.'),
    minimumCacheTTL: doc(z.optional(z.number()), 'Shortest time, in seconds, an optimized image is cached.'),
    formats: doc(z.optional(z.array(openEnum(['image/avif', 'image/webp'] as const))), 'Output formats the optimizer may serve.'),
    dangerouslyAllowSVG: doc(z.optional(z.boolean()), 'Whether SVG images are optimized too (they can carry scripts).'),
    contentSecurityPolicy: doc(z.optional(z.string()), 'Content-Security-Policy header sent with optimized images.'),
    contentDispositionType: doc(z.optional(openEnum(['inline', 'attachment'] as const)), 'Content-Disposition type sent with optimized images.'),
  });

  const creator = z.looseObject({
    uid: doc(z.string(), 'Identifier of the user who created the deployment.'),
    username: doc(z.optional(z.string()), 'Username of the user who created the deployment.'),
    avatar: doc(z.optional(z.string()), 'Avatar hash of the user who created the deployment.'),
  });

  const lambda = z.looseObject({
    id: doc(z.optional(z.string()), 'Identifier of the build that produced this function.'),
    createdAt: doc(z.optional(z.number()), 'When the build started (ms since epoch).'),
    entrypoint: doc(z.optional(z.nullable(z.string())), 'Source file the function was built from.'),
    readyState: doc(z.optional(openEnum(['BUILDING', 'ERROR', 'INITIALIZING', 'READY'] as const)), 'State of this function build.'),
    readyStateAt: doc(z.optional(z.number()), 'When the function build reached its current state (ms since epoch).'),
    output: doc(
      z.array(
        z.looseObject({
          path: doc(z.string(), 'Path the function serves.'),
          functionName: doc(z.string(), 'Name of the deployed function.'),
        }),
      ),
      'Functions this build produced and the paths they serve.',
    ),
  });

  const team = z.looseObject({
    id: doc(z.string(), 'Identifier of the team that owns the deployment.'),
    name: doc(z.string(), 'Display name of the team.'),
    avatar: doc(z.optional(z.string()), 'Avatar hash of the team.'),
    slug: doc(z.string(), 'URL slug of the team.'),
  });

  const aliasWarning = z.nullable(
    z.looseObject({
      code: doc(z.string(), 'Machine-readable code of the warning.'),
      message: doc(z.string(), 'What the warning is about.'),
      link: doc(z.optional(z.string()), 'Where to read more about the warning.'),
      action: doc(z.optional(z.string()), 'What can be done about the warning.'),
    }),
  );

  const gitSource = z.looseObject({
    type: doc(openEnum(['github', 'gitlab', 'bitbucket', 'custom'] as const), 'Git provider the deployment was built from.'),
    repoId: doc(z.optional(z.union([z.string(), z.number()])), 'Provider identifier of the repository.'),
    ref: doc(z.optional(z.nullable(z.string())), 'Branch or tag that was deployed.'),
    sha: doc(z.optional(z.string()), 'Commit that was deployed.'),
    prId: doc(z.optional(z.nullable(z.number())), 'Pull request the deployment belongs to, if any.'),
  });

  const project = z.looseObject({
    id: doc(z.string(), 'Identifier of the project.'),
    name: doc(z.string(), 'Name of the project.'),
    framework: doc(z.optional(z.nullable(z.string())), 'Framework preset of the project.'),
  });

  const oidcTokenClaims = z.looseObject({
    iss: doc(z.string(), 'Issuer of the OIDC token.'),
    sub: doc(z.string(), 'Subject of the OIDC token: owner, project and environment.'),
    scope: doc(z.string(), 'Scope the OIDC token is valid for.'),
    aud: doc(z.string(), 'Audience the OIDC token is meant for.'),
    owner: doc(z.string(), 'Slug of the owner of the project.'),
    owner_id: doc(z.string(), 'Identifier of the owner of the project.'),
    project: doc(z.string(), 'Name of the project.'),
    project_id: doc(z.string(), 'Identifier of the project.'),
    environment: doc(z.string(), 'Environment the token was issued for.'),
  });

  const cron = z.looseObject({
    schedule: doc(z.string(), 'Cron expression of when the job runs.'),
    path: doc(z.string(), 'Path the job requests.'),
  });

  const routeCondition = z.looseObject({
    type: doc(openEnum(['host', 'header', 'cookie', 'query'] as const), 'What part of the request is matched.'),
    key: doc(z.optional(z.string()), 'Name of the header, cookie or query parameter matched.'),
    value: doc(z.optional(z.unknown()), 'Value or pattern that must match.'),
  });

  /** A route may also be a `{ handle: "filesystem" }` phase marker, so every key is optional. */
  const route = z.looseObject({
    src: doc(z.optional(z.string()), 'Path pattern the route matches.'),
    dest: doc(z.optional(z.string()), 'Where a matching request is sent.'),
    headers: doc(z.optional(z.record(z.string(), z.string())), 'Headers added to the response.'),
    methods: doc(z.optional(z.array(z.string())), 'HTTP methods the route matches.'),
    continue: doc(z.optional(z.boolean()), 'Whether matching goes on to later routes.'),
    override: doc(z.optional(z.boolean()), 'Whether the route overrides earlier ones.'),
    caseSensitive: doc(z.optional(z.boolean()), 'Whether the path pattern is case-sensitive.'),
    check: doc(z.optional(z.boolean()), 'Whether the destination must exist in the filesystem.'),
    important: doc(z.optional(z.boolean()), 'Whether the route keeps its headers over later ones.'),
    status: doc(z.optional(z.number()), 'HTTP status the route answers with.'),
    has: doc(z.optional(z.array(routeCondition)), 'Conditions a request must meet to match.'),
    missing: doc(z.optional(z.array(routeCondition)), 'Conditions a request must not meet to match.'),
    locale: doc(
      z.optional(
        z.looseObject({
          redirect: doc(z.optional(z.record(z.string(), z.string())), 'Locale redirects by language.'),
          cookie: doc(z.optional(z.string()), 'Cookie that holds the chosen locale.'),
        }),
      ),
      'Locale detection for the route.',
    ),
    middlewarePath: doc(z.optional(z.string()), 'Path of the middleware that runs for the route.'),
    middlewareRawSrc: doc(z.optional(z.array(z.string())), 'Source patterns of the middleware as written.'),
    middleware: doc(z.optional(z.number()), 'Index of the middleware that runs for the route.'),
    handle: doc(z.optional(z.string()), 'Routing phase this entry starts, such as "filesystem".'),
  });

  const gitRepo = z.looseObject({
    namespace: doc(z.optional(z.string()), 'Owner or group of the repository.'),
    projectId: doc(z.optional(z.number()), 'Provider identifier of the repository project.'),
    type: doc(openEnum(['github', 'gitlab', 'bitbucket'] as const), 'Git provider of the repository.'),
    url: doc(z.optional(z.string()), 'Web address of the repository.'),
    path: doc(z.optional(z.string()), 'Full path of the repository at the provider.'),
    defaultBranch: doc(z.optional(z.string()), 'Default branch of the repository.'),
    name: doc(z.optional(z.string()), 'Name of the repository.'),
    private: doc(z.optional(z.boolean()), 'Whether the repository is private.'),
    ownerType: doc(z.optional(openEnum(['team', 'user'] as const)), 'Whether the repository belongs to a team or a user.'),
  });

  const microfrontends = z.looseObject({
    isDefaultApp: doc(z.optional(z.boolean()), 'Whether this project is the default app of its microfrontends group.'),
    defaultRoute: doc(z.optional(z.string()), 'Route the default app serves.'),
    groupIds: doc(z.array(z.string()), 'Microfrontends groups the project belongs to.'),
  });

  const deploymentConfig = z.looseObject({
    version: doc(z.optional(z.number()), 'Version of this configuration snapshot.'),
    functionType: doc(openEnum(['fluid', 'standard'] as const), 'Kind of compute the functions run on.'),
    functionMemoryType: doc(openEnum(['standard', 'standard_legacy', 'performance'] as const), 'Memory class of the functions.'),
    functionTimeout: doc(z.nullable(z.number()), 'Longest a function may run, in seconds.'),
    secureComputePrimaryRegion: doc(z.nullable(z.string()), 'Primary region of the Secure Compute network.'),
    secureComputeFallbackRegion: doc(z.nullable(z.string()), 'Fallback region of the Secure Compute network.'),
  });

  return doc(
    z.looseObject({
      // Required fields, in the order of the reference.
      build: doc(
        z.looseObject({ env: doc(z.array(z.string()), 'Names of the environment variables available while building.') }),
        'Build-time settings of the deployment.',
      ),
      env: doc(z.array(z.string()), 'Names of the environment variables available at run time.'),
      inspectorUrl: doc(z.nullable(z.string()), 'Page on vercel.com that shows this deployment, its logs and its output.'),
      isInConcurrentBuildsQueue: doc(z.boolean(), 'Whether the build waits because the concurrent builds of the plan are in use.'),
      isInSystemBuildsQueue: doc(z.boolean(), 'Whether the build waits in Vercel\'s own system queue.'),
      projectSettings: doc(projectSettings, 'Project settings in force when the deployment was created.'),
      aliasAssigned: doc(z.nullable(z.union([z.boolean(), z.number()])), 'Whether the deployment\'s aliases have been assigned.'),
      bootedAt: timestamp('When the build machine started (ms since epoch).'),
      buildingAt: timestamp('When the build began (ms since epoch).'),
      buildSkipped: doc(z.boolean(), 'Whether the build was skipped, for example by the ignored build step.'),
      creator: doc(creator, 'The user who created the deployment.'),
      public: doc(z.boolean(), 'Whether the deployment\'s source and logs are public.'),
      status: doc(readyState(), 'State of the deployment; the same values as readyState.'),
      id: doc(z.string(), 'Unique identifier of the deployment (dpl_…).'),
      createdAt: timestamp('When the deployment was created (ms since epoch).'),
      name: doc(z.string(), 'Name of the project the deployment belongs to.'),
      meta: doc(meta(), 'String metadata attached to the deployment, such as the Git commit, branch and author.'),
      readyState: doc(readyState(), 'Where the deployment is in its life: queued, building, ready, failed or cancelled.'),
      regions: doc(z.array(z.string()), 'Regions the deployment\'s functions run in.'),
      type: doc(openEnum(['LAMBDAS'] as const), 'Kind of deployment; always LAMBDAS today.'),
      url: doc(z.string(), 'Unique hostname of the deployment, without a scheme.'),
      version: doc(openNumberEnum([2] as const), 'Version of the deployment platform; always 2.'),
      createdIn: doc(z.string(), 'Region the deployment was created in.'),
      ownerId: doc(z.string(), 'Identifier of the user or team that owns the deployment.'),
      plan: doc(openEnum(PLANS), 'Vercel plan of the owner when the deployment was created.'),
      projectId: doc(z.string(), 'Identifier of the project the deployment belongs to.'),
      routes: doc(z.nullable(z.array(route)), 'Routing table of the deployment, or null when it has none.'),

      // Optional fields.
      aliasAssignedAt: doc(z.optional(z.nullable(z.union([z.number(), z.boolean()]))), 'When the aliases were assigned (ms since epoch).'),
      alwaysRefuseToBuild: doc(z.optional(z.boolean()), 'Whether builds of this deployment are always refused.'),
      buildArtifactUrls: doc(z.optional(z.array(z.string())), 'Where the build artifacts can be downloaded.'),
      builds: doc(
        z.optional(
          z.array(
            z.looseObject({
              use: doc(z.string(), 'Builder package that builds these files.'),
              src: doc(z.optional(z.string()), 'Files the builder takes as input.'),
              config: doc(z.optional(z.record(z.string(), z.unknown())), 'Options passed to the builder.'),
            }),
          ),
        ),
        'Builders configured for the deployment (legacy builds configuration).',
      ),
      readyStateReason: doc(z.optional(z.string()), 'Why the deployment is in its current state, when Vercel says.'),
      integrations: doc(z.optional(integrations), 'Integrations that run checks or actions on the deployment.'),
      images: doc(z.optional(images), 'Image optimization settings of the deployment.'),
      alias: doc(z.optional(z.array(z.string())), 'Domains assigned to the deployment.'),
      initReadyAt: doc(z.optional(z.number()), 'When the deployment finished initializing (ms since epoch).'),
      isFirstBranchDeployment: doc(z.optional(z.boolean()), 'Whether this is the first deployment of its branch.'),
      lambdas: doc(z.optional(z.array(lambda)), 'A partial representation of the builds that produced the deployment\'s functions.'),
      ready: doc(z.optional(z.number()), 'When the deployment became ready (ms since epoch).'),
      team: doc(z.optional(team), 'The team that owns the deployment, when a team does.'),
      userAliases: doc(z.optional(z.array(z.string())), 'Aliases the user assigned by hand.'),
      previewCommentsEnabled: doc(z.optional(z.boolean()), 'Whether comments are enabled on this preview.'),
      ttyBuildLogs: doc(z.optional(z.boolean()), 'Whether the build logs were captured from a terminal (with colours).'),
      customEnvironment: doc(z.optional(z.looseObject({})), 'Custom environment the deployment targets, if any.'),
      aliasError: doc(z.optional(aliasError()), 'Why assigning the aliases failed, or null.'),
      aliasFinal: doc(z.optional(z.nullable(z.string())), 'The alias that was finally assigned.'),
      aliasWarning: doc(z.optional(aliasWarning), 'A warning raised while assigning the aliases, or null.'),
      autoAssignCustomDomains: doc(z.optional(z.boolean()), 'Applies to custom domains only: whether they are assigned automatically (true by default).'),
      automaticAliases: doc(z.optional(z.array(z.string())), 'Aliases Vercel assigned automatically, such as the branch URL.'),
      buildErrorAt: doc(z.optional(z.number()), 'When the build failed (ms since epoch).'),
      checksState: doc(z.optional(checksState()), 'Progress of the deployment checks.'),
      checksConclusion: doc(z.optional(checksConclusion()), 'Outcome of the deployment checks.'),
      deletedAt: doc(z.optional(z.nullable(z.number())), 'When the deployment was deleted (ms since epoch), or null.'),
      defaultRoute: doc(z.optional(z.string()), 'Computed field, only present for deployments with a microfrontends configuration.'),
      canceledAt: doc(z.optional(z.number()), 'When the deployment was cancelled (ms since epoch).'),
      errorCode: doc(z.optional(z.string()), 'Machine-readable code of the build error.'),
      errorLink: doc(z.optional(z.string()), 'Where to read more about the build error.'),
      errorMessage: doc(z.optional(z.nullable(z.string())), 'What went wrong with the build.'),
      errorStep: doc(z.optional(z.string()), 'Step of the deployment in which the error happened.'),
      passiveRegions: doc(
        z.optional(z.array(z.string())),
        'Regions functions are deployed to passively (since November 2023): used only when every primary region is out of service.',
      ),
      gitSource: doc(z.optional(gitSource), 'The Git commit the deployment was built from.'),
      originCacheRegion: doc(z.optional(z.string()), 'Region of the origin cache.'),
      project: doc(z.optional(project), 'The project the deployment belongs to.'),
      readySubstate: doc(
        z.optional(readySubstate()),
        'Substate when readyState is READY, telling whether the deployment has had production traffic: STAGED never has, ROLLING is gradually receiving it, PROMOTED has.',
      ),
      softDeletedByRetention: doc(z.optional(z.boolean()), 'Whether the deployment was removed by the project\'s retention policy.'),
      source: doc(z.optional(openEnum(SOURCES)), 'How the deployment was triggered: Git, the CLI, a redeploy, …'),
      target: doc(z.optional(target()), 'Environment the deployment is for: production, staging, or null for a preview.'),
      undeletedAt: doc(z.optional(z.number()), 'When the deployment was restored after deletion (ms since epoch).'),
      oidcTokenClaims: doc(z.optional(oidcTokenClaims), 'Claims of the OIDC token issued to the deployment\'s functions.'),
      connectBuildsEnabled: doc(z.optional(z.boolean()), 'Whether builds run inside the Secure Compute network.'),
      connectConfigurationId: doc(z.optional(z.string()), 'Secure Compute network the deployment is connected to.'),
      crons: doc(z.optional(z.array(cron)), 'Cron jobs defined by the deployment.'),
      functions: doc(z.optional(z.nullable(z.record(z.string(), z.unknown()))), 'Per-function settings (memory, duration, …) by path pattern.'),
      monorepoManager: doc(z.optional(z.nullable(z.string())), 'Monorepo tool detected in the repository, such as turbo or nx.'),
      passiveConnectConfigurationId: doc(
        z.optional(z.string()),
        'Secure Compute network used only for the passive functions (as in passiveRegions), since November 2023.',
      ),
      gitRepo: doc(z.optional(gitRepo), 'The Git repository connected to the project.'),
      flags: doc(
        z.optional(z.union([z.looseObject({ definitions: z.record(z.string(), z.unknown()) }), z.array(z.unknown())])),
        'Flags defined in the Build Output API and used by this deployment; the Toolbar reads them.',
      ),
      microfrontends: doc(z.optional(microfrontends), 'Microfrontends configuration of the deployment.'),
      config: doc(
        z.optional(deploymentConfig),
        'Snapshot of the deployment configuration taken when it was created (since February 2025); older deployments may not have it.',
      ),
    }),
    'The private representation of a deployment, as returned by Vercel.',
  );
}

let deployment: ReturnType<typeof buildDeploymentSchema> | undefined;

/** The full deployment: GET /v13/deployments/{idOrUrl} and the cancel response. */
export function deploymentSchema(): ReturnType<typeof buildDeploymentSchema> {
  deployment ??= buildDeploymentSchema();
  return deployment;
}

export type Deployment = z.infer<ReturnType<typeof deploymentSchema>>;
