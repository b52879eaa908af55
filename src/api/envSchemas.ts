/**
 * A project's environment variables (`/v10/projects/{idOrName}/env` and
 * friends, `/v3/env/pull/…`), as the SDK's `projectsFilterProjectEnvs`,
 * `projectsGetProjectEnv`, `projectsCreateProjectEnv`,
 * `projectsEditProjectEnv` and `projectsRemoveProjectEnv` describe them.
 *
 * A variable's metadata is a plain `object`, not a tolerant `looseObject`, on
 * purpose: it drops every field it does not name, and it names no value, so
 * a listed value (a plain one comes back in clear) can never ride along into
 * the view, the store or a log. Only {@link EnvValueSchema} and
 * {@link EnvPullSchema} hold values, and only for the one caller that asked.
 *
 * Only the environment feature (src/api/envApi.ts, src/env/) reads these,
 * so they live in the features bundle.
 */
import * as z from './zod';
import { doc, lazy, openEnum } from './schemas';

export const ENV_TYPES = ['plain', 'encrypted', 'sensitive', 'system', 'secret'] as const;
export const ENV_TARGETS = ['production', 'preview', 'development'] as const;
export type EnvTarget = (typeof ENV_TARGETS)[number];

export const EnvVarSchema = lazy(() =>
  z.object({
    id: doc(z.string(), 'Identifier of the variable.'),
    key: doc(z.string(), 'The name, e.g. `DATABASE_URL`.'),
    type: doc(openEnum(ENV_TYPES), '`plain`, `encrypted`, `sensitive` (never readable again), `system` (set by Vercel) or the legacy `secret`.'),
    target: doc(z.optional(z.union([z.array(z.string()), z.string()])), 'The standard environments it applies to.'),
    gitBranch: doc(z.optional(z.nullable(z.string())), 'The one Git branch whose Preview deployments get this value.'),
    customEnvironmentIds: doc(z.optional(z.array(z.string())), 'The custom environments it applies to.'),
    comment: z.optional(z.nullable(z.string())),
    createdAt: z.optional(z.number()),
    updatedAt: z.optional(z.number()),
  }),
);
export type EnvVar = z.infer<ReturnType<typeof EnvVarSchema>>;

/** The list: `{ envs }`, or one variable alone when only one matches. */
export const EnvListSchema = lazy(() => z.union([z.looseObject({ envs: z.array(EnvVarSchema()) }), EnvVarSchema()]));
export type EnvList = z.infer<ReturnType<typeof EnvListSchema>>;

/** The list's variables, whichever shape it came in. */
export function envsOf(list: EnvList): EnvVar[] {
  return 'envs' in list ? list.envs : [list];
}

/** One variable with its value decrypted (`decrypted: false` and an empty value for a sensitive one). */
export const EnvValueSchema = lazy(() =>
  z.object({
    id: z.optional(z.string()),
    type: openEnum(ENV_TYPES),
    value: z.string(),
    decrypted: z.optional(z.boolean()),
  }),
);
export type EnvValue = z.infer<ReturnType<typeof EnvValueSchema>>;

const failedSchema = lazy(() => z.looseObject({ error: z.looseObject({ code: z.optional(z.string()), message: z.optional(z.string()) }) }));

export const EnvCreatedSchema = lazy(() =>
  z.looseObject({
    created: z.optional(z.union([EnvVarSchema(), z.array(EnvVarSchema())])),
    failed: z.optional(z.array(failedSchema())),
  }),
);
export type EnvCreated = z.infer<ReturnType<typeof EnvCreatedSchema>>;

export const EnvRemovedSchema = lazy(() => z.union([EnvVarSchema(), z.array(z.nullable(EnvVarSchema()))]));

/** What `vercel env pull` reads: `KEY: value` of one environment (its `buildEnv` is dropped). */
export const EnvPullSchema = lazy(() => z.object({ env: z.record(z.string(), z.string()) }));

/** What a create sends (`POST /v10/projects/{idOrName}/env`). */
export interface EnvInput {
  readonly key: string;
  readonly value: string;
  readonly type: 'plain' | 'encrypted' | 'sensitive';
  readonly target: readonly EnvTarget[];
  readonly gitBranch?: string | undefined;
  readonly customEnvironmentIds?: readonly string[] | undefined;
  readonly comment?: string | undefined;
}

/** What an edit may change (`PATCH /v9/projects/{idOrName}/env/{id}`). */
export type EnvPatch = Partial<EnvInput>;
