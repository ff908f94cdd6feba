import { inferenceScores } from '../loss/heads';
import type { HeadFrame } from '../trainer/shared/protocol';
import { gaussianParams } from './headParams';
import { headInfo } from './panelModel';
import type { SplitName } from '../data/mnist';

/** What the hover card shows about one digit of a panel's sample. */
export interface HoverInfo {
  /** Position in the sample, and the digit's index in its MNIST split (for its image). */
  sampleIndex: number;
  mnistIndex: number;
  label: number;
  prediction: number;
  x: number;
  y: number;
  /** d_k to each class for L-GM and ICU (the rule predicts the smallest), null for the other heads. */
  distances: number[] | null;
}

/** The hover facts of digit i of a head's train or test sample. */
export function hoverInfo(head: HeadFrame, sample: SplitName, i: number): HoverInfo {
  const s = head[sample],
    x = s.features[2 * i] ?? NaN,
    y = s.features[2 * i + 1] ?? NaN;
  const { typed } = headInfo(head),
    g = gaussianParams(typed);
  // inferenceScores gives −d_k for the Gaussian heads.
  const distances = g ? Array.from(inferenceScores(typed.id, typed.params, Float32Array.of(x, y)), (v) => -v) : null;
  return {
    sampleIndex: i,
    mnistIndex: s.indices[i] ?? -1,
    label: s.labels[i] ?? -1,
    prediction: s.predictions[i] ?? -1,
    x,
    y,
    distances,
  };
}
