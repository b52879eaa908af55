/**
 * What `npm start` (test/harness/start.ts) runs the emulator with, in one
 * place so the unit tests hold the demo's own data to the SDK and to the
 * branch its workspace checks out.
 */
import type { EmulatorOptions } from './server';

/** A seed whose linked project is `storefront`, the shop the demo workspace holds. */
export const DEMO_SEED = 'acme-storefront';
export const DEMO_TOKEN = 'vercel-deployments-demo-token';

/**
 * Builds as long as a small Next.js build takes, and a new push every few
 * minutes: often enough that builds come and go while someone watches, not
 * so often that rows move under the pointer.
 */
export const DEMO_EMULATOR: Required<Pick<EmulatorOptions, 'seed' | 'token' | 'buildMs' | 'newEveryMs'>> = {
  seed: DEMO_SEED,
  token: DEMO_TOKEN,
  buildMs: 45_000,
  newEveryMs: 4 * 60_000,
};

/** The branch the demo workspace has checked out: one of the emulator's topic branches (data.ts), so it has deployments. */
export const DEMO_BRANCH = 'feat/product-reviews';
