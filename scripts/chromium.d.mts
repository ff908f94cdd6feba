/** Debian's Chromium path. */
export const SYSTEM_CHROMIUM: string;
/** Headless Chromium flags for these machines. */
export const CHROMIUM_ARGS: string[];
/** The Chromium to drive, or undefined for Playwright's own. */
export function chromiumPath(): string | undefined;
