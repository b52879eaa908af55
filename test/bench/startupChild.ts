/**
 * One start-up sample, run in a fresh Node process so the module cache is
 * cold: installs the vscode shim (the real host has `vscode` loaded already),
 * then times require() of the bundle and its activate() with a minimal
 * extension context, and prints the figures as one JSON line.
 *
 *   node startup-child.js <bundle.js> <extensionRoot> <storageDir>
 *
 * esbuild bundles this file (with the shim) for the benchmark; see startup.ts.
 */
import Module from 'node:module';
import { performance } from 'node:perf_hooks';
import { extensionContext, installVscodeShim, shimControl } from './vscodeShim';

export interface StartupSample {
  readonly requireMs: number;
  readonly activateMs: number;
  /** Until the promise `activate()` hands back as `ready` settles; null when there is none. */
  readonly readyMs: number | null;
  readonly missing: readonly string[];
}

function readyOf(api: unknown): Promise<unknown> | undefined {
  if (typeof api !== 'object' || api === null || !('ready' in api)) return undefined;
  const ready: unknown = api.ready;
  return ready instanceof Promise ? ready : undefined;
}

async function main(): Promise<void> {
  const [bundle, extensionRoot, storage] = process.argv.slice(2);
  if (!bundle || !extensionRoot || !storage) throw new Error('usage: startup-child <bundle> <extensionRoot> <storageDir>');
  installVscodeShim();
  const context = extensionContext(extensionRoot, storage);
  const load = Module.createRequire(bundle);

  const t0 = performance.now();
  const extension: unknown = load(bundle);
  const t1 = performance.now();
  if (typeof extension !== 'object' || extension === null || !('activate' in extension) || typeof extension.activate !== 'function') {
    throw new Error(`${bundle} exports no activate()`);
  }
  const api: unknown = extension.activate(context);
  const t2 = performance.now();
  const ready = readyOf(api);
  let readyMs: number | null = null;
  if (ready) {
    await ready;
    readyMs = performance.now() - t2;
  }
  const sample: StartupSample = { requireMs: t1 - t0, activateMs: t2 - t1, readyMs, missing: [...shimControl.missing] };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
