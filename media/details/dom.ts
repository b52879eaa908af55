/**
 * DOM helpers that only ever write text: whatever the deployment holds is set
 * with `textContent` or as a text node, never parsed as markup.
 */

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function icon(name: string, className = ''): HTMLSpanElement {
  const e = el('span', `codicon codicon-${name} ${className}`.trim());
  e.setAttribute('aria-hidden', 'true');
  return e;
}

/** Appends `text` to `parent`, wrapping the parts that match the filter in `<mark>`. */
export function appendHighlighted(parent: HTMLElement, text: string, query: string): void {
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

export function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export function toolbarButton(iconName: string, label: string, onClick: () => void): HTMLElementTagNameMap['vscode-toolbar-button'] {
  const b = document.createElement('vscode-toolbar-button');
  b.icon = iconName;
  b.label = label;
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}
