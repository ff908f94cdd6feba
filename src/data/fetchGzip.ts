import { DataFileError, describeError } from './errors';
import { IDX_IMAGES_HEADER_BYTES, idxDeclaredLength } from './idx';
import { collect, meter, peek, type Bytes } from './streams';

/** First two bytes of every gzip member (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;
type Progress = (loadedBytes: number, totalBytes: number | null) => void;

/** A download gives up when no bytes arrive for this long (a server or proxy that stops answering). */
export const STALL_MS = 30_000;

export interface FetchOptions {
  /** The most bytes the file may decompress to: a larger one is refused before it fills memory. */
  maxBytes: number;
  /** Give up after this long without a byte (STALL_MS unless a test needs less). */
  stallMs?: number;
  signal?: AbortSignal;
  /** Where the response comes from: the network (fetch), or a cached copy. */
  source?: (url: string, init: RequestInit) => Promise<Response>;
  /** Given a copy of the response once it is accepted (not an error, not an HTML page), before a byte is read: the cache keeps it. */
  keep?: (copy: Response) => void;
}

/** Waits for one step of a download (response headers, a chunk); `step` is what a stall aborts. */
type Watch = <T>(step: Promise<T>) => Promise<T>;

/**
 * Fetches a gzipped IDX file and returns its decompressed bytes, reporting bytes received against
 * Content-Length. Rejects with a DataFileError (a stall and an oversized file included), or with
 * the signal's reason once aborted.
 */
export async function fetchGzipped(
  url: string,
  file: string,
  onProgress: Progress,
  options: FetchOptions,
): Promise<Uint8Array> {
  const { maxBytes, stallMs = STALL_MS, signal, source = fetch, keep } = options;
  // Our own controller, so a stall also closes the connection.
  const stall = new AbortController();
  const watch: Watch = (step) => stallLimit(step, stallMs, file, () => stall.abort());
  try {
    const response = await request(
      source,
      url,
      file,
      AbortSignal.any(signal ? [signal, stall.signal] : [stall.signal]),
      watch,
    );
    keep?.(response.clone());
    const { headers, body } = response;
    const { head, stream } = await peek(tagReadErrors(body, file, watch), IDX_IMAGES_HEADER_BYTES);
    return await collect(decode(head, stream, headers, file, onProgress).pipeThrough(sizeLimit(maxBytes, file)));
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof DataFileError) throw error;
    // Read failures are already DataFileErrors, so what is left came from the decompressor.
    throw new DataFileError(file, `not a valid gzip file (${describeError(error)})`, { cause: error });
  }
}

/** `step`, or a DataFileError when it takes `ms` (after calling `abort`, which stops the download). */
function stallLimit<T>(step: Promise<T>, ms: number, file: string, abort: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new DataFileError(file, `the download stalled (no data for ${ms / 1000} s)`));
      abort();
    }, ms);
  });
  return Promise.race([step, stalled]).finally(() => clearTimeout(timer));
}

/** Errors once more than `maxBytes` have flowed through: what an IDX file of its kind can hold. */
function sizeLimit(maxBytes: number, file: string): TransformStream<Bytes, Bytes> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > maxBytes)
        throw new DataFileError(
          file,
          `decompresses to more than ${maxBytes} bytes, more than an IDX file of its kind holds`,
        );
      controller.enqueue(chunk);
    },
  });
}

/** Issues the request and turns network failures, HTTP errors and HTML fallback pages into DataFileErrors. */
async function request(
  source: NonNullable<FetchOptions['source']>,
  url: string,
  file: string,
  signal: AbortSignal,
  watch: Watch,
): Promise<Response & { body: ReadableStream<Bytes> }> {
  let response: Response;
  try {
    response = await watch(source(url, { signal }));
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    signal.throwIfAborted();
    throw new DataFileError(file, `network error while fetching ${url} (${describeError(error)})`, { cause: error });
  }
  // A single-page-app server (Vite's among them) answers a missing file with index.html and 200.
  if (response.status === 404 || response.headers.get('Content-Type')?.startsWith('text/html')) {
    const status = response.status === 404 ? 'HTTP 404' : 'the server sent an HTML page';
    throw new DataFileError(file, `not found (${status}) — run \`npm run data\``);
  }
  if (!response.ok || response.body === null) {
    throw new DataFileError(file, `could not be fetched (HTTP ${response.status} ${response.statusText})`.trim());
  }
  return response as Response & { body: ReadableStream<Bytes> };
}

/**
 * Gunzips the body, or passes it through when the transport already did. Servers such as Vite's
 * (sirv) send `.gz` files with `Content-Encoding: gzip`, and the browser then decodes them before we
 * see a byte, so Content-Length no longer matches what we count; the IDX header then gives the exact
 * decoded size instead. Sniffing beats trusting headers, and cannot be fooled: IDX starts 00 00.
 */
function decode(
  head: Bytes,
  stream: ReadableStream<Bytes>,
  headers: Headers,
  file: string,
  onProgress: Progress,
): ReadableStream<Bytes> {
  if (startsWith(head, GZIP_MAGIC)) {
    const total = headers.has('Content-Encoding') ? null : contentLength(headers);
    return stream.pipeThrough(meter(total, onProgress)).pipeThrough(new DecompressionStream('gzip'));
  }
  const declared = idxDeclaredLength(head);
  if (declared !== null) return stream.pipeThrough(meter(declared, onProgress));
  void stream.cancel();
  const first = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new DataFileError(file, `not a valid gzip file (${head.byteLength ? `starts with ${first}` : 'empty'})`);
}

/** Content-Length as a number, or null when absent or malformed. */
function contentLength(headers: Headers): number | null {
  const length = Number(headers.get('Content-Length') ?? NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

/** The body, with read failures (a dropped connection) and stalls turned into DataFileErrors naming the file. */
function tagReadErrors(body: ReadableStream<Bytes>, file: string, watch: Watch): ReadableStream<Bytes> {
  const reader = body.getReader();
  return new ReadableStream<Bytes>({
    async pull(controller) {
      const chunk = await watch(reader.read()).catch((error: unknown) => {
        if (error instanceof DataFileError) throw error;
        throw new DataFileError(file, `download interrupted (${describeError(error)})`, { cause: error });
      });
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** Whether `bytes` begins with `prefix`. */
function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.byteLength >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
