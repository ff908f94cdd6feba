import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataFileError } from './errors';
import { loadMnist, MNIST_FILE_BYTES, MNIST_FILES, type MnistProgress } from './mnist';
import { abortable, chunkedStream, idxImages, idxLabels } from './testFixtures';

const trainLabels = Array.from({ length: 30 }, (_, i) => i % 10);
const testLabels = Array.from({ length: 12 }, (_, i) => (i * 3) % 10);

/** The four files as a server would hold them, gzipped, keyed by name. */
function files(overrides: Partial<Record<string, Uint8Array>> = {}): Record<string, Uint8Array> {
  const plain: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte.gz': idxImages(trainLabels.length),
    'train-labels-idx1-ubyte.gz': idxLabels(trainLabels),
    't10k-images-idx3-ubyte.gz': idxImages(testLabels.length),
    't10k-labels-idx1-ubyte.gz': idxLabels(testLabels),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(plain).map(([name, bytes]) => [name, new Uint8Array(gzipSync(bytes ?? []))]));
}

/** Serves the files under /data/ in chunks with Content-Length, 404 for anything else; returns the signals seen. */
function serve(served: Record<string, Uint8Array>): AbortSignal[] {
  const signals: AbortSignal[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    if (init.signal) signals.push(init.signal);
    const bytes = served[url.replace(/^\/data\//, '')];
    if (!bytes) return new Response('Not Found', { status: 404 });
    const body = abortable(chunkedStream(bytes, 64), init.signal);
    return new Response(body, { headers: { 'Content-Length': String(bytes.length) } });
  }));
  return signals;
}

afterEach(() => vi.unstubAllGlobals());

describe('loadMnist', () => {
  it('loads both splits from a base URL with or without a trailing slash', async () => {
    serve(files());
    for (const base of ['/data', '/data/']) {
      const mnist = await loadMnist(base, () => {});
      expect(mnist.train.count).toBe(30);
      expect(mnist.train.images).toEqual(idxImages(30).subarray(16));
      expect(Array.from(mnist.train.labels)).toEqual(trainLabels);
      expect(mnist.test.count).toBe(12);
      expect(Array.from(mnist.test.labels)).toEqual(testLabels);
    }
  });

  it('reports progress for every file, overall monotone and ending at 1', async () => {
    serve(files());
    const events: MnistProgress[] = [];
    await loadMnist('/data', (p) => events.push(p));
    expect(events.every((p, i) => i === 0 || p.overall >= (events[i - 1]?.overall ?? 0))).toBe(true);
    expect(events.at(-1)?.overall).toBe(1);
    for (const file of MNIST_FILES) {
      const last = events.filter((p) => p.file === file).at(-1);
      expect(last?.loaded).toBeGreaterThan(0);
      expect(last?.loaded).toBe(last?.total);
    }
  });

  it('rejects a count mismatch between images and labels, naming both files', async () => {
    serve(files({ 't10k-labels-idx1-ubyte.gz': idxLabels(testLabels.slice(1)) }));
    const error = await loadMnist('/data', () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message)
      .toBe('t10k-images-idx3-ubyte.gz: holds 12 images but t10k-labels-idx1-ubyte.gz holds 11 labels');
  });

  it('fails on the first bad file and stops the other downloads', async () => {
    const served = files();
    delete served['train-labels-idx1-ubyte.gz'];
    const signals = serve(served);
    await expect(loadMnist('/data', () => {})).rejects.toThrow('train-labels-idx1-ubyte.gz: not found (HTTP 404)');
    expect(signals.length).toBe(4);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it('surfaces a corrupt file with its name', async () => {
    serve(files({ 'train-images-idx3-ubyte.gz': idxImages(30, { magic: 7 }) }));
    await expect(loadMnist('/data', () => {})).rejects.toThrow('train-images-idx3-ubyte.gz: bad magic number 7');
  });

  it('rejects with the caller\'s abort reason', async () => {
    serve(files());
    const controller = new AbortController();
    controller.abort(new Error('stopped by user'));
    await expect(loadMnist('/data', () => {}, controller.signal)).rejects.toThrow('stopped by user');
    const late = new AbortController();
    const loading = loadMnist('/data', () => late.abort(new Error('stopped later')), late.signal);
    await expect(loading).rejects.toThrow('stopped later');
  });

  it('refuses a file larger than its kind of MNIST file can be, naming it', async () => {
    const cap = MNIST_FILE_BYTES['train-labels-idx1-ubyte.gz'];
    serve(files({ 'train-labels-idx1-ubyte.gz': idxLabels(new Uint8Array(cap)) }));
    await expect(loadMnist('/data', () => {})).rejects.toThrow(`train-labels-idx1-ubyte.gz: decompresses to more than ${cap} bytes`);
  });

  it('fails when a file stalls, naming it', async () => {
    const served = files();
    serve(served);
    const respond = vi.mocked(fetch).getMockImplementation()!;
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => (url.endsWith(MNIST_FILES[3]) ? new Promise<never>(() => {}) : respond(url, init))));
    await expect(loadMnist('/data', () => {}, undefined, 50)).rejects.toThrow(`${MNIST_FILES[3]}: the download stalled (no data for 0.05 s)`);
  });
});
