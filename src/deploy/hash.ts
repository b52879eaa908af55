/**
 * SHA-1 of a file's bytes, as Vercel keys uploads (`x-now-digest`), through
 * Web Crypto: the same code runs in a desktop and a browser extension host.
 */
export async function sha1Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
