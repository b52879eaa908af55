/**
 * The files `vercel link` writes, and what they say about which Vercel
 * projects a folder deploys to. Pure: no vscode import, so it is unit-tested
 * in plain Node.
 */
import * as z from 'zod/mini';
import { doc, lazy } from '../api/schemas';
import { formatPath } from '../api/errors';

const nonEmpty = () => z.string().check(z.minLength(1));

/** `.vercel/project.json`; after `vercel pull` in a repo-linked monorepo it may hold only `settings`. */
export const ProjectJsonSchema = lazy(() =>
  z.looseObject({
    projectId: doc(z.optional(nonEmpty()), 'Identifier of the linked Vercel project (prj_…).'),
    orgId: doc(z.optional(nonEmpty()), 'Owner of the project: a team id (team_…) or the user id.'),
    projectName: doc(z.optional(z.string()), 'Name of the linked project.'),
    settings: z.optional(z.record(z.string(), z.unknown())),
  }),
);

/** `.vercel/repo.json` at the git root of a monorepo linked with `vercel link --repo`. */
export const RepoJsonSchema = lazy(() =>
  z.looseObject({
    remoteName: z.optional(z.string()),
    orgId: doc(z.optional(nonEmpty()), 'Deprecated: owner of every project, when a project names none.'),
    projects: z.array(
      z.looseObject({
        id: nonEmpty(),
        name: z.optional(z.string()),
        directory: z.string(),
        orgId: z.optional(nonEmpty()),
      }),
    ),
  }),
);

export interface LinkedProject {
  /** Stable key: owner and project id. */
  readonly key: string;
  readonly projectId: string;
  readonly orgId: string | undefined;
  /** The team that owns the project, when `orgId` names a team; undefined for a personal project. */
  readonly teamId: string | undefined;
  readonly name: string | undefined;
  /** Absolute path (forward slashes) of the folder that deploys as this project. */
  readonly directory: string;
  /** The link file this came from (its path, for people to read). */
  readonly file: string;
  /**
   * `scheme://authority` of both when they are not local files (a browser's
   * virtual repository on github.dev, a remote seen from a web worker);
   * absent for `file`. src/workspace/projectUris.ts turns them into URIs.
   */
  readonly origin?: string;
}

export type LinkParse =
  | { readonly ok: true; readonly projects: readonly LinkedProject[] }
  | { readonly ok: false; readonly file: string; readonly message: string };

function teamOf(orgId: string | undefined): string | undefined {
  return orgId?.startsWith('team_') ? orgId : undefined;
}

function makeProject(projectId: string, orgId: string | undefined, name: string | undefined, directory: string, file: string, origin: string | undefined): LinkedProject {
  return { key: `${orgId ?? ''}/${projectId}`, projectId, orgId, teamId: teamOf(orgId), name, directory, file, ...(origin === undefined ? {} : { origin }) };
}

function parseJson(text: string, file: string): { ok: true; value: unknown } | { ok: false; file: string; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, file, message: error instanceof Error ? error.message : String(error) };
  }
}

function schemaProblem(file: string, error: z.core.$ZodError): { ok: false; file: string; message: string } {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? `${formatPath(first.path)}: ` : '';
  return { ok: false, file, message: `${where}${first?.message ?? 'invalid'}` };
}

/**
 * Reads `.vercel/project.json` of `directory`. A file with no `projectId`
 * (written by `vercel pull` in a repo-linked monorepo) links nothing by itself.
 */
export function parseProjectJson(text: string, file: string, directory: string, origin?: string): LinkParse {
  const json = parseJson(text, file);
  if (!json.ok) {
    return json;
  }
  const parsed = ProjectJsonSchema().safeParse(json.value);
  if (!parsed.success) {
    return schemaProblem(file, parsed.error);
  }
  const { projectId, orgId, projectName } = parsed.data;
  return { ok: true, projects: projectId ? [makeProject(projectId, orgId, projectName, directory, file, origin)] : [] };
}

/** Reads `.vercel/repo.json` found in `repoRoot`: one project for each listed directory. */
export function parseRepoJson(text: string, file: string, repoRoot: string, origin?: string): LinkParse {
  const json = parseJson(text, file);
  if (!json.ok) {
    return json;
  }
  const parsed = RepoJsonSchema().safeParse(json.value);
  if (!parsed.success) {
    return schemaProblem(file, parsed.error);
  }
  const root = trimSlash(repoRoot);
  return {
    ok: true,
    projects: parsed.data.projects.map((p) =>
      makeProject(p.id, p.orgId ?? parsed.data.orgId, p.name, joinPath(root, p.directory), file, origin),
    ),
  };
}

/**
 * The projects a workspace folder shows, from every link file found in or
 * above it. A folder's own `project.json` wins over a `repo.json` entry for
 * the same directory; a `repo.json` above the folder contributes only the
 * projects whose directory overlaps it. The same project is listed once.
 */
export function resolveLinkedProjects(folder: string, found: readonly LinkedProject[]): LinkedProject[] {
  const root = trimSlash(folder);
  const byDirectory = new Map<string, LinkedProject>();
  for (const project of found) {
    if (!overlaps(root, project.directory)) {
      continue;
    }
    const existing = byDirectory.get(project.directory);
    if (!existing || (isProjectJson(project.file) && !isProjectJson(existing.file))) {
      byDirectory.set(project.directory, project);
    }
  }
  const seen = new Set<string>();
  const result: LinkedProject[] = [];
  for (const project of [...byDirectory.values()].sort((a, b) => a.directory.localeCompare(b.directory))) {
    if (!seen.has(project.key)) {
      seen.add(project.key);
      result.push(project);
    }
  }
  return result;
}

function isProjectJson(file: string): boolean {
  return /[\\/]project\.json$/.test(file);
}

function overlaps(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/** True when `child` is `parent` or below it. */
export function isWithin(child: string, parent: string): boolean {
  const c = trimSlash(child);
  const p = trimSlash(parent);
  return c === p || c.startsWith(p.endsWith('/') ? p : `${p}/`);
}

function trimSlash(path: string): string {
  const forward = path.replace(/\\/g, '/');
  return forward.length > 1 ? forward.replace(/\/+$/, '') : forward;
}

function joinPath(root: string, relative: string): string {
  const parts = root.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/') || '/';
}
