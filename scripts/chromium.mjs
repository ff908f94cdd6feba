import { existsSync } from 'node:fs';

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for headless Chromium on these machines: WebGPU on (a SwiftShader
 * adapter without a GPU), and no background traffic to a network that is closed.
 */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The Chromium to drive: $CHROMIUM_PATH, then the system one; undefined means Playwright's own. */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return undefined;
}
