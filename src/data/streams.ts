// Byte-stream helpers for downloads: peeking at the head, metering, collecting.

/** A chunk backed by a plain ArrayBuffer, as fetch yields and DecompressionStream accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Counts the bytes flowing through and reports them after every chunk. */
export function meter(
  total: number | null,
  onProgress: (loaded: number, total: number | null) => void,
): TransformStream<Bytes, Bytes> {
  let loaded = 0;
  return new TransformStream({
    transform(chunk, controller) {
      loaded += chunk.byteLength;
      onProgress(loaded, total);
      controller.enqueue(chunk);
    },
  });
}

/** Reads at least `n` bytes (unless the stream ends first); returns them and a stream replaying everything. */
export async function peek(
  source: ReadableStream<Bytes>,
  n: number,
): Promise<{ head: Bytes; stream: ReadableStream<Bytes> }> {
  const reader = source.getReader();
  const chunks: Bytes[] = [];
  while (chunks.reduce((sum, c) => sum + c.byteLength, 0) < n) {
    const chunk = await reader.read();
    if (chunk.done) break;
    chunks.push(chunk.value);
  }
  const head = concat(chunks);
  const stream = new ReadableStream<Bytes>({
    start: (controller) => controller.enqueue(head),
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { head, stream };
}

/** Reads a stream to the end and concatenates its chunks. */
export async function collect(stream: ReadableStream<Bytes>): Promise<Bytes> {
  const chunks: Bytes[] = [];
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value);
  return concat(chunks);
}

/** Concatenates byte chunks into one fresh array (or returns the only chunk as is). */
function concat(chunks: Bytes[]): Bytes {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
