/**
 * One row of the outline: twistie, key, value (or a container's summary),
 * type, presence, enum badges, marks of schema trouble, description, actions.
 */
import { describeViolation, kindOf, matcher, type OutlineNode } from '../../src/details/outline';
import { appendHighlighted, clip, el, icon } from './dom';
import { countLabel, enumText, formatDate, formatRelative, keyText, primitiveText } from './format';
import { st } from './state';

const INDENT = 16;
/** Characters of a value drawn in a row; the details pane shows more. */
export const ROW_TEXT_LIMIT = 300;
const MAX_BADGES = 12;

export function makeTreeRow(): HTMLElement {
  const row = el('div', 'row');
  row.setAttribute('role', 'treeitem');
  return row;
}

export function fillTreeRow(row: HTMLElement, index: number): void {
  const node = st.view.rows[index];
  if (!node || !st.ui) return;
  const s = st.ui.strings;
  const info = node.info;
  row.id = `row-${index}`;
  row.dataset.index = String(index);
  row.setAttribute('aria-level', String(node.depth));
  row.setAttribute('aria-selected', String(index === st.activeIndex));
  row.classList.toggle('active', index === st.activeIndex);
  const parent = node.parent;
  if (parent) {
    row.setAttribute('aria-setsize', String(parent.childCount));
    row.setAttribute('aria-posinset', String((typeof node.key === 'number' ? node.key : parent.children.indexOf(node)) + 1));
  }
  row.style.paddingLeft = `${(node.depth - 1) * INDENT + 4}px`;

  const parts: Node[] = [];
  const expandable = node.isContainer && node.childCount > 0;
  const open = st.view.open.has(node);
  if (expandable) row.setAttribute('aria-expanded', String(open));
  else row.removeAttribute('aria-expanded');
  row.classList.toggle('parent', expandable);
  parts.push(icon(expandable ? (open ? 'chevron-down' : 'chevron-right') : 'blank', 'twistie'));

  const key = el('span', typeof node.key === 'number' ? 'key index' : 'key');
  appendHighlighted(key, keyText(node), st.query);
  parts.push(key);

  if (node.isContainer) {
    parts.push(el('span', 'summary', node.kind === 'array' ? '[…]' : '{…}'), el('span', 'count', countLabel(node.kind === 'array', node.childCount)));
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
  parts.push(el('span', 'desc', info.description ?? ''));

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
  if (!st.ui) return [];
  const s = st.ui.strings;
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
    if (st.query !== '' && matcher(st.query)(String(value))) span.classList.add('matched');
    return span;
  }
  const text = clip(primitiveText(value), limit);
  if (info.url) {
    const link = el('span', 'value link');
    link.setAttribute('role', 'link');
    link.dataset.url = info.url;
    link.title = info.url;
    appendHighlighted(link, text, st.query);
    return link;
  }
  const span = el('span', `value v-${kindOf(value)}`);
  appendHighlighted(span, text, st.query);
  return span;
}
