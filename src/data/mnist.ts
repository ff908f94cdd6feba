import { DataFileError } from './errors';
import { fetchGzipped, STALL_MS, type FetchOptions } from './fetchGzip';
import { note, type FileCache } from './fileCache';
import {
  IDX_IMAGES_HEADER_BYTES,
  IDX_LABELS_HEADER_BYTES,
  IMAGE_SIZE,
  parseIdxImages,
  parseIdxLabels,
  type IdxImages,
  type IdxLabels,
} from './idx';

/** One split: `count` digits of 28×28 bytes (row-major, digit after digit) and their labels 0..9. */
export interface Split {
  count: number;
  images: Uint8Array;
  labels: Uint8Array;
}

/** The MNIST training and test splits. */
export interface Mnist {
  train: Split;
  test: Split;
}

/** Which split: a frame's samples, a panel and a digit's image are each of one. */
export type SplitName = keyof Mnist;

/** Loading progress: the file that advanced, its compressed bytes so far and in all, and the overall fraction 0..1. */
export interface MnistProgress {
  file: string;
  loaded: number;
  total: number | null;
  overall: number;
}

/** The gzipped IDX files under the data base URL, as written by `npm run data`, in load order. */
export const MNIST_FILES = [
  'train-images-idx3-ubyte.gz',
  'train-labels-idx1-ubyte.gz',
  't10k-images-idx3-ubyte.gz',
  't10k-labels-idx1-ubyte.gz',
] as const;

/** One of the MNIST files. */
export type MnistFile = (typeof MNIST_FILES)[number];

/** Digits in MNIST's training and test splits. */
const TRAIN_DIGITS = 60_000;
const TEST_DIGITS = 10_000;

/**
 * Each file's decompressed size: header and items of MNIST's full split. No file may decompress to
 * more, so a wrong or hostile file is refused before it fills memory.
 */
export const MNIST_FILE_BYTES: Readonly<Record<MnistFile, number>> = {
  'train-images-idx3-ubyte.gz': IDX_IMAGES_HEADER_BYTES + TRAIN_DIGITS * IMAGE_SIZE,
  'train-labels-idx1-ubyte.gz': IDX_LABELS_HEADER_BYTES + TRAIN_DIGITS,
  't10k-images-idx3-ubyte.gz': IDX_IMAGES_HEADER_BYTES + TEST_DIGITS * IMAGE_SIZE,
  't10k-labels-idx1-ubyte.gz': IDX_LABELS_HEADER_BYTES + TEST_DIGITS,
};

// Each file's share of the overall bar: its uncompressed size, which is what gets counted when the
// server sends Content-Encoding (and within 0.1% of the gzip shares otherwise). Fixed weights keep
// the bar monotone before every response's size is known.
const WEIGHTS = MNIST_FILES.map((f) => MNIST_FILE_BYTES[f]);
const TOTAL_WEIGHT = WEIGHTS.reduce((a, b) => a + b, 0);

type FileIndex = 0 | 1 | 2 | 3;
type Report = (index: FileIndex, loaded: number, total: number | null, done: boolean) => void;

export interface LoadOptions {
  signal?: AbortSignal;
  /** A file that sends no byte for this long fails the load (STALL_MS unless a test needs less). */
  stallMs?: number;
  /** Where the files are kept between visits; without one every load downloads them. */
  cache?: FileCache | null;
}

/**
 * Loads, decompresses and validates the four MNIST files from `baseUrl` (in parallel): each from
 * the cache when it holds a valid copy, else from the network, keeping the download. A load that
 * fails on bad data leaves none of the four cached, so a retry downloads them afresh.
 */
export async function loadMnist(
  baseUrl: string,
  onProgress: (p: MnistProgress) => void,
  options: LoadOptions = {},
): Promise<Mnist> {
  const { signal, stallMs = STALL_MS, cache = null } = options;
  signal?.throwIfAborted();
  // Our own controller, so that the first failure also stops the other downloads.
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  const urls = MNIST_FILES.map((file) =>
    baseUrl === '' || baseUrl.endsWith('/') ? baseUrl + file : `${baseUrl}/${file}`,
  );
  const writes: Promise<void>[] = [];
  try {
    const report = createReport(onProgress);
    const load = <T>(index: FileIndex, parse: (bytes: Uint8Array, file: string) => T): Promise<T> =>
      loadFile({ url: urls[index]!, index, report, signal: controller.signal, stallMs, cache, writes }, parse);
    const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
      load(0, parseIdxImages),
      load(1, parseIdxLabels),
      load(2, parseIdxImages),
      load(3, parseIdxLabels),
    ]);
    controller.signal.throwIfAborted(); // an abort from a final progress callback still counts
    return {
      train: toSplit(trainImages, trainLabels, MNIST_FILES[0], MNIST_FILES[1]),
      test: toSplit(testImages, testLabels, MNIST_FILES[2], MNIST_FILES[3]),
    };
  } catch (error) {
    controller.abort();
    if (cache && error instanceof DataFileError) {
      // A bad download may be half stored, and images and labels that disagree may each be valid alone.
      await Promise.allSettled(writes);
      await Promise.all(urls.map((url) => cache.delete(url)));
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}

interface FileLoad {
  url: string;
  index: FileIndex;
  report: Report;
  signal: AbortSignal;
  stallMs: number;
  cache: FileCache | null;
  /** The cache writes this load started. */
  writes: Promise<void>[];
}

/**
 * One file, parsed: its cached copy if that validates, else the download, which the cache keeps
 * as it streams (replacing a corrupt copy).
 */
async function loadFile<T>(load: FileLoad, parse: (bytes: Uint8Array, file: string) => T): Promise<T> {
  const { url, index, cache, writes } = load;
  const file = MNIST_FILES[index];
  const cached = await cache?.match(url);
  if (cache && cached) {
    try {
      return parse(await fetchFile(load, { source: async () => cached }), file);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      // The download below replaces it.
      note(`the kept copy is unusable, downloading it again: ${error.message}`);
    }
  }
  const keep = cache
    ? (copy: Response) => {
        writes.push(cache.put(url, copy));
      }
    : undefined;
  return parse(await fetchFile(load, { keep }), file);
}

/** Fetches one file (from `source`, the network by default), reporting progress while it streams and once more when it is complete. */
async function fetchFile(
  { url, index, report, signal, stallMs }: FileLoad,
  from: Pick<FetchOptions, 'source' | 'keep'>,
): Promise<Uint8Array> {
  const file = MNIST_FILES[index];
  let last = { loaded: 0, total: null as number | null };
  const bytes = await fetchGzipped(
    url,
    file,
    (loaded, total) => {
      last = { loaded, total };
      report(index, loaded, total, false);
    },
    { maxBytes: MNIST_FILE_BYTES[file], stallMs, signal, ...from },
  );
  report(index, last.loaded, last.total, true);
  return bytes;
}

/** Tracks each file's fraction; a file of unknown size counts as 0 until it is done. */
function createReport(onProgress: (p: MnistProgress) => void): Report {
  const fractions = WEIGHTS.map(() => 0);
  return (index, loaded, total, done) => {
    fractions[index] = done ? 1 : total ? Math.min(loaded / total, 1) : 0;
    const overall = WEIGHTS.reduce((sum, w, i) => sum + w * (fractions[i] ?? 0), 0) / TOTAL_WEIGHT;
    onProgress({ file: MNIST_FILES[index], loaded, total, overall });
  };
}

/**
 * The splits in shared memory where the context has it (the workers of a cross-origin isolated
 * page, and Node): posted to another worker, as the trainer posts them to its helper, the bytes
 * are then shared, not copied (all 55 MB of them). Elsewhere the splits as they are.
 */
export function inSharedMemory(data: Mnist): Mnist {
  if (typeof SharedArrayBuffer !== 'function' || globalThis.crossOriginIsolated === false) return data;
  const shared = (bytes: Uint8Array): Uint8Array => {
    const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
    copy.set(bytes);
    return copy;
  };
  const split = ({ count, images, labels }: Split): Split => ({
    count,
    images: shared(images),
    labels: shared(labels),
  });
  return { train: split(data.train), test: split(data.test) };
}

/** Pairs an images file with its labels file, which must hold the same number of digits. */
function toSplit(images: IdxImages, labels: IdxLabels, imagesFile: string, labelsFile: string): Split {
  if (images.count !== labels.count) {
    throw new DataFileError(imagesFile, `holds ${images.count} images but ${labelsFile} holds ${labels.count} labels`);
  }
  return { count: images.count, images: images.pixels, labels: labels.labels };
}
