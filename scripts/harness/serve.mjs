import { createServer } from 'node:net';
import { preview } from 'vite';
import { ROOT } from './build.mjs';
import { CliError } from './errors.mjs';

/** Ports tried for the preview server: clear of the app's 4173 and the e2e suite's 4174. */
export const PORT_RANGE = [4180, 4189];

function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The first free port of the range (or just `wanted`, which must then be free). */
export async function freePort(wanted) {
  const [lo, hi] = wanted ? [wanted, wanted] : PORT_RANGE;
  for (let port = lo; port <= hi; port++) if (await isFree(port)) return port;
  throw new CliError(wanted ? `port ${wanted} is in use` : `no free port in ${lo}–${hi}; pass --port`);
}

/** Serves dist/ with vite's preview server on 127.0.0.1; returns its base URL and a close(). */
export async function serveDist(wantedPort) {
  const port = await freePort(wantedPort);
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
