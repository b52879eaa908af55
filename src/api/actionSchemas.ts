/**
 * The schemas of answers only a person's action brings (src/api/actionRequests.ts):
 * teams and projects for linking, an upload, a deletion, the build log's
 * events. Apart from src/api/schemas.ts so that the activation bundle, which
 * holds that one, carries none of them.
 */
import * as z from './zod';
import { doc, openEnum, PaginationSchema, ProjectLinkSchema, lazy } from './schemas';

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

/** `POST /v2/files`: `{}` when Vercel already had the file, else the URLs it was stored at. */
export const UploadedFileSchema = lazy(() =>
  z.looseObject({
    urls: z.optional(z.array(z.string())),
  }),
);

export type UploadedFile = z.infer<ReturnType<typeof UploadedFileSchema>>;

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
