/** The response as pretty JSON, one virtualized line per row, narrowed by the filter. */
import { matcher } from '../../src/details/outline';
import { appendHighlighted, clip, el } from './dom';
import { st } from './state';
import { updateEmpty } from './status';

const RAW_LINE_LIMIT = 2_000;

export function makeRawLine(): HTMLElement {
  return el('div', 'line');
}

export function fillRawLine(line: HTMLElement, index: number): void {
  const lines = st.rawLines;
  const n = st.rawView[index];
  if (!lines || n === undefined) return;
  const text = lines[n] ?? '';
  const number = el('span', 'ln', String(n + 1));
  number.setAttribute('aria-hidden', 'true');
  const code = el('span', 'code');
  appendHighlighted(code, clip(text, RAW_LINE_LIMIT), st.query);
  line.replaceChildren(number, code);
}

export function updateRawView(): void {
  const dom = st.dom;
  if (!dom || !st.raw) return;
  st.rawLines ??= (JSON.stringify(st.deployment, null, 2) ?? '').split('\n');
  if (st.query === '') {
    st.rawView = st.rawLines.map((_, i) => i);
  } else {
    const test = matcher(st.query);
    st.rawView = [];
    st.rawLines.forEach((line, i) => {
      if (test(line)) st.rawView.push(i);
    });
  }
  dom.raw.setCount(st.rawView.length);
  updateEmpty(st.rawView.length);
}
