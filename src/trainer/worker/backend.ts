import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { BACKENDS, type BackendName, type BackendRequest } from '../shared/config';

/** The backend a run got, the GPU adapter behind it if any, and why it was chosen. */
export interface BackendChoice { backend: BackendName; adapter: string | null; reason: string }

/** A forced backend that could not be had, or no backend at all. */
export class BackendError extends Error {
  override name = 'BackendError';
}

/** One initialisation attempt may not hang the worker: a lost or stuck device gives up after this. */
const ATTEMPT_TIMEOUT_MS = 20_000;

interface AdapterInfo { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean }
interface AdapterLike { info?: AdapterInfo; isFallbackAdapter?: boolean }
interface GpuLike { requestAdapter(): Promise<AdapterLike | null> }

/** The WebGPU adapter's description and whether it is a software fallback (e.g. SwiftShader). */
async function webgpuAdapter(): Promise<{ description: string; fallback: boolean } | null> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s && s.length > 0);
  const fallback = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  return { description: parts.join(' ') || 'unnamed adapter', fallback };
}

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms))]);
}

/** Sets a backend and proves it runs an op; tfjs may silently fall back, so the result is checked. */
async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    const ok = await timeout(tf.setBackend(name), ATTEMPT_TIMEOUT_MS, `${name} initialisation`);
    if (!ok) return `${name} failed to initialise`;
    await tf.ready();
    if (tf.getBackend() !== name) return `asked for ${name}, got ${tf.getBackend()}`;
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
    const value = (await timeout(probe.data(), ATTEMPT_TIMEOUT_MS, `${name} first op`))[0];
    probe.dispose();
    return value === 2 ? null : `${name} computed 1 + 1 = ${value}`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Why an automatic choice should pass over a backend before trying it, or null to try it. */
async function autoSkipReason(name: BackendName): Promise<{ skip: string | null; adapter: string | null }> {
  if (name !== 'webgpu') return { skip: null, adapter: null };
  const a = await webgpuAdapter().catch(() => null);
  if (!a) return { skip: 'no WebGPU adapter', adapter: null };
  // A software adapter is far slower than it looks and has lost its device mid-training here.
  return { skip: a.fallback ? `WebGPU adapter is a software fallback (${a.description})` : null, adapter: a.description };
}

/**
 * Forced: exactly that backend or a BackendError. Auto: WebGPU on a real adapter → WebGL on
 * hardware → cpu, skipping `exclude` (backends whose device was lost in this run).
 */
export async function chooseBackend(request: BackendRequest, exclude: readonly BackendName[] = []): Promise<BackendChoice> {
  if (request !== 'auto' && !exclude.includes(request)) {
    // A forced WebGL may be software-rendered (tfjs refuses that by default).
    if (request === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    const adapter = request === 'webgpu' ? (await webgpuAdapter().catch(() => null))?.description ?? null : null;
    const failure = await tryBackend(request);
    if (failure) throw new BackendError(`backend ${request} (forced by ?backend=) is not available: ${failure}`);
    return { backend: request, adapter, reason: 'forced by ?backend=' };
  }
  const passed: string[] = exclude.map((b) => `${b} lost its device`);
  for (const name of BACKENDS.filter((b) => !exclude.includes(b))) {
    const { skip, adapter } = await autoSkipReason(name);
    const failure = skip ?? (await tryBackend(name));
    if (!failure) return { backend: name, adapter, reason: passed.length ? `automatic: ${passed.join('; ')}` : 'automatic: first choice' };
    passed.push(failure);
  }
  throw new BackendError(`no tfjs backend works here: ${passed.join('; ')}`);
}
