import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mapBuildPath } from '../../src/logs/paths';

const repo = { folderIs: 'repoRoot' } as const;
const project = { folderIs: 'rootDirectory' } as const;

describe('mapBuildPath', () => {
  it('maps absolute /vercel/path0 paths to the repository root', () => {
    assert.equal(mapBuildPath('/vercel/path0/app/page.tsx', repo), 'app/page.tsx');
    assert.equal(mapBuildPath('/vercel/path0/app/page.tsx', project), 'app/page.tsx', 'no rootDirectory: the project folder is the repo root');
    assert.equal(mapBuildPath('/vercel/path0/app/(shop)/[slug]/page.tsx', repo), 'app/(shop)/[slug]/page.tsx');
  });

  it('maps absolute paths under the root directory of a monorepo project', () => {
    const apps = { rootDirectory: 'apps/web' };
    assert.equal(mapBuildPath('/vercel/path0/apps/web/app/page.tsx', { ...apps, ...repo }), 'apps/web/app/page.tsx');
    assert.equal(mapBuildPath('/vercel/path0/apps/web/app/page.tsx', { ...apps, ...project }), 'app/page.tsx');
    assert.equal(mapBuildPath('/vercel/path0/packages/ui/button.tsx', { ...apps, ...repo }), 'packages/ui/button.tsx', 'a sibling package is inside the repo');
    assert.equal(mapBuildPath('/vercel/path0/packages/ui/button.tsx', { ...apps, ...project }), undefined, 'but outside the project folder');
  });

  it('reads relative paths from the build’s working directory (the root directory)', () => {
    assert.equal(mapBuildPath('./app/page.tsx', repo), 'app/page.tsx');
    assert.equal(mapBuildPath('src/index.ts', project), 'src/index.ts');
    assert.equal(mapBuildPath('./app/page.tsx', { rootDirectory: 'apps/web', ...repo }), 'apps/web/app/page.tsx');
    assert.equal(mapBuildPath('./app/page.tsx', { rootDirectory: 'apps/web', ...project }), 'app/page.tsx');
    assert.equal(mapBuildPath('../../packages/ui/button.tsx', { rootDirectory: 'apps/web', ...repo }), 'packages/ui/button.tsx');
    assert.equal(mapBuildPath('../../packages/ui/button.tsx', { rootDirectory: 'apps/web', ...project }), undefined);
    assert.equal(mapBuildPath('./app/page.tsx', { rootDirectory: './apps/web/', ...project }), 'app/page.tsx', 'rootDirectory spelled loosely');
    assert.equal(mapBuildPath('app/./x/../page.tsx', { rootDirectory: null, ...repo }), 'app/page.tsx');
  });

  it('refuses anything outside the folder', () => {
    for (const options of [repo, project, { rootDirectory: 'apps/web', ...repo }, { rootDirectory: 'apps/web', ...project }]) {
      assert.equal(mapBuildPath('../../../etc/passwd', options), undefined);
      assert.equal(mapBuildPath('/etc/passwd', options), undefined);
      assert.equal(mapBuildPath('/vercel/path0/../../etc/passwd', options), undefined);
      assert.equal(mapBuildPath('/vercel/path01/app/page.tsx', options), undefined, 'a sibling directory with a longer name');
      assert.equal(mapBuildPath('/vercel/path1/app/page.tsx', options), undefined);
      assert.equal(mapBuildPath('C:/Windows/win.ini', options), undefined);
      assert.equal(mapBuildPath('app/page.tsx\0.png', options), undefined);
      assert.equal(mapBuildPath('', options), undefined);
    }
    for (const options of [repo, project, { rootDirectory: 'apps/web', ...project }]) {
      assert.equal(mapBuildPath('.', options), undefined, 'the folder itself is not a file');
      assert.equal(mapBuildPath('/vercel/path0', options), undefined);
    }
    assert.equal(mapBuildPath('x.ts', { rootDirectory: '../outside', ...repo }), undefined, 'a root directory that climbs out');
    assert.equal(mapBuildPath('x.ts', { rootDirectory: '/abs', ...repo }), undefined);
  });

  it('treats backslashes as separators', () => {
    assert.equal(mapBuildPath('.\\app\\page.tsx', repo), 'app/page.tsx');
    assert.equal(mapBuildPath('src\\index.ts', { rootDirectory: 'apps\\web', ...project }), 'src/index.ts');
    assert.equal(mapBuildPath('..\\..\\..\\etc\\passwd', repo), undefined);
    assert.equal(mapBuildPath('\\vercel\\path0\\app\\page.tsx', repo), 'app/page.tsx');
  });

  it('never throws and never answers a path that leaves the folder', () => {
    const segment = fc.constantFrom('..', '.', '', 'app', 'src', 'apps', 'web', '/', '\\', 'vercel', 'path0', 'a.ts', '\0');
    const pathLike = fc.oneof(fc.string(), fc.array(segment, { maxLength: 12 }).map((parts) => parts.join('/')));
    fc.assert(
      fc.property(pathLike, fc.option(pathLike), fc.boolean(), (printed, rootDirectory, isRepo) => {
        const mapped = mapBuildPath(printed, { rootDirectory, folderIs: isRepo ? 'repoRoot' : 'rootDirectory' });
        if (mapped === undefined) return;
        assert.ok(mapped.length > 0);
        assert.ok(!mapped.startsWith('/'), mapped);
        assert.ok(!mapped.includes('\\') && !mapped.includes('\0'), mapped);
        assert.ok(!mapped.split('/').some((s) => s === '..' || s === '.' || s === ''), mapped);
      }),
      { numRuns: 3000 },
    );
  });
});
