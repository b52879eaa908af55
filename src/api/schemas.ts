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
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini ships no messages of its own: a broken response should say what was
// expected ("expected number, received string"), not just "Invalid input".
z.config(en());

/** Metadata key under which an open enum keeps its documented values. */
export const KNOWN_VALUES = 'knownValues';

/**
 * A string enum that also accepts values it does not know yet. The documented
 * values stay visible to the JSON Schema export (as the first `anyOf` branch),
 * so editors still offer and explain them.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.union([z.enum(values), z.string()]).register(z.globalRegistry, { [KNOWN_VALUES]: [...values] });
}

/** The numeric counterpart of {@link openEnum}. */
export function openNumberEnum<const T extends readonly [number, ...number[]]>(values: T) {
  const literals = values.map((v) => z.literal(v));
  return z.union([...literals, z.number()]).register(z.globalRegistry, { [KNOWN_VALUES]: [...values] });
}

/** True when `value` is one of the documented values of an open enum. */
export function isKnown<T extends string | number>(known: readonly T[], value: unknown): value is T {
  return (known as readonly unknown[]).includes(value);
}

/**
 * Documents a field. A schema already documented is shared by another field
 * (say `readyState` and `status`), so the text then goes on a clone, which
 * inherits the original's metadata (an open enum's known values). Fresh
 * schemas are documented in place: cloning each would double start-up work.
 */
export function doc<T extends z.ZodMiniType>(schema: T, description: string): T {
  const existing = z.globalRegistry.get(schema);
  const documented = existing?.description === undefined ? schema : schema.clone();
  const entry: z.core.$ZodType = documented;
  z.globalRegistry.add(entry, { ...existing, description });
  return documented;
}

/** The description `doc()` gave a schema, if any. */
export function descriptionOf(schema: z.ZodMiniType): string | undefined {
  const description = z.globalRegistry.get(schema)?.description;
  return typeof description === 'string' ? description : undefined;
}

const timestamp = (text: string) => doc(z.number(), text);

/**
 * A schema built on first use, then kept: building every schema at import
 * was most of the extension's start-up time, and a window may never parse
 * most of them.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

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

const readyState = lazy(() => openEnum(READY_STATES));
const readySubstate = lazy(() => openEnum(READY_SUBSTATES));
/** `null` is a preview deployment: Vercel has no "preview" target value. */
const target = lazy(() => z.nullable(openEnum(TARGETS)));
const checksState = lazy(() => openEnum(CHECKS_STATES));
const checksConclusion = lazy(() => openEnum(CHECKS_CONCLUSIONS));

// ---------------------------------------------------------------------------
// Pieces shared by several shapes
// ---------------------------------------------------------------------------

/** Git metadata is a flat string map (`githubCommitMessage`, `githubCommitRef`, …). */
const meta = lazy(() => z.record(z.string(), z.string()));

const aliasError = lazy(() =>
  z.nullable(
    z.looseObject({
      code: doc(z.string(), 'Machine-readable code of the aliasing failure.'),
      message: doc(z.string(), 'What went wrong while assigning the alias.'),
    }),
  ),
);

// ---------------------------------------------------------------------------
// The full deployment (GET /v13/deployments/{idOrUrl}, PATCH /v12/deployments/{id}/cancel)
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The deployments list (GET /v6/deployments, GET /v7/deployments)
// ---------------------------------------------------------------------------

/** States a list item may have; lists also show BLOCKED and DELETED deployments. */
export const LIST_READY_STATES = [...READY_STATES, 'BLOCKED', 'DELETED'] as const;

export const DeploymentListItemSchema = lazy(() =>
  doc(
    z.looseObject({
      uid: doc(z.string(), 'Unique identifier of the deployment (dpl_…).'),
      name: doc(z.string(), 'Name of the project the deployment belongs to.'),
      projectId: doc(z.optional(z.string()), 'Identifier of the project the deployment belongs to.'),
      url: doc(z.string(), 'Unique hostname of the deployment, without a scheme.'),
      created: timestamp('When the deployment was created (ms since epoch).'),
      createdAt: doc(z.optional(z.number()), 'When the deployment was created (ms since epoch).'),
      state: doc(z.optional(openEnum(LIST_READY_STATES)), 'Older name of readyState.'),
      readyState: doc(z.optional(openEnum(LIST_READY_STATES)), 'Where the deployment is in its life: queued, building, ready, failed or cancelled.'),
      readySubstate: doc(z.optional(readySubstate()), 'Whether a READY deployment has had production traffic.'),
      type: doc(openEnum(['LAMBDAS'] as const), 'Kind of deployment; always LAMBDAS today.'),
      creator: doc(
        z.looseObject({
          uid: doc(z.string(), 'Identifier of the user who created the deployment.'),
          email: doc(z.optional(z.string()), 'Email address of the creator.'),
          username: doc(z.optional(z.string()), 'Username of the creator.'),
          githubLogin: doc(z.optional(z.string()), 'GitHub login of the creator.'),
          gitlabLogin: doc(z.optional(z.string()), 'GitLab login of the creator.'),
        }),
        'The user who created the deployment.',
      ),
      inspectorUrl: doc(z.nullable(z.string()), 'Page on vercel.com that shows this deployment.'),
      meta: doc(z.optional(meta()), 'String metadata attached to the deployment, such as the Git commit and branch.'),
      target: doc(z.optional(target()), 'Environment: production, staging, or null for a preview.'),
      source: doc(z.optional(openEnum([...SOURCES, 'drop', 'git-deploy-hook'] as const)), 'How the deployment was triggered.'),
      buildingAt: doc(z.optional(z.number()), 'When the build began (ms since epoch).'),
      ready: doc(z.optional(z.number()), 'When the deployment became ready (ms since epoch).'),
      errorCode: doc(z.optional(z.string()), 'Machine-readable code of the build error.'),
      errorMessage: doc(z.optional(z.nullable(z.string())), 'What went wrong with the build.'),
      isRollbackCandidate: doc(z.optional(z.nullable(z.boolean())), 'Whether production can be rolled back to this deployment.'),
      checksState: doc(z.optional(checksState()), 'Progress of the deployment checks.'),
      checksConclusion: doc(z.optional(checksConclusion()), 'Outcome of the deployment checks.'),
      aliasError: doc(z.optional(aliasError()), 'Why assigning the aliases failed, or null.'),
    }),
    'A deployment as it appears in the deployments list.',
  ),
);

export type DeploymentListItem = z.infer<ReturnType<typeof DeploymentListItemSchema>>;

export const PaginationSchema = lazy(() =>
  z.looseObject({
    count: doc(z.number(), 'Number of items in this page.'),
    next: doc(z.nullable(z.number()), 'Pass as `until` to get the next page; null on the last page.'),
    prev: doc(z.nullable(z.number()), 'Pass as `since` to get the previous page.'),
  }),
);

export type Pagination = z.infer<ReturnType<typeof PaginationSchema>>;

export const DeploymentListSchema = lazy(() =>
  z.looseObject({
    deployments: z.array(DeploymentListItemSchema()),
    pagination: PaginationSchema(),
  }),
);

export type DeploymentList = z.infer<ReturnType<typeof DeploymentListSchema>>;

// ---------------------------------------------------------------------------
// Errors, user, teams, project, events
// ---------------------------------------------------------------------------

export const ApiErrorBodySchema = lazy(() =>
  z.looseObject({
    error: z.looseObject({
      code: z.optional(z.string()),
      message: z.optional(z.string()),
      invalidToken: z.optional(z.boolean()),
      limit: z.optional(
        z.looseObject({
          remaining: z.optional(z.number()),
          reset: z.optional(z.number()),
          resetMs: z.optional(z.number()),
          total: z.optional(z.number()),
        }),
      ),
    }),
  }),
);

export type ApiErrorBody = z.infer<ReturnType<typeof ApiErrorBodySchema>>;

export const UserSchema = lazy(() =>
  z.looseObject({
    id: z.string(),
    email: z.optional(z.string()),
    username: z.string(),
    name: z.optional(z.nullable(z.string())),
    avatar: z.optional(z.nullable(z.string())),
    defaultTeamId: z.optional(z.nullable(z.string())),
    createdAt: z.optional(z.number()),
  }),
);

export const UserResponseSchema = lazy(() =>
  z.looseObject({ user: UserSchema() }),
);
export type User = z.infer<ReturnType<typeof UserSchema>>;

export const TeamSchema = lazy(() =>
  z.looseObject({
    id: z.string(),
    slug: z.string(),
    name: z.nullable(z.string()),
    avatar: z.optional(z.nullable(z.string())),
    createdAt: z.optional(z.number()),
  }),
);

export const TeamListSchema = lazy(() =>
  z.looseObject({
    teams: z.array(TeamSchema()),
    pagination: z.optional(PaginationSchema()),
  }),
);

export type Team = z.infer<ReturnType<typeof TeamSchema>>;

/** Where a promote or rollback job is; `skipped` and `failed` end it without moving production. */
export const ALIAS_JOB_STATUSES = ['pending', 'in-progress', 'succeeded', 'failed', 'skipped'] as const;
export const ALIAS_REQUEST_TYPES = ['promote', 'rollback'] as const;

/** The deployment a project target points at (`targets.production`), as the project embeds it. */
export const ProjectTargetDeploymentSchema = lazy(() =>
  z.looseObject({
    id: doc(z.string(), 'Identifier of the deployment now serving this target (dpl_…).'),
    url: doc(z.optional(z.string()), 'Unique hostname of that deployment, without a scheme.'),
    readyState: doc(z.optional(openEnum(LIST_READY_STATES)), 'State of that deployment.'),
    alias: doc(z.optional(z.array(z.string())), 'Domains that deployment serves.'),
    createdAt: doc(z.optional(z.number()), 'When that deployment was created (ms since epoch).'),
  }),
);

export const AliasRequestSchema = lazy(() =>
  z.looseObject({
    fromDeploymentId: doc(z.nullable(z.string()), 'The deployment that served production when the request was made.'),
    toDeploymentId: doc(z.string(), 'The deployment production is being moved to.'),
    jobStatus: doc(openEnum(ALIAS_JOB_STATUSES), 'Progress of the job that moves the production domains.'),
    requestedAt: timestamp('When the promote or rollback was requested (ms since epoch).'),
    type: doc(openEnum(ALIAS_REQUEST_TYPES), 'Whether production is being promoted or rolled back.'),
  }),
);

export type AliasRequest = z.infer<ReturnType<typeof AliasRequestSchema>>;

export const ProjectSchema = lazy(() =>
  z.looseObject({
    id: z.string(),
    name: z.string(),
    accountId: z.string(),
    framework: z.optional(z.nullable(z.string())),
    nodeVersion: z.optional(z.string()),
    alias: z.optional(z.array(z.unknown())),
    rootDirectory: doc(z.optional(z.nullable(z.string())), 'Folder of the repository the project is built from, or null for its root.'),
    targets: doc(
      z.optional(z.record(z.string(), z.nullable(ProjectTargetDeploymentSchema()))),
      'The deployment each target (production, …) is served by right now.',
    ),
    lastRollbackTarget: doc(
      z.optional(z.nullable(z.looseObject({}))),
      'Set while production is rolled back: new production deployments do not take the domains until one is promoted.',
    ),
    lastAliasRequest: doc(
      z.optional(z.nullable(AliasRequestSchema())),
      'The latest promote or rollback (asked for with rollbackInfo=true), and how far its job is.',
    ),
    live: doc(z.optional(z.boolean()), 'Whether the project serves production traffic.'),
  }),
);

export type Project = z.infer<ReturnType<typeof ProjectSchema>>;

/** The Git repository a project deploys from; which fields are set depends on the provider (`type`). */
export const ProjectLinkSchema = lazy(() =>
  z.looseObject({
    type: doc(z.optional(z.string()), 'Git provider: github, github-limited, github-custom-host, gitlab, bitbucket, …'),
    host: z.optional(z.string()),
    org: z.optional(z.string()),
    repo: z.optional(z.string()),
    owner: z.optional(z.string()),
    slug: z.optional(z.string()),
    projectUrl: z.optional(z.string()),
    projectNamespace: z.optional(z.string()),
    projectNameWithNamespace: z.optional(z.string()),
  }),
);

/** A project in GET /v10/projects. */
export const ProjectListItemSchema = lazy(() =>
  z.looseObject({
    id: z.string(),
    name: z.string(),
    accountId: z.string(),
    framework: z.optional(z.nullable(z.string())),
    updatedAt: z.optional(z.number()),
    link: z.optional(z.nullable(ProjectLinkSchema())),
  }),
);

export type ProjectListItem = z.infer<ReturnType<typeof ProjectListItemSchema>>;

export const ProjectListSchema = lazy(() =>
  z.looseObject({
    projects: z.array(ProjectListItemSchema()),
    pagination: z.looseObject({
      count: z.number(),
      /** Pass as `from` for the next page: a timestamp, or a continuation token on newer accounts. */
      next: z.nullable(z.union([z.number(), z.string()])),
    }),
  }),
);

export type ProjectList = z.infer<ReturnType<typeof ProjectListSchema>>;

/** The answer to DELETE /v13/deployments/{id}. */
export const DeletedDeploymentSchema = lazy(() =>
  z.looseObject({
    uid: doc(z.string(), 'Identifier of the removed deployment.'),
    state: doc(openEnum(['DELETED'] as const), 'The final state of the deployment.'),
  }),
);

export type DeletedDeployment = z.infer<ReturnType<typeof DeletedDeploymentSchema>>;

export const EVENT_TYPES = ['command', 'stdout', 'stderr', 'exit', 'deployment-state', 'delimiter', 'fatal'] as const;

export const DeploymentEventSchema = lazy(() =>
  z.looseObject({
    type: openEnum(EVENT_TYPES),
    created: z.number(),
    id: z.optional(z.string()),
    serial: z.optional(z.string()),
    deploymentId: z.optional(z.string()),
    text: z.optional(z.string()),
    info: z.optional(z.looseObject({ type: z.optional(z.string()), name: z.optional(z.string()) })),
    payload: z.optional(z.looseObject({})),
  }),
);

export const DeploymentEventListSchema = lazy(() =>
  z.array(DeploymentEventSchema()),
);
export type DeploymentEvent = z.infer<ReturnType<typeof DeploymentEventSchema>>;

/** The state a list item or full deployment is in, whichever field carries it. */
export function readyStateOf(d: { readyState?: string | undefined; state?: string | undefined }): string {
  return d.readyState ?? d.state ?? 'UNKNOWN';
}

/** True when the deployment can still be cancelled. */
export function isInProgress(state: string): boolean {
  return isKnown(IN_PROGRESS_STATES, state);
}
