import { IMAGE_SIZE } from './idx';

/** MNIST's side, and the box its digits were size-normalized into (LeCun et al.: 20×20, aspect kept). */
const SIDE = 28,
  BOX = 20;

/**
 * A digit drawn on a square canvas (`ink`: 0–255 per pixel, row-major, `side`×`side`) made into an
 * MNIST image as MNIST's digits were: the ink's bounding box scaled to fit a 20×20 box (aspect
 * kept, area-averaged so thin strokes stay grey at their edges, as the scanned digits are), then
 * placed in 28×28 with its centre of mass at the centre. Null when nothing is drawn.
 */
export function mnistFromInk(ink: ArrayLike<number>, side: number): Uint8Array | null {
  let [x0, y0, x1, y1] = [side, side, -1, -1];
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      if (ink[y * side + x]! > 0)
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  if (x1 < 0) return null;
  const [w, h] = [x1 - x0 + 1, y1 - y0 + 1];
  const scale = BOX / Math.max(w, h);
  const [pw, ph] = [Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale))];
  // Area average: each patch pixel is the mean ink over the source pixels it covers (fractions at its edges).
  const patch = new Float64Array(pw * ph);
  for (let py = 0; py < ph; py++)
    for (let px = 0; px < pw; px++) {
      const [sx0, sx1] = [x0 + (px * w) / pw, x0 + ((px + 1) * w) / pw];
      const [sy0, sy1] = [y0 + (py * h) / ph, y0 + ((py + 1) * h) / ph];
      let sum = 0;
      for (let y = Math.floor(sy0); y < Math.ceil(sy1); y++) {
        const fy = Math.min(y + 1, sy1) - Math.max(y, sy0);
        for (let x = Math.floor(sx0); x < Math.ceil(sx1); x++)
          sum += fy * (Math.min(x + 1, sx1) - Math.max(x, sx0)) * ink[y * side + x]!;
      }
      patch[py * pw + px] = sum / ((sx1 - sx0) * (sy1 - sy0));
    }
  let [mass, mx, my] = [0, 0, 0];
  patch.forEach((v, i) => {
    mass += v;
    mx += v * (i % pw);
    my += v * Math.floor(i / pw);
  });
  // Shift so the centre of mass (pixel centres at +0.5) lands on the image's centre, within the frame.
  const left = Math.min(SIDE - pw, Math.max(0, Math.round(SIDE / 2 - (mx / mass + 0.5)))),
    top = Math.min(SIDE - ph, Math.max(0, Math.round(SIDE / 2 - (my / mass + 0.5))));
  const out = new Uint8Array(IMAGE_SIZE);
  for (let py = 0; py < ph; py++)
    for (let px = 0; px < pw; px++) out[(top + py) * SIDE + left + px] = Math.round(patch[py * pw + px]!);
  return out;
}
