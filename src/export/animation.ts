import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { Scene } from '../plot/scene';
import { unhandled, type Frame } from '../trainer/shared/protocol';
import { exportName, figureScene, type ExportFile, type FigureRequest } from './figure';
import { paintScene, type Ctx } from './image';

/** At most this many frames go into an animation (15 s at 10 frames a second); more recorded ones are subsampled. */
export const ANIMATION_MAX_FRAMES = 150;
/** Each frame's time on screen: 10 frames a second. */
const FRAME_MS = 100;
/** The last frame stays this long before the loop starts again, so the trained state can be read. */
const LAST_FRAME_MS = 2000;
/** Frames are drawn at the figure's CSS size (PNG 1×): a five-head grid is already 1,900 px wide, and encoding cost and file size grow with the pixels. */
const SCALE = 1;
/** WebM's bit rate: the default 2.5 Mbit/s blurs the caption's 12-px text on a grid-sized frame. */
const WEBM_BITS_PER_SECOND = 8_000_000;
const WEBM = 'video/webm';

/** The animation files: GIF (gifenc) or WebM (the browser's MediaRecorder). */
export type AnimationFormat = 'gif' | 'webm';

/** Whether this browser's MediaRecorder writes WebM (Chromium and Firefox do; Safari may not). */
export const webmSupported = (): boolean => typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(WEBM);

/** At most `max` of `items`, evenly spaced by index, the first and last kept (all of them when they fit). */
export function subsample<T>(items: readonly T[], max: number): T[] {
  if (!Number.isInteger(max) || max < 2)
    throw new Error(`subsample: max must be an integer ≥ 2 (first and last), got ${max}`);
  if (items.length <= max) return [...items];
  // Consecutive picks are more than one index apart, so none repeats.
  return Array.from({ length: max }, (_, k) => items[Math.round((k * (items.length - 1)) / (max - 1))]!);
}

/** An RGBA image (ImageData is one). */
export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Lets the page paint and handle input between frames: an encode is many short tasks, not one long one. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * A looping GIF of `count` images of one size, `image(i)` drawing the i-th; `progress(done)` after each.
 * One palette for every frame, quantized from the first and last: the figure's colours are the
 * theme's fixed set (classes, text, field tints), so a shared palette loses little, keeps each
 * colour the same from frame to frame (no flicker) and is written once (the global colour table),
 * and quantizing, the slow step, runs once.
 */
export async function encodeGif(
  count: number,
  image: (i: number) => Rgba,
  progress: (done: number) => void,
): Promise<Uint8Array> {
  const first = image(0),
    last = image(count - 1);
  const palette = quantize(concat([first.data, last.data]), 256),
    gif = GIFEncoder();
  for (let i = 0; i < count; i++) {
    const { data, width, height } = i === 0 ? first : i === count - 1 ? last : image(i);
    if (width !== first.width || height !== first.height)
      throw new Error(`encodeGif: image ${i} is ${width}×${height}, the first ${first.width}×${first.height}`);
    gif.writeFrame(applyPalette(data, palette), width, height, {
      // The first frame's palette becomes the global colour table; later frames without one use it.
      ...(i === 0 ? { palette } : {}),
      delay: i === count - 1 ? LAST_FRAME_MS : FRAME_MS,
    });
    progress(i + 1);
    await pause();
  }
  gif.finish();
  return gif.bytes();
}

function concat(parts: readonly Uint8ClampedArray[]): Uint8ClampedArray {
  const all = new Uint8ClampedArray(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
}

interface Size {
  width: number;
  height: number;
}

/** A GIF of `count` frames, `draw(ctx, i)` painting the i-th onto a canvas of `size`. */
async function gifBlob(
  count: number,
  size: Size,
  draw: (ctx: Ctx, i: number) => void,
  progress: (done: number) => void,
) {
  const ctx = new OffscreenCanvas(size.width, size.height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('Export animation: no 2-D context');
  const image = (i: number) => {
    draw(ctx, i);
    return ctx.getImageData(0, 0, size.width, size.height);
  };
  return new Blob([(await encodeGif(count, image, progress)) as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
}

const sleepUntil = (t: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));

/**
 * A WebM of `count` frames recorded in real time by MediaRecorder from a canvas stream that emits
 * a frame only when asked (captureStream(0)): each frame is painted, then sent at its time. A
 * frame that takes longer than FRAME_MS to paint stays on screen longer.
 */
async function webmBlob(
  count: number,
  size: Size,
  draw: (ctx: Ctx, i: number) => void,
  progress: (done: number) => void,
) {
  const canvas = Object.assign(document.createElement('canvas'), size),
    ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Export animation: no 2-D context');
  // Chromium 156's renderer crashed when a recorder started on a canvas never drawn: frame 0 comes first.
  draw(ctx, 0);
  const track = canvas.captureStream(0).getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
  if (!track) throw new Error('Export animation: the canvas gave no video track to record');
  const recorder = new MediaRecorder(new MediaStream([track]), {
    mimeType: WEBM,
    videoBitsPerSecond: WEBM_BITS_PER_SECOND,
  });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise<void>((resolve, reject) => {
    recorder.onstop = () => resolve();
    recorder.onerror = (e) => reject(new Error(`Export animation: the WebM recorder failed (${String(e)})`));
  });
  // Not awaiting 'start': headless Chromium fires it only once data flows, which waits on the frames below.
  recorder.start();
  try {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      if (i > 0) draw(ctx, i);
      await sleepUntil(start + i * FRAME_MS);
      track.requestFrame();
      progress(i + 1);
    }
    // A WebM block has no duration: the last frame is held by sending it again at the end.
    await sleepUntil(start + (count - 1) * FRAME_MS + LAST_FRAME_MS);
    track.requestFrame();
  } finally {
    recorder.stop();
    track.stop();
  }
  await stopped;
  return new Blob(chunks, { type: WEBM });
}

/** Rounds a side up to even: video encoders subsample colour 2×2 and crop an odd side. */
const even = (x: number) => 2 * Math.ceil(x / 2);

/**
 * The recorded evolution of the figure of `requestOf(frame)` (grid or one panel, drawn as the PNG
 * export draws it, the step in each frame's caption) as a GIF or WebM; at most ANIMATION_MAX_FRAMES
 * of `recorded`, evenly subsampled. `onProgress` gets the fraction done (sizing every frame, then
 * drawing and encoding each).
 */
export async function exportAnimation(
  format: AnimationFormat,
  recorded: readonly Frame[],
  requestOf: (frame: Frame) => FigureRequest,
  onProgress: (fraction: number) => void,
): Promise<ExportFile> {
  if (recorded.length < 2)
    throw new Error(`Export animation needs at least 2 recorded frames; the timeline holds ${recorded.length}`);
  const frames = subsample(recorded, ANIMATION_MAX_FRAMES),
    n = frames.length;
  const progress = (done: number) => onProgress(done / (2 * n));
  // Captions and legends differ in height between frames (a line more when the features lag the
  // step): every frame is drawn at the largest size, the background filling what it leaves.
  let width = 0,
    height = 0;
  for (const [i, frame] of frames.entries()) {
    const s = figureScene(requestOf(frame));
    [width, height] = [Math.max(width, s.width), Math.max(height, s.height)];
    progress(i + 1);
    await pause();
  }
  const size = { width: even(width * SCALE), height: even(height * SCALE) };
  const draw = (ctx: Ctx, i: number) => {
    const scene: Scene = {
      ...figureScene(requestOf(frames[i]!)),
      width: size.width / SCALE,
      height: size.height / SCALE,
    };
    paintScene(ctx, scene, SCALE);
  };
  const drawn = (done: number) => progress(n + done),
    name = exportName(`${frames[0]!.step}-${frames[n - 1]!.step}`);
  switch (format) {
    case 'gif':
      return { name: `${name}.gif`, data: await gifBlob(n, size, draw, drawn), type: 'image/gif' };
    case 'webm':
      return { name: `${name}.webm`, data: await webmBlob(n, size, draw, drawn), type: WEBM };
    default:
      return unhandled(format);
  }
}
