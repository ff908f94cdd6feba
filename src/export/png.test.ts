import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packRgba } from '../plot/palette';
import { PNG_SIGNATURE, crc32, dataUrl, encodePng } from './png';

/** The chunks of a PNG file by type. */
function chunks(png: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(png.buffer, png.byteOffset),
    out = new Map<string, Uint8Array>();
  for (let at = 8; at < png.length;) {
    const n = view.getUint32(at),
      type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    expect(view.getUint32(at + 8 + n)).toBe(crc32(png.subarray(at + 4, at + 8 + n)));
    out.set(type, png.subarray(at + 8, at + 8 + n));
    at += 12 + n;
  }
  return out;
}

describe('encodePng', () => {
  it('computes the CRC-32 PNG uses', () => {
    expect(crc32(new TextEncoder().encode('IEND')).toString(16)).toBe('ae426082');
  });

  it('writes signature, RGBA header and deflated scanlines with filter 0', async () => {
    const pixels = Uint32Array.of(packRgba('#ff0000'), 0, packRgba('#00ff00', 128), packRgba('#0000ff'));
    const png = await encodePng(pixels, 2, 2);
    expect(Array.from(png.subarray(0, 8))).toEqual(Array.from(PNG_SIGNATURE));
    const c = chunks(png);
    expect(Array.from(c.get('IHDR') ?? [])).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
    expect(Array.from(inflateSync(c.get('IDAT') ?? new Uint8Array()))).toEqual([
      0, 255, 0, 0, 255, 0, 0, 0, 0, 0, 0, 255, 0, 128, 0, 0, 255, 255,
    ]);
    expect(c.has('IEND')).toBe(true);
    await expect(encodePng(pixels, 3, 2)).rejects.toThrow('4 pixels for 3×2');
  });

  it('makes base64 data URLs', () => {
    expect(dataUrl(Uint8Array.of(1, 2, 3, 250))).toBe('data:image/png;base64,AQID+g==');
  });
});
