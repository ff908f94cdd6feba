import * as tf from '@tensorflow/tfjs';

/** tfjs's wasm binaries in node_modules, as the folder path Node's loader wants (tests and benchmarks). */
export const NODE_WASM_DIR = decodeURIComponent(
  new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).pathname,
);

/** Largest |a − b| over max |b| (0 when both are all zeros). */
export function maxRelDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => {
    const scale = tf.max(tf.abs(b)).dataSync()[0] ?? 0;
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? 0;
    return scale === 0 ? diff : diff / scale;
  });
}

/** Runs `f` on `backend`, returning its tensors' values read back (so they survive a backend switch). */
export async function valuesOn(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const ts = f();
  const out = ts.map((t) => t.dataSync().slice() as Float32Array);
  tf.dispose(ts);
  return out;
}
