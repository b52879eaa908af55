/**
 * The page's frame: the deployment's header, the outline's toolbar, the
 * banner, the outline and raw views, the details pane; and what the body
 * shows before there is a deployment (loading, an error with a retry).
 */
import type { WebviewStrings } from '../../src/details/protocol';
import { onDetailsClick } from './detailsPane';
import { el, icon, toolbarButton } from './dom';
import type { Dom } from './domRefs';
import { post } from './host';
import { onHeaderClick, onHeaderKey } from './header';
import {
  applyFilter,
  focusList,
  onDocumentKey,
  onTreeClick,
  onTreeKey,
  scheduleFilter,
  setActive,
  setExpansionBaseline,
  setRaw,
} from './interaction';
import { fillTreeRow, makeTreeRow } from './outlineRows';
import { fillRawLine, makeRawLine } from './rawView';
import { saveState, st } from './state';
import { ROW_HEIGHT, VirtualList } from './virtualList';

export function buildPage(strings: WebviewStrings): Dom {
  const app = document.getElementById('app') ?? document.body.appendChild(el('div', 'app'));
  app.replaceChildren();

  const header = el('header', 'header');
  const summary = el('section', 'summary-header');
  summary.addEventListener('click', onHeaderClick);
  summary.addEventListener('keydown', onHeaderKey);

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
  const rawToggle = toolbarButton('json', strings.showRaw, () => setRaw(!st.raw));
  rawToggle.toggleable = true;
  const openJson = toolbarButton('go-to-file', strings.openJson, () => post({ type: 'openJson' }));
  const refresh = toolbarButton('refresh', strings.refresh, () => post({ type: 'reload' }));
  toolbar.append(filter, matchCount, expandAll, collapseAll, rawToggle, openJson, refresh);
  header.append(summary, toolbar);

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
  treeViewport.addEventListener('focus', () => {
    // Tabbing in picks the first row in view; a click picks its own row.
    if (st.activeIndex < 0 && st.view.rows.length > 0 && treeViewport.matches(':focus-visible')) {
      setActive(Math.min(st.view.rows.length - 1, Math.ceil(treeViewport.scrollTop / ROW_HEIGHT)));
    }
  });
  treeViewport.addEventListener('scroll', saveState, { passive: true });
  rawViewport.addEventListener('scroll', saveState, { passive: true });
  details.addEventListener('click', onDetailsClick);
  document.addEventListener('keydown', onDocumentKey);

  return { app, header, summary, filter, matchCount, rawToggle, expandAll, collapseAll, banner, body, tree, raw: rawList, empty, details, status };
}

export function showPlaceholder(kind: 'loading' | 'error', message?: string): void {
  const dom = st.dom;
  if (!dom || !st.ui) return;
  dom.app.setAttribute('aria-busy', kind === 'loading' ? 'true' : 'false');
  if (st.hasDeployment) {
    // The last good data stays on screen; the header says what is going on.
    dom.header.classList.toggle('busy', kind === 'loading');
    if (kind === 'error') showBanner(message ?? '');
    return;
  }
  dom.body.classList.add('placeholder');
  const box = el('div', `placeholder-box ${kind}`);
  if (kind === 'loading') {
    const ring = document.createElement('vscode-progress-ring');
    box.append(ring, el('p', undefined, st.ui.strings.loading));
  } else {
    box.append(icon('error', 'placeholder-icon'), el('p', 'placeholder-title', st.ui.strings.errorTitle), el('p', 'placeholder-message', message ?? ''));
    const retry = document.createElement('vscode-button');
    retry.textContent = st.ui.strings.retry;
    retry.addEventListener('click', () => post({ type: 'reload' }));
    box.append(retry);
  }
  dom.empty.replaceChildren(box);
  dom.empty.hidden = false;
  dom.tree.viewport.hidden = true;
  dom.raw.viewport.hidden = true;
}

function showBanner(message: string): void {
  const dom = st.dom;
  if (!dom || !st.ui) return;
  const retry = document.createElement('vscode-button');
  retry.secondary = true;
  retry.textContent = st.ui.strings.retry;
  retry.addEventListener('click', () => post({ type: 'reload' }));
  dom.banner.replaceChildren(icon('error'), el('span', 'banner-text', `${st.ui.strings.errorTitle}: ${message}`), retry);
  dom.banner.hidden = false;
}
