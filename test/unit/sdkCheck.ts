/**
 * Holding the emulator's answers to the official @vercel/sdk: a faithful
 * answer is one the SDK accepts without repairing anything.
 */

// The SDK is an ES module and the unit tests are CommonJS: import() is the way in.
export const loadSdk = async () => ({
  ...(await import('@vercel/sdk')),
  ...(await import('@vercel/sdk/types/unrecognized.js')),
  ...(await import('@vercel/sdk/models/createdeploymentresponsebody.js')),
  ...(await import('@vercel/sdk/models/deletedeploymentop.js')),
  ...(await import('@vercel/sdk/models/getprojectresponsebody.js')),
  ...(await import('@vercel/sdk/models/filterprojectenvsop.js')),
  ...(await import('@vercel/sdk/models/getprojectenvop.js')),
  ...(await import('@vercel/sdk/models/createprojectenvop.js')),
  ...(await import('@vercel/sdk/models/editprojectenvop.js')),
  ...(await import('@vercel/sdk/models/removeprojectenvop.js')),
});

export type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/**
 * Runs an SDK call and counts the values its lenient parser had to make up
 * (a missing string becomes "", a missing number 0).
 */
export async function withRepairs<T>(sdk: Sdk, call: () => Promise<T>): Promise<[T, number]> {
  const counter = sdk.startCountingUnrecognized();
  let ended = false;
  try {
    const result = await call();
    ended = true;
    return [result, counter.end()];
  } finally {
    if (!ended) counter.end();
  }
}

/**
 * Paths of fields the SDK's parse of `raw` has and `raw` has not: fields it
 * required and filled in. snake_case keys it renamed to camelCase count as present.
 */
export function missingInRaw(raw: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(parsed)) {
    return parsed.flatMap((item, i) => missingInRaw(Array.isArray(raw) ? raw[i] : undefined, item, `${at}[${i}]`));
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const toCamel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.entries(parsed).flatMap(([key, value]) => {
    const rawKey = key in given ? key : Object.keys(given).find((k) => toCamel(k) === key);
    return rawKey === undefined ? [`${at}.${key}`] : missingInRaw(given[rawKey], value, `${at}.${key}`);
  });
}

/**
 * Paths where the SDK's parse of `raw` is not what `raw` said: a field it
 * required and filled in (absent, or null where it wants a value) or a value
 * it converted (a number sent as text). `additionalProperties`, where the
 * SDK collects keys it does not know, is its own making, not a repair.
 */
export function repairedInRaw(raw: unknown, parsed: unknown, at = ''): string[] {
  if (parsed instanceof Date) return typeof raw === 'string' || typeof raw === 'number' ? [] : [at];
  if (Array.isArray(parsed)) {
    if (!Array.isArray(raw)) return [at];
    return parsed.flatMap((item, i) => repairedInRaw(raw[i], item, `${at}[${i}]`));
  }
  if (parsed === null || parsed === undefined) return raw === parsed || raw === undefined ? [] : [at];
  if (typeof parsed !== 'object') return typeof raw === typeof parsed ? [] : [at];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [at];
  const given = raw as Record<string, unknown>;
  const toCamel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.entries(parsed).flatMap(([key, value]) => {
    if (key === 'additionalProperties' && !(key in given)) return [];
    const rawKey = key in given ? key : Object.keys(given).find((k) => toCamel(k) === key);
    if (rawKey === undefined) return value === undefined ? [] : [`${at}.${key}`];
    return repairedInRaw(given[rawKey], value, `${at}.${key}`);
  });
}
