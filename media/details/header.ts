/**
 * The deployment's header: what a person looks for first. A failed build's
 * error leads; then the state (live while it builds), the commit's first line,
 * Current, the target; then URL, branch, commit, author, created and build
 * duration; then the buttons the extension says apply. Every string here may
 * come from the deployment and is written as text only. A button posts the
 * action's name; the extension decides again and runs its command.
 */
import { fill } from '../../src/details/outline';
import type { DeploymentHeader, HeaderAction } from '../../src/details/protocol';
import { el, icon } from './dom';
import { formatDate, formatDuration, formatRelative } from './format';
import { post } from './host';
import { openLink } from './detailsPane';
import { st } from './state';

const ACTION_ICONS = {
  cancel: 'circle-slash',
  redeploy: 'debug-restart',
  promote: 'rocket',
  rollback: 'history',
  showLogs: 'list-flat',
  showRuntimeLogs: 'pulse',
  openOnVercel: 'link-external',
} as const satisfies Record<HeaderAction, string>;

function isAction(value: string | undefined): value is HeaderAction {
  return value !== undefined && Object.hasOwn(ACTION_ICONS, value);
}

/** Known states have a colour in details.css; others keep the plain badge. */
function stateClass(state: string): string {
  return `state state-${state.toLowerCase().replace(/[^a-z]/g, '')}`;
}

/** A fact of the header with its label for screen readers (the icon says it to the eye). */
function fact(className: string, iconName: string, label: string, ...content: (Node | string)[]): HTMLElement {
  const box = el('span', `fact ${className}`);
  box.title = label;
  box.append(icon(iconName), el('span', 'sr-only', `${label}: `), ...content);
  return box;
}

function link(text: string, url: string, label: string, className = ''): HTMLElement {
  const a = el('span', `link ${className}`.trim(), text);
  a.setAttribute('role', 'link');
  a.tabIndex = 0;
  a.dataset.url = url;
  a.title = `${label}: ${url}`;
  return a;
}

/** How many domains the header lists; the rest are counted ("+3 more") and all are in the outline's `alias`. */
const DOMAINS_SHOWN = 5;

function domainsFact(domains: readonly string[], label: string, more: string): HTMLElement {
  // One inline run of text, so the commas sit where text puts them and a narrow panel cuts it with an ellipsis.
  const list = el('span', 'domain-list');
  domains.slice(0, DOMAINS_SHOWN).forEach((host, i) => {
    if (i > 0) list.append(', ');
    list.append(link(host, `https://${host}`, label, 'domain'));
  });
  if (domains.length > DOMAINS_SHOWN) list.append(' ', el('span', 'more-domains', fill(more, String(domains.length - DOMAINS_SHOWN))));
  return fact('domains', 'link', label, list);
}

function durationText(h: DeploymentHeader, now = Date.now()): string | undefined {
  if (!h.build) return undefined;
  const end = h.build.end ?? (h.live ? now : undefined);
  if (end === undefined) return undefined;
  return fill(h.build.template, formatDuration(Math.max(0, end - h.build.start)));
}

export function renderHeader(): void {
  const dom = st.dom;
  const h = st.header;
  if (!dom || !st.ui || !h) return;
  const s = st.ui.strings;
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.headerAction : undefined;
  const parts: HTMLElement[] = [];

  if (h.error) {
    const failure = el('div', 'failure');
    const text = el('div', 'failure-text');
    text.append(el('strong', 'failure-title', s.buildFailed));
    if (h.error.message !== '') text.append(el('span', 'failure-message', h.error.message));
    const meta = [h.error.code !== undefined ? fill(s.errorCode, h.error.code) : undefined, h.error.step !== undefined ? fill(s.errorStep, h.error.step) : undefined];
    const said = meta.filter((m): m is string => m !== undefined);
    if (said.length > 0) text.append(el('span', 'failure-meta', said.join(' · ')));
    failure.append(icon('error', 'failure-icon'), text);
    parts.push(failure);
  }

  const title = el('div', 'title');
  const state = el('span', stateClass(h.state));
  if (h.live) state.append(icon('loading', 'codicon-modifier-spin'), ' ');
  state.append(h.stateLabel);
  title.append(state, el('h1', 'name', h.title));
  if (h.current) {
    const current = el('span', 'current-mark');
    current.title = s.currentTitle;
    current.append(icon('star-full'), s.current);
    title.append(current);
  }
  title.append(el('span', h.production ? 'target production' : 'target', h.targetLabel));
  parts.push(title);

  const facts = el('div', 'facts');
  const project = el('span', 'fact project');
  project.append(el('span', 'project-name', h.name), el('code', 'deployment-id', st.ui.ref.id));
  facts.append(project);
  if (h.url) facts.append(fact('url', 'globe', s.openDeploymentUrl, link(h.url.replace(/^https:\/\//, ''), h.url, s.openDeploymentUrl)));
  if (h.domains && h.domains.length > 0) facts.append(domainsFact(h.domains, s.domainsLabel, s.moreDomains));
  if (h.branch !== undefined) facts.append(fact('branch', 'git-branch', s.branchLabel, el('span', 'branch-name', h.branch)));
  if (h.commit) {
    const content: HTMLElement[] = [];
    if (h.commit.shortSha !== undefined) {
      content.push(h.commit.url ? link(h.commit.shortSha, h.commit.url, s.openCommit, 'sha') : el('code', 'sha', h.commit.shortSha));
    }
    // The title is already the message's first line unless it was cut short.
    if (h.commit.message !== undefined && h.commit.message !== h.title) content.push(el('span', 'commit-message', h.commit.message));
    if (content.length > 0) facts.append(fact('commit', 'git-commit', s.commitLabel, ...content));
  }
  if (h.author !== undefined) facts.append(fact('author', 'person', s.authorLabel, el('span', 'author-name', h.author)));
  const created = fact('created', 'calendar', s.createdLabel, el('span', 'created-text', `${formatDate(h.createdAt)} · ${formatRelative(h.createdAt)}`));
  facts.append(created);
  const took = durationText(h);
  if (took !== undefined) facts.append(fact('duration', 'watch', s.durationLabel, el('span', 'duration-text', took)));
  parts.push(facts);

  if (h.actions.length > 0) {
    const actions = el('div', 'header-actions');
    actions.setAttribute('role', 'toolbar');
    actions.setAttribute('aria-label', s.actionsLabel);
    for (const action of h.actions) {
      if (!isAction(action)) continue;
      const b = document.createElement('vscode-button');
      b.secondary = true;
      b.icon = ACTION_ICONS[action];
      b.textContent = s.actions[action];
      b.dataset.headerAction = action;
      actions.append(b);
    }
    parts.push(actions);
  }

  dom.summary.replaceChildren(...parts);
  dom.summary.classList.toggle('failed', h.error !== undefined);
  if (isAction(focused)) dom.summary.querySelector<HTMLElement>(`[data-header-action="${focused}"]`)?.focus();
}

/** Relative times age: only the created text is rewritten (the buttons keep their focus and hover). */
export function ageHeader(): void {
  const h = st.header;
  const span = st.dom?.summary.querySelector('.created-text');
  if (!h || !span) return;
  const text = `${formatDate(h.createdAt)} · ${formatRelative(h.createdAt)}`;
  if (span.textContent !== text) span.textContent = text;
}

/** While the build runs, its duration counts on (once a second, only that text). */
export function tickHeader(): void {
  const h = st.header;
  if (!h?.live || !st.dom) return;
  const text = durationText(h);
  const span = st.dom.summary.querySelector('.duration-text');
  if (span && text !== undefined && span.textContent !== text) span.textContent = text;
}

export function onHeaderClick(e: MouseEvent): void {
  if (!(e.target instanceof Element)) return;
  const button = e.target.closest<HTMLElement>('[data-header-action]');
  const action = button?.dataset.headerAction;
  if (isAction(action)) {
    post({ type: 'action', action });
    return;
  }
  const target = e.target.closest<HTMLElement>('[data-url]');
  if (target) openLink(target.dataset.url);
}

export function onHeaderKey(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || !(e.target instanceof HTMLElement) || e.target.dataset.url === undefined) return;
  openLink(e.target.dataset.url);
  e.preventDefault();
}
