import * as tf from '@tensorflow/tfjs';

/**
 * Σ over every axis but the last, as [C]. An NHWC tensor is first averaged
 * over each image by one H×W average pool: on wasm a reduction over leading
 * axes transposes the whole tensor first, and the pool is ~20× faster (and
 * sums in shorter runs). The remaining [N, C] sum is small.
 */
export function channelSum(x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const leading = Array.from({ length: x.rank - 1 }, (_, i) => i);
    if (x.rank !== 4) return tf.sum(x, leading) as tf.Tensor1D;
    const [n, h, w, c] = x.shape as [number, number, number, number];
    const perImage = tf.reshape(tf.avgPool(x as tf.Tensor4D, [h, w], [h, w], 'valid'), [n, c]);
    return tf.mul(tf.sum(perImage, 0), h * w) as tf.Tensor1D;
  });
}

/** Mean over every axis but the last, as [C] (see channelSum). */
export function channelMean(x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => tf.div(channelSum(x), x.size / (x.shape[x.rank - 1] ?? 1)));
}

/**
 * x·scale + shift for each channel (the last axis), as one 1×1 depthwise convolution of x
 * viewed as [1, 1, size/C, C]: on wasm ~3× faster than a broadcast multiply and a broadcast
 * add, each of which is a pass of its own (XNNPACK runs the convolution; tfjs's broadcasting
 * binary ops index element by element).
 */
export function channelAffine<T extends tf.Tensor>(x: T, scale: tf.Tensor1D, shift?: tf.Tensor1D): T {
  return tf.tidy(() => {
    const c = scale.size;
    const x4 = tf.reshape(x, [1, 1, x.size / c, c]) as tf.Tensor4D;
    const filter = tf.reshape(scale, [1, 1, c, 1]) as tf.Tensor4D;
    const y = shift
      ? tf.fused.depthwiseConv2d({ x: x4, filter, strides: 1, pad: 'valid', bias: shift })
      : tf.depthwiseConv2d(x4, filter, 1, 'valid');
    return tf.reshape(y, x.shape) as T;
  });
}
