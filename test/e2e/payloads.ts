/**
 * Responses the webview tests and the benchmark feed the details page: the
 * reference's example, one full of markup and script, and a multi-MB one.
 */
import reference from '../fixtures/deployment-reference.json';

export function referenceExample(): Record<string, unknown> {
  return structuredClone(reference);
}

/** Text that would run or inject something if it were ever treated as markup. */
export const HOSTILE_TEXTS = [
  '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  "<a href='javascript:window.__pwned=4'>click</a>",
  '<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>',
  '<style>body{display:none}</style>',
] as const;

export function hostileExample(): Record<string, unknown> {
  const value = referenceExample();
  value.name = HOSTILE_TEXTS[1];
  value.meta = {
    githubCommitMessage: HOSTILE_TEXTS[0],
    githubCommitRef: HOSTILE_TEXTS[2],
    githubCommitAuthorName: HOSTILE_TEXTS[3],
  };
  value.errorMessage = HOSTILE_TEXTS[5];
  value.inspectorUrl = 'javascript:window.__pwned=6';
  value.readyStateReason = HOSTILE_TEXTS[6];
  // Markup in keys too: unknown fields are shown by name.
  value['<img src=x onerror="window.__pwned=7">'] = HOSTILE_TEXTS[4];
  value.readyState = '<b onmouseover="window.__pwned=8">BUILDING</b>';
  return value;
}

/** A deployment with `routes` routes: about 200 bytes of JSON each (50,000 ≈ 10 MB). */
export function largeExample(routes: number): Record<string, unknown> {
  const value = referenceExample();
  value.routes = Array.from({ length: routes }, (_, i) => ({
    src: `^/blog/post-${i}/(?<slug>[^/]+?)(?:/)?$`,
    dest: `/blog/post-${i}/[slug]?slug=$slug`,
    headers: { 'x-route': String(i), 'cache-control': 'public, max-age=0, must-revalidate' },
    methods: ['GET', 'HEAD'],
    continue: i % 2 === 0,
    has: [{ type: 'header', key: 'x-variant', value: `v${i % 7}` }],
  }));
  return value;
}
