/**
 * Whose build problems the Problems panel shows: per linked project, the
 * newest finished deployment of the branch checked out in its folder (the
 * project's newest finished deployment when Git knows no branch), when it
 * failed. Other branches' failures stay out until that branch is checked out
 * or their log is opened. Pure: the activation bundle asks it whether the
 * build-log code is needed at all, and the build problems use it to choose.
 */
import { readyStateOf, type DeploymentListItem } from '../api/schemas';
import type { LinkedProject } from '../workspace/linkFiles';
import { branchOf } from './presentation';
import type { ProjectDeployments } from './store';

export interface ProblemTarget {
  readonly project: ProjectDeployments;
  readonly deployment: DeploymentListItem;
}

function finished(d: DeploymentListItem): boolean {
  const state = readyStateOf(d);
  return state === 'READY' || state === 'ERROR';
}

export function problemTargets(
  projects: readonly ProjectDeployments[],
  currentBranch: (project: LinkedProject) => string | undefined,
): ProblemTarget[] {
  const targets: ProblemTarget[] = [];
  for (const project of projects) {
    const branch = currentBranch(project.project);
    const extra = branch !== undefined && project.branchDeployments?.branch === branch ? project.branchDeployments.deployments : [];
    const candidates = [...project.latest, ...extra]
      .filter((d) => finished(d) && (branch === undefined || branchOf(d) === branch))
      .sort((a, b) => b.created - a.created);
    const newest = candidates[0];
    if (newest && readyStateOf(newest) === 'ERROR') targets.push({ project, deployment: newest });
  }
  return targets;
}
