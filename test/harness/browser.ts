import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from './paths';

/** Flags that keep Debian's chromium from reaching for the network or a GPU. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless chromium with a fresh profile in `profileDir`. Signals are left to
 * the launcher, which closes the browser itself as part of its cleanup.
 */
export async function launchChromium(
  profileDir: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_ARGS,
    viewport,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
