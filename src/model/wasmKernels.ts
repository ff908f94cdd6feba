import * as tf from '@tensorflow/tfjs';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;

/** A registered wasm kernel, or an error naming it. */
function wasmKernel(name: string): tf.KernelConfig {
  const k = tf.getKernel(name, 'wasm');
  if (!k) throw new Error(`tfjs wasm backend has no ${name} kernel`);
  return k;
}

/**
 * Identity sharing the input's buffer, as tfjs's cpu backend does: tensors are
 * immutable, and the wasm kernel's full copy made every tensor a gradient saves
 * (tfjs saves through Identity) cost a pass over memory.
 */
function sharedIdentity(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const x = args.inputs['x'] as Info;
    if (x.dtype === 'string') return original(args);
    (args.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/**
 * BatchMatMul that transposes a flagged operand explicitly first: the wasm
 * kernel's transposed paths bypass XNNPACK and ran ~5× slower than a transpose
 * plus the plain product (they are what matMul's gradient calls).
 */
function explicitTransposeMatMul(original: tf.KernelFunc, transpose: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original(args);
    const flip = (t: Info): Info => {
      const perm = t.shape.map((_, i) => i);
      perm.splice(-2, 2, perm.length - 1, perm.length - 2);
      return transpose({ inputs: { x: t }, attrs: { perm }, backend: args.backend }) as Info;
    };
    const a = args.inputs['a'] as Info,
      b = args.inputs['b'] as Info;
    const ta = transposeA ? flip(a) : a,
      tb = transposeB ? flip(b) : b;
    const out = original({
      ...args,
      inputs: { a: ta, b: tb },
      attrs: { ...args.attrs, transposeA: false, transposeB: false },
    });
    for (const t of [ta, tb]) if (t !== a && t !== b) (args.backend as tf.KernelBackend).disposeData(t.dataId);
    return out;
  };
}

let patched = false;

/**
 * Replaces two wasm kernels by faster equivalents built from wasm's own
 * (Identity without a copy; BatchMatMul via explicit transposes). Same
 * results, only speed changes. Call once the wasm backend is registered; idempotent.
 */
export function patchWasmKernels(): void {
  if (patched) return;
  const transpose = wasmKernel('Transpose').kernelFunc;
  // The original's setup (binding its wasm function) must still run when the backend initialises.
  const replace = (name: string, wrap: (original: tf.KernelFunc) => tf.KernelFunc) => {
    const original = wasmKernel(name);
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: wrap(original.kernelFunc) });
  };
  replace('Identity', sharedIdentity);
  replace('BatchMatMul', (original) => explicitTransposeMatMul(original, transpose));
  patched = true;
}
