import { classCount, planeGaussians, type HeadArrays } from './headArrays';
import type { HeadId } from './heads';

/** Inference logit of class k at (x, y), for K classes. */
type Scorer = { numClasses: number; score: (x: number, y: number, k: number) => number };

/** w_kᵀx + b_k: softmax, center loss, and L-Softmax at inference (m = 1, no bias). */
function linearScorer(weights: Float32Array, bias?: Float32Array): Scorer {
  const numClasses = classCount(weights, 'weights');
  if (bias && bias.length !== numClasses) throw new Error(`bias: length ${bias.length}, expected ${numClasses}`);
  return {
    numClasses,
    score: (x, y, k) => (weights[2 * k] ?? 0) * x + (weights[2 * k + 1] ?? 0) * y + (bias?.[k] ?? 0),
  };
}

/** −d_k with d_k = ½(maha_k + ln|Σ_k|) (Eq. 9); L-GM's α = 0 logit is the same expression. */
function gaussianScorer(p: { means: Float32Array; logVars?: Float32Array }): Scorer {
  const g = planeGaussians(p);
  return {
    numClasses: g.length,
    score: (x, y, k) => {
      const c = g[k];
      if (!c) return -Infinity;
      return -0.5 * ((x - c.mx) ** 2 * c.ivx + (y - c.my) ** 2 * c.ivy) - c.halfLogDet;
    },
  };
}

const SCORERS: { [H in HeadId]: (p: HeadArrays[H]) => Scorer } = {
  softmax: (p) => linearScorer(p.weights, p.bias),
  center: (p) => linearScorer(p.weights, p.bias),
  lsoftmax: (p) => linearScorer(p.weights),
  lgm: gaussianScorer,
  icu: gaussianScorer,
};

/** Inference logits [N·K] row-major for points xy = [x0, y0, x1, y1, …] (−d for the Gaussian heads). */
export function inferenceScores<H extends HeadId>(headId: H, params: HeadArrays[H], xy: Float32Array): Float32Array {
  const s = SCORERS[headId](params);
  const n = Math.floor(xy.length / 2),
    out = new Float32Array(n * s.numClasses);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < s.numClasses; k++) out[i * s.numClasses + k] = s.score(xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0, k);
  }
  return out;
}

/**
 * Predicted class of each point (argmax of the inference logits; argmin d for Gaussian heads), first
 * index on ties like tf.argMax. Pass `out` to reuse a buffer when sweeping a grid.
 */
export function classifyPoints<H extends HeadId>(
  headId: H,
  params: HeadArrays[H],
  xy: Float32Array,
  out?: Uint8Array,
): Uint8Array {
  const s = SCORERS[headId](params);
  const n = Math.floor(xy.length / 2),
    labels = out ?? new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] ?? 0,
      y = xy[2 * i + 1] ?? 0;
    let best = 0,
      bestScore = s.score(x, y, 0);
    for (let k = 1; k < s.numClasses; k++) {
      const v = s.score(x, y, k);
      if (v > bestScore) {
        best = k;
        bestScore = v;
      }
    }
    labels[i] = best;
  }
  return labels;
}
