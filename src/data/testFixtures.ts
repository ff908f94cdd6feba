import type { CacheStore, FileCache } from './fileCache';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IMAGE_COLS, IMAGE_ROWS } from './idx';

/** Synthetic IDX images for tests: body byte j is j mod 251, so digits differ; header fields can be overridden. */
export function idxImages(count: number, header: { magic?: number; rows?: number; cols?: number } = {}): Uint8Array {
  const { magic = IDX_IMAGES_MAGIC, rows = IMAGE_ROWS, cols = IMAGE_COLS } = header;
  const bytes = new Uint8Array(16 + count * rows * cols);
  const view = new DataView(bytes.buffer);
  [magic, count, rows, cols].forEach((value, i) => view.setUint32(4 * i, value));
  for (let j = 16; j < bytes.length; j++) bytes[j] = (j - 16) % 251;
  return bytes;
}

/** Synthetic IDX labels for tests, from the given values; the magic can be overridden. */
export function idxLabels(labels: ArrayLike<number>, magic = IDX_LABELS_MAGIC): Uint8Array {
  const bytes = new Uint8Array(8 + labels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  view.setUint32(4, labels.length);
  bytes.set(Array.from(labels), 8);
  return bytes;
}

/** A stream delivering `bytes` in chunks of `size`, erroring with `failure` after the first chunk if given. */
export function chunkedStream(
  bytes: Uint8Array,
  size: number,
  failure?: Error,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (failure && offset > 0) return controller.error(failure);
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, (offset += size)));
    },
  });
}

/** Passes a stream through unchanged until `signal` aborts, then errors it, as a real fetch body does. */
export function abortable(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  signal?: AbortSignal | null,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  return stream.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        signal?.throwIfAborted();
        controller.enqueue(chunk);
      },
    }),
  );
}

/** A Cache Storage in memory: named caches of responses, stored as bytes and headers as the real one does. */
export class FakeCacheStore implements CacheStore {
  readonly caches = new Map<string, FakeCache>();
  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
  async open(name: string): Promise<FileCache> {
    const cache = this.caches.get(name) ?? new FakeCache();
    this.caches.set(name, cache);
    return cache;
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
}

/** One cache: `failPut` makes writes fail as a full quota does. */
export class FakeCache implements FileCache {
  readonly entries = new Map<string, { bytes: Uint8Array<ArrayBuffer>; headers: Headers }>();
  failPut: Error | null = null;
  async match(url: string): Promise<Response | undefined> {
    const entry = this.entries.get(url);
    return entry && new Response(entry.bytes, { headers: entry.headers });
  }
  async put(url: string, response: Response): Promise<void> {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (this.failPut) throw this.failPut;
    this.entries.set(url, { bytes, headers: response.headers });
  }
  async delete(url: string): Promise<boolean> {
    return this.entries.delete(url);
  }
}
