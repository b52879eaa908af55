/** What the toolbar and the body say about the filter: how many rows match, and "no matches" when none do. */
import { fill } from '../../src/details/outline';
import { el } from './dom';
import { formatCount } from './format';
import { st } from './state';

export function updateMatchCount(): void {
  const dom = st.dom;
  if (!dom || !st.ui) return;
  dom.matchCount.textContent = st.query === '' ? '' : fill(st.ui.strings.matches, formatCount(st.raw ? st.rawView.length : st.view.matches));
}

export function updateEmpty(count: number): void {
  const dom = st.dom;
  if (!dom || !st.ui || !st.hasDeployment) return;
  const none = count === 0 && st.query !== '';
  dom.empty.hidden = !none;
  if (none) dom.empty.replaceChildren(el('p', 'empty-text', fill(st.ui.strings.noMatches, st.query)));
}
