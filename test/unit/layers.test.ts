/**
 * Layers point down (DESIGN.md, README's layout section): a folder of src/
 * imports only folders below it, and no file imports itself in a circle,
 * through any number of others. Read from the source text, so a new import
 * that breaks the rule fails here before anyone has to find it in the graph.
 *
 * Type-only imports (`import type`) count: a type that must live above its
 * user is the same knot as a value would be, and it is what turns into a
 * value import the day someone needs a guard or a constant beside the type.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');

/**
 * src/ from the bottom up. A folder (or a file directly in src/) may import
 * only what sits on a lower line; those on one line do not import each other.
 * Each feature folder owns its commands (logs/showLogs.ts, details/openJson.ts);
 * commands/ holds those that belong to no one feature.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['util', 'constants.ts'],
  ['api'],
  ['workspace'],
  ['git'],
  // Deploying a folder: ignore rules, the walk through vscode.workspace.fs, hashing, the upload plan, gitSource.
  ['deploy'],
  ['deployments'],
  // Sign-in flows word their failures with the deployments' labels (errorText).
  ['auth'],
  ['statusBar', 'notifications', 'logs', 'runtimeLogs', 'details', 'env'],
  ['commands'],
  ['features.ts'],
  // How the features bundle is loaded: Node's require, or the browser's read-and-evaluate.
  ['lazyLoad.ts'],
  ['lazyLoad.web.ts'],
  ['lazy.ts'],
  ['extension.ts'],
];

/**
 * Imports that break the rules today, each with what removes it. An entry
 * must still match an import: when the import goes, so must the entry.
 */
const KNOWN: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
];

interface Import {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g;
const BARE_IMPORT = /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;
/** `require('…')`, and `import('…')`, which loads a module as surely as a static import does. */
const REQUIRE = /\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return tsFiles(file);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [file] : [];
  });
}

function relative(file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The file a relative specifier names, or undefined for a package (or a file that is not TypeScript, such as features.js). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(path.join(root, from)), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && candidate.endsWith('.ts')) return relative(candidate);
  }
  return undefined;
}

/** Comments out of the way, so a `from '…'` in prose is not an import. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function importsOf(file: string): Import[] {
  const text = stripComments(readFileSync(path.join(root, file), 'utf8'));
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean): void => {
    const to = resolveSpecifier(file, specifier);
    if (to !== undefined) found.push({ from: file, to, typeOnly });
  };
  for (const m of text.matchAll(IMPORT)) add(m[3] ?? '', m[2] !== undefined);
  for (const m of text.matchAll(BARE_IMPORT)) add(m[1] ?? '', false);
  for (const m of text.matchAll(REQUIRE)) add(m[1] ?? '', false);
  return found;
}

/** `src/logs/index.ts` → `logs`; `src/constants.ts` → `constants.ts`. */
function unitOf(file: string): string {
  return file.split('/')[1] ?? '';
}

function levelOf(unit: string): number {
  return LAYERS.findIndex((line) => line.includes(unit));
}

function isKnown(i: Import): boolean {
  return KNOWN.some((k) => k.from === i.from && k.to === i.to);
}

/** Every cycle's files, each cycle once, found by a depth-first walk of the import graph. */
function cyclesOf(imports: readonly Import[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!graph.has(i.from)) graph.set(i.from, new Set());
    graph.get(i.from)?.add(i.to);
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of [...(graph.get(file) ?? [])].sort()) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...cycle, next]);
        }
      } else if (state.get(next) === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (state.get(file) === undefined) visit(file);
  return cycles;
}

describe('layers: imports point down', () => {
  const srcImports = tsFiles(path.join(root, 'src')).map(relative).flatMap(importsOf);
  const mediaImports = tsFiles(path.join(root, 'media/details')).map(relative).flatMap(importsOf);

  it('reads the imports (the parser finds what it should)', () => {
    const has = (from: string, to: string, typeOnly: boolean) => srcImports.some((i) => i.from === from && i.to === to && i.typeOnly === typeOnly);
    assert.ok(has('src/extension.ts', 'src/constants.ts', false), 'extension.ts → constants.ts');
    assert.ok(has('src/lazy.ts', 'src/features.ts', true), 'lazy.ts → features.ts (type only)');
    assert.ok(srcImports.length > 300, `only ${srcImports.length} imports found`);
  });

  it('places every folder of src/ on a layer', () => {
    const units = new Set(tsFiles(path.join(root, 'src')).map(relative).map(unitOf));
    const missing = [...units].filter((unit) => levelOf(unit) < 0);
    assert.deepEqual(missing, [], 'add these to LAYERS in test/unit/layers.test.ts, where they belong');
  });

  it('has each folder import only folders below it', () => {
    const upward = srcImports
      .filter((i) => unitOf(i.from) !== unitOf(i.to) && !isKnown(i))
      .filter((i) => levelOf(unitOf(i.to)) >= levelOf(unitOf(i.from)))
      .map((i) => `${i.from} → ${i.to}${i.typeOnly ? ' (type)' : ''}`);
    assert.deepEqual(upward, []);
  });

  it('has no import cycle among the files of src/', () => {
    const cycles = cyclesOf(srcImports.filter((i) => !isKnown(i))).map((c) => c.join(' → '));
    assert.deepEqual(cycles, []);
  });

  it('has no import cycle among the webview files (media/details)', () => {
    const cycles = cyclesOf(mediaImports).map((c) => c.join(' → '));
    assert.deepEqual(cycles, []);
  });

  it('keeps no exemption for an import that is gone', () => {
    const stale = KNOWN.filter((k) => !srcImports.some((i) => i.from === k.from && i.to === k.to));
    assert.deepEqual(stale, [], 'remove these from KNOWN in test/unit/layers.test.ts');
  });

  it('finds a cycle when there is one (the walk itself)', () => {
    const edge = (from: string, to: string): Import => ({ from, to, typeOnly: false });
    assert.deepEqual(cyclesOf([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')]), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(cyclesOf([edge('a', 'b'), edge('a', 'c'), edge('b', 'c')]), []);
  });
});
