/**
 * The emulated Vercel account: one user, one team with a linked project that
 * has many deployments, and a personal project. Everything is drawn from a
 * seeded generator, so a seed always gives the same ids, commits and states;
 * only the timestamps are relative to the moment the world is built.
 *
 * Records here are the emulator's own model. What the API returns is shaped
 * from them in render.ts, so the list item and the full object can never
 * disagree about a deployment.
 */
import type { LogOverrides } from './events';
import type { RuntimeOverrides } from './runtimeLogs';
import { errorReportOf } from './failures';
import { Prng } from './prng';

export const IN_PROGRESS = ['QUEUED', 'INITIALIZING', 'BUILDING'] as const;
export const FINISHED = ['READY', 'ERROR', 'CANCELED'] as const;
/** States the list filter accepts: the documented ones, BLOCKED and DELETED included. */
export const LIST_STATES = [...IN_PROGRESS, ...FINISHED, 'BLOCKED', 'DELETED'] as const;

export type Outcome = 'READY' | 'ERROR';
export type Source = 'git' | 'cli' | 'redeploy' | 'api-trigger-git-deploy';

export function isInProgress(state: string): boolean {
  return (IN_PROGRESS as readonly string[]).includes(state);
}

/**
 * Where each state begins, as a fraction of a build: a build spends its first
 * tenth queued, the next 15% initializing and the rest building.
 */
export const PHASE_START = { QUEUED: 0, INITIALIZING: 0.1, BUILDING: 0.25, DONE: 1 } as const;

export interface Person {
  uid: string;
  email: string;
  username: string;
  name: string;
  githubLogin: string;
  avatar: string;
  createdAt: number;
}

export interface Team {
  id: string;
  slug: string;
  name: string;
  avatar: string;
  createdAt: number;
}

export interface Project {
  id: string;
  name: string;
  /** The team's id or the user's id. */
  accountId: string;
  /** Team slug or username: the scope part of hostnames and vercel.com paths. */
  ownerSlug: string;
  team: Team | null;
  plan: 'pro' | 'hobby';
  framework: string;
  createdAt: number;
  git: { org: string; repo: string; repoId: number; ownerId: number; ownerType: 'team' | 'user' };
  productionDomains: string[];
  /**
   * The project's Git link as `GET /v9/projects` shows it, when the control
   * API replaced the GitHub one built from `git` (null: no Git link).
   */
  link?: Record<string, unknown> | null;
}

/** Present while timers move the deployment along; `origin` is when its build (queue included) began. */
export interface BuildPlan {
  origin: number;
  buildMs: number;
}

export interface DeploymentRecord {
  id: string;
  buildId: string;
  project: Project;
  url: string;
  created: number;
  /** A string, not a union: the control API may set states Vercel adds later. */
  readyState: string;
  target: 'production' | null;
  source: Source;
  meta: Record<string, string>;
  creator: Person;
  /** When the build machine booted (INITIALIZING began). */
  initAt?: number;
  buildingAt?: number;
  ready?: number;
  buildErrorAt?: number;
  canceledAt?: number;
  readySubstate?: string;
  errorCode?: string;
  errorMessage?: string;
  errorStep?: string;
  /** What the build ends in when it runs to the end on its own. */
  outcome: Outcome;
  plan?: BuildPlan;
  /** Fields merged verbatim into both representations, for tolerant-reader tests. */
  extra?: Record<string, unknown>;
  /** What the control API changed about its build log (events.ts). */
  log?: LogOverrides;
  /** The files it was created from (`POST /v13/deployments` with `files`, deploys.ts). */
  files?: DeployedFile[];
  /** What the control API added to its runtime logs (runtimeLogs.ts). */
  runtime?: RuntimeOverrides;
}

/** One entry of a deployment's file list: its path and which uploaded content it is. */
export interface DeployedFile {
  file: string;
  sha: string;
  size: number;
  mode: number;
}

export interface World {
  user: Person;
  /** The team whose project the emulator links to; first of `teams`. */
  team: Team;
  /** Every team the user belongs to, `team` first. */
  teams: Team[];
  members: Person[];
  teamProject: Project;
  personalProject: Project;
  projects: Project[];
  /** Newest first by `created`, and no two share a `created`. */
  deployments: DeploymentRecord[];
  byId: Map<string, DeploymentRecord>;
  /** Draws for deployments made after start, kept apart from the seeded ones. */
  later: Prng;
  buildMs: number;
}

export interface WorldOptions {
  seed: string | number;
  now: number;
  buildMs: number;
  deploymentCount: number;
  personalDeploymentCount?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// ---------------------------------------------------------------------------
// Text pools. Most read like a real shop's repository: branches with a few
// commits each, merges on main, bots' bumps. A few rows, in fixed places
// (HOSTILE_MESSAGE_SLOTS, HOSTILE_BRANCH_SLOTS), are deliberately hostile:
// unicode, emoji, long and multi-line text, and markup that must stay text
// wherever it is shown.
// ---------------------------------------------------------------------------

const TEAMS = [
  { slug: 'acme-labs', name: 'Acme Labs' },
  { slug: 'northwind', name: 'Northwind Traders' },
  { slug: 'globex', name: 'Globex Corporation' },
  { slug: 'initech', name: 'Initech' },
] as const;

const TEAM_PROJECTS = [
  { name: 'storefront', framework: 'nextjs' },
  { name: 'marketing-site', framework: 'astro' },
  { name: 'dashboard', framework: 'nextjs' },
  { name: 'docs-portal', framework: 'docusaurus-2' },
] as const;

const PERSONAL_PROJECTS = [
  { name: 'blog', framework: 'nextjs' },
  { name: 'portfolio', framework: 'vite' },
  { name: 'playground', framework: 'sveltekit-1' },
] as const;

const PEOPLE = [
  { username: 'ana-lima', name: 'Ana Lima', githubLogin: 'analima' },
  { username: 'jose-muller', name: 'José Müller', githubLogin: 'jmueller' },
  { username: 'li-lei', name: '李雷', githubLogin: 'lilei-dev' },
  { username: 'zoe-oneil', name: 'Zoë O’Neil', githubLogin: 'zoeoneil' },
  { username: 'sam-okafor', name: 'Sam Okafor', githubLogin: 'samokafor' },
  { username: 'noor-haddad', name: 'نور حداد', githubLogin: 'noorh' },
] as const;

const LONG_LINE =
  'chore: bump every dependency in the monorepo to its latest minor version, regenerate the lockfile, ' +
  'update the snapshots that changed because of the new date formatting in Intl.DateTimeFormat, and ' +
  'remove the polyfills we no longer need now that every supported browser ships structuredClone, ' +
  'Array.prototype.at and Object.hasOwn natively (this line is intentionally far longer than any tooltip)';

/** A branch and the commits pushed to it, oldest first. */
interface Topic {
  branch: string;
  commits: readonly string[];
}

/** Work in progress on the demo shop (test/fixtures/demo-workspace): what its preview deployments build. */
export const TOPICS: readonly Topic[] = [
  {
    branch: 'feat/product-reviews',
    commits: [
      'Add star ratings to the product card',
      'Show the review count next to the price',
      'Paginate reviews, ten per page',
      'Let signed-in customers write a review',
      'Address review comments: keep the rating stars accessible',
    ],
  },
  {
    branch: 'fix/cart-rounding',
    commits: ['Round cart totals per line, not on the sum', 'Add a test for JPY totals without minor units', 'Format prices with the cart currency'],
  },
  {
    branch: 'feat/dark-mode',
    commits: ['Add a theme toggle to the header', 'Remember the theme choice across visits', 'Fix contrast of the sale badge in dark mode'],
  },
  {
    branch: 'chore/next-15',
    commits: ['Upgrade next to 15.1.0 and react to 19', 'Move to the async request APIs', 'Fix the params type of the product route'],
  },
  {
    branch: 'feat/checkout-confetti',
    commits: ['Celebrate a completed order with confetti', 'Load canvas-confetti only on the thank-you page', 'Respect prefers-reduced-motion for the confetti'],
  },
  {
    branch: 'fix/header-layout-shift',
    commits: ['Reserve space for the cart badge to stop the layout shift', 'Preload the logo font'],
  },
  {
    branch: 'feat/search-suggestions',
    commits: ['Suggest products while typing in search', 'Debounce search suggestions', 'Highlight the matched part of each suggestion'],
  },
  {
    branch: 'dependabot/npm_and_yarn/eslint-9.17.0',
    commits: ['Bump eslint from 9.16.0 to 9.17.0'],
  },
  {
    branch: 'renovate/typescript-5.x',
    commits: ['Update dependency typescript to v5.7.2'],
  },
];

const TOPIC_COMMITS: ReadonlyArray<readonly [Topic, string]> = TOPICS.flatMap((topic) => topic.commits.map((commit) => [topic, commit] as const));

/** Commits made on main itself, besides the merges of the topics above. */
const MAIN_COMMITS = [
  'Update the README with the local setup steps',
  'Bump the Node.js version to 22.x',
  'Keep the coupon when the quantity changes',
  'Cache product images for a day',
  'Fix the free-shipping threshold for EUR',
  'Add the holiday banner',
  'Remove the holiday banner',
  'Log failed payments with the order id',
  'Tidy up the API routes',
  'Revert "Add experimental edge cache"\n\nThis reverts commit 3f2a9c1.',
  'Release v2.4.0',
] as const;

/**
 * The hostile messages, each given to one seeded deployment of the team
 * project at a fixed place in the list (so every seed has all of them, and
 * the unit tests that look for them always find them).
 */
const HOSTILE_MESSAGES = [
  '<img src=x onerror=alert(1)>',
  'feat(i18n): add Japanese translations — 日本語のローカライズを追加',
  LONG_LINE,
  'Render <script>alert("pwned")</script> safely in product titles',
  '🚀 Release v2.5.0 🎉',
  'Handle Zoë’s naïve café search ☕ edge case',
  'refactor: split the cart store\n\n- move totals into selectors\n- drop the legacy reducer\n\nCo-authored-by: Ana Lima <ana@example.com>',
  '**bold** [click me](javascript:alert(1)) `code` # not a heading',
  'עברית: תיקון כיווניות RTL בתפריט',
  'Ünïcödé everywhere: Ωμέγα, Ёжик, مرحبا, 🇧🇷',
  'wip',
  'Keep ${process.env.SECRET} and {{template}} literal in docs',
  'fix(api): tabs\tin\tlogs and trailing spaces   ',
  'docs: add </textarea><svg onload=alert(document.domain)> to the XSS test page',
  'fix: escape & < > " \' in product titles',
  '👩‍💻 pair session: tidy up the API routes 🧹✨',
] as const;

const HOSTILE_BRANCHES = [
  'fix/<svg-onload=alert(1)>',
  'feat/日本語-docs',
  'experiment/🎉-confetti',
  'feature/a-very-long-branch-name-that-keeps-going-to-test-truncation-in-narrow-views',
] as const;

/** Where the hostile rows sit in the team project's list: one in a screenful, none among the live builds. */
const HOSTILE_MESSAGE_SLOTS = HOSTILE_MESSAGES.map((_, i) => 9 + i * 6);
const HOSTILE_BRANCH_SLOTS = HOSTILE_BRANCHES.map((_, i) => 14 + i * 12);

/** The personal project: a blog or a portfolio. */
const PERSONAL_COMMITS = [
  'New post: what I learned moving to the app router',
  'Fix a typo in the about page',
  'Add an RSS feed',
  'Update dependencies',
  'Draft: notes on edge caching',
  'Compress the hero image',
] as const;

// ---------------------------------------------------------------------------
// Building the world
// ---------------------------------------------------------------------------

function makePerson(prng: Prng, base: (typeof PEOPLE)[number], createdAt: number): Person {
  return {
    uid: prng.base62(24),
    email: `${base.username.replace('-', '.')}@example.com`,
    username: base.username,
    name: base.name,
    githubLogin: base.githubLogin,
    avatar: prng.hex(40),
    createdAt,
  };
}

/** A branch name as Vercel puts it in hostnames: lowercase letters, digits and dashes. */
export function hostLabel(text: string, max = 32): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return label || 'x';
}

export function createWorld(options: WorldOptions): World {
  const root = new Prng(options.seed);
  const people = root.fork('people');
  const now = options.now;

  const teamBase = root.pick(TEAMS);
  const team: Team = {
    id: `team_${root.base62(24)}`,
    slug: teamBase.slug,
    name: teamBase.name,
    avatar: root.hex(40),
    createdAt: now - root.int(200, 900) * 24 * HOUR,
  };

  const members = PEOPLE.map((p) => makePerson(people, p, team.createdAt - people.int(1, 400) * 24 * HOUR));
  const user = members[0] as Person;

  const teamProjectBase = root.pick(TEAM_PROJECTS);
  const teamProject: Project = {
    id: `prj_${root.base62(28)}`,
    name: teamProjectBase.name,
    accountId: team.id,
    ownerSlug: team.slug,
    team,
    plan: 'pro',
    framework: teamProjectBase.framework,
    createdAt: team.createdAt + root.int(1, 30) * 24 * HOUR,
    git: {
      org: team.slug,
      repo: teamProjectBase.name,
      repoId: root.int(100_000_000, 999_999_999),
      ownerId: root.int(1_000_000, 99_999_999),
      ownerType: 'team',
    },
    productionDomains: [`${teamProjectBase.name}.${team.slug}.com`, `www.${teamProjectBase.name}.${team.slug}.com`],
  };

  const personalBase = root.pick(PERSONAL_PROJECTS);
  const personalProject: Project = {
    id: `prj_${root.base62(28)}`,
    name: personalBase.name,
    accountId: user.uid,
    ownerSlug: user.username,
    team: null,
    plan: 'hobby',
    framework: personalBase.framework,
    createdAt: user.createdAt + root.int(1, 30) * 24 * HOUR,
    git: {
      org: user.githubLogin,
      repo: personalBase.name,
      repoId: root.int(100_000_000, 999_999_999),
      ownerId: root.int(1_000_000, 99_999_999),
      ownerType: 'user',
    },
    productionDomains: [`${personalBase.name}-${user.username}.vercel.app`],
  };

  const world: World = {
    user,
    team,
    members,
    teamProject,
    personalProject,
    projects: [teamProject, personalProject],
    deployments: [],
    byId: new Map(),
    later: root.fork('later'),
    buildMs: options.buildMs,
    teams: [team],
  };
  addOtherScopes(world, root.fork('other-scopes'), [teamProjectBase.name, personalBase.name]);

  const seeded = [
    ...seedTeamDeployments(world, root.fork('team-deployments'), options),
    ...seedPersonalDeployments(world, root.fork('personal-deployments'), options),
  ];
  for (const record of seeded) insert(world, record);
  return world;
}

/** More projects, of no deployments, to search and page through */
const MORE_PROJECTS = ['api-gateway', 'design-system', 'status-page', 'checkout-service', 'blog-cms', 'mobile-web', 'edge-config-demo'];

/**
 * The rest of the account, for picking a scope and a project: the main
 * team's other projects, the user's other personal projects, and two more
 * teams with a project each. None has deployments.
 */
function addOtherScopes(world: World, prng: Prng, taken: string[]): void {
  const { team, user } = world;
  const project = (name: string, framework: string, owner: Team | null, createdAt: number): Project => ({
    id: `prj_${prng.base62(28)}`,
    name,
    accountId: owner ? owner.id : user.uid,
    ownerSlug: owner ? owner.slug : user.username,
    team: owner,
    plan: owner ? 'pro' : 'hobby',
    framework,
    createdAt,
    git: {
      org: owner ? owner.slug : user.githubLogin,
      repo: name,
      repoId: prng.int(100_000_000, 999_999_999),
      ownerId: prng.int(1_000_000, 99_999_999),
      ownerType: owner ? 'team' : 'user',
    },
    productionDomains: [owner ? `${name}.${owner.slug}.com` : `${name}-${user.username}.vercel.app`],
  });
  const day = 24 * HOUR;
  const teamNames = [...TEAM_PROJECTS.filter((p) => !taken.includes(p.name)), ...MORE_PROJECTS.map((name) => ({ name, framework: 'nextjs' }))];
  for (const [i, base] of teamNames.entries()) world.projects.push(project(base.name, base.framework, team, team.createdAt + (i + 31) * day + prng.int(0, day)));
  for (const [i, base] of PERSONAL_PROJECTS.filter((p) => !taken.includes(p.name)).entries()) {
    world.projects.push(project(base.name, base.framework, null, user.createdAt + (i + 31) * day + prng.int(0, day)));
  }
  for (const base of TEAMS.filter((t) => t.slug !== team.slug).slice(0, 2)) {
    const other: Team = {
      id: `team_${prng.base62(24)}`,
      slug: base.slug,
      name: base.name,
      avatar: prng.hex(40),
      createdAt: team.createdAt - prng.int(1, 400) * day,
    };
    world.teams.push(other);
    world.projects.push(project(`${base.slug}-site`, 'nextjs', other, other.createdAt + prng.int(1, 30) * day));
  }
}

function seedTeamDeployments(world: World, prng: Prng, options: WorldOptions): DeploymentRecord[] {
  const { now, buildMs } = options;
  const out: DeploymentRecord[] = [];
  // The newest three are mid-build, each at the start of its phase, so each
  // state is visible for a while after start and all finish within buildMs.
  const inProgress: Array<{ state: string; elapsed: number }> = [
    { state: 'QUEUED', elapsed: 0.05 },
    { state: 'INITIALIZING', elapsed: 0.15 },
    { state: 'BUILDING', elapsed: 0.4 },
  ];
  let cursor = now;
  for (let i = 0; i < options.deploymentCount; i++) {
    const live = inProgress[i];
    if (live) {
      const origin = Math.min(now - Math.round(live.elapsed * buildMs), cursor - 1);
      const record = newRecord(world, prng, world.teamProject, origin, { branchBias: 0.5 });
      record.outcome = prng.chance(0.25) ? 'ERROR' : 'READY';
      record.plan = { origin, buildMs };
      progressTo(record, live.state, origin, buildMs);
      out.push(record);
      cursor = origin;
      continue;
    }
    // A first gap of at least ten minutes keeps every finished build in the past.
    cursor -= i === inProgress.length ? prng.int(10 * MINUTE, HOUR) : prng.int(4 * MINUTE, 9 * HOUR);
    const hostileMessage = HOSTILE_MESSAGES[HOSTILE_MESSAGE_SLOTS.indexOf(i)];
    const hostileBranch = HOSTILE_BRANCHES[HOSTILE_BRANCH_SLOTS.indexOf(i)];
    const record = newRecord(world, prng, world.teamProject, cursor, {
      // The newest finished one is main's, live in production: a screenful always shows what serves production.
      branchBias: i === inProgress.length ? 1 : 0.35,
      ...(hostileMessage !== undefined && { message: hostileMessage }),
      ...(hostileBranch !== undefined && { branch: hostileBranch }),
    });
    finishSeeded(record, prng, forcedState(i) ?? weightedFinal(prng));
    out.push(record);
  }
  return out;
}

function seedPersonalDeployments(world: World, prng: Prng, options: WorldOptions): DeploymentRecord[] {
  const out: DeploymentRecord[] = [];
  let cursor = options.now - prng.int(2 * HOUR, 30 * HOUR);
  const count = options.personalDeploymentCount ?? 12;
  for (let i = 0; i < count; i++) {
    const record = newRecord(world, prng, world.personalProject, cursor, { branchBias: 0.6, creator: world.user });
    // The CLI leaves no Git metadata: some personal deployments show that case.
    if (prng.chance(0.25)) {
      record.source = 'cli';
      record.meta = {};
      record.target = prng.chance(0.5) ? 'production' : null;
    }
    finishSeeded(record, prng, i === 0 ? 'READY' : weightedFinal(prng));
    out.push(record);
    cursor -= prng.int(30 * MINUTE, 3 * 24 * HOUR);
  }
  return out;
}

/** Fixed slots just after the live builds guarantee every finished state exists whatever the seed. */
function forcedState(index: number): string | undefined {
  return ({ 3: 'READY', 4: 'ERROR', 6: 'CANCELED' } as Record<number, string>)[index];
}

function weightedFinal(prng: Prng): string {
  const r = prng.next();
  return r < 0.75 ? 'READY' : r < 0.9 ? 'ERROR' : 'CANCELED';
}

interface RecordOptions {
  branchBias: number;
  creator?: Person;
  /** A hostile message or branch for this row, in place of a realistic one (a hostile branch is a preview's). */
  message?: string;
  branch?: string;
}

/** Bots push their own branches: the commit is theirs, whoever's token deploys it. */
function botAuthor(branch: string): { name: string; login: string } | undefined {
  if (branch.startsWith('dependabot/')) return { name: 'dependabot[bot]', login: 'dependabot[bot]' };
  if (branch.startsWith('renovate/')) return { name: 'renovate[bot]', login: 'renovate[bot]' };
  return undefined;
}

/** A commit as a real repository has them: a topic's commit on its branch, or a merge or a fix on main. */
function commitFor(prng: Prng, project: Project, production: boolean, personal: boolean): { branch: string; message: string } {
  if (personal) {
    return { branch: production ? 'main' : prng.pick(['post/app-router-notes', 'feat/rss-feed']), message: prng.pick(PERSONAL_COMMITS) };
  }
  // Every commit equally likely, so a branch with more work shows up more often than a bot's one-line bump.
  const [topic, message] = prng.pick(TOPIC_COMMITS);
  if (!production) return { branch: topic.branch, message };
  if (prng.chance(0.5)) {
    const title = topic.commits[topic.commits.length - 1] as string;
    return { branch: 'main', message: `Merge pull request #${prng.int(120, 640)} from ${project.git.org}/${topic.branch}\n\n${title}` };
  }
  return { branch: 'main', message: prng.pick(MAIN_COMMITS) };
}

/** A fresh QUEUED deployment created at `created`, with Git metadata drawn from `prng`. */
export function newRecord(world: World, prng: Prng, project: Project, created: number, options: RecordOptions): DeploymentRecord {
  const id = `dpl_${prng.base62(28)}`;
  const production = prng.chance(options.branchBias) && options.branch === undefined;
  const commit = commitFor(prng, project, production, project.team === null);
  const branch = options.branch ?? commit.branch;
  const message = options.message ?? commit.message;
  const creator = options.creator ?? prng.pick(world.members);
  const person = prng.chance(0.8) ? creator : prng.pick(world.members);
  const author = botAuthor(branch) ?? { name: person.name, login: person.githubLogin };
  const sha = prng.hex(40);
  const meta: Record<string, string> = {
    githubCommitAuthorName: author.name,
    githubCommitAuthorLogin: author.login,
    githubCommitMessage: message,
    githubCommitOrg: project.git.org,
    githubCommitRef: branch,
    githubCommitRepo: project.git.repo,
    githubCommitRepoId: String(project.git.repoId),
    githubCommitSha: sha,
    githubDeployment: '1',
    githubOrg: project.git.org,
    githubRepo: project.git.repo,
    githubRepoId: String(project.git.repoId),
    githubRepoOwnerType: project.git.ownerType === 'team' ? 'Organization' : 'User',
  };
  if (!production && prng.chance(0.6)) meta['githubPrId'] = String(prng.int(1, 1500));
  if (!production) meta['branchAlias'] = `${project.name}-git-${hostLabel(branch)}-${project.ownerSlug}.vercel.app`;
  const source: Source = production && prng.chance(0.1) ? 'redeploy' : 'git';
  return {
    id,
    buildId: `bld_${prng.base62(20)}`,
    project,
    url: `${project.name}-${prng.slug(9)}-${project.ownerSlug}.vercel.app`,
    created,
    readyState: 'QUEUED',
    target: production ? 'production' : null,
    source,
    meta,
    creator,
    outcome: 'READY',
  };
}

/** Gives a seeded, already finished deployment a plausible past: queue, boot, build, end. */
function finishSeeded(record: DeploymentRecord, prng: Prng, state: string): void {
  const initAt = record.created + prng.int(300, 20_000);
  const buildingAt = initAt + prng.int(1_500, 6_000);
  const end = buildingAt + prng.int(25_000, 240_000);
  if (state === 'CANCELED' && prng.chance(0.4)) {
    // Cancelled while still queued: it never booted.
    applyState(record, 'CANCELED', initAt);
    return;
  }
  applyState(record, 'INITIALIZING', initAt);
  applyState(record, 'BUILDING', buildingAt);
  // A failed one's errorCode and errorMessage come from the same row of the failure table as its log.
  applyState(record, state, end);
  record.outcome = state === 'ERROR' ? 'ERROR' : 'READY';
}

/** Walks a planned deployment through the phases it has reached, with the planned timestamps. */
export function progressTo(record: DeploymentRecord, state: string, origin: number, buildMs: number): void {
  if (state === 'QUEUED') return;
  applyState(record, 'INITIALIZING', origin + Math.round(PHASE_START.INITIALIZING * buildMs));
  if (state === 'INITIALIZING') return;
  applyState(record, 'BUILDING', origin + Math.round(PHASE_START.BUILDING * buildMs));
}

export interface StateDetails {
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  readySubstate?: string | undefined;
}

function latestTimestamp(r: DeploymentRecord): number {
  return Math.max(r.created, r.initAt ?? 0, r.buildingAt ?? 0, r.ready ?? 0, r.buildErrorAt ?? 0, r.canceledAt ?? 0);
}

/**
 * Moves a deployment to `state` at time `at`, keeping the timestamps the
 * state implies consistent: a READY deployment has booted, built and become
 * ready, in that order; a state earlier in the build forgets later ones.
 */
export function applyState(r: DeploymentRecord, state: string, at: number, details: StateDetails = {}): void {
  const t = Math.max(at, latestTimestamp(r));
  const forgetEnd = () => {
    delete r.ready;
    delete r.buildErrorAt;
    delete r.canceledAt;
    delete r.readySubstate;
    delete r.errorCode;
    delete r.errorMessage;
    delete r.errorStep;
  };
  r.readyState = state;
  switch (state) {
    case 'QUEUED':
      forgetEnd();
      delete r.initAt;
      delete r.buildingAt;
      break;
    case 'INITIALIZING':
      forgetEnd();
      r.initAt ??= t;
      delete r.buildingAt;
      break;
    case 'BUILDING':
      forgetEnd();
      r.initAt ??= t;
      r.buildingAt ??= t;
      break;
    case 'READY':
      forgetEnd();
      r.initAt ??= t;
      r.buildingAt ??= t;
      r.ready = t;
      r.readySubstate = details.readySubstate ?? (r.target === 'production' ? 'PROMOTED' : 'STAGED');
      break;
    case 'ERROR': {
      forgetEnd();
      r.initAt ??= t;
      r.buildingAt ??= t;
      r.buildErrorAt = t;
      // The failure its log shows (failures.ts) says what it reports, unless told otherwise.
      const report = errorReportOf(r, {
        ...(details.errorCode !== undefined && { errorCode: details.errorCode }),
        ...(details.errorMessage !== undefined && { errorMessage: details.errorMessage }),
      });
      r.errorCode = report.errorCode;
      r.errorMessage = report.errorMessage;
      r.errorStep = 'build';
      break;
    }
    case 'CANCELED':
      // A cancelled build keeps the phases it had reached.
      delete r.ready;
      delete r.buildErrorAt;
      delete r.readySubstate;
      delete r.errorCode;
      delete r.errorMessage;
      delete r.errorStep;
      r.canceledAt = t;
      break;
    default:
      // States Vercel may add later (or BLOCKED/DELETED) carry no timestamps we know of.
      break;
  }
}

// ---------------------------------------------------------------------------
// The collection
// ---------------------------------------------------------------------------

/** Adds a record in `created` order, nudging its `created` down until no other deployment has it. */
export function insert(world: World, record: DeploymentRecord): void {
  const taken = new Set(world.deployments.map((d) => d.created));
  while (taken.has(record.created)) record.created -= 1;
  const index = world.deployments.findIndex((d) => d.created < record.created);
  if (index === -1) world.deployments.push(record);
  else world.deployments.splice(index, 0, record);
  world.byId.set(record.id, record);
}

/** A `created` newer than every deployment and not in the future of the clock. */
export function nextCreated(world: World, now: number): number {
  const newest = world.deployments[0]?.created ?? 0;
  return Math.max(now, newest + 1);
}

export function findDeployment(world: World, idOrUrl: string): DeploymentRecord | undefined {
  const byId = world.byId.get(idOrUrl);
  if (byId) return byId;
  const host = idOrUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return world.deployments.find((d) => d.url === host);
}

export function findProject(world: World, idOrName: string): Project | undefined {
  return world.projects.find((p) => p.id === idOrName || p.name === idOrName);
}
