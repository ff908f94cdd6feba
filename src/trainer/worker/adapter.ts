/** A WebGPU adapter in words, and whether it is a software fallback (e.g. SwiftShader). */
export interface AdapterDescription {
  description: string;
  fallback: boolean;
}

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfo;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** The WebGPU adapter this worker would get, or null when there is none (typed locally: TS ships no WebGPU types). */
export async function describeWebgpuAdapter(): Promise<AdapterDescription | null> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s) => s && s.length > 0);
  return {
    description: parts.join(' ') || 'unnamed adapter',
    fallback: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
}

/** Software rasterisers that WebGL may run on without a GPU. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/**
 * The WebGL renderer this worker would get, and whether it is software: a context
 * refused with failIfMajorPerformanceCaveat, or a renderer string naming a software rasteriser.
 */
export function describeWebgl(): AdapterDescription | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const probe = (opts: WebGLContextAttributes) => new OffscreenCanvas(1, 1).getContext('webgl2', opts);
  const gl = probe({ failIfMajorPerformanceCaveat: true }) ?? probe({});
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const caveat = probe({ failIfMajorPerformanceCaveat: true }) === null;
  return { description: renderer, fallback: caveat || SOFTWARE_RENDERERS.test(renderer) };
}
