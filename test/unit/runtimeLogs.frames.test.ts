/**
 * Stack frames in runtime logs and where they point: every frame shape V8
 * and Node print, `/var/task/` and the project's Root Directory stripped,
 * built `.next/server` files to their source map and their route's source,
 * a built `.js` to its TypeScript sibling, and nothing ever outside the
 * deployment's folder (`..`, another root, a scheme, NUL). Source maps are
 * read as far as one position needs. Properties: never throws, linear time.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { candidatesFor, definitionLine, framesIn, sourceOfMap, type FolderContext } from '../../src/runtimeLogs/frames';
import { originalPosition, parseSourceMap } from '../../src/runtimeLogs/sourceMap';

const AT_ROOT: FolderContext = { rootDirectory: null, folderIs: 'rootDirectory' };
const MONOREPO_LINK: FolderContext = { rootDirectory: 'apps/shop', folderIs: 'rootDirectory' };
const REPO_LINK: FolderContext = { rootDirectory: 'apps/shop', folderIs: 'repoRoot' };

const paths = (printed: string, context: FolderContext = AT_ROOT) => candidatesFor(printed, context).map((c) => c.path);

/** The tests' way to write a source map's mappings. */
function vlq(values: readonly number[]): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (const value of values) {
    let v = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = v & 31;
      v >>>= 5;
      if (v > 0) digit |= 32;
      out += chars[digit];
    } while (v > 0);
  }
  return out;
}

describe('runtime logs: stack frames', () => {
  it('reads every frame shape V8 and Node print', () => {
    const cases: Array<[string, { fn?: string; path: string; line?: number; column?: number } | undefined]> = [
      ['    at handler (/var/task/api/checkout.ts:42:11)', { fn: 'handler', path: '/var/task/api/checkout.ts', line: 42, column: 11 }],
      ['    at /var/task/.next/server/app/api/x/route.js:1:2345', { path: '/var/task/.next/server/app/api/x/route.js', line: 1, column: 2345 }],
      ['    at async POST (/var/task/app/api/checkout/route.ts:12:25)', { fn: 'POST', path: '/var/task/app/api/checkout/route.ts', line: 12, column: 25 }],
      ['    at new Cart (/var/task/lib/cart.ts:3:9)', { fn: 'Cart', path: '/var/task/lib/cart.ts', line: 3, column: 9 }],
      ['    at Object.<anonymous> (/var/task/lib/format.ts:3:17)', { fn: 'Object.<anonymous>', path: '/var/task/lib/format.ts', line: 3, column: 17 }],
      ['    at Array.map [as mapper] (/var/task/lib/a.js:9:1)', { fn: 'Array.map [as mapper]', path: '/var/task/lib/a.js', line: 9, column: 1 }],
      ['    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)', { fn: 'process.processTicksAndRejections', path: 'node:internal/process/task_queues', line: 95, column: 5 }],
      ['    at C:\\work\\x.js:1:2', { path: 'C:\\work\\x.js', line: 1, column: 2 }],
      ['- /var/task/.next/server/app/page.js', { path: '/var/task/.next/server/app/page.js' }],
      ['    at <anonymous>', undefined],
      ['    at eval (eval at run (/var/task/a.js:1:2), <anonymous>:1:1)', undefined],
      ["TypeError: Cannot read properties of undefined (reading 'price')", undefined],
      ['checkout: 2 × Canvas tote = $48.00 at /var/task/x.js:1:1', undefined],
    ];
    for (const [text, expected] of cases) {
      const [frame] = framesIn(text);
      if (expected === undefined) {
        assert.equal(frame, undefined, text);
        continue;
      }
      assert.ok(frame, text);
      assert.deepEqual({ fn: frame.fn, path: frame.path, line: frame.line, column: frame.column }, { fn: expected.fn, path: expected.path, line: expected.line, column: expected.column }, text);
      const location = text.slice(frame.start, frame.end);
      assert.ok(location.startsWith(expected.path), `the link covers the location: ${location}`);
    }
  });

  it('maps /var/task, the Root Directory, webpack-internal and relative paths into the folder', () => {
    assert.deepEqual(paths('/var/task/api/checkout.ts'), ['api/checkout.ts']);
    assert.deepEqual(paths('file:///var/task/lib/cart.ts'), ['lib/cart.ts']);
    assert.deepEqual(paths('/var/task/apps/shop/lib/cart.ts', MONOREPO_LINK), ['apps/shop/lib/cart.ts', 'lib/cart.ts']);
    assert.deepEqual(paths('/var/task/lib/cart.ts', REPO_LINK), ['apps/shop/lib/cart.ts', 'lib/cart.ts']);
    assert.deepEqual(paths('webpack-internal:///(rsc)/./app/page.tsx'), ['app/page.tsx']);
    assert.deepEqual(paths('webpack-internal:///(rsc)/./app/page.tsx', REPO_LINK), ['apps/shop/app/page.tsx']);
    assert.deepEqual(paths('./lib/cart.ts'), ['lib/cart.ts']);
    assert.deepEqual(paths('/vercel/path0/lib/cart.ts'), ['lib/cart.ts']);
  });

  it('tries a built .next/server file’s source map first, then its route’s source; any other .js, then its TypeScript', () => {
    const built = candidatesFor('/var/task/.next/server/app/api/checkout/route.js', AT_ROOT);
    assert.deepEqual(built[0], { path: '.next/server/app/api/checkout/route.js', sameLines: false, sourceMap: '.next/server/app/api/checkout/route.js.map', built: '.next/server/app/api/checkout/route.js' });
    assert.deepEqual(
      built.slice(1).map((c) => [c.path, c.sameLines]),
      [
        ['app/api/checkout/route.ts', false],
        ['app/api/checkout/route.tsx', false],
        ['app/api/checkout/route.js', false],
        ['app/api/checkout/route.jsx', false],
        ['src/app/api/checkout/route.ts', false],
        ['src/app/api/checkout/route.tsx', false],
        ['src/app/api/checkout/route.js', false],
        ['src/app/api/checkout/route.jsx', false],
      ],
    );
    assert.deepEqual(paths('/var/task/.next/server/pages/api/hello.js').slice(1, 2), ['pages/api/hello.ts']);
    assert.deepEqual(paths('/var/task/.next/server/chunks/812.js'), ['.next/server/chunks/812.js']);
    assert.deepEqual(
      candidatesFor('/var/task/api/checkout.js', AT_ROOT).map((c) => [c.path, c.sameLines]),
      [
        ['api/checkout.js', true],
        ['api/checkout.ts', true],
        ['api/checkout.tsx', true],
        ['api/checkout.mts', true],
        ['api/checkout.cts', true],
      ],
    );
  });

  it('refuses whatever leaves the folder: .., another root, a scheme, NUL, a Root Directory that climbs', () => {
    for (const printed of [
      '/var/task/../../etc/passwd',
      '/var/task/../secret.ts',
      '../outside.ts',
      './lib/../../outside.ts',
      '/etc/passwd',
      '/home/someone/app/lib/cart.ts',
      'node:internal/process/task_queues',
      'https://example.com/x.js',
      'C:\\Windows\\system32\\x.js',
      '/var/task/lib/cart.ts\u0000.png',
      'webpack-internal:///(rsc)/../../outside.ts',
      '',
    ]) {
      assert.deepEqual(paths(printed), [], printed);
    }
    assert.deepEqual(paths('/var/task/lib/cart.ts', { rootDirectory: '../up', folderIs: 'rootDirectory' }), []);
    assert.deepEqual(paths('/var/task/lib/cart.ts', { rootDirectory: '/abs', folderIs: 'rootDirectory' }), []);
    // Linked at the project (apps/shop): read from the project, the path stays in its folder; read from the repository, it is another project's.
    assert.deepEqual(paths('/var/task/apps/blog/lib/a.ts', { rootDirectory: 'apps/shop', folderIs: 'rootDirectory' }), ['apps/blog/lib/a.ts']);
    assert.deepEqual(paths('/var/task/../apps/blog/lib/a.ts', { rootDirectory: 'apps/shop', folderIs: 'rootDirectory' }), []);
  });

  it('finds where a function is defined, for a built frame without a source map', () => {
    const source = ["import { x } from 'y';", '', 'export async function POST(request: Request) {', '  return 1;', '}', 'export const GET = () => 2;', 'class A {', '  handle(req) {', '  }', '}'].join('\n');
    assert.equal(definitionLine(source, 'POST'), 3);
    assert.equal(definitionLine(source, 'GET'), 6);
    assert.equal(definitionLine(source, 'A.handle'), 8);
    assert.equal(definitionLine(source, 'Object.<anonymous>'), undefined);
    assert.equal(definitionLine(source, 'missing'), undefined);
    assert.equal(definitionLine(source, undefined), undefined);
  });

  it('never throws and stays linear, whatever the text (properties)', () => {
    const piece = fc.oneof(
      fc.constantFrom('at ', '    at ', ' (', ')', ':', '12', '/var/task/', '../', '.next/server/app/', 'route.js', '- /', '\\', 'webpack-internal:///(rsc)/', 'file://', '\u0000', ' ', 'async ', 'new '),
      fc.string({ maxLength: 8 }),
    );
    const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(AT_ROOT, MONOREPO_LINK, REPO_LINK), (line, context) => {
        for (const frame of framesIn(line)) {
          assert.ok(frame.start >= 0 && frame.end <= line.length && frame.start <= frame.end);
          for (const c of candidatesFor(frame.path, context)) {
            assert.ok(!c.path.split('/').includes('..') && !c.path.startsWith('/') && !c.path.includes('\0'), c.path);
          }
        }
        for (const c of candidatesFor(line, context)) assert.ok(!c.path.split('/').includes('..') && !c.path.startsWith('/'), c.path);
      }),
      { numRuns: 2000 },
    );
    // Linear: a long line of colons and digits costs about ten times what a line a tenth its size does.
    const time = (n: number) => {
      const long = `    at f (${'1:'.repeat(n)}1)`;
      const started = performance.now();
      for (let i = 0; i < 20; i++) {
        framesIn(long);
        candidatesFor(long, AT_ROOT);
      }
      return performance.now() - started;
    };
    time(200);
    const small = Math.max(time(200), 0.05);
    assert.ok(time(2000) < small * 40, 'no quadratic blow-up');
  });
});

describe('runtime logs: source maps', () => {
  // Built line 1: column 0 → route.ts line 11 col 2; column 20 → line 12 col 16; line 2 column 4 → format.ts line 6 col 0.
  const mappings = `${vlq([0, 0, 10, 2])},${vlq([20, 0, 1, 14])};${vlq([4, 1, -6, -16])}`;
  const map = { version: 3, sources: ['webpack://storefront/./app/api/checkout/route.ts', '../../../../lib/format.ts'], mappings };

  it('finds the source position of a built line and column', () => {
    const parsed = parseSourceMap(JSON.stringify(map));
    assert.ok(parsed);
    assert.deepEqual(originalPosition(parsed, 1, 1), { source: map.sources[0], line: 11, column: 3 });
    assert.deepEqual(originalPosition(parsed, 1, 30), { source: map.sources[0], line: 12, column: 17 });
    assert.deepEqual(originalPosition(parsed, 2, 5), { source: map.sources[1], line: 6, column: 1 });
    assert.equal(originalPosition(parsed, 2, 1), undefined, 'before the first segment of the line');
    assert.equal(originalPosition(parsed, 9, 1), undefined, 'past the last line');
  });

  it('resolves the map’s sources into the folder, never out of it', () => {
    const built = '.next/server/app/api/checkout/route.js';
    assert.equal(sourceOfMap(map.sources[0] as string, built, undefined, AT_ROOT), 'app/api/checkout/route.ts');
    assert.equal(sourceOfMap(map.sources[1] as string, built, undefined, AT_ROOT), '.next/lib/format.ts');
    assert.equal(sourceOfMap('../../../../../lib/format.ts', built, undefined, AT_ROOT), 'lib/format.ts');
    assert.equal(sourceOfMap('../../../../../../outside.ts', built, undefined, AT_ROOT), undefined);
    assert.equal(sourceOfMap('webpack://storefront/../../outside.ts', built, undefined, AT_ROOT), undefined);
    assert.equal(sourceOfMap('/etc/passwd', built, undefined, AT_ROOT), undefined);
    assert.equal(sourceOfMap('webpack://x/./app/page.tsx', built, undefined, REPO_LINK), 'apps/shop/app/page.tsx');
  });

  it('answers nothing for a malformed map, and never throws (property)', () => {
    assert.equal(parseSourceMap('{'), undefined);
    assert.equal(parseSourceMap('{"sources":[],"mappings":1}'), undefined);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: -2, max: 5 }), fc.integer({ min: -2, max: 50 }), (mappings, line, column) => {
        const position = originalPosition({ sources: ['a.ts'], mappings }, line, column);
        assert.ok(position === undefined || (position.line >= 1 && position.column >= 1));
      }),
      { numRuns: 2000 },
    );
  });
});
