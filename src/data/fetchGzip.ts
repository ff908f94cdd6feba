import { DataFileError } from './errors';
import { IDX_IMAGES_HEADER_BYTES, idxDeclaredLength } from './idx';
import { collect, meter, peek, type Bytes } from './streams';

/** First two bytes of every gzip member (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;
type Progress = (loadedBytes: number, totalBytes: number | null) => void;

/**
 * Fetches a gzipped IDX file and returns its decompressed bytes, reporting bytes received against
 * Content-Length. Rejects with a DataFileError, or with the signal's reason once aborted.
 */
export async function fetchGzipped(url: string, file: string, onProgress: Progress, signal?: AbortSignal): Promise<Uint8Array> {
  try {
    const { headers, body } = await request(url, file, signal);
    const { head, stream } = await peek(tagReadErrors(body, file), IDX_IMAGES_HEADER_BYTES);
    return await collect(decode(head, stream, headers, file, onProgress));
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof DataFileError) throw error;
    // Read failures are already DataFileErrors, so what is left came from the decompressor.
    throw new DataFileError(file, `not a valid gzip file (${describe(error)})`, { cause: error });
  }
}

/** Issues the request and turns network failures, HTTP errors and HTML fallback pages into DataFileErrors. */
async function request(url: string, file: string, signal?: AbortSignal): Promise<{ headers: Headers; body: ReadableStream<Bytes> }> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    signal?.throwIfAborted();
    throw new DataFileError(file, `network error while fetching ${url} (${describe(error)})`, { cause: error });
  }
  // A single-page-app server (Vite's among them) answers a missing file with index.html and 200.
  if (response.status === 404 || response.headers.get('Content-Type')?.startsWith('text/html')) {
    const status = response.status === 404 ? 'HTTP 404' : 'the server sent an HTML page';
    throw new DataFileError(file, `not found (${status}) — run \`npm run data\``);
  }
  if (!response.ok || response.body === null) {
    throw new DataFileError(file, `could not be fetched (HTTP ${response.status} ${response.statusText})`.trim());
  }
  return { headers: response.headers, body: response.body };
}

/**
 * Gunzips the body, or passes it through when the transport already did. Servers such as Vite's
 * (sirv) send `.gz` files with `Content-Encoding: gzip`, and the browser then decodes them before we
 * see a byte, so Content-Length no longer matches what we count; the IDX header then gives the exact
 * decoded size instead. Sniffing beats trusting headers, and cannot be fooled: IDX starts 00 00.
 */
function decode(head: Bytes, stream: ReadableStream<Bytes>, headers: Headers, file: string, onProgress: Progress): ReadableStream<Bytes> {
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

/** The body, with read failures (a dropped connection) turned into DataFileErrors naming the file. */
function tagReadErrors(body: ReadableStream<Bytes>, file: string): ReadableStream<Bytes> {
  const reader = body.getReader();
  return new ReadableStream<Bytes>({
    async pull(controller) {
      const chunk = await reader.read().catch((error: unknown) => {
        throw new DataFileError(file, `download interrupted (${describe(error)})`, { cause: error });
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

/** A short description of an unknown thrown value. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
