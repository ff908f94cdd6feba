import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { SplitName } from '../src/data/mnist';

/** A small, fast run on the wasm backend: each story takes seconds. */
export const SMALL = 'train=256&test=200&batch=32&backend=wasm&points=200';

/** A page object for the lab: what the status line and the plot expose. */
export class LabPage {
  constructor(readonly page: Page) {}

  /** Opens the lab with URL parameters. */
  async open(query: string): Promise<void> {
    await this.page.goto(`/${query}`);
  }

  /** The status line's field. */
  field(id: 'backend' | 'network' | 'dataset' | 'step' | 'loss' | 'accuracy') {
    return this.page.getByTestId(id);
  }

  /** Waits until training has run `steps` steps. */
  async waitForSteps(steps: number, timeout: number): Promise<void> {
    await expect(async () => {
      const text = await this.field('step').innerText();
      expect(Number(text.split(' ')[0]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(steps);
    }).toPass({ timeout, intervals: [500] });
  }

  /** Steps a paused run `n` times; returns each step's loss parts per head, at full float precision. */
  async stepParts(n: number, timeout = 60_000): Promise<{ total: number; ce: number; reg: number }[][]> {
    const start = await this.step();
    const steps: { total: number; ce: number; reg: number }[][] = [];
    for (let i = 1; i <= n; i++) {
      await this.page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => this.step(), { timeout }).toBe(start + i);
      steps.push(JSON.parse((await this.field('loss').getAttribute('data-parts')) || '[]'));
    }
    return steps;
  }

  /** The step the status line shows. */
  async step(): Promise<number> {
    return Number((await this.field('step').innerText()).split(' ')[0]!.replace(/,/g, ''));
  }

  /** A panel's points canvas. */
  canvas(head = 0, sample: SplitName = 'test') {
    return this.page.getByTestId(`scatter-${sample}-${head}`);
  }

  /** Points drawn in the last frame by one head's panel, as its canvas reports it. */
  async pointsDrawn(head = 0, sample: SplitName = 'test'): Promise<number> {
    return Number((await this.canvas(head, sample).getAttribute('data-points')) ?? 0);
  }

  /** Waits until a panel has drawn a frame. */
  async waitForPoints(head = 0, sample: SplitName = 'test', timeout = 60_000): Promise<void> {
    await expect.poll(() => this.pointsDrawn(head, sample), { timeout }).toBeGreaterThan(0);
  }

  /** Ellipses a panel draws, and whether it draws decision boundaries. */
  async overlays(head = 0, sample: SplitName = 'test'): Promise<{ ellipses: number; boundaries: boolean }> {
    const c = this.canvas(head, sample);
    return {
      ellipses: Number(await c.getAttribute('data-ellipses')),
      boundaries: (await c.getAttribute('data-boundaries')) === '1',
    };
  }

  /** Pixels of a panel's canvas that are not transparent: proof that something was drawn. */
  async paintedPixels(head = 0, sample: SplitName = 'test'): Promise<number> {
    return this.canvas(head, sample).evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  }

  /** Moves the pointer onto a drawn point of a panel (the painted pixel nearest the plot's centre). */
  async hoverPoint(head = 0, sample: SplitName = 'test'): Promise<void> {
    const canvas = this.canvas(head, sample);
    const at = await canvas.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height),
        scale = c.width / c.clientWidth;
      let best: [number, number] | null = null,
        bestD = Infinity;
      for (let i = 3; i < data.length; i += 4) {
        if (!data[i]) continue;
        const x = ((i - 3) / 4) % c.width,
          y = Math.floor((i - 3) / 4 / c.width),
          d = (x - c.width / 2) ** 2 + (y - c.height / 2) ** 2;
        if (d < bestD) {
          bestD = d;
          best = [x / scale + 1, y / scale + 1];
        }
      }
      return best;
    });
    if (!at) throw new Error('no point drawn');
    const box = (await canvas.boundingBox())!;
    await this.page.mouse.move(box.x + at[0], box.y + at[1]);
  }

  /** The timeline's slider (under the panels). */
  timeline() {
    return this.page.getByRole('slider', { name: 'timeline' });
  }

  /** Opens an ICU run of SMALL size and waits until the timeline has recorded more than `n` frames. */
  async openRecording(n = 3): Promise<void> {
    await this.open(`?head=icu&${SMALL}`);
    await expect
      .poll(async () => Number(await this.timeline().getAttribute('max')), { timeout: 120_000 })
      .toBeGreaterThanOrEqual(n);
  }

  /** Clicks a button that saves a file and returns the download's name and bytes. */
  async download(button: string): Promise<{ name: string; bytes: Buffer }> {
    const [file]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }
}

/** What a GIF's blocks say: its version, logical screen size and image count. */
export interface GifFacts {
  version: string;
  width: number;
  height: number;
  images: number;
}

/** Walks a GIF's blocks (the GIF89a layout) to its trailer and counts the images; throws on a truncated or unknown block. */
export function gifFacts(bytes: Uint8Array): GifFacts {
  let at = 0;
  const byte = () => {
    if (at >= bytes.length) throw new Error(`gif: truncated at byte ${at}`);
    return bytes[at++]!;
  };
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  // A colour table follows a descriptor whose packed byte has its top bit set: 3 bytes × 2^(size+1).
  const table = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const skipSubBlocks = () => {
    for (let n = byte(); n > 0; n = byte()) at += n;
  };
  const version = String.fromCharCode(...bytes.subarray(0, 6));
  at = 13 + table(bytes[10] ?? 0);
  let images = 0;
  for (;;) {
    const block = byte();
    if (block === 0x3b) return { version, width: u16(6), height: u16(8), images };
    if (block === 0x21) {
      byte(); // the extension's label
      skipSubBlocks();
    } else if (block === 0x2c) {
      images++;
      at += 8; // left, top, width, height
      const packed = byte();
      at += table(packed) + 1; // the local colour table, then LZW's minimum code size
      skipSubBlocks();
    } else throw new Error(`gif: unknown block 0x${block.toString(16)} at byte ${at - 1}`);
  }
}
