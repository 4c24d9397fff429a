// browser.mjs: launches the system Chromium through playwright-core (no downloaded browser), shared by e2e tests and benches.
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROME_PATH || process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Flags verified on the project machines (shared/TOOLCHAIN.md): root needs --no-sandbox; the rest keep
// Chromium from making its own network requests (updates, sync, QUIC probes) and from needing a GPU.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, ...options });
}
