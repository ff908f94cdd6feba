import { expect, type Page } from '@playwright/test';

/** A page object for the lab: what the status line and the plot expose. */
export class LabPage {
  constructor(readonly page: Page) {}

  /** Opens the lab with URL parameters. */
  async open(query: string): Promise<void> {
    await this.page.goto(`/${query}`);
  }

  /** The status line's field. */
  field(id: 'backend' | 'dataset' | 'step' | 'loss' | 'accuracy') {
    return this.page.getByTestId(id);
  }

  /** Waits until training has run `steps` steps. */
  async waitForSteps(steps: number, timeout: number): Promise<void> {
    await expect(async () => {
      const text = await this.field('step').innerText();
      expect(Number(text.split(' ')[0]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(steps);
    }).toPass({ timeout, intervals: [500] });
  }

  /** Points drawn in the last frame by one head's panel, as its canvas reports it. */
  async pointsDrawn(head = 0, sample: 'train' | 'test' = 'test'): Promise<number> {
    return Number((await this.page.getByTestId(`scatter-${sample}-${head}`).getAttribute('data-points')) ?? 0);
  }

  /** Pixels of a panel's canvas that are not transparent: proof that something was drawn. */
  async paintedPixels(head = 0, sample: 'train' | 'test' = 'test'): Promise<number> {
    return this.page.getByTestId(`scatter-${sample}-${head}`).evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  }
}
