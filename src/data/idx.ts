import { DataFileError } from './errors';

/** Type code, in the third byte of every IDX header, for unsigned-byte data. */
export const IDX_UBYTE = 0x08;
/** Magic number of an IDX file of unsigned-byte images (type 0x08, 3 dimensions). */
export const IDX_IMAGES_MAGIC = 2051;
/** Magic number of an IDX file of unsigned-byte labels (type 0x08, 1 dimension). */
export const IDX_LABELS_MAGIC = 2049;
/** Header bytes of an images file: magic, count, rows, cols as big-endian uint32. */
export const IDX_IMAGES_HEADER_BYTES = 16;
/** Header bytes of a labels file: magic, count as big-endian uint32. */
export const IDX_LABELS_HEADER_BYTES = 8;
/** Rows of an MNIST digit. */
export const IMAGE_ROWS = 28;
/** Columns of an MNIST digit. */
export const IMAGE_COLS = 28;
/** Pixels of an MNIST digit. */
export const IMAGE_SIZE = IMAGE_ROWS * IMAGE_COLS;
/** Number of digit classes; labels lie in 0..DIGIT_CLASSES−1. */
export const DIGIT_CLASSES = 10;

/** A parsed images file; `pixels` is a view into the input, row-major, `count·rows·cols` bytes. */
export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
}

/** A parsed labels file; `labels` is a view into the input, one byte per digit. */
export interface IdxLabels {
  count: number;
  labels: Uint8Array;
}

/** Parses an IDX images file, asserting magic, 28×28 dimensions and exact length. */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const header = readHeader(bytes, file, IDX_IMAGES_HEADER_BYTES, IDX_IMAGES_MAGIC, 'images');
  const [count, rows, cols] = [header.getUint32(4), header.getUint32(8), header.getUint32(12)];
  if (rows !== IMAGE_ROWS || cols !== IMAGE_COLS) {
    throw new DataFileError(file, `images are ${rows}×${cols} (expected ${IMAGE_ROWS}×${IMAGE_COLS})`);
  }
  checkLength(bytes, file, IDX_IMAGES_HEADER_BYTES, count, IMAGE_SIZE, 'images');
  return { count, rows, cols, pixels: bytes.subarray(IDX_IMAGES_HEADER_BYTES) };
}

/** Parses an IDX labels file, asserting magic, exact length and every label in 0..9. */
export function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels {
  const header = readHeader(bytes, file, IDX_LABELS_HEADER_BYTES, IDX_LABELS_MAGIC, 'labels');
  const count = header.getUint32(4);
  checkLength(bytes, file, IDX_LABELS_HEADER_BYTES, count, 1, 'labels');
  const labels = bytes.subarray(IDX_LABELS_HEADER_BYTES);
  const bad = labels.findIndex((label) => label >= DIGIT_CLASSES);
  if (bad >= 0) {
    throw new DataFileError(file, `label ${labels[bad]} at index ${bad} is out of range 0..${DIGIT_CLASSES - 1}`);
  }
  return { count, labels };
}

/** The total byte length an unsigned-byte IDX header declares, or null when `head` does not start with one. */
export function idxDeclaredLength(head: Uint8Array): number | null {
  // Magic = 00 00, type, number of dimensions; then one big-endian uint32 per dimension.
  const dims = head[3] ?? 0;
  const headerBytes = 4 + 4 * dims;
  if (head[0] !== 0 || head[1] !== 0 || head[2] !== IDX_UBYTE || head.byteLength < headerBytes) return null;
  const view = new DataView(head.buffer, head.byteOffset, headerBytes);
  let items = 1;
  for (let d = 0; d < dims; d++) items *= view.getUint32(4 + 4 * d);
  return headerBytes + items;
}

/** Checks the header fits and the magic number matches; returns a big-endian view of the header. */
function readHeader(bytes: Uint8Array, file: string, size: number, magic: number, kind: string): DataView {
  if (bytes.byteLength < size) {
    throw new DataFileError(file, `truncated header: ${bytes.byteLength} bytes (expected at least ${size})`);
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, size);
  const found = header.getUint32(0);
  if (found !== magic) {
    throw new DataFileError(file, `bad magic number ${found} (expected ${magic} for IDX ${kind})`);
  }
  return header;
}

/** The body must hold exactly `count` items: fewer means truncation, more means a count that lies. */
function checkLength(
  bytes: Uint8Array,
  file: string,
  header: number,
  count: number,
  itemSize: number,
  kind: string,
): void {
  const expected = header + count * itemSize;
  if (bytes.byteLength < expected) {
    throw new DataFileError(file, `truncated: ${bytes.byteLength} bytes, expected ${expected} for ${count} ${kind}`);
  }
  if (bytes.byteLength > expected) {
    const extra = bytes.byteLength - expected;
    throw new DataFileError(
      file,
      `${extra} unexpected bytes after ${count} ${kind} (${bytes.byteLength} bytes, expected ${expected})`,
    );
  }
}
