/**
 * Runtime logs as Vercel sends them: the lines of the runtime-logs stream
 * (the official SDK's `getruntimelogsop` model) and the rows of the
 * request-logs history (vercel.com's `/api/logs/request-logs`, which the SDK
 * does not describe; the CLI's `vercel logs` reads it as below).
 *
 * Tolerant readers, built on first use, like every schema here: every field
 * is optional where a missing one still leaves something to show (the SDK
 * requires them all, but a reader that refused a line for a missing `domain`
 * would hide the one line someone is looking for), unknown fields pass, and
 * levels and sources are open enums. Only the features bundle parses these:
 * in the activation bundle this module is a stand-in (esbuild.mjs).
 */
import * as z from './zod';
import { doc, lazy, openEnum } from './schemas';

/** Levels of the SDK's `GetRuntimeLogsLevel`. */
const LEVELS = ['error', 'warning', 'info', 'debug', 'fatal', 'trace'] as const;
/** Sources of the SDK's `GetRuntimeLogsSource`. */
const SOURCES = ['delimiter', 'edge-function', 'edge-middleware', 'serverless', 'request'] as const;

/** One line of `GET /v1/projects/{projectId}/deployments/{deploymentId}/runtime-logs`. */
export const runtimeLogLineSchema = lazy(() =>
  z.looseObject({
    rowId: doc(z.optional(z.string()), 'Identifier of the line; empty on a row that marks a limit being hit.'),
    level: doc(z.optional(openEnum(LEVELS)), 'How severe the line is.'),
    message: doc(z.optional(z.string()), 'What the function printed.'),
    messageTruncated: doc(z.optional(z.boolean()), 'Whether Vercel cut the message short.'),
    source: doc(z.optional(openEnum(SOURCES)), 'What printed it: a serverless or edge function, middleware, the request itself, or a delimiter.'),
    timestampInMs: doc(z.optional(z.number()), 'When it was printed (ms since epoch).'),
    domain: doc(z.optional(z.string()), 'The host the request was sent to.'),
    requestMethod: doc(z.optional(z.string()), 'HTTP method of the request; empty outside a request.'),
    requestPath: doc(z.optional(z.string()), 'Path of the request; empty outside a request.'),
    responseStatusCode: doc(z.optional(z.number()), 'Status the request was answered with; 0 or less when there is none.'),
    requestId: doc(z.optional(z.string()), 'Identifier of the request, when Vercel sends one.'),
  }),
);

export type RuntimeLogLine = z.infer<ReturnType<typeof runtimeLogLineSchema>>;

const requestLogEntry = () =>
  z.looseObject({
    level: z.optional(openEnum(LEVELS)),
    message: z.optional(z.string()),
    messageTruncated: z.optional(z.boolean()),
    timestampInMs: z.optional(z.number()),
  });

/** One request of request-logs, with the lines its functions printed. */
export const requestLogRowSchema = lazy(() =>
  z.looseObject({
    requestId: z.optional(z.string()),
    /** ISO text or ms. */
    timestamp: z.optional(z.union([z.string(), z.number()])),
    deploymentId: z.optional(z.string()),
    requestMethod: z.optional(z.nullable(z.string())),
    requestPath: z.optional(z.nullable(z.string())),
    statusCode: z.optional(z.nullable(z.number())),
    environment: z.optional(z.nullable(z.string())),
    branch: z.optional(z.nullable(z.string())),
    domain: z.optional(z.nullable(z.string())),
    cache: z.optional(z.nullable(z.string())),
    traceId: z.optional(z.nullable(z.string())),
    /** How long the request took, when Vercel says (ms). */
    durationMs: z.optional(z.nullable(z.number())),
    logs: z.optional(z.nullable(z.array(requestLogEntry()))),
    events: z.optional(z.nullable(z.array(z.looseObject({ source: z.optional(z.string()) })))),
  }),
);

export type RequestLogRow = z.infer<ReturnType<typeof requestLogRowSchema>>;

/** The answer of `GET /api/logs/request-logs`. */
export const requestLogsSchema = lazy(() =>
  z.looseObject({
    rows: z.optional(z.nullable(z.array(requestLogRowSchema()))),
    hasMoreRows: z.optional(z.nullable(z.boolean())),
  }),
);

export type RequestLogs = z.infer<ReturnType<typeof requestLogsSchema>>;
