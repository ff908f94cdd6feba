/** The ports tried for the preview server. */
export const PORT_RANGE: [number, number];
/** The first free port from `wanted` (or PORT_RANGE). */
export function freePort(wanted?: number): Promise<number>;
/** Serves dist/ with vite preview; close() stops it. */
export function serveDist(wantedPort?: number): Promise<{ url: string; close(): Promise<void> }>;
