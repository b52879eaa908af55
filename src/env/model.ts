/**
 * How the Environment Variables view groups a project's variables: one group
 * per environment (Production, Preview, Development, then each custom
 * environment), a variable in every group it applies to, and Preview values
 * of one Git branch under that branch. Pure: no vscode, values never here
 * (the list's schema drops them).
 */
import { ENV_TARGETS, type EnvTarget, type EnvVar } from '../api/envSchemas';

export interface BranchGroup {
  readonly branch: string;
  readonly vars: readonly EnvVar[];
}

export interface EnvGroup {
  /** `production`, `preview`, `development`, or a custom environment's id. */
  readonly target: string;
  readonly custom: boolean;
  /** Sorted by key, then id. */
  readonly vars: readonly EnvVar[];
  /** Preview only: values of one branch, branches sorted. */
  readonly branches: readonly BranchGroup[];
}

/** The standard environments a variable applies to. */
export function targetsOf(env: EnvVar): EnvTarget[] {
  const raw = env.target === undefined ? [] : Array.isArray(env.target) ? env.target : [env.target];
  return ENV_TARGETS.filter((t) => raw.includes(t));
}

function byKey(a: EnvVar, b: EnvVar): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The three standard groups always (so each offers Add and Pull), custom ones when a variable names them. */
export function groupEnvs(envs: readonly EnvVar[]): EnvGroup[] {
  const standard = ENV_TARGETS.map((target) => {
    const applies = envs.filter((e) => targetsOf(e).includes(target));
    const general = applies.filter((e) => !e.gitBranch).sort(byKey);
    const branchNames = [...new Set(applies.map((e) => e.gitBranch).filter((b): b is string => !!b))].sort();
    const branches = branchNames.map((branch) => ({ branch, vars: applies.filter((e) => e.gitBranch === branch).sort(byKey) }));
    return { target, custom: false, vars: general, branches };
  });
  const customIds = [...new Set(envs.flatMap((e) => e.customEnvironmentIds ?? []))].sort();
  const custom = customIds.map((id) => ({ target: id, custom: true, vars: envs.filter((e) => e.customEnvironmentIds?.includes(id)).sort(byKey), branches: [] }));
  return [...standard, ...custom];
}

/** Whether anyone can read the value back: never for a sensitive one, and a system one is Vercel's. */
export function isReadable(env: EnvVar): boolean {
  return env.type !== 'sensitive';
}

/** Whether the person may change or remove it: a system variable belongs to Vercel. */
export function isEditable(env: EnvVar): boolean {
  return env.type !== 'system';
}
