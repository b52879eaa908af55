/**
 * The Deployments view as plain data, and what changed between two looks at
 * it. The tree provider draws nodes from this model and tells VS Code about
 * the changed elements only, so a poll that brings nothing new redraws
 * nothing (a hovered tooltip stays open, a context menu stays on its row).
 * Pure: no `vscode` import, unit-tested in Node.
 */
import { VercelApiError, type VercelError } from '../api/errors';
import type { DeploymentListItem } from '../api/schemas';
import type { LinkedProject } from '../workspace/linkFiles';
import { formatRelative } from '../util/time';
import { rowModel, type RowModel } from './presentation';
import type { ProjectDeployments } from './store';

interface NodeBase {
  /** Stable across looks: VS Code keeps selection, focus and expansion by it. */
  readonly id: string;
  /** Equal signatures draw the same row. */
  readonly signature: string;
}

export interface ProjectModel extends NodeBase {
  readonly kind: 'project';
  readonly state: ProjectDeployments;
  readonly children: readonly NodeModel[];
}

export interface DeploymentModel extends NodeBase {
  readonly kind: 'deployment';
  readonly project: LinkedProject;
  readonly deployment: DeploymentListItem;
  readonly row: RowModel;
}

export interface LoadMoreModel extends NodeBase {
  readonly kind: 'loadMore';
  readonly projectKey: string;
  readonly loading: boolean;
}

export type MessageModel = NodeBase & { readonly kind: 'message' } & (
    | {
        readonly variant: 'staleError';
        readonly state: ProjectDeployments;
        /** "5 minutes ago": when the rows below were last refreshed. */
        readonly since: string | undefined;
      }
    | { readonly variant: 'loading' | 'empty'; readonly projectKey: string }
    | { readonly variant: 'linkProblem'; readonly file: string; readonly message: string }
    | {
        /** A link the token cannot see, then the two ways out: link again, or sign in as someone who can see it. */
        readonly variant: 'brokenLink' | 'relink' | 'otherAccount';
        readonly project: LinkedProject;
        readonly account: string | undefined;
        readonly reason: string;
      }
  );

export type NodeModel = ProjectModel | DeploymentModel | LoadMoreModel | MessageModel;

export interface TreeInput {
  readonly signedIn: boolean | undefined;
  readonly problems: readonly { readonly file: string; readonly message: string }[];
  readonly projects: readonly ProjectDeployments[];
  /** Who is signed in (username), once Vercel said. */
  readonly account?: string | undefined;
  readonly now: number;
  readonly locale: string;
}

/**
 * The rows at the root: with one project its deployments, with several one
 * root per project. Signed out (or not yet known), nothing: the welcome view
 * shows instead.
 */
export function layoutTree(input: TreeInput): readonly NodeModel[] {
  if (input.signedIn !== true) {
    return [];
  }
  const problems: NodeModel[] = input.problems.map((p) => ({
    kind: 'message',
    variant: 'linkProblem',
    id: `link:${p.file}`,
    signature: JSON.stringify([p.file, p.message]),
    file: p.file,
    message: p.message,
  }));
  const [only] = input.projects;
  if (input.projects.length === 1 && only) {
    return [...problems, ...projectChildren(only, true, input)];
  }
  return [
    ...problems,
    ...input.projects.map((state): ProjectModel => ({
      kind: 'project',
      id: `project:${state.project.key}`,
      signature: JSON.stringify([state.project, state.error?.message]),
      state,
      children: projectChildren(state, false, input),
    })),
  ];
}

/** With a single project, an empty list has no rows at all, so the welcome content for the view state shows. */
function projectChildren(state: ProjectDeployments, single: boolean, input: TreeInput): NodeModel[] {
  const key = state.project.key;
  const rows: NodeModel[] = [];
  if (state.error && isBrokenLink(state.error)) {
    const base = { kind: 'message', project: state.project, account: input.account, reason: state.error.message } as const;
    const signature = JSON.stringify([state.project, input.account, state.error.message]);
    return [
      { ...base, variant: 'brokenLink', id: `broken:${key}`, signature },
      { ...base, variant: 'relink', id: `relink:${key}`, signature },
      { ...base, variant: 'otherAccount', id: `otherAccount:${key}`, signature },
    ];
  }
  if (state.error) {
    if (single && state.deployments.length === 0) {
      return [];
    }
    const since = state.lastSuccessAt === undefined ? undefined : formatRelative(state.lastSuccessAt, input.now, input.locale);
    rows.push({
      kind: 'message',
      variant: 'staleError',
      id: `error:${key}`,
      signature: JSON.stringify([state.error.kind, state.error.message, since]),
      state,
      since,
    });
  }
  if (state.deployments.length === 0) {
    if (!single) {
      const variant = state.loaded ? 'empty' : 'loading';
      rows.push({ kind: 'message', variant, id: `${variant}:${key}`, signature: variant, projectKey: key });
    }
    return rows;
  }
  for (const deployment of state.deployments) {
    const row = rowModel(deployment, input.now, input.locale, state.production);
    rows.push({
      kind: 'deployment',
      id: deployment.uid,
      signature: JSON.stringify([row, state.project.teamId]),
      project: state.project,
      deployment,
      row,
    });
  }
  if (state.next !== null) {
    rows.push({ kind: 'loadMore', id: `more:${key}`, signature: String(state.loadingMore), projectKey: key, loading: state.loadingMore });
  }
  return rows;
}

/**
 * Vercel says the token cannot see the linked project: it does not exist for
 * this account (404), or it belongs to a team the account is not in (403). A
 * 403 for a refused token is a sign-in problem, not a link problem.
 */
export function isBrokenLink(error: VercelError): boolean {
  return error instanceof VercelApiError && (error.status === 404 || (error.status === 403 && !error.invalidToken));
}

/** What VS Code must be told: nothing, the whole tree, or these elements. */
export type ChangeSet = { readonly kind: 'none' } | { readonly kind: 'all' } | { readonly kind: 'elements'; readonly ids: readonly string[] };

interface Seen {
  readonly signature: string;
  readonly children: string | undefined;
}

function index(nodes: readonly NodeModel[], into = new Map<string, Seen>()): Map<string, Seen> {
  for (const node of nodes) {
    const children = node.kind === 'project' ? node.children : undefined;
    into.set(node.id, { signature: node.signature, children: children && idsOf(children) });
    if (children) {
      index(children, into);
    }
  }
  return into;
}

function idsOf(nodes: readonly NodeModel[]): string {
  return nodes.map((n) => n.id).join('\n');
}

/**
 * Which elements changed from `before` to `after`. A new, removed or moved
 * row at the root needs the whole tree; one under a project needs that
 * project; otherwise only the rows whose signature changed are redrawn.
 */
export function changeSet(before: readonly NodeModel[] | undefined, after: readonly NodeModel[]): ChangeSet {
  if (before === undefined || idsOf(before) !== idsOf(after)) {
    return { kind: 'all' };
  }
  const old = index(before);
  const ids: string[] = [];
  for (const [id, seen] of index(after)) {
    const was = old.get(id);
    // A row new under a project arrives with its project's children.
    if (was && (was.signature !== seen.signature || was.children !== seen.children)) {
      ids.push(id);
    }
  }
  return ids.length === 0 ? { kind: 'none' } : { kind: 'elements', ids };
}

/** Every deployment row of a layout, at any depth. */
export function deploymentRows(nodes: readonly NodeModel[]): DeploymentModel[] {
  return nodes.flatMap((n) => (n.kind === 'deployment' ? [n] : n.kind === 'project' ? deploymentRows(n.children) : []));
}
