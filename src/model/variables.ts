import * as tf from '@tensorflow/tfjs';

/**
 * A variable holding `values`. Made inside tidy: tf.variable shares its initial
 * tensor's data, and that tensor must not outlive the call (it would keep the
 * memory alive after the variable is disposed).
 */
export function variableFrom(values: Float32Array, shape: readonly number[], trainable: boolean): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values, shape.slice()), trainable));
}
