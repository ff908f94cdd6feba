import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { initWasmBackend } from '../../model/wasmBackend';
import { WASM_BINARY_URLS } from '../../model/wasmBinaryUrls';
import { BACKENDS, type BackendName, type BackendRequest } from '../shared/config';
import { describeWebgl, describeWebgpuAdapter, type AdapterDescription } from './adapter';
import { describeError } from '../../data/errors';

/** The backend a run got, the GPU adapter behind it if any, whether that is a hardware GPU, and why it was chosen. */
export interface BackendChoice {
  backend: BackendName;
  adapter: string | null;
  hardwareGpu: boolean;
  reason: string;
}

/** A forced backend that could not be had, or no backend at all. */
export class BackendError extends Error {
  override name = 'BackendError';
}

/** One initialisation attempt may not hang the worker: a lost or stuck device gives up after this. */
const ATTEMPT_TIMEOUT_MS = 20_000;

function describeWebglSafely(): AdapterDescription | null {
  try {
    return describeWebgl();
  } catch {
    return null;
  }
}

/** `p`, or an error saying that `what` timed out after `ms`. */
export function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
}

/** Makes a backend current; for wasm, with our kernels and binaries served from our own origin. Returns a note on how it runs. */
async function activate(name: BackendName, wasmThreads: number): Promise<string> {
  if (name === 'wasm') {
    const { simd, threads } = await initWasmBackend(WASM_BINARY_URLS, wasmThreads);
    return `wasm with ${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}`;
  }
  if (!(await tf.setBackend(name))) throw new Error(`${name} failed to initialise`);
  // tfjs's WebGL silently stores 16-bit floats where the GPU cannot render 32-bit ones; its WebGPU backend always uses 32-bit.
  if (name === 'webgl') return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? '32-bit float textures' : HALF_FLOATS;
  return name === 'webgpu' ? '32-bit floats' : '';
}

/** What a WebGL backend that can only store 16-bit floats says of itself: training loses precision there. */
const HALF_FLOATS = '16-bit float textures (this GPU renders no 32-bit floats; losses lose precision)';

/** Sets a backend and proves it runs an op; tfjs may silently fall back, so the result is checked. */
async function tryBackend(name: BackendName, wasmThreads: number): Promise<{ failure: string | null; note: string }> {
  try {
    const note = await timeout(activate(name, wasmThreads), ATTEMPT_TIMEOUT_MS, `${name} initialisation`);
    await tf.ready();
    if (tf.getBackend() !== name) return { failure: `asked for ${name}, got ${tf.getBackend()}`, note };
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
    const value = (await timeout(probe.data(), ATTEMPT_TIMEOUT_MS, `${name} first op`))[0];
    probe.dispose();
    return { failure: value === 2 ? null : `${name} computed 1 + 1 = ${value}`, note };
  } catch (e) {
    return { failure: describeError(e), note: '' };
  }
}

/** The GPU behind each GPU backend, as far as the worker can tell. */
interface Gpus {
  webgpu: AdapterDescription | null;
  webgl: AdapterDescription | null;
}

/**
 * Why an automatic choice passes over a backend before trying it: a software WebGPU adapter or
 * WebGL renderer (SwiftShader, llvmpipe) is far slower than wasm, and SwiftShader WebGPU has lost
 * its device mid-training here. Either can still be forced with ?backend=.
 */
function autoSkip(name: BackendName, gpus: Gpus): string | null {
  if (name !== 'webgpu' && name !== 'webgl') return null;
  const gpu = gpus[name];
  if (!gpu) return `no ${name === 'webgpu' ? 'WebGPU adapter' : 'WebGL 2 context'}`;
  return gpu.fallback ? `${name} runs in software (${gpu.description}); wasm is faster` : null;
}

/** wasm on `threads` threads, for the helper worker of a split run (split.ts); returns how it runs. */
export async function startWasm(threads: number): Promise<string> {
  const { failure, note } = await tryBackend('wasm', threads);
  if (failure) throw new BackendError(`wasm did not start in the helper worker: ${failure}`);
  return note;
}

/**
 * Forced: exactly that backend or a BackendError. Auto: WebGPU on a real adapter → WebGL on
 * hardware → wasm → cpu, skipping `exclude` (backends whose device was lost in this run).
 * wasm runs on `wasmThreads` threads (0 = one per logical core).
 */
export async function chooseBackend(
  request: BackendRequest,
  exclude: readonly BackendName[] = [],
  wasmThreads = 0,
): Promise<BackendChoice> {
  const gpus: Gpus = { webgpu: await describeWebgpuAdapter().catch(() => null), webgl: describeWebglSafely() };
  const gpuOf = (name: BackendName) => (name === 'webgpu' || name === 'webgl' ? gpus[name] : null);
  const adapterOf = (name: BackendName) => gpuOf(name)?.description ?? null;
  const hardware = (name: BackendName) => Boolean(gpuOf(name) && !gpuOf(name)!.fallback);
  if (request !== 'auto' && !exclude.includes(request)) {
    // A forced WebGL may be software-rendered (tfjs refuses that by default).
    if (request === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    const { failure, note } = await tryBackend(request, wasmThreads);
    if (failure) throw new BackendError(`backend ${request} (forced by ?backend=) is not available: ${failure}`);
    return {
      backend: request,
      adapter: adapterOf(request),
      hardwareGpu: hardware(request),
      reason: ['forced by ?backend=', note].filter(Boolean).join('; '),
    };
  }
  const passed: string[] = exclude.map((b) => `${b} lost its device`);
  for (const name of BACKENDS.filter((b) => !exclude.includes(b))) {
    const skip = autoSkip(name, gpus);
    const tried = skip ? { failure: skip, note: '' } : await tryBackend(name, wasmThreads);
    // An automatic choice passes over half-precision WebGL for wasm's 32-bit floats; a forced one says so in its reason.
    const { failure, note } = tried.note === HALF_FLOATS ? { failure: HALF_FLOATS, note: '' } : tried;
    if (!failure)
      return {
        backend: name,
        adapter: adapterOf(name),
        hardwareGpu: hardware(name),
        reason: ['automatic', ...passed, note].filter(Boolean).join('; '),
      };
    passed.push(`${name}: ${failure}`);
  }
  throw new BackendError(`no tfjs backend works here: ${passed.join('; ')}`);
}

/** What tfjs's GPU backends hold of the device (typed locally: TS ships no WebGPU types). */
interface GpuBackendLike {
  device?: { lost: Promise<{ reason: string; message: string }>; destroy(): void };
  gpgpu?: { gl: { canvas: EventTarget; getExtension(name: 'WEBGL_lose_context'): { loseContext(): void } | null } };
}

const gpuBackend = (): GpuBackendLike => tf.backend() as unknown as GpuBackendLike;

/**
 * Calls `onLost` when the current backend's device is gone, as the platform reports it: the
 * WebGPU device's `lost` promise, or the WebGL canvas's `webglcontextlost` event (tfjs watches
 * neither for us; an error text of a failed kernel is only a late, partial sign). wasm and cpu
 * have no device to lose.
 */
export function watchDevice(name: BackendName, onLost: (why: string) => void): void {
  const { device, gpgpu } = gpuBackend();
  if (name === 'webgpu' && device)
    void device.lost.then((info) => onLost(`${info.reason || 'unknown reason'}: ${info.message || 'no message'}`));
  if (name === 'webgl' && gpgpu)
    gpgpu.gl.canvas.addEventListener('webglcontextlost', () => onLost('the WebGL context was lost'));
}

/**
 * The test hook behind the 'loseDevice' message: destroys the WebGPU device, or loses the WebGL
 * context through WEBGL_lose_context, as a driver reset would, so the platform's own loss signal
 * fires. Throws, saying why, on a backend without a device.
 */
export function loseDevice(): void {
  const name = tf.getBackend();
  const { device, gpgpu } = gpuBackend();
  if (name === 'webgpu' && device) return device.destroy();
  const lose = name === 'webgl' ? gpgpu?.gl.getExtension('WEBGL_lose_context') : null;
  if (!lose) throw new Error(`the ${name ?? 'current'} backend has no GPU device to lose`);
  lose.loseContext();
}
