/**
 * The browser's stand-ins for the deferred modules (esbuild.mjs,
 * deferredModules). In Node a stand-in requires the features bundle on its
 * first call; a browser can load a bundle only asynchronously, so here each
 * function is the features bundle's own once that is loaded
 * (src/lazyLoad.web.ts provides it), and a plain fallback before: until then
 * a deployment read by id is checked for its id only (the raw answer, every
 * field kept), and zod's messages are its short default ("Invalid input").
 * What needs the documented schema (the details panel, the JSON document,
 * cancel) runs in the features bundle, so it always has it.
 */
import * as z from 'zod/mini';
import type { deploymentSchema as fullDeploymentSchema } from './deployment';
import type { localeError as fullLocaleError } from './zodLocale';

export interface DeferredExports {
  readonly deploymentSchema: typeof fullDeploymentSchema;
  readonly localeError: typeof fullLocaleError;
}

let loaded: DeferredExports | undefined;
let fallback: ReturnType<typeof fullDeploymentSchema> | undefined;

/** The features bundle is loaded: from now on the real functions answer. */
export function provideDeferred(module: DeferredExports): void {
  loaded = module;
}

export function deploymentSchema(): ReturnType<typeof fullDeploymentSchema> {
  if (loaded) return loaded.deploymentSchema();
  // A loose object keeps every field of the answer as it came; only the schema object is cast, never a response.
  fallback ??= z.looseObject({ id: z.string() }) as unknown as ReturnType<typeof fullDeploymentSchema>;
  return fallback;
}

export function localeError(issue: Parameters<typeof fullLocaleError>[0]): ReturnType<typeof fullLocaleError> {
  return loaded?.localeError(issue);
}
