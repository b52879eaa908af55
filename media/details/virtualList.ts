/**
 * A list of fixed-height rows of which only those in view (plus a few) exist
 * in the DOM, whatever the size of the response.
 */
import { el } from './dom';

export const ROW_HEIGHT = 22;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 10;

export class VirtualList {
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
