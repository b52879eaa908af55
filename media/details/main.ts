/**
 * The details webview: the deployment's header (state, commit, actions) above
 * its JSON as an outline read through its schema, or as raw pretty JSON.
 *
 * Everything from the response is set with `textContent` or as an attribute
 * value, never parsed as markup. Modules by concern: host.ts (the line to the
 * extension), state.ts, header.ts, virtualList.ts, outlineRows.ts, rawView.ts,
 * detailsPane.ts, interaction.ts, page.ts; this one answers the extension's
 * messages.
 *
 * Bundled by esbuild.mjs into media/dist/details.js (an IIFE for the browser).
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import { createOutline } from '../../src/details/outline';
import type { HostMessage } from '../../src/details/protocol';
import { renderDetails } from './detailsPane';
import { setLocale } from './format';
import { ageHeader, renderHeader, tickHeader } from './header';
import { post, vscode } from './host';
import { recompute } from './interaction';
import { buildPage, showPlaceholder } from './page';
import { readState, saveState, st } from './state';

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string';
}

function onInit(message: Extract<HostMessage, { type: 'init' }>): void {
  const firstInit = st.ui === undefined;
  st.ui = { strings: message.strings, locale: message.locale, schema: message.schema, ref: message.ref };
  setLocale(message.locale);
  if (firstInit || !st.dom) st.dom = buildPage(message.strings);
  const saved = readState(vscode.getState());
  if (saved && saved.ref.id === message.ref.id) {
    st.baseline = saved.baseline;
    st.toggled = new Set(saved.toggled);
    st.query = saved.query;
    st.dom.filter.value = saved.query;
    st.activeId = saved.active;
    st.raw = saved.raw;
    st.pendingScroll = { scrollTop: saved.scrollTop, rawScrollTop: saved.rawScrollTop };
  }
  saveState();
}

function onHeader(header: Extract<HostMessage, { type: 'header' }>['header']): void {
  const before = st.header;
  st.header = header;
  // A screen reader hears a change of state or of Current once, not the duration counting on.
  if (st.dom && before && (before.stateLabel !== header.stateLabel || before.current !== header.current)) {
    st.dom.status.textContent = header.current && st.ui ? `${header.title} — ${header.stateLabel} · ${st.ui.strings.current}` : `${header.title} — ${header.stateLabel}`;
  }
  renderHeader();
  document.title = header.title;
}

function onDeployment(message: Extract<HostMessage, { type: 'deployment' }>): void {
  const dom = st.dom;
  if (!st.ui || !dom) return;
  const first = !st.hasDeployment;
  st.deployment = message.deployment;
  st.hasDeployment = true;
  st.rawLines = undefined;
  st.root = createOutline(st.ui.schema, st.deployment);

  dom.app.setAttribute('aria-busy', 'false');
  dom.header.classList.remove('busy');
  dom.banner.hidden = true;
  dom.body.classList.remove('placeholder');
  dom.empty.hidden = true;
  onHeader(message.header);

  dom.tree.viewport.hidden = st.raw;
  dom.raw.viewport.hidden = !st.raw;
  dom.rawToggle.checked = st.raw;
  dom.expandAll.hidden = st.raw;
  dom.collapseAll.hidden = st.raw;
  recompute();
  if (first && st.pendingScroll) {
    // Back where the person left it, even if the focused row is out of view.
    dom.tree.viewport.scrollTop = st.pendingScroll.scrollTop;
    dom.raw.viewport.scrollTop = st.pendingScroll.rawScrollTop;
    st.pendingScroll = undefined;
    dom.tree.render();
    dom.raw.render();
  } else if (st.activeIndex >= 0) dom.tree.scrollToIndex(st.activeIndex);
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
    case 'header':
      if (st.hasDeployment) onHeader(message.header);
      break;
    case 'error':
      showPlaceholder('error', message.message);
      break;
  }
});

// Relative times ("3 minutes ago") age while the panel is open.
setInterval(() => {
  if (st.dom && st.hasDeployment && !document.hidden) {
    st.dom.tree.refresh();
    renderDetails();
    ageHeader();
  }
}, 60_000);

// A running build's duration counts on.
setInterval(() => {
  if (!document.hidden) tickHeader();
}, 1_000);

/** Workbench shortcuts pressed while the page has focus (close, switch tabs, the palette) are not work in the page. */
const PAGE_SHORTCUTS = new Set(['a', 'c', 'f']);
const MODIFIERS = new Set(['Alt', 'AltGraph', 'Control', 'Meta', 'Shift', 'CapsLock', 'OS']);

function isWorkInPage(e: Event): boolean {
  if (!(e instanceof KeyboardEvent)) return true;
  if (MODIFIERS.has(e.key)) return false;
  return !(e.ctrlKey || e.metaKey || e.altKey) || PAGE_SHORTCUTS.has(e.key.toLowerCase());
}

/**
 * The first time the person works in the page (a click, a key, the wheel),
 * the extension hears it once: a preview panel then becomes one to keep.
 * Scrolls by script (restoring the position) fire no such event.
 */
const INTERACTIONS = ['pointerdown', 'keydown', 'wheel'] as const;
function onFirstInteraction(e: Event): void {
  if (!isWorkInPage(e)) return;
  for (const type of INTERACTIONS) document.removeEventListener(type, onFirstInteraction, true);
  post({ type: 'interacted' });
}
for (const type of INTERACTIONS) document.addEventListener(type, onFirstInteraction, { capture: true, passive: true });

// The handshake: the extension answers with `init`.
post({ type: 'ready' });
