/**
 * Row 10 — Environment Variables view, against the emulator over real HTTP.
 *
 * The production bundle activated under the vscode shim on a linked folder
 * with a stored token, as in row 4; once the window has painted, the
 * Environment Variables view is "expanded": its provider is asked for its
 * rows as VS Code asks when a person opens it. Every request passes the
 * counting proxy. Counted: what opening the view costs (its list, one per
 * linked project) and what it costs while it stays open (nothing: no poll).
 */
import { startEmulator } from '../emulator/server';
import type { BenchContext } from './context';
import { startCountingProxy } from './countingProxy';
import { hostExtension, waitFor } from './hostedExtension';
import type { Line } from './report';
import { count, ms } from './stats';
import { shimControl } from './vscodeShim';

const VIEW = 'vercelDeployments.environment';
/** How long the open view is watched for requests of its own. */
const OPEN_MS = 10_000;

export async function environmentRow(ctx: BenchContext): Promise<Line[]> {
  const bundle = await ctx.productionBundle();
  const emulator = await startEmulator({ port: 0, buildMs: 6 * 3_600_000, newEveryMs: 0 });
  const proxy = await startCountingProxy(emulator.info.url);
  try {
    const hosted = await hostExtension(bundle.path, emulator.info, ctx.tmp, { apiUrl: proxy.url });
    try {
      await waitFor(() => hosted.api.store.projects.every((p) => p.loaded), 'the deployments painted');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const loadedBefore = hosted.api.features.loadedFor;
      const envRequestsBefore = proxy.requests.filter((r) => r.path.includes('/env')).length;
      proxy.clear();
      const provider = shimControl.trees.get(VIEW);
      if (!provider) throw new Error(`the ${VIEW} view has no tree data provider`);
      const t0 = performance.now();
      const look = () => {
        const rows = provider.getChildren(undefined);
        return Array.isArray(rows) ? rows : [];
      };
      look();
      await waitFor(() => look().some((n) => typeof n === 'object' && n !== null && 'kind' in n && n.kind === 'group'), 'the environments listed');
      const shownMs = performance.now() - t0;
      // The Deployments view polls meanwhile (row 4); only the environment's own requests count here.
      const isEnv = (r: { path: string }) => r.path.includes('/env');
      const opening = proxy.requests.filter(isEnv);
      proxy.clear();
      // Open and idle, redrawn as VS Code redraws it.
      const deadline = performance.now() + OPEN_MS;
      while (performance.now() < deadline) {
        look();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const whileOpen = proxy.requests.filter(isEnv);
      const others = proxy.requests.length - whileOpen.length;
      const projects = hosted.api.store.projects.length;
      const endpoints = opening.map((r) => `${r.method} ${r.path.replace(/prj_\w+/, '{project}')} → ${r.status}`).join(', ');
      return [
        {
          id: '10a',
          label: 'requests when the Environment Variables view opens',
          value: count(opening.length),
          raw: opening.length,
          unit: 'requests',
          target: '1 per linked project',
          met: opening.length === projects,
          note:
            `production bundle under the shim, ${projects} linked project, signed in, the deployments painted; before the view opened: ${envRequestsBefore} environment request(s), features bundle ${loadedBefore === undefined ? 'not loaded' : `loaded for ${loadedBefore}`}. ` +
            `Opening (the view's provider asked for its rows, as VS Code asks when a person expands it): ${endpoints}; the environments showed ${ms(shownMs)} after the first ask (this includes loading the features bundle: ${hosted.api.features.loadedFor ?? 'not loaded'}).`,
        },
        {
          id: '10b',
          label: `requests while the view stays open (${OPEN_MS / 1000} s)`,
          value: count(whileOpen.length),
          raw: whileOpen.length,
          unit: 'requests',
          target: '0',
          met: whileOpen.length === 0,
          note: `rows asked for again every 500 ms, as a redraw does; no timer of the view sends a request: it lists again only on Refresh or after a change. Meanwhile the Deployments view sent ${others} request(s) of its own (row 4), not counted here.`,
        },
      ];
    } finally {
      hosted.dispose();
    }
  } finally {
    await proxy.close();
    await emulator.close();
  }
}
