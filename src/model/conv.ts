import * as tf from '@tensorflow/tfjs';

/** Padding that makes a 3×3 'same' filter gradient a valid convolution of the transposed tensors. */
const FILTER_GRAD_PAD: [[number, number], [number, number], [number, number], [number, number]] = [
  [0, 0],
  [1, 1],
  [1, 1],
  [0, 0],
];

/**
 * ∂L/∂w of a stride-1 'same' 3×3 convolution, computed as a forward
 * convolution: the input transposed to [Cin, H, W, B] is convolved with the
 * output gradient transposed to [H, W, B, Cout] used as an H×W filter, giving
 * [Cin, 3, 3, Cout]. The same sums as Conv2DBackpropFilter, but on tfjs's cpu
 * backend ~80× faster (its native filter gradient is a naive loop), and
 * it needs no kernel the wasm backend lacks.
 */
export function conv3x3FilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const xt = tf.transpose(x, [3, 1, 2, 0]);
    const dyt = tf.transpose(dy, [1, 2, 0, 3]);
    return tf.transpose(tf.conv2d(xt, dyt, 1, FILTER_GRAD_PAD), [1, 2, 0, 3]);
  });
}

/**
 * ∂L/∂x of a stride-1 'same' 3×3 convolution, as a forward convolution of the
 * output gradient with the kernel rotated 180° and its channel axes swapped —
 * ~4× faster than tfjs cpu's Conv2DBackpropInput.
 */
export function conv3x3InputGrad(dy: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.conv2d(dy, tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]), 1, 'same'));
}

/**
 * A 3×3 'same' convolution whose gradients are `conv3x3InputGrad` and `conv3x3FilterGrad`:
 * forward convolutions only. A custom gradient computes every input's gradient whether or not
 * backprop uses it, so with `inputGrad` false the input's gradient is zeros: for the images
 * the network reads, which nothing differentiates by (on the lite network their one-channel
 * input gradient was ~4 % of a training step).
 */
function withFastGrad(inputGrad: boolean) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.conv2d(x, w, 1, 'same'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dx = inputGrad ? conv3x3InputGrad(dy as tf.Tensor4D, sw) : tf.zerosLike(sx);
        return [dx, conv3x3FilterGrad(sx, dy as tf.Tensor4D)];
      },
    };
  }) as (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;
}

export const conv3x3WithFastGrad = withFastGrad(true);
const conv3x3OfDataWithFastGrad = withFastGrad(false);

/** Backends whose native conv filter gradient is slow or missing; elsewhere the native one is used. */
const FAST_GRAD_BACKENDS = new Set(['cpu', 'wasm']);

/**
 * 3×3 'same' convolution without bias, with the fast filter gradient where the backend needs
 * it. `of: 'data'` says that no gradient by `x` is wanted (the network's input images); the
 * native gradient skips it by itself.
 */
export function conv3x3NoBias(x: tf.Tensor4D, w: tf.Tensor4D, of: 'data' | 'activations' = 'activations'): tf.Tensor4D {
  if (!FAST_GRAD_BACKENDS.has(tf.getBackend())) return tf.conv2d(x, w, 1, 'same');
  return of === 'data' ? conv3x3OfDataWithFastGrad(x, w) : conv3x3WithFastGrad(x, w);
}
