import { fetchGzipped } from '../../data/fetchGzip';
import { IMAGE_SIZE, parseIdxImages, type IdxImages } from '../../data/idx';
import { MNIST_FILE_BYTES } from '../../data/mnist';
import type { SplitName } from '../../data/mnist';

/** The images file of each split, as `npm run data` names them. */
const FILES = { train: 'train-images-idx3-ubyte.gz', test: 't10k-images-idx3-ubyte.gz' } as const;

/**
 * MNIST's digit images on the main thread, for the hover card: frames carry only each digit's
 * index, and the worker keeps its copy. A split's file is fetched on the first request for one
 * of its digits (the training images are ~10 MB), once.
 */
export class DigitImages {
  private readonly splits = new Map<SplitName, Promise<IdxImages>>();

  constructor(private readonly dataUrl: string) {}

  /** The 28×28 image of digit `index` of a split (row-major bytes, 0 = background). */
  async image(split: SplitName, index: number): Promise<Uint8Array> {
    const images = await this.load(split);
    if (!(index >= 0 && index < images.count))
      throw new Error(`no ${split} digit #${index} (the split has ${images.count})`);
    return images.pixels.subarray(index * IMAGE_SIZE, (index + 1) * IMAGE_SIZE);
  }

  private load(split: SplitName): Promise<IdxImages> {
    let p = this.splits.get(split);
    if (!p) {
      const file = FILES[split];
      p = fetchGzipped(new URL(file, this.dataUrl).href, file, () => {}, { maxBytes: MNIST_FILE_BYTES[file] }).then(
        (bytes) => parseIdxImages(bytes, file),
      );
      // A failed download may be retried on the next hover.
      p.catch(() => this.splits.delete(split));
      this.splits.set(split, p);
    }
    return p;
  }
}
