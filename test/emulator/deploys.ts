/**
 * Deploying on the emulated account, as `vercel deploy` and the Git
 * integration's API do it (see the Vercel CLI's bundled `@vercel/client`:
 * upload.ts, deploy.ts, utils/index.ts):
 *
 * - `POST /v2/files` stores a file's bytes by their SHA-1 (`x-now-digest`,
 *   `x-now-size`); a digest Vercel already has answers 200 `{}` as well, a
 *   digest that is not the body's SHA-1 is refused.
 * - `POST /v13/deployments` with `files: [{ file, sha, size, mode }]` (or
 *   inline `data`) creates a deployment when every `sha` is known, otherwise
 *   answers 400 `missing_files` with the digests it lacks (`missing`), which
 *   the CLI uploads before sending the same create again.
 * - `POST /v13/deployments` with `gitSource` (GitHub `repoId` or `org`+`repo`,
 *   GitLab `projectId`, Bitbucket `repoUuid` or `owner`+`slug`; `ref`, `sha?`)
 *   builds a commit of the project's linked repository.
 *
 * Either deployment is QUEUED and builds through the usual states (lifecycle.ts).
 */
import { createHash } from 'node:crypto';
import { insert, newRecord, nextCreated, type DeployedFile, type DeploymentRecord, type Project, type World } from './data';
import { ActionError, type ActionAnswer } from './actions';
import type { Lifecycle } from './lifecycle';
import { toFullDeployment } from './render';

type Json = Record<string, unknown>;

/** Vercel's per-file limit on the Pro plan is far above what a test sends; this only keeps memory bounded. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const badRequest = (message: string, code = 'bad_request') => new ActionError(400, code, message);

/** A refusal that carries more than code and message (`missing_files` lists the digests). */
export class DeployError extends ActionError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly extra: Json,
  ) {
    super(status, code, message);
  }
}

export interface StoredFile {
  readonly sha: string;
  readonly size: number;
  /** How many times this content was sent (a second send of a known digest counts too). */
  uploads: number;
}

export interface UploadAnswer extends ActionAnswer {
  /** False when Vercel already had the digest. */
  readonly stored: boolean;
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

function isSha1(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{40}$/.test(value);
}

export class Deploys {
  /** Content by digest; an account's uploads are shared by all its deployments. */
  readonly files = new Map<string, StoredFile>();
  /** Every create with files or gitSource, in order, as received (for tests). */
  readonly creates: Json[] = [];

  constructor(
    private readonly world: () => World,
    private readonly lifecycle: Lifecycle,
  ) {}

  reset(): void {
    this.files.clear();
    this.creates.length = 0;
  }

  /** `POST /v2/files`: the body's bytes, its digest and size in the headers. */
  upload(headers: { digest: string | undefined; size: string | undefined }, body: Buffer): UploadAnswer {
    const digest = headers.digest?.trim().toLowerCase();
    if (!digest) throw badRequest('File digest missing: send the SHA-1 of the file in `x-now-digest`.', 'missing_digest');
    if (!isSha1(digest)) throw badRequest(`Invalid \`x-now-digest\` "${digest}": expected a SHA-1 in hex.`, 'invalid_digest');
    if (headers.size !== undefined && headers.size.trim() !== '' && Number(headers.size) !== body.length) {
      throw badRequest(`The file size (${body.length}) doesn't match the provided size (${headers.size}).`, 'invalid_file_size');
    }
    const actual = sha1(body);
    if (actual !== digest) {
      throw badRequest(`SHA1 sum of the file (${actual}) doesn't match the provided SHA1 sum (${digest})`, 'invalid_sha');
    }
    const known = this.files.get(digest);
    if (known) {
      known.uploads += 1;
      return { status: 200, body: {}, stored: false };
    }
    this.files.set(digest, { sha: digest, size: body.length, uploads: 1 });
    return { status: 200, body: {}, stored: true };
  }

  /** `POST /v13/deployments` with `files`. */
  createFromFiles(body: Json, project: Project): ActionAnswer {
    const files = body['files'];
    if (!Array.isArray(files) || files.length === 0) throw badRequest('Invalid request: `files` should be a non-empty array.');
    const list: DeployedFile[] = [];
    const missing = new Set<string>();
    const seen = new Set<string>();
    for (const [index, raw] of files.entries()) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest(`Invalid request: \`files[${index}]\` should be an object.`);
      const entry = raw as Json;
      const file = entry['file'];
      if (typeof file !== 'string' || file === '') throw badRequest(`Invalid request: \`files[${index}].file\` should be a string.`);
      if (file.startsWith('/') || file.split('/').some((part) => part === '..' || part === '.' || part === '')) {
        throw badRequest(`Invalid request: \`files[${index}].file\` "${file}" must be a relative path inside the deployment.`);
      }
      if (seen.has(file)) throw badRequest(`Invalid request: the file "${file}" is listed twice.`);
      seen.add(file);
      const mode = typeof entry['mode'] === 'number' ? entry['mode'] : 0o100644;
      if ((mode & 0o170000) === 0o040000 && entry['sha'] === undefined) {
        // A folder whose files were all ignored: the CLI lists it, with its mode and no content; it holds no file.
        continue;
      }
      if (typeof entry['data'] === 'string') {
        // Inline content (the CLI inlines up to ten small .html/.md files).
        const bytes = Buffer.from(entry['data'], entry['encoding'] === 'base64' ? 'base64' : 'utf8');
        const sha = sha1(bytes);
        if (!this.files.has(sha)) this.files.set(sha, { sha, size: bytes.length, uploads: 0 });
        list.push({ file, sha, size: bytes.length, mode });
        continue;
      }
      const sha = entry['sha'];
      if (!isSha1(sha)) throw badRequest(`Invalid request: \`files[${index}].sha\` should be a SHA-1 in hex (got ${JSON.stringify(entry).slice(0, 200)}).`);
      const stored = this.files.get(sha);
      if (!stored) {
        missing.add(sha);
        continue;
      }
      const size = typeof entry['size'] === 'number' ? entry['size'] : stored.size;
      list.push({ file, sha, size, mode });
    }
    if (missing.size > 0) {
      throw new DeployError(400, 'missing_files', 'Missing files', { missing: [...missing] });
    }
    this.creates.push(body);
    const r = this.newDeployment(body, project, 'cli');
    // A CLI deployment carries the meta it was sent, and the branch and commit of its gitMetadata (the CLI sends them from a repository).
    r.meta = { ...gitMeta(body['gitMetadata'], project), ...stringMeta(body['meta']) };
    r.files = list;
    return this.start(r);
  }

  /** `POST /v13/deployments` with `gitSource`: a commit of the project's linked repository. */
  createFromGit(body: Json, project: Project): ActionAnswer {
    const source = body['gitSource'];
    if (typeof source !== 'object' || source === null || Array.isArray(source)) throw badRequest('Invalid request: `gitSource` should be an object.');
    const git = source as Json;
    const ref = git['ref'];
    if (typeof ref !== 'string' || ref === '') throw badRequest('Invalid request: `gitSource.ref` should be a string.');
    const sha = git['sha'];
    if (sha !== undefined && (typeof sha !== 'string' || !/^[0-9a-f]{7,40}$/.test(sha))) throw badRequest('Invalid request: `gitSource.sha` should be a commit SHA.');
    const link = linkOf(project);
    if (!link) {
      throw badRequest(`The project "${project.name}" is not connected to a Git repository. Connect one in its settings, or deploy its files.`, 'missing_git_repository');
    }
    const type = git['type'];
    if (type !== link.type) {
      throw badRequest(`The gitSource type "${String(type)}" does not match the project's Git provider (${String(link.type)}).`, 'incorrect_git_source_info');
    }
    const mismatch = () => badRequest("The provided repository does not match the project's linked repository.", 'incorrect_git_source_info');
    this.creates.push(body);
    const r = this.newDeployment(body, project, 'git');
    const commit = typeof sha === 'string' ? sha : r.meta['githubCommitSha'] ?? '';
    const message = r.meta['githubCommitMessage'] ?? '';
    const author = { name: r.meta['githubCommitAuthorName'] ?? '', login: r.meta['githubCommitAuthorLogin'] ?? '' };
    const meta: Record<string, string> = {};
    switch (type) {
      case 'github': {
        const byId = git['repoId'];
        const byName = git['org'] !== undefined || git['repo'] !== undefined;
        if (byId !== undefined ? String(byId) !== String(link['repoId']) : !byName || git['org'] !== link['org'] || git['repo'] !== link['repo']) throw mismatch();
        Object.assign(meta, {
          githubCommitAuthorName: author.name,
          githubCommitAuthorLogin: author.login,
          githubCommitMessage: message,
          githubCommitOrg: String(link['org']),
          githubCommitRef: ref,
          githubCommitRepo: String(link['repo']),
          githubCommitRepoId: String(link['repoId']),
          githubCommitSha: commit,
          githubDeployment: '1',
          githubOrg: String(link['org']),
          githubRepo: String(link['repo']),
          githubRepoId: String(link['repoId']),
        });
        break;
      }
      case 'gitlab': {
        if (git['projectId'] === undefined || String(git['projectId']) !== String(link['projectId'])) throw mismatch();
        Object.assign(meta, {
          gitlabCommitAuthorName: author.name,
          gitlabCommitAuthorLogin: author.login,
          gitlabCommitMessage: message,
          gitlabCommitRef: ref,
          gitlabCommitSha: commit,
          gitlabDeployment: '1',
          gitlabProjectId: String(link['projectId']),
          gitlabProjectNamespace: String(link['projectNamespace'] ?? ''),
          gitlabProjectPath: String(link['projectNameWithNamespace'] ?? ''),
        });
        r.extra = { gitSource: { type: 'gitlab', projectId: Number(link['projectId']), ref, sha: commit, prId: null } };
        break;
      }
      case 'bitbucket': {
        const byUuid = git['repoUuid'];
        if (byUuid !== undefined ? byUuid !== link['uuid'] : git['owner'] !== link['owner'] || git['slug'] !== link['slug']) throw mismatch();
        Object.assign(meta, {
          bitbucketCommitAuthorName: author.name,
          bitbucketCommitMessage: message,
          bitbucketCommitRef: ref,
          bitbucketCommitSha: commit,
          bitbucketDeployment: '1',
          bitbucketRepoOwner: String(link['owner']),
          bitbucketRepoSlug: String(link['slug']),
          bitbucketRepoUuid: String(link['uuid']),
        });
        r.extra = {
          gitSource: { type: 'bitbucket', ref, sha: commit, owner: link['owner'], slug: link['slug'], workspaceUuid: link['workspaceUuid'], repoUuid: link['uuid'], prId: null },
        };
        break;
      }
      default:
        throw badRequest(`Invalid request: unsupported \`gitSource.type\` "${String(type)}".`);
    }
    r.meta = { ...meta, ...stringMeta(body['meta']) };
    return this.start(r);
  }

  private newDeployment(body: Json, project: Project, source: 'cli' | 'git'): DeploymentRecord {
    const target = body['target'];
    if (target !== undefined && target !== null && target !== 'production' && target !== 'staging') {
      throw badRequest('Invalid request: `target` should be "production", "staging" or a custom environment.');
    }
    const world = this.world();
    const r = newRecord(world, world.later, project, nextCreated(world, Date.now()), { branchBias: 0, creator: world.user });
    r.target = target === 'production' ? 'production' : null;
    r.source = source;
    r.outcome = 'READY';
    return r;
  }

  private start(r: DeploymentRecord): ActionAnswer {
    insert(this.world(), r);
    this.lifecycle.advance(r, Date.now());
    return { status: 200, body: toFullDeployment(r) };
  }
}

/** The project's Git link as the API shows it (the GitHub one from its seed unless the control API changed it). */
export function linkOf(project: Project): Json | null {
  if (project.link !== undefined) return project.link;
  return { type: 'github', org: project.git.org, repo: project.git.repo, repoId: project.git.repoId };
}

/** `gitMetadata` of a create from files as the Git meta Vercel lists the deployment with (GitHub's keys: the emulator's links are GitHub's). */
function gitMeta(value: unknown, project: Project): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const git = value as Json;
  const ref = typeof git['commitRef'] === 'string' ? git['commitRef'] : undefined;
  const sha = typeof git['commitSha'] === 'string' ? git['commitSha'] : undefined;
  if (ref === undefined || sha === undefined) return {};
  return {
    githubCommitRef: ref,
    githubCommitSha: sha,
    ...(typeof git['commitMessage'] === 'string' ? { githubCommitMessage: git['commitMessage'] } : {}),
    githubCommitOrg: project.git.org,
    githubCommitRepo: project.git.repo,
    githubOrg: project.git.org,
    githubRepo: project.git.repo,
    ...(git['dirty'] === true ? { gitDirty: '1' } : {}),
  };
}

function stringMeta(meta: unknown): Record<string, string> {
  if (meta === undefined) return {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta) || Object.values(meta).some((v) => typeof v !== 'string')) {
    throw badRequest('Invalid request: `meta` should be an object of strings.');
  }
  return meta as Record<string, string>;
}
