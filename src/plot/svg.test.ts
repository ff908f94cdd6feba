import { describe, expect, it } from 'vitest';
import { itemsSvg, sceneToSvg } from './svg';

describe('sceneToSvg', () => {
  it('refuses to write an image item without its data URL', () => {
    const field = { kind: 'field', x: 0, y: 0, w: 10, h: 10, nx: 1, ny: 1, pixels: new Uint32Array(1) } as const;
    expect(() => sceneToSvg({ width: 10, height: 10, background: '#FFFFFF', items: [field] })).toThrow(
      'has no data URL',
    );
  });

  it('escapes text and turns vertical labels a quarter left', () => {
    expect(itemsSvg([{ kind: 'text', x: 1, y: 2, text: 'a<b & "c"', size: 10, fill: '#000', vertical: true }])).toBe(
      '<text x="1" y="2" font-size="10" fill="#000" transform="rotate(-90 1 2)">a&lt;b &amp; &quot;c&quot;</text>',
    );
  });
});
