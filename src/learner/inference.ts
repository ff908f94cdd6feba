import * as tf from '@tensorflow/tfjs';
import type { BnMode } from '../model/backbone';
import type { Digits } from './digits';
import type { Learner } from './learner';

/** Digits per forward pass when embedding many: bounds the memory of one pass. */
export const INFERENCE_CHUNK = 500;

/** Features (interleaved x, y) and predicted classes of many digits. */
export interface Embedding {
  features: Float32Array;
  predictions: Uint8Array;
}

/**
 * Embeds the listed digits chunk by chunk, calling `between` after each chunk
 * so a worker can take messages; stops early (returning null) if it says so.
 */
export async function embed(
  learner: Learner,
  digits: Digits,
  indices: Uint32Array,
  mode: BnMode,
  between: () => Promise<boolean> = async () => true,
): Promise<Embedding | null> {
  const dims = learner.backbone.arch.featureDim;
  const features = new Float32Array(indices.length * dims);
  const predictions = new Uint8Array(indices.length);
  for (let start = 0; start < indices.length; start += INFERENCE_CHUNK) {
    const chunk = indices.subarray(start, Math.min(start + INFERENCE_CHUNK, indices.length));
    const [f, p] = tf.tidy(() => {
      const feats = learner.features(digits.images(chunk), mode);
      return [feats, learner.predict(feats)];
    });
    features.set(await f.data(), start * dims);
    predictions.set(await p.data(), start);
    tf.dispose([f, p]);
    if (!(await between())) return null;
  }
  return { features, predictions };
}
