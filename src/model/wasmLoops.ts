import * as tf from '@tensorflow/tfjs';
import { WASM_LOOPS } from './wasmLoops.generated';
import type { Moments } from './fastGradBatchNorm';

/*
 * The wasm backend's training kernels of our own, whose loops are the SIMD functions of
 * wasmLoops.wat, run on tfjs's own heap:
 * - batch norm followed by PReLU in training mode: the batch moments (one pass), the normalized
 *   and activated output (one pass) and the gradient (two passes). Built from tfjs's kernels
 *   the same layer took ~20 kernels and about ten passes forward and ~25 backward
 *   (docs/performance.md, "Batch norm and PReLU in four passes");
 * - the 2×2 max-pool's gradient to each window's first maximum, in one pass (from tfjs's kernels,
 *   poolMax2x2.ts, nine passes, most of them broadcasting).
 * Where the module cannot run (no wasm SIMD, a channel count not a multiple of 4: loopsRun), the
 * layers (layers.ts, poolMax2x2.ts) compose tfjs's kernels as before.
 */

/** The wasm backend as a kernel sees it: its heap's allocator and views, and its memory. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  dataIdMap: { get(id: tf.DataId): { memoryOffset: number } };
  wasm: {
    HEAPU8: Uint8Array;
    _malloc(bytes: number): number;
    _free(ptr: number): void;
    asm?: { memory?: WebAssembly.Memory };
    /** Where tfjs's threaded binary keeps its (shared, imported) memory. */
    wasmMemory?: WebAssembly.Memory;
  };
}

/** wasmLoops.wat's exports; pointers are byte offsets into the heap, c a multiple of 4. */
interface Loops {
  maxPoolGrad2x2(x: number, dy: number, dx: number, rows: number, w: number, c: number): void;
  moments(x: number, n: number, c: number, out: number): void;
  forward(x: number, y: number, n: number, c: number, k: number): void;
  backwardSums(dy: number, x: number, dz: number, n: number, c: number, k: number, out: number): void;
  backwardInput(dz: number, x: number, n: number, c: number, k: number): void;
}

const KERNELS = {
  moments: 'BnMoments',
  forward: 'BnPreluForward',
  backward: 'BnPreluBackward',
  maxPoolGrad: 'MaxPoolGrad2x2First',
} as const;

/** The module instantiated on each heap memory (null where it cannot run). */
const instances = new WeakMap<WebAssembly.Memory, Loops | null>();

function loopsOn(backend: WasmBackend): Loops | null {
  const memory = backend.wasm.asm?.memory ?? backend.wasm.wasmMemory;
  if (!memory) return null;
  let loops = instances.get(memory);
  if (loops === undefined) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const bytes = Uint8Array.from(atob(shared ? WASM_LOOPS.shared : WASM_LOOPS.plain), (ch) => ch.charCodeAt(0));
    // Without wasm SIMD the module does not validate, and tfjs itself runs its non-SIMD binary.
    loops = WebAssembly.validate(bytes)
      ? (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as Loops)
      : null;
    instances.set(memory, loops);
  }
  return loops;
}

/** Whether the module's loops run on the current backend for a tensor of `channels` channels. */
export function loopsRun(channels: number): boolean {
  return channels % 4 === 0 && tf.getBackend() === 'wasm' && loopsOn(tf.backend() as unknown as WasmBackend) !== null;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** What every kernel starts from: the backend, its loops, and x's rows and channels. */
function setup({ backend }: KernelArgs, x: tf.TensorInfo) {
  const b = backend as unknown as WasmBackend;
  const c = x.shape[x.shape.length - 1]!;
  return { b, loops: loopsOn(b)!, c, n: tf.util.sizeFromShape(x.shape) / c, at: (t: tf.TensorInfo) => ptr(b, t) };
}

const ptr = (b: WasmBackend, t: tf.TensorInfo): number => b.dataIdMap.get(t.dataId).memoryOffset;

/**
 * Runs `f` with `floats` float32s of scratch on the heap, `inputs` written at its start (each
 * `c` long, one after another), and returns its result; the scratch is freed after.
 */
function withScratch<T>(b: WasmBackend, floats: number, inputs: ArrayLike<number>[], f: (at: number) => T): T {
  const at = b.wasm._malloc(floats * 4);
  try {
    const view = new Float32Array(b.wasm.HEAPU8.buffer, at, floats);
    let o = 0;
    for (const values of inputs) {
      view.set(values, o);
      o += values.length;
    }
    return f(at);
  } finally {
    b.wasm._free(at);
  }
}

/** `count` float64s the loops wrote at `at`, copied off the heap. */
const float64s = (b: WasmBackend, at: number, count: number) =>
  new Float64Array(b.wasm.HEAPU8.buffer, at, count).slice();

/** A new [c] float32 tensor on the heap holding `values`. */
function vector(b: WasmBackend, values: ArrayLike<number>): tf.TensorInfo {
  const t = b.makeOutput([values.length], 'float32');
  b.typedArrayFromHeap(t).set(values);
  return t;
}

/** Per-channel constants of z = x·scale + shift, from the moments and γ, β, α (as float64). */
function channelConstants(b: WasmBackend, inputs: Record<string, tf.TensorInfo>, epsilon: number) {
  const read = (name: string) => Float64Array.from(b.typedArrayFromHeap(inputs[name]!));
  const [mu, variance, gamma, beta, slope] = ['mean', 'variance', 'gamma', 'beta', 'alpha'].map(read) as Float64Array[];
  const inv = variance!.map((v) => 1 / Math.sqrt(v + epsilon));
  const scale = gamma!.map((g, k) => g * inv[k]!);
  const shift = beta!.map((bt, k) => bt - mu![k]! * scale[k]!);
  return { mu: mu!, inv, gamma: gamma!, scale, shift, slope: slope! };
}

/** x [..., C] → the batch's mean and biased variance per channel, summed in float64. */
function momentsKernel(args: KernelArgs): tf.TensorInfo[] {
  const x = args.inputs['x'] as tf.TensorInfo;
  const { b, loops, c, n, at } = setup(args, x);
  const sums = withScratch(b, 4 * c, [], (out) => {
    loops.moments(at(x), n, c, out);
    return float64s(b, out, 2 * c);
  });
  const mean = sums.subarray(0, c).map((s) => s / n);
  // E[x²] − μ² in float64; clamped, as rounding may leave a constant channel a hair below 0.
  return [
    vector(b, mean),
    vector(
      b,
      mean.map((m, k) => Math.max(0, sums[c + k]! / n - m * m)),
    ),
  ];
}

/** y = PReLU_α((x − μ)·γ/√(σ² + ε) + β). */
function forwardKernel(args: KernelArgs): tf.TensorInfo {
  const inputs = args.inputs as Record<string, tf.TensorInfo>;
  const x = inputs['x']!;
  const { b, loops, c, n, at } = setup(args, x);
  const k = channelConstants(b, inputs, (args.attrs as { epsilon: number }).epsilon);
  const y = b.makeOutput(x.shape, 'float32');
  withScratch(b, 3 * c, [k.scale, k.shift, k.slope], (consts) => loops.forward(at(x), at(y), n, c, consts));
  return y;
}

/**
 * [∂x, ∂γ, ∂β, ∂α] of the forward, with batch norm's closed form in which μ and σ² are the
 * batch's own moments (M values a channel, σ = √(σ² + ε), x̂ = (x − μ)/σ):
 *   ∂z = ∂y·(z > 0 ? 1 : α),  ∂α = Σ∂y·min(z, 0),  ∂β = Σ∂z,  ∂γ = Σ∂z·x̂,
 *   ∂x = γ/σ·(∂z − ∂β/M − x̂·∂γ/M)  =  p·∂z + q·(x − μ) + r.
 */
function backwardKernel(args: KernelArgs): tf.TensorInfo[] {
  const inputs = args.inputs as Record<string, tf.TensorInfo>;
  const [x, dy] = [inputs['x']!, inputs['dy']!];
  const { b, loops, c, n, at } = setup(args, x);
  const k = channelConstants(b, inputs, (args.attrs as { epsilon: number }).epsilon);
  const dx = b.makeOutput(x.shape, 'float32');
  // Pass 1: ∂z into ∂x's buffer, and Σ∂z, Σ∂z·(x − μ), Σ∂y·min(z, 0) as float64 after the constants.
  const sums = withScratch(b, 4 * c + 6 * c, [k.scale, k.shift, k.slope, k.mu], (consts) => {
    const out = consts + 16 * c;
    loops.backwardSums(at(dy), at(x), at(dx), n, c, consts, out);
    return float64s(b, out, 3 * c);
  });
  const [dBeta, dzCentered, dAlpha] = [0, 1, 2].map((i) => sums.subarray(i * c, (i + 1) * c)) as Float64Array[];
  const dGamma = dzCentered!.map((s, i) => s * k.inv[i]!);
  const p = k.gamma.map((g, i) => g * k.inv[i]!);
  const q = p.map((pi, i) => (-pi * dGamma[i]! * k.inv[i]!) / n);
  const r = p.map((pi, i) => (-pi * dBeta![i]!) / n);
  // Pass 2: ∂x in place.
  withScratch(b, 4 * c, [p, q, r, k.mu], (consts) => loops.backwardInput(at(dx), at(x), n, c, consts));
  return [dx, vector(b, dGamma), vector(b, dBeta!), vector(b, dAlpha!)];
}

/** x [N, 2H, 2W, C] and dy [N, H, W, C] → ∂x, each window's ∂y at its first maximum (row-major). */
function maxPoolGradKernel(args: KernelArgs): tf.TensorInfo {
  const { x, dy } = args.inputs as Record<string, tf.TensorInfo>;
  const { b, loops, c, at } = setup(args, x!);
  const [n, h, w] = dy!.shape as [number, number, number, number];
  const dx = b.makeOutput(x!.shape, 'float32');
  loops.maxPoolGrad2x2(at(x!), at(dy!), at(dx), n * h, w, c);
  return dx;
}

let registered = false;

/** Registers the kernels on the wasm backend once (each unless a kernel of its name already is). */
function registerKernels(): void {
  if (registered) return;
  const kernels: [string, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]][] = [
    [KERNELS.moments, momentsKernel],
    [KERNELS.forward, forwardKernel],
    [KERNELS.backward, backwardKernel],
    [KERNELS.maxPoolGrad, maxPoolGradKernel],
  ];
  for (const [kernelName, kernelFunc] of kernels)
    if (!tf.getKernel(kernelName, 'wasm'))
      tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as tf.KernelFunc });
  registered = true;
}

/**
 * Training-mode batch norm over every axis but the last, then PReLU, on the wasm backend where
 * loopsRun(C). The batch moments are returned (for the running averages); they enter the
 * gradient only through batch norm's closed form, as in PyTorch.
 */
export function batchNormPreluWasm<T extends tf.Tensor>(
  x: T,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  alpha: tf.Tensor1D,
  epsilon: number,
): { y: T; moments: Moments } {
  registerKernels();
  const [mean, variance] = tf.engine().runKernel(KERNELS.moments, { x }) as tf.Tensor1D[];
  const attrs = { epsilon };
  const y = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, g, bt, a, save] = args as [T, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const inputs = { x: xi, mean: mean!, variance: variance!, gamma: g, beta: bt, alpha: a };
    save(Object.values(inputs));
    return {
      value: tf.engine().runKernel(KERNELS.forward, inputs, attrs) as T,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sm, sv, sg, sb, sa] = saved as [T, ...tf.Tensor1D[]];
        const again = { x: sx, mean: sm!, variance: sv!, gamma: sg!, beta: sb!, alpha: sa! };
        return tf.engine().runKernel(KERNELS.backward, { dy, ...again }, attrs) as tf.Tensor[];
      },
    };
  })(x, gamma, beta, alpha) as T;
  return { y, moments: { mean: mean!, variance: variance!, count: x.size / gamma.size } };
}

/**
 * The 2×2, stride-2 max-pool's gradient by x [N, 2H, 2W, C] for dy [N, H, W, C], to each window's
 * first maximum; only where loopsRun(C).
 */
export function maxPoolGrad2x2Wasm(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  registerKernels();
  return tf.engine().runKernel(KERNELS.maxPoolGrad, { x, dy }) as tf.Tensor4D;
}
