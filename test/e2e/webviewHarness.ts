/**
 * Runs the built details webview page in Debian's Chromium, the way VS Code
 * would show it, with one test double: `acquireVsCodeApi`. The page is the one
 * src/details/html.ts writes for the panel (same CSP, same nonce'd script), its
 * files are media/dist/ as esbuild.mjs builds them, served from a local origin
 * that plays the part of `webview.cspSource`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createNonce, detailsHtml } from '../../src/details/html';
import type { DeploymentHeader, HostMessage, PanelRef, WebviewMessage } from '../../src/details/protocol';
import { deploymentJsonSchema } from '../../src/details/schema';
import { webviewStrings } from '../../src/details/strings';
import { launchChromium } from '../harness/browser';

const repoRoot = path.resolve(__dirname, '..', '..');
const mediaDist = path.join(repoRoot, 'media', 'dist');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** English, as the extension would send it without a language pack. */
export const ENGLISH = webviewStrings({ t: (m: string | { message: string }) => (typeof m === 'string' ? m : m.message) });

/** A plain header, as the panel would send for a ready preview; tests override what they look at. */
export function sampleHeader(over: Partial<DeploymentHeader> = {}): DeploymentHeader {
  return {
    name: 'test',
    title: 'test',
    state: 'READY',
    stateLabel: 'Ready',
    live: false,
    targetLabel: 'Preview',
    production: false,
    current: false,
    createdAt: Date.UTC(2026, 0, 15, 12, 0, 0),
    actions: ['redeploy', 'showLogs'],
    ...over,
  };
}

export function assertBuilt(): void {
  for (const file of ['details.js', 'details.css', 'codicon.css']) {
    if (!fs.existsSync(path.join(mediaDist, file))) {
      throw new Error(`media/dist/${file} is missing: run \`node esbuild.mjs\` first (npm run test:e2e does)`);
    }
  }
}

interface VsCodeApiDouble {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What the test double and the hostile payloads leave on `window` for the tests to read. */
declare global {
  interface Window {
    __posted: WebviewMessage[];
    __state: unknown;
    /** Set by script in a hostile payload, should it ever run. */
    __pwned: number;
    __cspViolations: string[];
    acquireVsCodeApi(): VsCodeApiDouble;
  }
}

/**
 * Installed before the page's own script runs: records messages and state like
 * VS Code's webview host. Plain JavaScript text, so the test runner's
 * transpiler cannot slip helpers into it that the page does not have.
 */
function vscodeApiDouble(initialState: unknown): string {
  return `(() => {
  const posted = [];
  let state = ${JSON.stringify(initialState ?? null)} ?? undefined;
  window.__posted = posted;
  window.__state = state;
  window.__pwned = 0;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
  });
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called once');
    acquired = true;
    return {
      // The real host clones messages; a copy keeps later mutation out of the record.
      postMessage: (m) => { posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => state,
      setState: (s) => { state = s; window.__state = s; },
    };
  };
})();`;
}

export interface WebviewSession {
  readonly page: Page;
  /** Uncaught errors and console errors of the page so far. */
  readonly errors: readonly string[];
  /** Messages the webview posted to the "extension", oldest first. */
  posted(): Promise<WebviewMessage[]>;
  /** Sends a message as the extension would (`webview.postMessage`). */
  send(message: HostMessage): Promise<void>;
  /** `init` with English strings and the real schema, then the deployment (with a plain header unless given one). */
  show(deployment: unknown, ref?: PanelRef, header?: DeploymentHeader): Promise<void>;
  /** Waits until the webview has posted `ready`. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface WebviewBrowser {
  open(options?: { state?: unknown; viewport?: { width: number; height: number } }): Promise<WebviewSession>;
  close(): Promise<void>;
}

export async function launchWebviewBrowser(): Promise<WebviewBrowser> {
  assertBuilt();
  const nonce = createNonce();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    const file = path.join(mediaDist, path.normalize(url.pathname.replace(/^\/media\/dist\//, '/')));
    if (!file.startsWith(mediaDist) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the page server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  const page = detailsHtml({
    cspSource: origin,
    scriptUri: `${origin}/media/dist/details.js`,
    styleUri: `${origin}/media/dist/details.css`,
    codiconUri: `${origin}/media/dist/codicon.css`,
    nonce,
    lang: 'en',
  });

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'details-webview-'));
  const context: BrowserContext = await launchChromium(userDataDir, { width: 1100, height: 800 });

  return {
    async open(options = {}) {
      const p = await context.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      p.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      if (options.viewport) await p.setViewportSize(options.viewport);
      await p.addInitScript({ content: vscodeApiDouble(options.state) });
      await p.goto(`${origin}/`);
      const session: WebviewSession = {
        page: p,
        errors,
        posted: () => p.evaluate(() => window.__posted.slice()),
        // As text: Playwright's own serializer is slow for deep objects of several MB; JSON.parse is what the real host does too.
        send: (message) => p.evaluate((text) => window.postMessage(JSON.parse(text), '*'), JSON.stringify(message)),
        ready: async () => {
          await p.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
        },
        async show(deployment, ref = { id: 'dpl_test' }, header = sampleHeader()) {
          await session.ready();
          await session.send({ type: 'init', ref, strings: ENGLISH, locale: 'en-US', schema: deploymentJsonSchema() });
          await session.send({ type: 'deployment', deployment, header });
          await p.locator('.row').first().waitFor();
        },
        close: () => p.close(),
      };
      return session;
    },
    async close() {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks every webview suite has, in one place: a browser for the suite
 * (launched before its first test, closed after its last), and after each
 * test, every page the test left open must have logged no error and broken
 * no CSP rule, and is closed. Call it in the suite's `describe`.
 */
export function webviewSuite(): WebviewBrowser {
  let browser: WebviewBrowser | undefined;
  const opened: WebviewSession[] = [];
  before(async () => {
    browser = await launchWebviewBrowser();
  });
  afterEach(async () => {
    const open = opened.splice(0).filter((session) => !session.page.isClosed());
    try {
      for (const session of open) {
        assert.deepEqual(session.errors, [], 'the page logged errors');
        assert.deepEqual(await session.page.evaluate(() => window.__cspViolations), [], 'the page broke its CSP');
      }
    } finally {
      for (const session of open) await session.close();
    }
  });
  after(async () => {
    await browser?.close();
  });
  return {
    async open(options) {
      assert.ok(browser, 'open() runs in a test, once the suite\'s browser started');
      const session = await browser.open(options);
      opened.push(session);
      return session;
    },
    close: async () => browser?.close(),
  };
}
