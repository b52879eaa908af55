/**
 * Environment variables of the emulated projects, with Vercel's semantics:
 * types (plain, encrypted, sensitive, system), targets, Preview values of one
 * Git branch, custom environments, decrypting one value, create with and
 * without `upsert` (a key already set for a target is a conflict), edit,
 * remove, and the pull route `vercel env pull` reads. A sensitive value is
 * never given back by any route. Routes are listed in README.md.
 */
import type { Project, World } from './data';
import { Prng } from './prng';

export const ENV_TYPES = ['plain', 'encrypted', 'sensitive', 'system'] as const;
export type EnvType = (typeof ENV_TYPES)[number];
export const STANDARD_TARGETS = ['production', 'preview', 'development'] as const;
export type StandardTarget = (typeof STANDARD_TARGETS)[number];

export interface EnvRecord {
  id: string;
  key: string;
  value: string;
  type: EnvType;
  target: StandardTarget[];
  gitBranch?: string | undefined;
  customEnvironmentIds: string[];
  comment?: string | undefined;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
}

export interface CustomEnvironment {
  id: string;
  slug: string;
}

/** A refusal: the server turns it into `{ error: { code, message, … } }`. */
export class EnvError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Names Vercel keeps for its runtime (its "Reserved Environment Variables"). */
export const RESERVED_KEYS = [
  'AWS_SECRET_KEY',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'NOW_REGION',
  'TZ',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
  '_HANDLER',
];
const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_KEY_LENGTH = 256;
const MAX_VALUE_BYTES = 65_536;

/** What the list gives for an encrypted value it was not asked to decrypt: opaque, never the value. */
function cipherText(record: EnvRecord): string {
  return `enc_${Buffer.from(`${record.id}:${record.updatedAt}`).toString('base64url')}`;
}

interface Seed {
  key: string;
  value: string;
  type: EnvType;
  target: StandardTarget[];
  gitBranch?: string;
  custom?: boolean;
  comment?: string;
}

/** The demo project's variables: every type, every target, a branch override, a custom environment, and values that need escaping. */
const TEAM_SEEDS: readonly Seed[] = [
  { key: 'DATABASE_URL', value: 'postgres://shop:prod-pass@db.internal:5432/shop', type: 'encrypted', target: ['production'] },
  { key: 'DATABASE_URL', value: 'postgres://shop:preview-pass@db-preview.internal:5432/shop', type: 'encrypted', target: ['preview'] },
  { key: 'DATABASE_URL', value: 'postgres://shop:feature@db-checkout.internal:5432/shop', type: 'encrypted', target: ['preview'], gitBranch: 'feat/checkout' },
  { key: 'DATABASE_URL', value: 'postgres://localhost:5432/shop', type: 'encrypted', target: ['development'] },
  { key: 'NEXT_PUBLIC_API_URL', value: 'https://api.example.com', type: 'plain', target: ['production', 'preview', 'development'], comment: 'Public: bundled into the client' },
  { key: 'STRIPE_SECRET_KEY', value: 'sk_live_emulated_0123456789', type: 'sensitive', target: ['production', 'preview'] },
  { key: 'STRIPE_SECRET_KEY', value: 'sk_test_emulated_0123456789', type: 'encrypted', target: ['development'] },
  { key: 'FEATURE_FLAGS', value: '{"checkout":true,\n"beta":"on"}', type: 'plain', target: ['preview', 'development'] },
  { key: 'SESSION_SECRET', value: 'line one\r\nline "two"', type: 'encrypted', target: ['development'] },
  { key: 'VERCEL_ANALYTICS_ID', value: 'emulated-analytics-id', type: 'system', target: ['production', 'preview', 'development'] },
  { key: 'STAGING_BANNER', value: 'You are on staging', type: 'plain', target: [], custom: true },
];

const PERSONAL_SEEDS: readonly Seed[] = [
  { key: 'GREETING', value: 'hello', type: 'plain', target: ['production', 'preview', 'development'] },
];

export class EnvVars {
  private readonly byProject = new Map<string, EnvRecord[]>();
  private readonly customEnvironments = new Map<string, CustomEnvironment[]>();
  private readonly prng: Prng;

  constructor(
    private readonly world: World,
    seed: string | number,
  ) {
    this.prng = new Prng(`${String(seed)}:env`);
    const staging: CustomEnvironment = { id: `env_${this.prng.base62(24)}`, slug: 'staging' };
    this.customEnvironments.set(world.teamProject.id, [staging]);
    this.seed(world.teamProject, TEAM_SEEDS, staging);
    this.seed(world.personalProject, PERSONAL_SEEDS, staging);
  }

  private seed(project: Project, seeds: readonly Seed[], custom: CustomEnvironment): void {
    const created = project.createdAt + 3_600_000;
    const records = seeds.map((s, i) => ({
      id: this.newId(),
      key: s.key,
      value: s.value,
      type: s.type,
      target: [...s.target],
      gitBranch: s.gitBranch,
      customEnvironmentIds: s.custom ? [custom.id] : [],
      comment: s.comment,
      createdAt: created + i * 60_000,
      updatedAt: created + i * 60_000,
      createdBy: this.world.user.uid,
      updatedBy: this.world.user.uid,
    }));
    this.byProject.set(project.id, records);
  }

  private newId(): string {
    return this.prng.base62(16);
  }

  customEnvironmentsOf(project: Project): readonly CustomEnvironment[] {
    return this.customEnvironments.get(project.id) ?? [];
  }

  records(project: Project): EnvRecord[] {
    let list = this.byProject.get(project.id);
    if (!list) {
      list = [];
      this.byProject.set(project.id, list);
    }
    return list;
  }

  /** A record as the API shows it: a sensitive value never, an encrypted one only when decrypting. */
  render(record: EnvRecord, decrypt: boolean): Record<string, unknown> {
    const readable = record.type !== 'sensitive';
    const value = !readable ? '' : record.type === 'encrypted' && !decrypt ? cipherText(record) : record.value;
    return {
      id: record.id,
      key: record.key,
      value,
      type: record.type,
      target: [...record.target],
      ...(record.gitBranch !== undefined ? { gitBranch: record.gitBranch } : {}),
      customEnvironmentIds: [...record.customEnvironmentIds],
      configurationId: null,
      ...(record.comment !== undefined ? { comment: record.comment } : {}),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      createdBy: record.createdBy,
      updatedBy: record.updatedBy,
      decrypted: decrypt && readable && record.type === 'encrypted',
    };
  }

  /** `GET /v10/projects/{idOrName}/env`: `{ envs, pagination }`. */
  list(project: Project, query: URLSearchParams): Record<string, unknown> {
    const target = query.get('target');
    const gitBranch = query.get('gitBranch');
    const customId = this.customId(project, query.get('customEnvironmentId') ?? query.get('customEnvironmentSlug'));
    const decrypt = query.get('decrypt') === 'true';
    if (target !== null && !(STANDARD_TARGETS as readonly string[]).includes(target)) {
      throw new EnvError(400, 'bad_request', `Invalid query parameter \`target\`: "${target}"`);
    }
    const envs = this.records(project)
      .filter((r) => target === null || r.target.includes(target as StandardTarget))
      .filter((r) => gitBranch === null || r.gitBranch === undefined || r.gitBranch === gitBranch)
      .filter((r) => customId === undefined || r.customEnvironmentIds.includes(customId))
      .map((r) => ({ ...this.render(r, decrypt), securityIssues: [] }));
    return { envs, pagination: { count: envs.length, next: null, prev: null } };
  }

  private customId(project: Project, idOrSlug: string | null): string | undefined {
    if (idOrSlug === null || idOrSlug === '') return undefined;
    const found = this.customEnvironmentsOf(project).find((c) => c.id === idOrSlug || c.slug === idOrSlug);
    if (!found) throw new EnvError(404, 'not_found', 'Custom environment not found');
    return found.id;
  }

  find(project: Project, id: string): EnvRecord {
    const record = this.records(project).find((r) => r.id === id);
    if (!record) throw new EnvError(404, 'not_found', `Environment Variable "${id}" not found`);
    return record;
  }

  /** `GET /v1/projects/{idOrName}/env/{id}`: the value decrypted, unless sensitive. */
  get(project: Project, id: string): Record<string, unknown> {
    const record = this.find(project, id);
    return { ...this.render(record, true), decrypted: record.type !== 'sensitive' };
  }

  /** `POST /v10/projects/{idOrName}/env`: one object or an array; `upsert` overwrites a conflicting variable. */
  create(project: Project, body: unknown, upsert: boolean, now: number): { status: number; body: Record<string, unknown> } {
    const items = Array.isArray(body) ? body : [body];
    if (items.length === 0) throw new EnvError(400, 'bad_request', 'The body must hold at least one Environment Variable');
    const created: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const item of items) {
      const wanted = this.validate(project, item, undefined);
      const conflicts = this.conflicts(project, wanted, undefined);
      if (conflicts.length > 0 && !upsert) {
        const error = conflictError(wanted);
        if (!Array.isArray(body)) throw error;
        failed.push({ error: { code: error.code, message: error.message, ...error.extra } });
        continue;
      }
      // Upsert: the new value takes the environments asked for; a variable that held the key there keeps only its other environments.
      for (const other of conflicts) this.giveUp(project, other, wanted);
      const record: EnvRecord = { id: this.newId(), ...wanted, createdAt: now, updatedAt: now, createdBy: this.world.user.uid, updatedBy: this.world.user.uid };
      this.records(project).push(record);
      created.push(this.render(record, false));
    }
    return { status: 201, body: { created: Array.isArray(body) ? created : created[0], failed } };
  }

  /** `PATCH /v9|v10/projects/{idOrName}/env/{id}`. */
  edit(project: Project, id: string, body: unknown, now: number): Record<string, unknown> {
    const record = this.find(project, id);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new EnvError(400, 'bad_request', 'The body must be a JSON object');
    const merged = { ...pick(record), ...(body as Record<string, unknown>) };
    if (record.type === 'sensitive' && merged['type'] !== 'sensitive') {
      throw new EnvError(400, 'bad_request', 'A sensitive Environment Variable cannot be changed to another type');
    }
    const wanted = this.validate(project, merged, record);
    if (this.conflicts(project, wanted, record).length > 0) throw conflictError(wanted);
    Object.assign(record, wanted, { updatedAt: now, updatedBy: this.world.user.uid });
    return this.render(record, false);
  }

  /** `DELETE /v9|v10/projects/{idOrName}/env/{id}`: the removed variable. */
  remove(project: Project, id: string): Record<string, unknown> {
    const record = this.find(project, id);
    const list = this.records(project);
    list.splice(list.indexOf(record), 1);
    return this.render(record, false);
  }

  /**
   * `GET /v3/env/pull/{projectId}/{target}[/{gitBranch}]`: the values a
   * deployment of that target (and branch) gets, as `{ env, buildEnv }`;
   * a branch's own value wins over the general Preview one; a sensitive
   * value is an empty string; Vercel's system variables are added.
   */
  pull(project: Project, target: string, gitBranch: string | undefined): Record<string, unknown> {
    const standard = (STANDARD_TARGETS as readonly string[]).includes(target);
    const customId = standard ? undefined : this.customId(project, target);
    if (gitBranch !== undefined && target !== 'preview') throw new EnvError(400, 'bad_request', 'A Git branch can only be given for the preview target');
    const applies = (r: EnvRecord) => (customId !== undefined ? r.customEnvironmentIds.includes(customId) : r.target.includes(target as StandardTarget));
    const env: Record<string, string> = {};
    const general = this.records(project).filter((r) => applies(r) && r.gitBranch === undefined);
    const branch = gitBranch === undefined ? [] : this.records(project).filter((r) => applies(r) && r.gitBranch === gitBranch);
    for (const r of [...general, ...branch]) env[r.key] = r.type === 'sensitive' ? '' : r.value;
    const vercelEnv = customId !== undefined ? 'preview' : target;
    const system = { VERCEL: '1', VERCEL_ENV: vercelEnv, VERCEL_TARGET_ENV: customId !== undefined ? target : vercelEnv, VERCEL_URL: '' };
    const all = { ...system, ...env };
    return { env: all, buildEnv: { ...all, CI: '1' } };
  }

  private validate(project: Project, raw: unknown, existing: EnvRecord | undefined): Omit<EnvRecord, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new EnvError(400, 'bad_request', 'An Environment Variable must be a JSON object');
    const b = raw as Record<string, unknown>;
    const key = b['key'];
    if (typeof key !== 'string' || key === '') throw new EnvError(400, 'MISSING_KEY', 'The `key` is missing');
    if (key.length > MAX_KEY_LENGTH) throw new EnvError(400, 'KEY_INVALID_LENGTH', `The name must be at most ${MAX_KEY_LENGTH} characters`);
    if (!KEY_PATTERN.test(key)) {
      throw new EnvError(400, 'KEY_INVALID_CHARACTERS', 'The name can only contain letters, digits and underscores, and must not start with a digit');
    }
    if (RESERVED_KEYS.includes(key)) throw new EnvError(400, 'RESERVED_ENV_VARIABLE', `The name ${key} is reserved`);
    const value = b['value'];
    if (typeof value !== 'string') throw new EnvError(400, 'MISSING_VALUE', 'The `value` is missing');
    if (Buffer.byteLength(value) > MAX_VALUE_BYTES) throw new EnvError(400, 'VALUE_INVALID_LENGTH', 'The value is too long (64 KB at most)');
    const type = b['type'] ?? existing?.type ?? 'encrypted';
    if (type === 'system' && existing?.type !== 'system') throw new EnvError(400, 'SYSTEM_ENV_WITH_VALUE', 'System Environment Variables are set by Vercel');
    if (typeof type !== 'string' || !(ENV_TYPES as readonly string[]).includes(type)) throw new EnvError(400, 'VALUE_INVALID_TYPE', `Invalid type "${String(type)}"`);
    const rawTarget = b['target'] ?? [];
    const target = typeof rawTarget === 'string' ? [rawTarget] : rawTarget;
    if (!Array.isArray(target) || target.some((t) => !(STANDARD_TARGETS as readonly unknown[]).includes(t))) {
      throw new EnvError(400, 'bad_request', '`target` must be a list of production, preview and development');
    }
    const customEnvironmentIds = b['customEnvironmentIds'] ?? [];
    if (!Array.isArray(customEnvironmentIds) || customEnvironmentIds.some((c) => typeof c !== 'string')) {
      throw new EnvError(400, 'bad_request', '`customEnvironmentIds` must be a list of ids');
    }
    for (const c of customEnvironmentIds as string[]) {
      if (!this.customEnvironmentsOf(project).some((e) => e.id === c)) throw new EnvError(404, 'not_found', `Custom environment ${c} not found`);
    }
    if (target.length === 0 && customEnvironmentIds.length === 0) throw new EnvError(400, 'MISSING_TARGET', 'At least one environment is required');
    if (type === 'sensitive' && target.includes('development')) {
      throw new EnvError(400, 'bad_request', 'Sensitive Environment Variables cannot be created in the Development environment');
    }
    const gitBranch = b['gitBranch'] === null || b['gitBranch'] === '' ? undefined : b['gitBranch'];
    if (gitBranch !== undefined && (typeof gitBranch !== 'string' || target.length !== 1 || target[0] !== 'preview')) {
      throw new EnvError(400, 'bad_request', 'A Git branch can only be set for a variable of the Preview environment alone');
    }
    const comment = b['comment'];
    if (comment !== undefined && typeof comment !== 'string') throw new EnvError(400, 'bad_request', '`comment` must be a string');
    return {
      key,
      value,
      type: type as EnvType,
      target: [...new Set(target as StandardTarget[])],
      gitBranch: gitBranch as string | undefined,
      customEnvironmentIds: [...new Set(customEnvironmentIds as string[])],
      comment: comment as string | undefined,
    };
  }

  /** Other variables with the same key for one of the same environments (and the same branch). */
  private conflicts(project: Project, wanted: Pick<EnvRecord, 'key' | 'target' | 'gitBranch' | 'customEnvironmentIds'>, self: EnvRecord | undefined): EnvRecord[] {
    return this.records(project).filter(
      (r) =>
        r !== self &&
        r.key === wanted.key &&
        r.gitBranch === wanted.gitBranch &&
        (r.target.some((t) => wanted.target.includes(t)) || r.customEnvironmentIds.some((c) => wanted.customEnvironmentIds.includes(c))),
    );
  }

  private giveUp(project: Project, record: EnvRecord, wanted: Pick<EnvRecord, 'target' | 'customEnvironmentIds'>): void {
    record.target = record.target.filter((t) => !wanted.target.includes(t));
    record.customEnvironmentIds = record.customEnvironmentIds.filter((c) => !wanted.customEnvironmentIds.includes(c));
    if (record.target.length === 0 && record.customEnvironmentIds.length === 0) {
      const list = this.records(project);
      list.splice(list.indexOf(record), 1);
    }
  }
}

function pick(r: EnvRecord): Record<string, unknown> {
  return { key: r.key, value: r.value, type: r.type, target: r.target, gitBranch: r.gitBranch, customEnvironmentIds: r.customEnvironmentIds, comment: r.comment };
}

function conflictError(wanted: Pick<EnvRecord, 'key' | 'target' | 'gitBranch'>): EnvError {
  const where = wanted.target.join(', ') + (wanted.gitBranch ? ` (branch ${wanted.gitBranch})` : '');
  return new EnvError(400, 'ENV_ALREADY_EXISTS', `A variable with the name \`${wanted.key}\` already exists for the target ${where}`, {
    key: wanted.key,
    envVarKey: wanted.key,
    target: wanted.target,
    ...(wanted.gitBranch ? { gitBranch: wanted.gitBranch } : {}),
  });
}
