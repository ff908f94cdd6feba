import type { Browser, Page } from '@playwright/test';

/** Headless Chromium as the e2e suite drives it. */
export function launchChromium(): Promise<Browser>;
/** Opens the harness page; page errors go to `log`. */
export function openHarness(
  browser: Browser,
  baseUrl: string,
  opts: {
    log: (m: string) => void;
    onProgress?: (p: unknown) => void;
    onCheckpoint?: (epoch: number, step: number, base64: string) => Promise<void>;
  },
): Promise<Page>;
/** Calls window.icuHarness[name](...args) in the page; a thrown error comes back as { error }. */
export function callHarness<T>(
  page: Page,
  name: string,
  ...args: unknown[]
): Promise<{ value?: T; error?: { source: string; message: string } }>;
