import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataFileError } from './errors';
import { inSharedMemory, loadMnist, MNIST_FILE_BYTES, MNIST_FILES, type Mnist, type MnistProgress } from './mnist';
import { MNIST_CACHE, openMnistCache } from './fileCache';
import { abortable, chunkedStream, FakeCache, FakeCacheStore, idxImages, idxLabels } from './testFixtures';

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
  return Object.fromEntries(
    Object.entries(plain).map(([name, bytes]) => [name, new Uint8Array(gzipSync(bytes ?? []))]),
  );
}

/** Serves the files under /data/ in chunks with Content-Length, 404 for anything else; returns the signals seen. */
function serve(served: Record<string, Uint8Array>): AbortSignal[] {
  const signals: AbortSignal[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      if (init.signal) signals.push(init.signal);
      const bytes = served[url.replace(/^\/data\//, '')];
      if (!bytes) return new Response('Not Found', { status: 404 });
      const body = abortable(chunkedStream(bytes, 64), init.signal);
      return new Response(body, { headers: { 'Content-Length': String(bytes.length) } });
    }),
  );
  return signals;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

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
    expect((error as Error).message).toBe(
      't10k-images-idx3-ubyte.gz: holds 12 images but t10k-labels-idx1-ubyte.gz holds 11 labels',
    );
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

  it("rejects with the caller's abort reason", async () => {
    serve(files());
    const controller = new AbortController();
    controller.abort(new Error('stopped by user'));
    await expect(loadMnist('/data', () => {}, { signal: controller.signal })).rejects.toThrow('stopped by user');
    const late = new AbortController();
    const loading = loadMnist('/data', () => late.abort(new Error('stopped later')), { signal: late.signal });
    await expect(loading).rejects.toThrow('stopped later');
  });

  it('refuses a file larger than its kind of MNIST file can be, naming it', async () => {
    const cap = MNIST_FILE_BYTES['train-labels-idx1-ubyte.gz'];
    serve(files({ 'train-labels-idx1-ubyte.gz': idxLabels(new Uint8Array(cap)) }));
    await expect(loadMnist('/data', () => {})).rejects.toThrow(
      `train-labels-idx1-ubyte.gz: decompresses to more than ${cap} bytes`,
    );
  });

  it('fails when a file stalls, naming it', async () => {
    const served = files();
    serve(served);
    const respond = vi.mocked(fetch).getMockImplementation()!;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) =>
        url.endsWith(MNIST_FILES[3]) ? new Promise<never>(() => {}) : respond(url, init),
      ),
    );
    await expect(loadMnist('/data', () => {}, { stallMs: 50 })).rejects.toThrow(
      `${MNIST_FILES[3]}: the download stalled (no data for 0.05 s)`,
    );
  });
});

describe('loadMnist with a cache', () => {
  const urls = MNIST_FILES.map((f) => `/data/${f}`);
  /** URLs fetched from the network since the stub was installed. */
  const fetched = () => vi.mocked(fetch).mock.calls.map(([url]) => String(url));
  /** Waits until the cache's writes (which run beside the load) have landed. */
  const stored = async (cache: FakeCache, n: number) => vi.waitFor(() => expect(cache.entries.size).toBe(n));

  it('keeps the four files, and a second load reads them without a single request', async () => {
    serve(files());
    const cache = new FakeCache();
    const first = await loadMnist('/data', () => {}, { cache });
    expect(fetched()).toEqual(urls);
    await stored(cache, 4);
    serve({});
    const events: MnistProgress[] = [];
    const second = await loadMnist('/data', (p) => events.push(p), { cache });
    expect(fetched()).toEqual([]);
    expect(second).toEqual(first);
    expect(events.at(-1)?.overall).toBe(1);
  });

  it.each([
    ['bytes that are not gzip', new TextEncoder().encode('<!doctype html>')],
    ['a truncated gzip stream', new Uint8Array(gzipSync(idxLabels(trainLabels))).slice(0, 20)],
    ['a file shorter than its header says', new Uint8Array(gzipSync(idxLabels(trainLabels).slice(0, -3)))],
    ['a bad IDX header', new Uint8Array(gzipSync(idxLabels(trainLabels, 1234)))],
  ])('replaces a kept copy holding %s with a fresh download, quietly', async (_what, corrupt) => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const good = files();
    serve(good);
    const cache = new FakeCache();
    await loadMnist('/data', () => {}, { cache });
    await stored(cache, 4);
    const labelsUrl = urls[1]!;
    cache.entries.set(labelsUrl, { bytes: new Uint8Array(corrupt), headers: new Headers() });
    serve(good);
    const mnist = await loadMnist('/data', () => {}, { cache });
    expect(Array.from(mnist.train.labels)).toEqual(trainLabels);
    expect(fetched()).toEqual([labelsUrl]);
    await vi.waitFor(() => expect(cache.entries.get(labelsUrl)?.bytes).toEqual(good['train-labels-idx1-ubyte.gz']));
    expect(String(info.mock.calls[0]?.[0])).toMatch(
      /^MNIST cache: the kept copy is unusable, downloading it again: train-labels-idx1-ubyte\.gz: /,
    );
  });

  it('loads uncached when the cache cannot store (quota full)', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    serve(files());
    const store = new FakeCacheStore();
    const cache = await openMnistCache(store);
    const kept = store.caches.get(MNIST_CACHE)!;
    kept.failPut = new DOMException('quota', 'QuotaExceededError');
    const mnist = await loadMnist('/data', () => {}, { cache });
    expect(mnist.test.count).toBe(12);
    expect(kept.entries.size).toBe(0);
  });

  it('keeps nothing from a load that fails, so a retry downloads every file again', async () => {
    const served = files({ 't10k-labels-idx1-ubyte.gz': idxLabels(testLabels.slice(1)) });
    serve(served);
    const cache = new FakeCache();
    await expect(loadMnist('/data', () => {}, { cache })).rejects.toThrow(
      'holds 12 images but t10k-labels-idx1-ubyte.gz holds 11 labels',
    );
    expect(cache.entries.size).toBe(0);
    serve(files());
    await loadMnist('/data', () => {}, { cache });
    expect(fetched()).toEqual(urls);
  });
});

describe('inSharedMemory', () => {
  const data: Mnist = {
    train: { count: 2, images: Uint8Array.from({ length: 2 * 784 }, (_, i) => i % 251), labels: Uint8Array.of(3, 7) },
    test: { count: 1, images: new Uint8Array(784).fill(9), labels: Uint8Array.of(5) },
  };

  it('copies every split into shared memory, bytes unchanged, so posting it to a worker shares it', () => {
    const shared = inSharedMemory(data);
    for (const name of ['train', 'test'] as const) {
      expect(shared[name].count).toBe(data[name].count);
      for (const part of ['images', 'labels'] as const) {
        expect(shared[name][part].buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(shared[name][part]).toEqual(data[name][part]);
      }
    }
    const clone = structuredClone(shared);
    shared.test.labels[0] = 6;
    expect(clone.test.labels[0]).toBe(6); // the clone shares the bytes
  });

  it('leaves the splits as they are on a page that is not cross-origin isolated', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    try {
      expect(inSharedMemory(data)).toBe(data);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
