/** The pane below the outline: everything about the focused field, with its actions. */
import { describeViolation, fill, safeHttpUrl, type OutlineNode } from '../../src/details/outline';
import type { CopyKind } from '../../src/details/protocol';
import { el } from './dom';
import { copyText, enumText, formatCount, formatDate, formatRelative, keyText, primitiveText } from './format';
import { post } from './host';
import { st } from './state';

const DETAIL_TEXT_LIMIT = 100_000;

export function renderDetails(): void {
  const dom = st.dom;
  if (!dom || !st.ui) return;
  const node = st.view.rows[st.activeIndex];
  if (!node || st.raw) {
    dom.details.replaceChildren();
    dom.details.hidden = true;
    return;
  }
  dom.details.hidden = false;
  const s = st.ui.strings;
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
  if (!st.ui) return el('span');
  const value = node.value;
  if (node.info.timestamp && typeof value === 'number') {
    const box = el('span', 'd-date');
    box.append(el('span', 'v-date', formatDate(value)), ' · ', el('span', undefined, formatRelative(value)), ' · ', el('code', 'v-number', String(value)));
    return box;
  }
  const text = node.isContainer ? JSON.stringify(value, null, 2) ?? '' : primitiveText(value);
  const pre = el('pre', `d-value v-${node.kind}`, text.length > DETAIL_TEXT_LIMIT ? text.slice(0, DETAIL_TEXT_LIMIT) : text);
  if (text.length > DETAIL_TEXT_LIMIT) {
    pre.append(el('span', 'd-none', `\n${fill(st.ui.strings.truncated, formatCount(text.length - DETAIL_TEXT_LIMIT))}`));
  }
  return pre;
}

export function onDetailsClick(e: MouseEvent): void {
  const target = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-action]') : null;
  const node = st.view.rows[st.activeIndex];
  if (!target || !node) return;
  act(target.dataset.action, node);
}

/** A row's or the pane's own action on a field. */
export function act(action: string | undefined, node: OutlineNode): void {
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

/** Only http(s) links are offered to the extension, which checks again. */
export function openLink(url: string | undefined): void {
  const safe = url === undefined ? undefined : safeHttpUrl(url);
  if (safe) post({ type: 'openUrl', url: safe });
}
