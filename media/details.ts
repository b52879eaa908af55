/**
 * The details webview: the deployment's JSON as an outline read through its
 * schema, or as raw pretty JSON.
 *
 * Everything from the response is set with `textContent` or as an attribute
 * value, never parsed as markup. Rows are virtualized: only the rows in view
 * (plus a few) exist in the DOM, whatever the size of the response.
 *
 * Bundled by esbuild.mjs into media/dist/details.js (an IIFE for the browser).
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import {
  createOutline,
  describeViolation,
  fill,
  filteredRows,
  kindOf,
  matcher,
  safeHttpUrl,
  visibleRows,
  type EnumValue,
  type OutlineNode,
  type Rows,
  type Schema,
} from '../src/details/outline';
import type { CopyKind, HostMessage, PanelRef, PersistedState, WebviewMessage, WebviewStrings } from '../src/details/protocol';
import { formatDate as formatDateIn, formatRelative as formatRelativeIn } from '../src/util/time';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const ROW_HEIGHT = 22;
const INDENT = 16;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 10;
/** Characters of a value drawn in a row; the details pane shows more. */
const ROW_TEXT_LIMIT = 300;
const DETAIL_TEXT_LIMIT = 100_000;
const RAW_LINE_LIMIT = 2_000;
const MAX_BADGES = 12;

const vscode = acquireVsCodeApi();

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

// ---------------------------------------------------------------------------
// DOM helpers: text only
// ---------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function icon(name: string, className = ''): HTMLSpanElement {
  const e = el('span', `codicon codicon-${name} ${className}`.trim());
  e.setAttribute('aria-hidden', 'true');
  return e;
}

/** Appends `text` to `parent`, wrapping the parts that match the filter in `<mark>`. */
function appendHighlighted(parent: HTMLElement, text: string, query: string): void {
  if (query === '') {
    parent.append(text);
    return;
  }
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    parent.append(el('mark', undefined, m[0]));
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (last < text.length) parent.append(text.slice(last));
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

// ---------------------------------------------------------------------------
// Virtual list: fixed-height rows, only the visible ones in the DOM
// ---------------------------------------------------------------------------

class VirtualList {
  readonly canvas: HTMLDivElement;
  private count = 0;
  private readonly rendered = new Map<number, HTMLElement>();
  private frame = 0;

  constructor(
    readonly viewport: HTMLElement,
    private readonly make: () => HTMLElement,
    private readonly fillRow: (row: HTMLElement, index: number) => void,
  ) {
    this.canvas = el('div', 'canvas');
    viewport.append(this.canvas);
    viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  get size(): number {
    return this.count;
  }

  setCount(count: number): void {
    this.count = count;
    this.canvas.style.height = `${count * ROW_HEIGHT}px`;
    this.refresh();
  }

  /** Redraws every row in view (their data changed). */
  refresh(): void {
    for (const row of this.rendered.values()) row.remove();
    this.rendered.clear();
    this.render();
  }

  /** Redraws one row, if it is in view. */
  refreshIndex(index: number): void {
    const row = this.rendered.get(index);
    if (row) this.fillRow(row, index);
  }

  schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render(): void {
    const height = this.viewport.clientHeight || window.innerHeight;
    const top = this.viewport.scrollTop;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.count, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const free: HTMLElement[] = [];
    for (const [index, row] of this.rendered) {
      if (index < first || index >= last) {
        this.rendered.delete(index);
        free.push(row);
      }
    }
    for (let i = first; i < last; i++) {
      if (this.rendered.has(i)) continue;
      const row = free.pop() ?? this.canvas.appendChild(this.make());
      row.style.transform = `translateY(${i * ROW_HEIGHT}px)`;
      this.fillRow(row, i);
      this.rendered.set(i, row);
    }
    for (const row of free) row.remove();
  }

  scrollToIndex(index: number): void {
    const top = index * ROW_HEIGHT;
    const height = this.viewport.clientHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + height) this.viewport.scrollTop = top + ROW_HEIGHT - height;
    this.render();
  }

  rowsPerPage(): number {
    return Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
  }
}

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

interface Ui {
  strings: WebviewStrings;
  locale: string | undefined;
  schema: Schema;
  ref: PanelRef;
}

let ui: Ui | undefined;
let deployment: unknown;
let hasDeployment = false;
let root: OutlineNode | undefined;
let view: Rows = { rows: [], open: new Set(), matches: 0 };

let baseline: PersistedState['baseline'] = 'collapsed';
let toggled = new Set<string>();
/** Containers closed by hand while a filter is on; forgotten when the filter changes. */
let closedInFilter = new Set<string>();
let query = '';
let raw = false;
let activeId: string | null = null;
let activeIndex = -1;
let pendingScroll: { scrollTop: number; rawScrollTop: number } | undefined;

let rawLines: string[] | undefined;
let rawView: number[] = [];

function isExpanded(node: OutlineNode): boolean {
  return (baseline === 'expanded') !== toggled.has(node.id);
}

function readState(value: unknown): PersistedState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s: Partial<Record<keyof PersistedState, unknown>> = value;
  const ref = s.ref;
  if (s.v !== 1 || typeof ref !== 'object' || ref === null || !('id' in ref) || typeof ref.id !== 'string') return undefined;
  const teamId = 'teamId' in ref && typeof ref.teamId === 'string' ? ref.teamId : undefined;
  return {
    v: 1,
    ref: { id: ref.id, teamId },
    baseline: s.baseline === 'expanded' ? 'expanded' : 'collapsed',
    toggled: Array.isArray(s.toggled) ? s.toggled.filter((t): t is string => typeof t === 'string') : [],
    query: typeof s.query === 'string' ? s.query : '',
    raw: s.raw === true,
    scrollTop: typeof s.scrollTop === 'number' ? s.scrollTop : 0,
    rawScrollTop: typeof s.rawScrollTop === 'number' ? s.rawScrollTop : 0,
    active: typeof s.active === 'string' ? s.active : null,
  };
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;

function saveState(): void {
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    if (!ui) return;
    vscode.setState({
      v: 1,
      ref: ui.ref,
      baseline,
      toggled: [...toggled],
      query,
      raw,
      scrollTop: pendingScroll?.scrollTop ?? dom?.tree.viewport.scrollTop ?? 0,
      rawScrollTop: pendingScroll?.rawScrollTop ?? dom?.raw.viewport.scrollTop ?? 0,
      active: activeId,
    });
  }, 100);
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

// Dates and ages come from the extension's one formatter (src/util/time.ts), in the locale the host gives.
let locale = '';
let numberFormat: Intl.NumberFormat | undefined;

function setLocale(tag: string | undefined): void {
  locale = tag ?? '';
  try {
    numberFormat = new Intl.NumberFormat(locale ? [locale] : []);
  } catch {
    numberFormat = new Intl.NumberFormat();
  }
}

function formatDate(ms: number): string {
  return formatDateIn(ms, locale);
}

function formatRelative(ms: number, now = Date.now()): string {
  return formatRelativeIn(ms, now, locale);
}

function countLabel(array: boolean, n: number): string {
  if (!ui) return String(n);
  const s = ui.strings;
  if (n === 1) return array ? s.oneItem : s.oneField;
  return fill(array ? s.items : s.fields, formatCount(n));
}

function formatCount(n: number): string {
  return numberFormat?.format(n) ?? String(n);
}

function primitiveText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value) ?? String(value);
}

function enumText(v: EnumValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** What "Copy value" puts on the clipboard: strings as they are, the rest as JSON. */
function copyText(node: OutlineNode): string {
  return typeof node.value === 'string' ? node.value : JSON.stringify(node.value, null, 2) ?? String(node.value);
}

function keyText(node: OutlineNode): string {
  return typeof node.key === 'number' ? `[${node.key}]` : (node.key ?? '$');
}

// ---------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------

interface Dom {
  app: HTMLElement;
  header: HTMLElement;
  name: HTMLElement;
  state: HTMLElement;
  id: HTMLElement;
  filter: HTMLElementTagNameMap['vscode-textfield'];
  matchCount: HTMLElement;
  rawToggle: HTMLElementTagNameMap['vscode-toolbar-button'];
  expandAll: HTMLElementTagNameMap['vscode-toolbar-button'];
  collapseAll: HTMLElementTagNameMap['vscode-toolbar-button'];
  banner: HTMLElement;
  body: HTMLElement;
  tree: VirtualList;
  raw: VirtualList;
  empty: HTMLElement;
  details: HTMLElement;
  status: HTMLElement;
}

let dom: Dom | undefined;

function toolbarButton(iconName: string, label: string, onClick: () => void): HTMLElementTagNameMap['vscode-toolbar-button'] {
  const b = document.createElement('vscode-toolbar-button');
  b.icon = iconName;
  b.label = label;
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}

function buildPage(strings: WebviewStrings): Dom {
  const app = document.getElementById('app') ?? document.body.appendChild(el('div', 'app'));
  app.replaceChildren();

  const header = el('header', 'header');
  const titleLine = el('div', 'title');
  const name = el('h1', 'name');
  const state = el('span', 'state');
  const id = el('span', 'deployment-id');
  titleLine.append(name, state, id);

  const toolbar = el('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  const filter = document.createElement('vscode-textfield');
  filter.className = 'filter';
  filter.placeholder = strings.filterPlaceholder;
  filter.label = strings.filterLabel;
  filter.type = 'search';
  const filterIcon = document.createElement('vscode-icon');
  filterIcon.name = 'filter';
  filterIcon.slot = 'content-before';
  filter.append(filterIcon);
  const matchCount = el('span', 'match-count');
  matchCount.setAttribute('aria-live', 'polite');
  const expandAll = toolbarButton('expand-all', strings.expandAll, () => setExpansionBaseline('expanded'));
  const collapseAll = toolbarButton('collapse-all', strings.collapseAll, () => setExpansionBaseline('collapsed'));
  const rawToggle = toolbarButton('json', strings.showRaw, () => setRaw(!raw));
  rawToggle.toggleable = true;
  const openJson = toolbarButton('go-to-file', strings.openJson, () => post({ type: 'openJson' }));
  const showLogs = toolbarButton('list-flat', strings.showLogs, () => post({ type: 'showLogs' }));
  const refresh = toolbarButton('refresh', strings.refresh, () => post({ type: 'reload' }));
  toolbar.append(filter, matchCount, expandAll, collapseAll, rawToggle, openJson, showLogs, refresh);
  header.append(titleLine, toolbar);

  const banner = el('div', 'banner');
  banner.setAttribute('role', 'alert');
  banner.hidden = true;

  const body = el('main', 'body');
  const treeViewport = el('div', 'tree');
  treeViewport.tabIndex = 0;
  treeViewport.setAttribute('role', 'tree');
  treeViewport.setAttribute('aria-label', strings.treeLabel);
  const rawViewport = el('div', 'raw');
  rawViewport.tabIndex = 0;
  rawViewport.setAttribute('role', 'document');
  rawViewport.setAttribute('aria-label', strings.showRaw);
  rawViewport.hidden = true;
  const empty = el('div', 'empty-view');
  empty.hidden = true;
  body.append(treeViewport, rawViewport, empty);

  const details = el('section', 'details');
  details.setAttribute('aria-label', strings.detailsLabel);
  const status = el('div', 'status');
  status.setAttribute('role', 'status');

  app.append(header, banner, body, details, status);

  const tree = new VirtualList(treeViewport, makeTreeRow, fillTreeRow);
  const rawList = new VirtualList(rawViewport, makeRawLine, fillRawLine);

  filter.addEventListener('input', () => scheduleFilter(filter.value));
  filter.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      if (filter.value !== '') {
        filter.value = '';
        applyFilter('');
      } else focusList();
      e.preventDefault();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
      applyFilter(filter.value);
      focusList();
      e.preventDefault();
    }
  });
  treeViewport.addEventListener('keydown', onTreeKey);
  treeViewport.addEventListener('click', onTreeClick);
  treeViewport.addEventListener('dblclick', onTreeDoubleClick);
  treeViewport.addEventListener('focus', () => {
    // Tabbing in picks the first row in view; a click picks its own row.
    if (activeIndex < 0 && view.rows.length > 0 && treeViewport.matches(':focus-visible')) {
      setActive(Math.min(view.rows.length - 1, Math.ceil(treeViewport.scrollTop / ROW_HEIGHT)));
    }
  });
  treeViewport.addEventListener('scroll', saveState, { passive: true });
  rawViewport.addEventListener('scroll', saveState, { passive: true });
  details.addEventListener('click', onDetailsClick);
  document.addEventListener('keydown', onDocumentKey);

  return {
    app,
    header,
    name,
    state,
    id,
    filter,
    matchCount,
    rawToggle,
    expandAll,
    collapseAll,
    banner,
    body,
    tree,
    raw: rawList,
    empty,
    details,
    status,
  };
}

function focusList(): void {
  if (!dom) return;
  (raw ? dom.raw.viewport : dom.tree.viewport).focus();
}

function showPlaceholder(kind: 'loading' | 'error', message?: string): void {
  if (!dom || !ui) return;
  dom.app.setAttribute('aria-busy', kind === 'loading' ? 'true' : 'false');
  if (hasDeployment) {
    // The last good data stays on screen; the header says what is going on.
    dom.header.classList.toggle('busy', kind === 'loading');
    if (kind === 'error') showBanner(message ?? '');
    return;
  }
  dom.body.classList.add('placeholder');
  const box = el('div', `placeholder-box ${kind}`);
  if (kind === 'loading') {
    const ring = document.createElement('vscode-progress-ring');
    box.append(ring, el('p', undefined, ui.strings.loading));
  } else {
    box.append(icon('error', 'placeholder-icon'), el('p', 'placeholder-title', ui.strings.errorTitle), el('p', 'placeholder-message', message ?? ''));
    const retry = document.createElement('vscode-button');
    retry.textContent = ui.strings.retry;
    retry.addEventListener('click', () => post({ type: 'reload' }));
    box.append(retry);
  }
  dom.empty.replaceChildren(box);
  dom.empty.hidden = false;
  dom.tree.viewport.hidden = true;
  dom.raw.viewport.hidden = true;
}

function showBanner(message: string): void {
  if (!dom || !ui) return;
  const retry = document.createElement('vscode-button');
  retry.secondary = true;
  retry.textContent = ui.strings.retry;
  retry.addEventListener('click', () => post({ type: 'reload' }));
  dom.banner.replaceChildren(icon('error'), el('span', 'banner-text', `${ui.strings.errorTitle}: ${message}`), retry);
  dom.banner.hidden = false;
}

// ---------------------------------------------------------------------------
// Tree rows
// ---------------------------------------------------------------------------

function makeTreeRow(): HTMLElement {
  const row = el('div', 'row');
  row.setAttribute('role', 'treeitem');
  return row;
}

function fillTreeRow(row: HTMLElement, index: number): void {
  const node = view.rows[index];
  if (!node || !ui) return;
  const s = ui.strings;
  const info = node.info;
  row.id = `row-${index}`;
  row.dataset.index = String(index);
  row.setAttribute('aria-level', String(node.depth));
  row.setAttribute('aria-selected', String(index === activeIndex));
  row.classList.toggle('active', index === activeIndex);
  const parent = node.parent;
  if (parent) {
    row.setAttribute('aria-setsize', String(parent.childCount));
    row.setAttribute('aria-posinset', String((typeof node.key === 'number' ? node.key : parent.children.indexOf(node)) + 1));
  }
  row.style.paddingLeft = `${(node.depth - 1) * INDENT + 4}px`;

  const parts: Node[] = [];
  const expandable = node.isContainer && node.childCount > 0;
  const open = view.open.has(node);
  if (expandable) row.setAttribute('aria-expanded', String(open));
  else row.removeAttribute('aria-expanded');
  const twistie = icon(expandable ? (open ? 'chevron-down' : 'chevron-right') : 'blank', 'twistie');
  parts.push(twistie);

  const key = el('span', typeof node.key === 'number' ? 'key index' : 'key');
  appendHighlighted(key, keyText(node), query);
  parts.push(key);

  if (node.isContainer) {
    const count = node.childCount;
    const summary = el('span', 'summary', node.kind === 'array' ? '[…]' : '{…}');
    const countText = el('span', 'count', countLabel(node.kind === 'array', count));
    parts.push(summary, countText);
  } else {
    parts.push(valueElement(node, ROW_TEXT_LIMIT));
  }

  parts.push(el('span', 'type', info.type));
  if (info.presence) parts.push(el('span', `presence ${info.presence}`, info.presence === 'required' ? s.required : s.optional));

  if (info.allowed) {
    const badges = el('span', 'badges');
    for (const v of info.allowed.slice(0, MAX_BADGES)) {
      const on = v === node.value;
      const badge = el('span', on ? 'badge on' : 'badge', enumText(v));
      if (on) badge.setAttribute('aria-current', 'true');
      badges.append(badge);
    }
    parts.push(badges);
  }

  parts.push(...marks(node));

  const desc = el('span', 'desc', info.description ?? '');
  parts.push(desc);

  const actions = el('span', 'actions');
  const copyPath = icon('symbol-key', 'action');
  copyPath.dataset.action = 'copy-path';
  copyPath.title = s.copyPath;
  const copyValue = icon('copy', 'action');
  copyValue.dataset.action = 'copy-value';
  copyValue.title = s.copyValue;
  actions.append(copyPath, copyValue);
  parts.push(actions);

  row.replaceChildren(...parts);
  row.title = info.description ? `${node.id}\n${info.description}` : node.id;
}

function marks(node: OutlineNode): HTMLElement[] {
  if (!ui) return [];
  const s = ui.strings;
  const info = node.info;
  const out: HTMLElement[] = [];
  if (info.violations.length > 0) {
    const reasons = info.violations.map((v) => describeViolation(v, s.violations)).join('\n');
    const m = el('span', 'mark violation');
    m.append(icon('error'), el('span', 'mark-text', s.breaksSchema));
    m.title = `${s.breaksSchema}: ${reasons}`;
    out.push(m);
  }
  if (info.unknownField) {
    const m = el('span', 'mark unknown');
    m.append(icon('question'), el('span', 'mark-text', s.unknownField));
    m.title = s.unknownField;
    out.push(m);
  }
  if (info.allowedMatch === false && !info.closedEnum) {
    const m = el('span', 'mark undocumented');
    m.append(icon('warning'), el('span', 'mark-text', s.undocumentedValue));
    m.title = s.undocumentedValue;
    out.push(m);
  }
  return out;
}

/** A primitive value: a date, a link, or plain text. */
function valueElement(node: OutlineNode, limit: number): HTMLElement {
  const info = node.info;
  const value = node.value;
  if (info.timestamp && typeof value === 'number') {
    const span = el('span', 'value v-date');
    appendHighlighted(span, `${formatDate(value)} · ${formatRelative(value)}`, '');
    span.title = String(value);
    if (query !== '' && matcher(query)(String(value))) span.classList.add('matched');
    return span;
  }
  const text = clip(primitiveText(value), limit);
  if (info.url) {
    const link = el('span', 'value link');
    link.setAttribute('role', 'link');
    link.dataset.url = info.url;
    link.title = info.url;
    appendHighlighted(link, text, query);
    return link;
  }
  const span = el('span', `value v-${kindOf(value)}`);
  appendHighlighted(span, text, query);
  return span;
}

// ---------------------------------------------------------------------------
// Raw JSON lines
// ---------------------------------------------------------------------------

function makeRawLine(): HTMLElement {
  return el('div', 'line');
}

function fillRawLine(line: HTMLElement, index: number): void {
  const lines = rawLines;
  const n = rawView[index];
  if (!lines || n === undefined) return;
  const text = lines[n] ?? '';
  const number = el('span', 'ln', String(n + 1));
  number.setAttribute('aria-hidden', 'true');
  const code = el('span', 'code');
  appendHighlighted(code, clip(text, RAW_LINE_LIMIT), query);
  line.replaceChildren(number, code);
}

function updateRawView(): void {
  if (!dom || !raw) return;
  rawLines ??= (JSON.stringify(deployment, null, 2) ?? '').split('\n');
  if (query === '') {
    rawView = rawLines.map((_, i) => i);
  } else {
    const test = matcher(query);
    rawView = [];
    rawLines.forEach((line, i) => {
      if (test(line)) rawView.push(i);
    });
  }
  dom.raw.setCount(rawView.length);
  updateEmpty(rawView.length);
}

// ---------------------------------------------------------------------------
// Details pane
// ---------------------------------------------------------------------------

function renderDetails(): void {
  if (!dom || !ui) return;
  const node = view.rows[activeIndex];
  if (!node || raw) {
    dom.details.replaceChildren();
    dom.details.hidden = true;
    return;
  }
  dom.details.hidden = false;
  const s = ui.strings;
  const info = node.info;

  const head = el('div', 'd-head');
  head.append(el('span', 'd-key', keyText(node)));
  const actions = el('span', 'd-actions');
  actions.append(detailButton(s.copyPath, 'copy-path', 'symbol-key'), detailButton(s.copyValue, 'copy-value', 'copy'));
  if (info.url) actions.append(detailButton(s.openLink, 'open-link', 'link-external'));
  head.append(actions);

  const list = el('dl', 'd-list');
  const row = (label: string, ...content: (Node | string)[]): void => {
    const dd = el('dd');
    dd.append(...content);
    list.append(el('dt', undefined, label), dd);
  };
  row(s.pathLabel, el('code', 'd-path', node.id));
  row(s.typeLabel, el('span', 'type', info.type), ...(info.presence ? [' · ', el('span', `presence ${info.presence}`, info.presence === 'required' ? s.required : s.optional)] : []));
  row(s.descriptionLabel, info.description !== undefined ? el('span', 'd-desc', info.description) : el('span', 'd-none', info.unknownField ? s.noSchema : s.noDescription));
  if (info.allowed) {
    const badges = el('span', 'badges wrap');
    for (const v of info.allowed) {
      const on = v === node.value;
      const badge = el('span', on ? 'badge on' : 'badge', enumText(v));
      if (on) badge.setAttribute('aria-current', 'true');
      badges.append(badge);
    }
    row(s.allowedLabel, badges);
  }
  row(s.valueLabel, detailValue(node));

  const problems: string[] = info.violations.map((v) => `${s.breaksSchema}: ${describeViolation(v, s.violations)}`);
  if (info.unknownField) problems.push(s.unknownField);
  if (info.allowedMatch === false && !info.closedEnum) problems.push(s.undocumentedValue);
  if (problems.length > 0) {
    const ul = el('ul', 'd-problems');
    for (const p of problems) ul.append(el('li', undefined, p));
    row(s.problemsLabel, ul);
  }
  dom.details.replaceChildren(head, list);
}

function detailButton(label: string, action: string, iconName: string): HTMLElement {
  const b = document.createElement('vscode-button');
  b.secondary = true;
  b.icon = iconName;
  b.textContent = label;
  b.dataset.action = action;
  return b;
}

function detailValue(node: OutlineNode): HTMLElement {
  if (!ui) return el('span');
  const value = node.value;
  if (node.info.timestamp && typeof value === 'number') {
    const box = el('span', 'd-date');
    box.append(el('span', 'v-date', formatDate(value)), ' · ', el('span', undefined, formatRelative(value)), ' · ', el('code', 'v-number', String(value)));
    return box;
  }
  const text = node.isContainer ? JSON.stringify(value, null, 2) ?? '' : primitiveText(value);
  const pre = el('pre', `d-value v-${node.kind}`, text.length > DETAIL_TEXT_LIMIT ? text.slice(0, DETAIL_TEXT_LIMIT) : text);
  if (text.length > DETAIL_TEXT_LIMIT) {
    pre.append(el('span', 'd-none', `\n${fill(ui.strings.truncated, formatCount(text.length - DETAIL_TEXT_LIMIT))}`));
  }
  return pre;
}

function onDetailsClick(e: MouseEvent): void {
  const target = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-action]') : null;
  const node = view.rows[activeIndex];
  if (!target || !node) return;
  act(target.dataset.action, node);
}

function act(action: string | undefined, node: OutlineNode): void {
  switch (action) {
    case 'copy-path':
      copy('path', node.id);
      break;
    case 'copy-value':
      copy('value', copyText(node));
      break;
    case 'open-link':
      openLink(node.info.url);
      break;
  }
}

function copy(kind: CopyKind, text: string): void {
  post({ type: 'copy', kind, text });
}

function openLink(url: string | undefined): void {
  const safe = url === undefined ? undefined : safeHttpUrl(url);
  if (safe) post({ type: 'openUrl', url: safe });
}

// ---------------------------------------------------------------------------
// Interaction
// ---------------------------------------------------------------------------

function recompute(): void {
  if (!root || !dom) return;
  view = query === '' ? visibleRows(root, isExpanded) : filteredRows(root, query, isExpanded, (n) => closedInFilter.has(n.id));
  const found = activeId === null ? -1 : view.rows.findIndex((n) => n.id === activeId);
  activeIndex = found >= 0 ? found : Math.min(activeIndex, view.rows.length - 1);
  activeId = view.rows[activeIndex]?.id ?? null;
  dom.tree.setCount(view.rows.length);
  updateActiveDescendant();
  renderDetails();
  updateMatchCount();
  updateEmpty(view.rows.length);
  if (raw) updateRawView();
  saveState();
}

function updateMatchCount(): void {
  if (!dom || !ui) return;
  dom.matchCount.textContent = query === '' ? '' : fill(ui.strings.matches, formatCount(raw ? rawView.length : view.matches));
}

function updateEmpty(count: number): void {
  if (!dom || !ui || !hasDeployment) return;
  const none = count === 0 && query !== '';
  dom.empty.hidden = !none;
  if (none) dom.empty.replaceChildren(el('p', 'empty-text', fill(ui.strings.noMatches, query)));
}

function updateActiveDescendant(): void {
  if (!dom) return;
  if (activeIndex >= 0) dom.tree.viewport.setAttribute('aria-activedescendant', `row-${activeIndex}`);
  else dom.tree.viewport.removeAttribute('aria-activedescendant');
}

function setActive(index: number): void {
  if (!dom) return;
  const clamped = Math.max(0, Math.min(index, view.rows.length - 1));
  const previous = activeIndex;
  activeIndex = clamped;
  activeId = view.rows[clamped]?.id ?? null;
  // The details pane may change height: lay it out before scrolling the row into view.
  renderDetails();
  dom.tree.refreshIndex(previous);
  dom.tree.scrollToIndex(clamped);
  dom.tree.refreshIndex(clamped);
  updateActiveDescendant();
  saveState();
}

function toggle(node: OutlineNode, open?: boolean): void {
  if (!node.isContainer || node.childCount === 0) return;
  const isOpen = view.open.has(node);
  const want = open ?? !isOpen;
  if (want === isOpen) return;
  if (query !== '') {
    if (want) closedInFilter.delete(node.id);
    else closedInFilter.add(node.id);
  }
  if (isExpanded(node) !== want) {
    if (toggled.has(node.id)) toggled.delete(node.id);
    else toggled.add(node.id);
  }
  recompute();
  if (dom && activeIndex >= 0) dom.tree.scrollToIndex(activeIndex);
}

function setExpansionBaseline(next: PersistedState['baseline']): void {
  baseline = next;
  toggled = new Set();
  closedInFilter = new Set();
  recompute();
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;

function scheduleFilter(text: string): void {
  if (filterTimer !== undefined) clearTimeout(filterTimer);
  filterTimer = setTimeout(() => applyFilter(text), 120);
}

function applyFilter(text: string): void {
  if (filterTimer !== undefined) clearTimeout(filterTimer);
  filterTimer = undefined;
  if (text === query) return;
  query = text;
  closedInFilter = new Set();
  if (dom) {
    dom.tree.viewport.scrollTop = 0;
    dom.raw.viewport.scrollTop = 0;
  }
  recompute();
}

function setRaw(next: boolean): void {
  if (!dom) return;
  raw = next;
  dom.rawToggle.checked = raw;
  dom.tree.viewport.hidden = raw;
  dom.raw.viewport.hidden = !raw;
  dom.expandAll.hidden = raw;
  dom.collapseAll.hidden = raw;
  if (raw) updateRawView();
  else {
    dom.tree.render();
    updateEmpty(view.rows.length);
  }
  renderDetails();
  updateMatchCount();
  saveState();
}

function rowIndexOf(target: EventTarget | null): number {
  const row = target instanceof Element ? target.closest<HTMLElement>('.row') : null;
  return row?.dataset.index === undefined ? -1 : Number(row.dataset.index);
}

function onTreeClick(e: MouseEvent): void {
  const index = rowIndexOf(e.target);
  const node = view.rows[index];
  if (!node || !(e.target instanceof Element)) return;
  setActive(index);
  const action = e.target.closest<HTMLElement>('[data-action]');
  if (action) {
    act(action.dataset.action, node);
    return;
  }
  if (e.target.closest('.twistie')) {
    toggle(node);
    return;
  }
  const link = e.target.closest<HTMLElement>('.link');
  if (link) openLink(link.dataset.url);
}

function onTreeDoubleClick(e: MouseEvent): void {
  const node = view.rows[rowIndexOf(e.target)];
  if (node && e.target instanceof Element && !e.target.closest('.twistie, [data-action], .link')) toggle(node);
}

function onTreeKey(e: KeyboardEvent): void {
  const node = view.rows[activeIndex];
  const page = dom?.tree.rowsPerPage() ?? 10;
  switch (e.key) {
    case 'ArrowDown':
      setActive(activeIndex + 1);
      break;
    case 'ArrowUp':
      setActive(Math.max(0, activeIndex - 1));
      break;
    case 'PageDown':
      setActive(activeIndex + page);
      break;
    case 'PageUp':
      setActive(Math.max(0, activeIndex - page));
      break;
    case 'Home':
      setActive(0);
      break;
    case 'End':
      setActive(view.rows.length - 1);
      break;
    case 'ArrowRight':
      if (!node) return;
      if (node.isContainer && node.childCount > 0 && !view.open.has(node)) toggle(node, true);
      else if (view.open.has(node)) setActive(activeIndex + 1);
      break;
    case 'ArrowLeft':
      if (!node) return;
      if (view.open.has(node)) toggle(node, false);
      else if (node.parent && node.parent.parent) {
        const parentIndex = view.rows.indexOf(node.parent);
        if (parentIndex >= 0) setActive(parentIndex);
      }
      break;
    case 'Enter':
      if (!node) return;
      if (node.info.url) openLink(node.info.url);
      else toggle(node);
      break;
    case ' ':
      if (node) toggle(node);
      break;
    default:
      return;
  }
  e.preventDefault();
}

function onDocumentKey(e: KeyboardEvent): void {
  if (!dom) return;
  const inField = e.composedPath().some((t) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'VSCODE-TEXTFIELD'));
  if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') || (e.key === '/' && !inField)) {
    dom.filter.focus();
    e.preventDefault();
  }
}

// ---------------------------------------------------------------------------
// Messages from the extension
// ---------------------------------------------------------------------------

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string';
}

function onInit(message: Extract<HostMessage, { type: 'init' }>): void {
  const firstInit = ui === undefined;
  ui = { strings: message.strings, locale: message.locale, schema: message.schema, ref: message.ref };
  setLocale(message.locale);
  if (firstInit || !dom) dom = buildPage(message.strings);
  const saved = readState(vscode.getState());
  if (saved && saved.ref.id === message.ref.id) {
    baseline = saved.baseline;
    toggled = new Set(saved.toggled);
    query = saved.query;
    dom.filter.value = saved.query;
    activeId = saved.active;
    raw = saved.raw;
    pendingScroll = { scrollTop: saved.scrollTop, rawScrollTop: saved.rawScrollTop };
  }
  saveState();
}

function onDeployment(message: Extract<HostMessage, { type: 'deployment' }>): void {
  if (!ui || !dom) return;
  const first = !hasDeployment;
  deployment = message.deployment;
  hasDeployment = true;
  rawLines = undefined;
  root = createOutline(ui.schema, deployment);

  dom.app.setAttribute('aria-busy', 'false');
  dom.header.classList.remove('busy');
  dom.banner.hidden = true;
  dom.body.classList.remove('placeholder');
  dom.empty.hidden = true;
  dom.name.textContent = message.heading.name;
  dom.state.textContent = message.heading.stateLabel;
  // Known states have a colour in details.css; others keep the plain badge.
  dom.state.className = `state state-${message.heading.state.toLowerCase().replace(/[^a-z]/g, '')}`;
  dom.id.textContent = ui.ref.id;

  dom.tree.viewport.hidden = raw;
  dom.raw.viewport.hidden = !raw;
  dom.rawToggle.checked = raw;
  dom.expandAll.hidden = raw;
  dom.collapseAll.hidden = raw;
  recompute();
  if (first && pendingScroll) {
    // Back where the person left it, even if the focused row is out of view.
    dom.tree.viewport.scrollTop = pendingScroll.scrollTop;
    dom.raw.viewport.scrollTop = pendingScroll.rawScrollTop;
    pendingScroll = undefined;
    dom.tree.render();
    dom.raw.render();
  } else if (activeIndex >= 0) dom.tree.scrollToIndex(activeIndex);
  document.title = message.heading.name;
}

window.addEventListener('message', (event: MessageEvent) => {
  const message: unknown = event.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'init':
      onInit(message);
      break;
    case 'loading':
      showPlaceholder('loading');
      break;
    case 'deployment':
      onDeployment(message);
      break;
    case 'error':
      showPlaceholder('error', message.message);
      break;
  }
});

// Relative times ("3 minutes ago") age while the panel is open.
setInterval(() => {
  if (dom && hasDeployment && !document.hidden) {
    dom.tree.refresh();
    renderDetails();
  }
}, 60_000);

// The handshake: the extension answers with `init`.
post({ type: 'ready' });

