/**
 * zod's English messages ("expected number, received string"): zod/mini
 * ships none of its own. They are needed only when a response breaks its
 * schema, so in the release they live in the features bundle (esbuild.mjs,
 * deferredModules) and load with the first such failure.
 */
import { en } from 'zod/locales';

let messages: ReturnType<typeof en>['localeError'] | undefined;

/** The message for one zod issue, as `z.config({ localeError })` expects. */
export function localeError(issue: Parameters<ReturnType<typeof en>['localeError']>[0]): ReturnType<ReturnType<typeof en>['localeError']> {
  messages ??= en().localeError;
  return messages(issue);
}
