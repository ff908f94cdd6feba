import type { BackendName, RunConfig } from './config';

/** Main thread → worker. `runId` ties every later message to one run, so stale ones are dropped. */
export type ToWorker =
  | { type: 'start'; runId: number; config: RunConfig; dataUrl: string }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' };

/** Why and where a run stopped with an error. */
export type ErrorSource = 'data' | 'backend' | 'training' | 'protocol';

/** Training metrics after a step. */
export interface StepMetrics {
  step: number;
  epoch: number;
  /** The step's loss (head total, without the weight-decay term). */
  loss: number;
  /** Mean loss over the last steps. */
  runningLoss: number;
  /** The first step's loss, to show progress against. */
  firstLoss: number;
  samplesPerSecond: number;
}

/** 2-D features of a fixed sample of test digits, in inference mode (running BN statistics). */
export interface Frame {
  seq: number;
  step: number;
  /** Interleaved x, y per digit: [x0, y0, x1, y1, …]. */
  features: Float32Array;
  labels: Uint8Array;
  /** Test digits in the run's test subset (the frame may show fewer). */
  ofTotal: number;
}

/** Worker → main thread. */
export type FromWorker =
  | { type: 'progress'; runId: number; file: string; overall: number }
  | { type: 'dataset'; runId: number; trainCount: number; testCount: number; trainUsed: number; testUsed: number }
  | { type: 'backend'; runId: number; backend: BackendName; adapter: string | null; reason: string }
  | { type: 'running'; runId: number; running: boolean }
  | { type: 'metrics'; runId: number; metrics: StepMetrics }
  | { type: 'evaluation'; runId: number; step: number; epoch: number; accuracy: number }
  | { type: 'frame'; runId: number; frame: Frame }
  | { type: 'error'; runId: number; source: ErrorSource; message: string };

/** The transferable buffers of a message (frames), so they move instead of being copied. */
export function transferables(msg: FromWorker): Transferable[] {
  return msg.type === 'frame' ? [msg.frame.features.buffer as ArrayBuffer, msg.frame.labels.buffer as ArrayBuffer] : [];
}
