/**
 * The details webview's page. Pure (no `vscode`), so the browser tests load
 * exactly the page the panel shows.
 *
 * The page holds no data and no translated text: both arrive by postMessage.
 * The CSP allows only the nonce'd script and the stylesheets and font served
 * from the extension's media/ folder, and it enforces Trusted Types: the
 * browser refuses any string written to an HTML sink (innerHTML and the like)
 * unless it comes through the one policy allowed, lit-html's. That policy is
 * lit's own (the @vscode-elements controls are built on lit) and only ever
 * receives the controls' static template literals, so no data can reach
 * markup, whatever a later change to the page script does.
 */

export interface PageResources {
  /** `webview.cspSource`: the origin media/ is served from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** codicon.css; also what `<vscode-icon>` reads through the element's id. */
  readonly codiconUri: string;
  readonly nonce: string;
  /** Language tag of the page (`vscode.env.language`). */
  readonly lang: string;
}

/** Files of media/dist/ the page loads, relative to media/. */
export const PAGE_FILES = {
  script: ['dist', 'details.js'],
  style: ['dist', 'details.css'],
  codicon: ['dist', 'codicon.css'],
} as const;

/** 128 random bits from the Web Crypto API (present in Node 20 and in browsers). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(r: Pick<PageResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${r.nonce}'`,
    `style-src ${r.cspSource}`,
    `font-src ${r.cspSource}`,
    `img-src ${r.cspSource}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

export function detailsHtml(r: PageResources): string {
  return `<!DOCTYPE html>
<html lang="${attr(r.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(r))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.codiconUri)}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${attr(r.styleUri)}">
</head>
<body>
<div id="app" class="app" aria-busy="true"></div>
<script nonce="${attr(r.nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>
`;
}
