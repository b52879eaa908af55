/**
 * What the page holds: the deployment, the outline and how a person is
 * looking at it (expansion, filter, focus, scroll), and what of that is kept
 * with `setState` for when the panel is shown again or restored after a reload.
 */
import type { OutlineNode, Rows, Schema } from '../../src/details/outline';
import type { DeploymentHeader, PanelRef, PersistedState, WebviewStrings } from '../../src/details/protocol';
import { vscode } from './host';
import type { Dom } from './domRefs';

export interface Ui {
  readonly strings: WebviewStrings;
  readonly locale: string | undefined;
  readonly schema: Schema;
  readonly ref: PanelRef;
}

export const st = {
  ui: undefined as Ui | undefined,
  dom: undefined as Dom | undefined,
  deployment: undefined as unknown,
  header: undefined as DeploymentHeader | undefined,
  hasDeployment: false,
  root: undefined as OutlineNode | undefined,
  view: { rows: [], open: new Set(), matches: 0 } as Rows,
  baseline: 'collapsed' as PersistedState['baseline'],
  toggled: new Set<string>(),
  /** Containers closed by hand while a filter is on; forgotten when the filter changes. */
  closedInFilter: new Set<string>(),
  query: '',
  raw: false,
  activeId: null as string | null,
  activeIndex: -1,
  pendingScroll: undefined as { scrollTop: number; rawScrollTop: number } | undefined,
  rawLines: undefined as string[] | undefined,
  rawView: [] as number[],
};

export function isExpanded(node: OutlineNode): boolean {
  return (st.baseline === 'expanded') !== st.toggled.has(node.id);
}

export function readState(value: unknown): PersistedState | undefined {
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

export function saveState(): void {
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    if (!st.ui) return;
    vscode.setState({
      v: 1,
      ref: st.ui.ref,
      baseline: st.baseline,
      toggled: [...st.toggled],
      query: st.query,
      raw: st.raw,
      scrollTop: st.pendingScroll?.scrollTop ?? st.dom?.tree.viewport.scrollTop ?? 0,
      rawScrollTop: st.pendingScroll?.rawScrollTop ?? st.dom?.raw.viewport.scrollTop ?? 0,
      active: st.activeId,
    });
  }, 100);
}
