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
import { localeError } from './zodLocale';

// zod/mini ships no messages of its own: a broken response should say what was
// expected ("expected number, received string"), not just "Invalid input".
z.config({ localeError });

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

export const timestamp = (text: string) => doc(z.number(), text);

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

export const readyState = lazy(() => openEnum(READY_STATES));
export const readySubstate = lazy(() => openEnum(READY_SUBSTATES));
/** `null` is a preview deployment: Vercel has no "preview" target value. */
export const target = lazy(() => z.nullable(openEnum(TARGETS)));
export const checksState = lazy(() => openEnum(CHECKS_STATES));
export const checksConclusion = lazy(() => openEnum(CHECKS_CONCLUSIONS));

// ---------------------------------------------------------------------------
// Pieces shared by several shapes
// ---------------------------------------------------------------------------

/** Git metadata is a flat string map (`githubCommitMessage`, `githubCommitRef`, …). */
export const meta = lazy(() => z.record(z.string(), z.string()));

export const aliasError = lazy(() =>
  z.nullable(
    z.looseObject({
      code: doc(z.string(), 'Machine-readable code of the aliasing failure.'),
      message: doc(z.string(), 'What went wrong while assigning the alias.'),
    }),
  ),
);

// The full deployment is ./deployment.ts: only the features bundle needs its documentation.

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
      /** With code `missing_files`: the SHA-1 digests of the files a deployment's create lists and Vercel does not have. */
      missing: z.optional(z.array(z.string())),
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
    link: doc(z.optional(z.nullable(ProjectLinkSchema())), 'The Git repository the project deploys from, or null when it has none.'),
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
    /** GitHub's numeric repository id: what `gitSource.repoId` names. */
    repoId: z.optional(z.union([z.number(), z.string()])),
    /** GitLab's project id: what `gitSource.projectId` names. */
    projectId: z.optional(z.union([z.number(), z.string()])),
    /** Bitbucket's repository and workspace UUIDs: `gitSource.repoUuid` and `workspaceUuid`. */
    uuid: z.optional(z.string()),
    workspaceUuid: z.optional(z.string()),
    productionBranch: z.optional(z.string()),
  }),
);

export type ProjectLink = z.infer<ReturnType<typeof ProjectLinkSchema>>;

/** The state a list item or full deployment is in, whichever field carries it. */
export function readyStateOf(d: { readyState?: string | undefined; state?: string | undefined }): string {
  return d.readyState ?? d.state ?? 'UNKNOWN';
}

/** True when the deployment can still be cancelled. */
export function isInProgress(state: string): boolean {
  return isKnown(IN_PROGRESS_STATES, state);
}
