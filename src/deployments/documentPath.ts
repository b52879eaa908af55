/**
 * How a deployment's log is named as a document (a build log
 * `vercel-log:/dpl_…/<label>.log?teamId=…`, a runtime log the same under its
 * own scheme). The first path segment is the deployment; the rest only
 * titles the tab (the commit's first line or the short id), so any label
 * names the same log. Free of `vscode`, so it is unit-tested in plain Node.
 */
import { shortId } from './presentation';
import type { DeploymentRef } from './ref';
import { documentLabel } from '../util/documentLabel';

/** Vercel ids are `dpl_` plus base62; accept any plain token so a future prefix still parses. */
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const TEAM = /^[A-Za-z0-9_-]{1,128}$/;

export function logPath(id: string, label: string): string {
  return `/${id}/${documentLabel(label, shortId(id))}.log`;
}

export function logQuery(teamId: string | undefined): string {
  return teamId ? new URLSearchParams({ teamId }).toString() : '';
}

/** The deployment a log document's path and query name, or undefined when they name none. */
export function refOfLogPath(path: string, query: string): DeploymentRef | undefined {
  const segments = path.split('/');
  // '' before the leading slash, then the id, then at most the label.
  if (segments.length < 2 || segments.length > 3 || segments[0] !== '') return undefined;
  const id = segments[1] ?? '';
  if (!ID.test(id)) return undefined;
  const teamId = new URLSearchParams(query).get('teamId') ?? undefined;
  if (teamId !== undefined && !TEAM.test(teamId)) return undefined;
  return { id, teamId };
}
