/**
 * The Deployments view's filter: what a person chose, the API query it
 * becomes (filters go to the API so that paging stays correct), and how it is
 * kept per workspace. Pure (no vscode import): unit-tested in plain Node.
 */
import * as z from 'zod/mini';
import { lazy, LIST_READY_STATES } from '../api/schemas';

export const FilterSchema = lazy(() =>
  z.object({
    /** `preview` = deployments whose target is null. */
    target: z.optional(z.enum(['production', 'preview'])),
    /** readyStates to keep; empty or missing = any. */
    states: z.optional(z.array(z.string().check(z.regex(/^[A-Z_]{1,32}$/)))),
    /** `current`: the branch checked out in the project's folder; `name`: one branch. */
    branch: z.optional(
      z.union([z.object({ kind: z.literal('current') }), z.object({ kind: z.literal('name'), name: z.string().check(z.minLength(1), z.maxLength(255)) })]),
    ),
    /** `me`: deployments created by the signed-in user. */
    author: z.optional(z.literal('me')),
  }),
);

export type DeploymentFilter = z.infer<ReturnType<typeof FilterSchema>>;

/**
 * Whether a command argument is meant as a filter: a plain object with no key
 * a filter lacks. A title-bar button hands over the row that has focus (or
 * null), the palette nothing; those open the picker.
 */
export function isFilterArgument(arg: unknown): boolean {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return false;
  const proto = Object.getPrototypeOf(arg) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.keys(arg).every((key) => FILTER_KEYS.has(key));
}

const FILTER_KEYS = new Set(['target', 'states', 'branch', 'author']);


export const NO_FILTER: DeploymentFilter = {};

export interface FilterContext {
  /** The current branch of the project's repository, when Git knows it. */
  readonly currentBranch?: string | undefined;
  /** The signed-in user's id (`/v2/user`). */
  readonly userId?: string | undefined;
}

/** The list query parameters the filter asks for. */
export interface FilterQuery {
  readonly target?: 'production' | 'preview';
  readonly state?: readonly string[];
  readonly branch?: string;
  readonly users?: string;
}

export function isFiltered(filter: DeploymentFilter): boolean {
  return (
    filter.target !== undefined ||
    (filter.states !== undefined && filter.states.length > 0 && filter.states.length < LIST_READY_STATES.length) ||
    filter.branch !== undefined ||
    filter.author !== undefined
  );
}

export function filterQuery(filter: DeploymentFilter, context: FilterContext): FilterQuery {
  const query: { -readonly [K in keyof FilterQuery]: FilterQuery[K] } = {};
  if (filter.target) query.target = filter.target;
  if (filter.states && filter.states.length > 0 && filter.states.length < LIST_READY_STATES.length) query.state = [...filter.states];
  if (filter.branch?.kind === 'name') query.branch = filter.branch.name;
  // No branch checked out (not a repository, detached HEAD): the filter cannot apply, so it asks for none.
  if (filter.branch?.kind === 'current' && context.currentBranch) query.branch = context.currentBranch;
  if (filter.author === 'me' && context.userId) query.users = context.userId;
  return query;
}

/** The filter read back from workspace state; anything malformed means no filter. */
export function parseFilter(value: unknown): DeploymentFilter {
  const parsed = FilterSchema().safeParse(value);
  return parsed.success ? parsed.data : NO_FILTER;
}

/** Parts of the view's description ("Preview · feat/login"), in the caller's words. */
export function describeFilter(
  filter: DeploymentFilter,
  context: FilterContext,
  words: {
    readonly production: string;
    readonly preview: string;
    readonly me: string;
    readonly currentBranch: string;
    readonly state: (state: string) => string;
  },
): string[] {
  const parts: string[] = [];
  if (filter.target === 'production') parts.push(words.production);
  if (filter.target === 'preview') parts.push(words.preview);
  if (filter.states && filter.states.length > 0 && filter.states.length < LIST_READY_STATES.length) {
    parts.push(filter.states.map(words.state).join(', '));
  }
  if (filter.branch?.kind === 'name') parts.push(filter.branch.name);
  if (filter.branch?.kind === 'current') parts.push(context.currentBranch ?? words.currentBranch);
  if (filter.author === 'me') parts.push(words.me);
  return parts;
}
