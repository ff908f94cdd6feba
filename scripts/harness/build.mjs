import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildWasm } from '../build-wasm.mjs';
import { CliError } from './errors.mjs';

/** The repository's root (these scripts live two folders down). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const DATA_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
];
/** What the build reads; a change to any of them makes dist/ stale. */
const INPUTS = ['index.html', 'harness.html', 'vite.config.ts', 'package.json', 'src', 'public'];
/** Written by every build, so its age is the build's age. */
const BUILD_STAMP = join('dist', 'harness.html');

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  const files = readdirSync(path, { recursive: true, withFileTypes: true }).filter(
    (d) => d.isFile() && !d.name.endsWith('.test.ts'),
  );
  return Math.max(s.mtimeMs, ...files.map((d) => statSync(join(d.parentPath ?? d.path, d.name)).mtimeMs));
}

/** Why dist/ must be (re)built, or null when it is up to date. */
function staleReason() {
  const stamp = join(ROOT, BUILD_STAMP);
  if (!existsSync(stamp)) return `${BUILD_STAMP} is missing`;
  const built = statSync(stamp).mtimeMs;
  const changed = INPUTS.filter((p) => existsSync(join(ROOT, p)) && newestMtime(join(ROOT, p)) > built);
  return changed.length ? `${changed.join(', ')} changed since the last build` : null;
}

/** Builds the app (and the harness page, and the wasm loops first) into dist/ unless it is up to date; MNIST must have been prepared. */
export async function ensureBuild(log) {
  const missing = DATA_FILES.filter((f) => !existsSync(join(ROOT, 'public', 'data', f)));
  if (missing.length)
    throw new CliError(`MNIST is not prepared (public/data/ lacks ${missing.join(', ')}): run \`npm run data\` first`);
  const why = staleReason();
  if (!why) return;
  log(`building the app with vite (${why})…`);
  try {
    await buildWasm();
    // bundlerTimings off: rolldown's note on slow plugins is noise in a reproduction's log.
    await build({ root: ROOT, logLevel: 'warn', build: { rolldownOptions: { checks: { bundlerTimings: false } } } });
  } catch (e) {
    throw new CliError(`vite build failed: ${e.message}`);
  }
}
