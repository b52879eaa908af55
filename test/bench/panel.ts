/**
 * Row 5 — Panel: the details panel on the reference's example response and on
 * a multi-MB deployment (tens of thousands of routes).
 *
 * Outline model: createOutline + the visible rows (collapsed, as the panel
 * opens) + the field facts of the first screen of rows, in Node — what the
 * webview computes before it can draw.
 *
 * First rendered screen: the built webview page (media/dist) in headless
 * Chromium through the e2e harness; timed inside the page from posting the
 * `deployment` message to the first frame painted with rows (a frame later),
 * alternating with the obvious alternative, a page that shows the same
 * message as pretty-printed JSON in a <pre>. DOM nodes are counted across the
 * document and every shadow root once the screen has settled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { createOutline, visibleRows, type Schema } from '../../src/details/outline';
import type { HostMessage } from '../../src/details/protocol';
import { deploymentJsonSchema } from '../../src/details/schema';
import { ENGLISH, launchWebviewBrowser, type WebviewBrowser } from '../e2e/webviewHarness';
import { Prng } from '../emulator/prng';
import type { BenchContext } from './context';
import type { Line } from './report';
import { alternate, count, median, ms, pairedRatio, size, times } from './stats';

declare global {
  interface Window {
    __benchPayload: unknown;
  }
}

const MODEL_TARGET_MS = 50;
const SCREEN_TARGET_MS = 1000;
const NODE_TARGET = 2000;
const ROUTES = 30_000;
/** Rows of one screen: an 800 px panel at 22 px a row, plus the overscan the webview draws. */
const FIRST_SCREEN_ROWS = Math.ceil(800 / 22) + 10;

interface Payload {
  readonly name: string;
  readonly value: unknown;
  /** The value as JSON: handed to pages as text, far cheaper for playwright than a huge object. */
  readonly text: string;
  readonly bytes: number;
}

/** The reference's example response with its one route replaced by `n` plausible ones, the same every run. */
function bigDeployment(reference: Record<string, unknown>, n: number): Record<string, unknown> {
  const prng = new Prng('bench-routes');
  const words = ['blog', 'docs', 'shop', 'api', 'account', 'news', 'help', 'careers', 'legal', 'events'];
  const routes: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const word = prng.pick(words);
    const slug = `${word}-${prng.slug(8)}-${i}`;
    switch (i % 4) {
      case 0:
        routes.push({ src: `^/${word}/${slug}(?:/)?$`, dest: `/${word}/[slug]?slug=${slug}`, check: true });
        break;
      case 1:
        routes.push({
          src: `^/api/v${prng.int(1, 3)}/${word}/(?<id>[^/]+?)(?:/)?$`,
          dest: `/api/${word}/[id]?id=$id&n=${i}`,
          methods: ['GET', 'POST'],
          headers: { 'cache-control': `s-maxage=${prng.int(1, 3600)}`, 'x-route': String(i) },
        });
        break;
      case 2:
        routes.push({
          src: `^/(?<locale>en|de|fr|ja)/${slug}$`,
          status: 308,
          headers: { Location: `/$locale/${word}/${slug}` },
          has: [{ type: 'header', key: 'x-feature', value: prng.slug(6) }],
          continue: true,
        });
        break;
      default:
        routes.push(i % 5000 === 3 ? { handle: 'filesystem' } : { src: `^/_next/data/${prng.base62(21)}/${slug}.json$`, dest: `/${slug}`, middlewarePath: 'middleware', middleware: 0, override: true });
    }
  }
  return { ...reference, routes };
}

function payloads(root: string): Payload[] {
  const text = fs.readFileSync(path.join(root, 'test', 'fixtures', 'deployment-reference.json'), 'utf8');
  const reference: unknown = JSON.parse(text);
  if (typeof reference !== 'object' || reference === null || Array.isArray(reference)) throw new Error('the reference example is not an object');
  const big = bigDeployment({ ...reference }, ROUTES);
  const bigText = JSON.stringify(big);
  return [
    { name: "reference's example response", value: reference, text, bytes: Buffer.byteLength(text) },
    { name: `${count(ROUTES)} routes`, value: big, text: bigText, bytes: Buffer.byteLength(bigText) },
  ];
}

/** The outline the webview builds before drawing: model, visible rows, facts of the first screen. */
function modelOnce(schema: Schema, value: unknown): { ms: number; rows: number } {
  const t0 = performance.now();
  const root = createOutline(schema, value);
  const { rows } = visibleRows(root, () => false);
  for (const row of rows.slice(0, FIRST_SCREEN_ROWS)) void row.info;
  return { ms: performance.now() - t0, rows: rows.length };
}

function expandAllOnce(schema: Schema, value: unknown): { ms: number; rows: number } {
  const t0 = performance.now();
  const { rows } = visibleRows(createOutline(schema, value), () => true);
  for (const row of rows.slice(0, FIRST_SCREEN_ROWS)) void row.info;
  return { ms: performance.now() - t0, rows: rows.length };
}

const HEADER: Extract<HostMessage, { type: 'deployment' }>['header'] = {
  name: 'bench',
  title: 'bench',
  state: 'READY',
  stateLabel: 'Ready',
  live: false,
  targetLabel: 'Preview',
  production: false,
  current: false,
  createdAt: Date.UTC(2026, 0, 1),
  actions: ['showLogs'],
};

interface Screen {
  readonly ms: number;
  readonly nodes: number;
  readonly elements: number;
  readonly rows: number;
}

/**
 * In the page: posts the `deployment` message with the payload already
 * stored there, waits for the first frame painted with
 * `selector` present, then counts DOM nodes once things settle.
 */
async function timeScreen(page: Page, selector: string): Promise<Screen> {
  return page.evaluate(
    async ({ header, selector }) => {
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const t0 = performance.now();
      window.postMessage({ type: 'deployment', deployment: window.__benchPayload, header }, '*');
      while (document.querySelector(selector) === null) {
        await frame();
        if (performance.now() - t0 > 60_000) throw new Error(`no ${selector} after 60 s`);
      }
      // The frame that first had the rows is on screen once the next one starts.
      await frame();
      const elapsed = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 250));
      let nodes = 0;
      let elements = 0;
      const walk = (root: Node): void => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
        for (let node: Node | null = walker.currentNode; node !== null; node = walker.nextNode()) {
          nodes++;
          if (node instanceof Element) {
            elements++;
            if (node.shadowRoot) walk(node.shadowRoot);
          }
        }
      };
      walk(document);
      return { ms: elapsed, nodes, elements, rows: document.querySelectorAll(selector).length };
    },
    { header: HEADER, selector },
  );
}

/** One sample of the real panel: a fresh page, the handshake and init, then the timed deployment. */
async function panelSample(browser: WebviewBrowser, schema: Schema, json: string): Promise<Screen & { readyMs: number }> {
  const t0 = performance.now();
  const session = await browser.open();
  try {
    await session.ready();
    const readyMs = performance.now() - t0;
    await session.send({ type: 'init', ref: { id: 'dpl_bench' }, strings: ENGLISH, locale: 'en-US', schema });
    await session.page.evaluate((text) => {
      window.__benchPayload = JSON.parse(text);
    }, json);
    // The payload is already in the page: the clock covers the webview's work, not the benchmark's transfer.
    const screen = await timeScreen(session.page, '.row');
    return { ...screen, readyMs };
  } finally {
    await session.close();
  }
}

/** One sample of the alternative: the same message shown as pretty-printed JSON in a <pre>. */
async function preSample(page: Page, json: string): Promise<Screen> {
  await page.setContent('<!doctype html><html><body style="margin:0;font:13px monospace"><pre id="json"></pre></body></html>');
  await page.evaluate((text) => {
    window.__benchPayload = JSON.parse(text);
    window.addEventListener('message', (event: MessageEvent) => {
      const data: unknown = event.data;
      const target = document.getElementById('json');
      if (target && typeof data === 'object' && data !== null && 'deployment' in data) {
        target.textContent = JSON.stringify(data.deployment, null, 2);
        target.classList.add('shown');
      }
    });
  }, json);
  return timeScreen(page, 'pre.shown');
}

export async function panelRow(ctx: BenchContext): Promise<Line[]> {
  // The production build also writes media/dist: the page measured is this run's release webview.
  await ctx.productionBundle();
  const schema = deploymentJsonSchema();
  const lines: Line[] = [];
  const data = payloads(ctx.root);
  const built = path.join(ctx.root, 'media', 'dist', 'details.js');
  const source = path.join(ctx.root, 'media', 'details.ts');
  const stale = fs.existsSync(built) && fs.existsSync(source) && fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs;

  // Outline model, in Node.
  for (const [index, payload] of data.entries()) {
    const runs = ctx.quick ? 3 : index === 0 ? 51 : 11;
    modelOnce(schema, payload.value);
    const samples = Array.from({ length: runs }, () => modelOnce(schema, payload.value));
    const t = median(samples.map((s) => s.ms));
    const rows = samples[0]?.rows ?? 0;
    let expand = '';
    if (index === 1) {
      const all = Array.from({ length: ctx.quick ? 1 : 3 }, () => expandAllOnce(schema, payload.value));
      expand = ` Expanding everything (${count(all[0]?.rows ?? 0)} rows) takes ${ms(median(all.map((s) => s.ms)))}.`;
    }
    lines.push({
      id: index === 0 ? '5a' : '5b',
      label: `outline model, ${payload.name} (${size(payload.bytes)})`,
      value: ms(t),
      raw: t,
      unit: 'ms',
      target: '≤ 50 ms',
      met: t <= MODEL_TARGET_MS,
      note: `createOutline + visibleRows (collapsed: ${count(rows)} top rows) + field facts of the first ${FIRST_SCREEN_ROWS} rows, in Node; schema exported once beforehand (the panel receives it in \`init\`); median of ${runs}.${expand}`,
    });
  }

  // First rendered screen, in Chromium.
  ctx.log('panel: launching headless Chromium with the built webview');
  const browser = await launchWebviewBrowser();
  try {
    const first = await browser.open();
    // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`; the
    // functions playwright serializes into pages (the harness's init script, our timing) need it there.
    await first.page.context().addInitScript({ content: 'globalThis.__name = (target) => target;' });
    const blank = await first.page.context().newPage();
    await first.close();
    for (const [index, payload] of data.entries()) {
      const rounds = ctx.quick ? 2 : index === 0 ? 9 : 5;
      const started = performance.now();
      ctx.log(`panel: first screen, ${payload.name}, ${rounds} rounds`);
      const panels: (Screen & { readyMs: number })[] = [];
      const pres: Screen[] = [];
      // One unrecorded round warms Chromium's caches (page, script, fonts) for both.
      await panelSample(browser, schema, payload.text);
      await preSample(blank, payload.text);
      const samples = await alternate(rounds, {
        panel: async () => {
          const s = await panelSample(browser, schema, payload.text);
          panels.push(s);
          return s.ms;
        },
        pre: async () => {
          const s = await preSample(blank, payload.text);
          pres.push(s);
          return s.ms;
        },
      });
      ctx.log(`panel: ${payload.name} took ${ms(performance.now() - started)}`);
      const t = median(samples.panel);
      const ratio = pairedRatio(samples.pre, samples.panel);
      const nodes = Math.max(...panels.map((p) => p.nodes));
      const elements = Math.max(...panels.map((p) => p.elements));
      const suffix = index === 0 ? 'reference example' : `${count(ROUTES)} routes`;
      lines.push({
        id: index === 0 ? '5c' : '5d',
        label: `first rendered screen, ${suffix}`,
        value: ms(t),
        raw: t,
        unit: 'ms',
        target: '≤ 1 s',
        met: t <= SCREEN_TARGET_MS,
        comparison: `<pre> of pretty JSON ${ms(median(samples.pre))}; ours ${ratio >= 1 ? `${times(ratio)} faster` : `${times(1 / ratio)} slower`}`,
        note:
          `in the page, from posting \`deployment\` (payload already in the page) to the first painted frame with rows; ${rounds} alternating rounds, fresh page each, after one warm-up; ` +
          `opening the page to the \`ready\` handshake took ${ms(median(panels.map((p) => p.readyMs)))} more; ${count(panels[0]?.rows ?? 0)} .row elements drawn.` +
          (stale ? ' CAUTION: media/dist/details.js is older than media/details.ts (rebuild the webview).' : ''),
      });
      lines.push({
        id: index === 0 ? '5e' : '5f',
        label: `DOM nodes, ${suffix}`,
        value: count(nodes),
        raw: nodes,
        unit: 'nodes',
        target: '≤ 2,000',
        met: nodes <= NODE_TARGET,
        comparison: `<pre>: ${count(Math.max(...pres.map((p) => p.nodes)))} (one text node, but ${size(Buffer.byteLength(JSON.stringify(payload.value, null, 2)))} of laid-out text)`,
        note: `every node (elements, text, comments) in the document and all shadow roots, 250 ms after the first screen; ${count(elements)} of them elements; the largest of the rounds.`,
      });
    }
  } finally {
    await browser.close();
  }
  return lines.sort((a, b) => a.id.localeCompare(b.id));
}
