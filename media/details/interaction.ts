/**
 * How a person moves through the outline: focus, expansion, the filter, raw
 * JSON, clicks (a click on a parent row opens or closes it) and keys (arrows,
 * Home/End, and type-ahead: typing jumps to the next key that starts with
 * what was typed, as in VS Code's own trees).
 */
import { filteredRows, visibleRows, type OutlineNode } from '../../src/details/outline';
import type { PersistedState } from '../../src/details/protocol';
import { act, openLink, renderDetails } from './detailsPane';
import { updateRawView } from './rawView';
import { updateEmpty, updateMatchCount } from './status';
import { isExpanded, saveState, st } from './state';

/** Keys typed within this long of each other make one type-ahead prefix. */
const TYPE_AHEAD_MS = 800;

export function recompute(): void {
  const dom = st.dom;
  if (!st.root || !dom) return;
  st.view =
    st.query === '' ? visibleRows(st.root, isExpanded) : filteredRows(st.root, st.query, isExpanded, (n) => st.closedInFilter.has(n.id));
  const found = st.activeId === null ? -1 : st.view.rows.findIndex((n) => n.id === st.activeId);
  st.activeIndex = found >= 0 ? found : Math.min(st.activeIndex, st.view.rows.length - 1);
  st.activeId = st.view.rows[st.activeIndex]?.id ?? null;
  dom.tree.setCount(st.view.rows.length);
  updateActiveDescendant();
  renderDetails();
  updateMatchCount();
  updateEmpty(st.view.rows.length);
  if (st.raw) updateRawView();
  saveState();
}

function updateActiveDescendant(): void {
  const dom = st.dom;
  if (!dom) return;
  if (st.activeIndex >= 0) dom.tree.viewport.setAttribute('aria-activedescendant', `row-${st.activeIndex}`);
  else dom.tree.viewport.removeAttribute('aria-activedescendant');
}

export function setActive(index: number): void {
  const dom = st.dom;
  if (!dom) return;
  const clamped = Math.max(0, Math.min(index, st.view.rows.length - 1));
  const previous = st.activeIndex;
  st.activeIndex = clamped;
  st.activeId = st.view.rows[clamped]?.id ?? null;
  // The details pane may change height: lay it out before scrolling the row into view.
  renderDetails();
  dom.tree.refreshIndex(previous);
  dom.tree.scrollToIndex(clamped);
  dom.tree.refreshIndex(clamped);
  updateActiveDescendant();
  saveState();
}

export function toggle(node: OutlineNode, open?: boolean): void {
  if (!node.isContainer || node.childCount === 0) return;
  const isOpen = st.view.open.has(node);
  const want = open ?? !isOpen;
  if (want === isOpen) return;
  if (st.query !== '') {
    if (want) st.closedInFilter.delete(node.id);
    else st.closedInFilter.add(node.id);
  }
  if (isExpanded(node) !== want) {
    if (st.toggled.has(node.id)) st.toggled.delete(node.id);
    else st.toggled.add(node.id);
  }
  recompute();
  if (st.dom && st.activeIndex >= 0) st.dom.tree.scrollToIndex(st.activeIndex);
}

export function setExpansionBaseline(next: PersistedState['baseline']): void {
  st.baseline = next;
  st.toggled = new Set();
  st.closedInFilter = new Set();
  recompute();
}

let filterTimer: ReturnType<typeof setTimeout> | undefined;

export function scheduleFilter(text: string): void {
  if (filterTimer !== undefined) clearTimeout(filterTimer);
  filterTimer = setTimeout(() => applyFilter(text), 120);
}

export function applyFilter(text: string): void {
  if (filterTimer !== undefined) clearTimeout(filterTimer);
  filterTimer = undefined;
  if (text === st.query) return;
  st.query = text;
  st.closedInFilter = new Set();
  if (st.dom) {
    st.dom.tree.viewport.scrollTop = 0;
    st.dom.raw.viewport.scrollTop = 0;
  }
  recompute();
}

export function setRaw(next: boolean): void {
  const dom = st.dom;
  if (!dom) return;
  st.raw = next;
  dom.rawToggle.checked = st.raw;
  dom.tree.viewport.hidden = st.raw;
  dom.raw.viewport.hidden = !st.raw;
  dom.expandAll.hidden = st.raw;
  dom.collapseAll.hidden = st.raw;
  if (st.raw) updateRawView();
  else {
    dom.tree.render();
    updateEmpty(st.view.rows.length);
  }
  renderDetails();
  updateMatchCount();
  saveState();
}

export function focusList(): void {
  const dom = st.dom;
  if (!dom) return;
  (st.raw ? dom.raw.viewport : dom.tree.viewport).focus();
}

function rowIndexOf(target: EventTarget | null): number {
  const row = target instanceof Element ? target.closest<HTMLElement>('.row') : null;
  return row?.dataset.index === undefined ? -1 : Number(row.dataset.index);
}

/** A click on a row focuses it; on a parent row it also opens or closes it (a link opens, an action acts). */
export function onTreeClick(e: MouseEvent): void {
  const index = rowIndexOf(e.target);
  const node = st.view.rows[index];
  if (!node || !(e.target instanceof Element)) return;
  setActive(index);
  const action = e.target.closest<HTMLElement>('[data-action]');
  if (action) {
    act(action.dataset.action, node);
    return;
  }
  const link = e.target.closest<HTMLElement>('.link');
  if (link) {
    openLink(link.dataset.url);
    return;
  }
  toggle(node);
}

let typed = '';
let typedAt = 0;

/** The text type-ahead compares: a key as written, an array index as its number. */
function typeAheadText(node: OutlineNode): string {
  return node.key === undefined ? '' : String(node.key).toLowerCase();
}

/**
 * Jumps to the next row (after the focused one, wrapping around) whose key
 * starts with what was typed. The same letter again moves on to the next
 * match; a longer prefix first tries the focused row itself.
 */
function typeAhead(char: string): boolean {
  const rows = st.view.rows;
  if (rows.length === 0) return false;
  const now = performance.now();
  const continuing = now - typedAt < TYPE_AHEAD_MS && typed !== '';
  typedAt = now;
  const lower = char.toLowerCase();
  const repeat = continuing && typed === lower;
  typed = continuing && !repeat ? typed + lower : lower;
  const from = Math.max(0, st.activeIndex);
  const start = continuing && !repeat ? from : from + 1;
  for (let i = 0; i < rows.length; i++) {
    const index = (start + i) % rows.length;
    const node = rows[index];
    if (node && typeAheadText(node).startsWith(typed)) {
      setActive(index);
      return true;
    }
  }
  return false;
}

export function onTreeKey(e: KeyboardEvent): void {
  const node = st.view.rows[st.activeIndex];
  const page = st.dom?.tree.rowsPerPage() ?? 10;
  switch (e.key) {
    case 'ArrowDown':
      setActive(st.activeIndex + 1);
      break;
    case 'ArrowUp':
      setActive(Math.max(0, st.activeIndex - 1));
      break;
    case 'PageDown':
      setActive(st.activeIndex + page);
      break;
    case 'PageUp':
      setActive(Math.max(0, st.activeIndex - page));
      break;
    case 'Home':
      setActive(0);
      break;
    case 'End':
      setActive(st.view.rows.length - 1);
      break;
    case 'ArrowRight':
      if (!node) return;
      if (node.isContainer && node.childCount > 0 && !st.view.open.has(node)) toggle(node, true);
      else if (st.view.open.has(node)) setActive(st.activeIndex + 1);
      break;
    case 'ArrowLeft':
      if (!node) return;
      if (st.view.open.has(node)) toggle(node, false);
      else if (node.parent && node.parent.parent) {
        const parentIndex = st.view.rows.indexOf(node.parent);
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
      // One printable character, no modifier: type-ahead ('/' is the filter's key).
      if (e.key.length !== 1 || e.key === '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      typeAhead(e.key);
      break;
  }
  e.preventDefault();
}

export function onDocumentKey(e: KeyboardEvent): void {
  const dom = st.dom;
  if (!dom) return;
  const inField = e.composedPath().some((t) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'VSCODE-TEXTFIELD'));
  if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') || (e.key === '/' && !inField)) {
    dom.filter.focus();
    e.preventDefault();
  }
}
