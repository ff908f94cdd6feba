import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataFileError } from './errors';
import { fetchGzipped, type FetchOptions } from './fetchGzip';
import { abortable, chunkedStream, idxImages } from './testFixtures';

const FILE = 'train-images-idx3-ubyte.gz';
const raw = idxImages(5);
const gz = new Uint8Array(gzipSync(raw, { level: 9 }));
/** The file's exact decompressed size as the cap: what fits, and not a byte more. */
const fits = { maxBytes: raw.length };

/** Serves `response` to every fetch. */
function serve(response: () => Response): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => response()),
  );
}

/** Fetches FILE and returns the DataFileError message it fails with. */
async function failure(options: FetchOptions = fits): Promise<string> {
  const error: unknown = await fetchGzipped('/data/x.gz', FILE, () => {}, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataFileError);
  expect((error as DataFileError).file).toBe(FILE);
  return (error as DataFileError).message;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchGzipped', () => {
  it('decompresses a chunked gzip body and reports monotone progress ending at the total', async () => {
    serve(() => new Response(chunkedStream(gz, 100), { headers: { 'Content-Length': String(gz.length) } }));
    const events: [number, number | null][] = [];
    const bytes = await fetchGzipped('/data/x.gz', FILE, (loaded, total) => events.push([loaded, total]), fits);
    expect(bytes).toEqual(raw);
    expect(events.length).toBe(Math.ceil(gz.length / 100));
    expect(events.every(([loaded], i) => i === 0 || loaded > (events[i - 1]?.[0] ?? 0))).toBe(true);
    expect(events.at(-1)).toEqual([gz.length, gz.length]);
  });

  it('reports a null total without Content-Length', async () => {
    serve(() => new Response(chunkedStream(gz, 1000)));
    const totals = new Set<number | null>();
    await fetchGzipped('/data/x.gz', FILE, (_loaded, total) => totals.add(total), fits);
    expect([...totals]).toEqual([null]);
  });

  it('passes through a body the browser already decoded, measured against its IDX header', async () => {
    // What Vite's server does: `.gz` files go out with Content-Encoding: gzip and arrive decoded.
    const headers = { 'Content-Encoding': 'gzip', 'Content-Length': String(gz.length) };
    serve(() => new Response(chunkedStream(raw, 1000), { headers }));
    const events: [number, number | null][] = [];
    expect(await fetchGzipped('/data/x.gz', FILE, (loaded, total) => events.push([loaded, total]), fits)).toEqual(raw);
    expect(events.every(([, total]) => total === raw.length)).toBe(true);
    expect(events.at(-1)).toEqual([raw.length, raw.length]);
  });

  it('explains HTTP 404 with the command that makes the files', async () => {
    serve(() => new Response('Not Found', { status: 404 }));
    expect(await failure()).toBe('train-images-idx3-ubyte.gz: not found (HTTP 404) — run `npm run data`');
  });

  it("explains an HTML fallback page (a single-page-app server's answer for a missing file) the same way", async () => {
    serve(() => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
    expect(await failure()).toBe(
      'train-images-idx3-ubyte.gz: not found (the server sent an HTML page) — run `npm run data`',
    );
  });

  it('reports other HTTP errors with their status', async () => {
    serve(() => new Response('oops', { status: 500, statusText: 'Internal Server Error' }));
    expect(await failure()).toBe('train-images-idx3-ubyte.gz: could not be fetched (HTTP 500 Internal Server Error)');
  });

  it('reports network failures and interrupted downloads', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await failure()).toMatch(/network error while fetching \/data\/x\.gz \(Failed to fetch\)/);
    serve(() => new Response(chunkedStream(gz, 100, new TypeError('connection reset'))));
    expect(await failure()).toMatch(/download interrupted \(connection reset\)/);
  });

  it('rejects a body that is neither gzip nor IDX, e.g. an HTML fallback page', async () => {
    serve(() => new Response('<!doctype html><html></html>'));
    expect(await failure()).toBe('train-images-idx3-ubyte.gz: not a valid gzip file (starts with 3c 21 64 6f)');
    serve(() => new Response(new Uint8Array(0)));
    expect(await failure()).toBe('train-images-idx3-ubyte.gz: not a valid gzip file (empty)');
  });

  it('rejects corrupt and truncated gzip', async () => {
    const corrupt = gz.slice();
    corrupt.fill(0xff, 12, 40);
    serve(() => new Response(corrupt));
    expect(await failure()).toMatch(/^train-images-idx3-ubyte\.gz: not a valid gzip file \(.+\)$/);
    serve(() => new Response(gz.slice(0, gz.length - 20)));
    expect(await failure()).toMatch(/not a valid gzip file/);
  });

  it('rejects with the abort reason, not a DataFileError, when aborted mid-download', async () => {
    const controller = new AbortController();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => new Response(abortable(chunkedStream(gz, 50), init.signal))),
    );
    const result = fetchGzipped('/data/x.gz', FILE, () => controller.abort(), { ...fits, signal: controller.signal });
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('gives up on a download that stalls, before or after its headers, naming the file, and closes it', async () => {
    const signals: AbortSignal[] = [];
    const never = () => new Promise<never>(() => {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        signals.push(init.signal!);
        return never();
      }),
    );
    expect(await failure({ ...fits, stallMs: 50 })).toBe(
      'train-images-idx3-ubyte.gz: the download stalled (no data for 0.05 s)',
    );
    // The first chunk comes, then nothing.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        signals.push(init.signal!);
        let sent = false;
        return new Response(
          new ReadableStream({ pull: (c) => (sent ? never() : ((sent = true), c.enqueue(gz.slice(0, 100)))) }),
        );
      }),
    );
    expect(await failure({ ...fits, stallMs: 50 })).toBe(
      'train-images-idx3-ubyte.gz: the download stalled (no data for 0.05 s)',
    );
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('refuses a file that decompresses to more than its kind can hold, gzipped or already decoded', async () => {
    const tooSmall = { maxBytes: raw.length - 1 };
    serve(() => new Response(chunkedStream(gz, 100)));
    expect(await failure(tooSmall)).toBe(
      `train-images-idx3-ubyte.gz: decompresses to more than ${raw.length - 1} bytes, more than an IDX file of its kind holds`,
    );
    serve(() => new Response(chunkedStream(raw, 1000), { headers: { 'Content-Encoding': 'gzip' } }));
    expect(await failure(tooSmall)).toMatch(/decompresses to more than/);
  });
});
