import * as tf from '@tensorflow/tfjs';
import { channelSum } from './fastGradOps';

/**
 * PReLU with one slope per channel and a gradient from kernels wasm runs fast:
 * ∂x = ∂y·(x > 0 ? 1 : α) and ∂α = Σ ∂y·min(x, 0), the values tfjs's own
 * gradient gives, without its Greater/Select (~15× slower than a multiply on
 * wasm) and its leading-axis Sum.
 */
export const preluWithFastGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, alpha, save] = args as [tf.Tensor, tf.Tensor1D, tf.GradSaveFunc];
  save([x, alpha]);
  return {
    value: tf.prelu(x, alpha),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, a] = saved as [tf.Tensor, tf.Tensor1D];
      // step(x, −1) is ±1, and prelu(−1, −α) = α exactly: the slope factor without a comparison kernel.
      const slope = tf.prelu(tf.step(sx, -1), tf.neg(a));
      // min(x, 0) as one clamp (XNNPACK's on wasm): wasm's Minimum is slow, x − relu(x) two passes.
      return [tf.mul(dy, slope), channelSum(tf.mul(dy, tf.clipByValue(sx, -Infinity, 0)))];
    },
  };
}) as <T extends tf.Tensor>(x: T, alpha: tf.Tensor1D) => T;
