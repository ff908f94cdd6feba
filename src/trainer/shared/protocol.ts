import type { HeadId } from '../../loss/heads';
import type { ClassEvaluation } from '../../math/evaluation';
import type { BnMode } from '../../model/backbone';
import type { BackendName, NetworkId, RunConfig } from './config';

import { snapshotArrays, snapshotBytes, type RunSnapshot } from './runSnapshot';

/** Main thread → worker. `runId` ties every later message to one run, so stale ones are dropped. */
export type ToWorker =
  | {
      type: 'start';
      runId: number;
      config: RunConfig;
      dataUrl: string;
      resume?: RunSnapshot;
      excludeBackends?: BackendName[];
    }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  /** A head's hyper-parameter, applied at the next step; refused (with a message) if invalid. */
  | { type: 'setHyper'; head: number; name: string; value: number | string }
  | { type: 'setLearningRate'; value: number }
  | { type: 'setStepDelay'; ms: number }
  /** Which BN statistics plotted features use; a new frame follows at once. */
  | { type: 'setFeatureMode'; mode: BnMode }
  /** A frame of up to `points` digits per sample now, outside the time budget (figures, reproduce). */
  | { type: 'requestFrame'; points: number }
  /** A snapshot now, after the step in flight (to save the run as it is). */
  | { type: 'takeSnapshot' }
  /** A digit the visitor drew, as an MNIST image (28×28 bytes, src/data/drawnDigit.ts): every head embeds it. */
  | { type: 'embedDigit'; pixels: Uint8Array }
  /**
   * Test hook (e2e/device-loss.spec.ts): destroys the WebGPU device or loses the WebGL context, so
   * the platform's loss signal and the recovery behind it run for real. Refused on wasm and cpu.
   */
  | { type: 'loseDevice' };

/** A setting changed while a run trains. */
export type LiveSetting =
  { kind: 'hyper'; head: number; name: string; value: number | string } | { kind: 'learningRate'; value: number };

/** Why and where a run stopped with an error. 'device': the backend's device was lost (the client's policy: src/trainer/client/deviceLoss.ts). */
export type ErrorSource = 'data' | 'backend' | 'training' | 'device';

/** One head's loss parts at a step, and the hyper-parameters that step used. */
export interface HeadLoss {
  total: number;
  ce: number;
  reg: number;
  hyper: Record<string, number | string>;
}

/** Training metrics after a step (every head trained on the same batch). */
export interface StepMetrics {
  step: number;
  epoch: number;
  /** The rate this step used (the base rate under the schedule). */
  learningRate: number;
  heads: HeadLoss[];
  samplesPerSecond: number;
}

/** One head's evaluation on the whole test subset. */
export type HeadEvaluation = ClassEvaluation;

/** Features of a fixed sample of digits through one head, in one BN mode. */
export interface SampleEmbedding {
  /** Interleaved x, y per digit: [x0, y0, x1, y1, …]. */
  features: Float32Array;
  labels: Uint8Array;
  predictions: Uint8Array;
  /** Index of each digit in its MNIST split (for its image). */
  indices: Uint32Array;
  /**
   * The oldest and newest step among the digits' features: a frame re-embeds a slice of its
   * sample and keeps the others at their last positions (docs/trainer.md, frames).
   */
  oldestStep: number;
  newestStep: number;
}

/** What one head shows in a frame: its parameters and the embedded train and test samples. */
export interface HeadFrame {
  head: HeadId;
  /** The head's parameters by name (row-major; see src/loss/headArrays.ts), e.g. means, logVars, weights, centers. */
  params: Record<string, Float32Array>;
  train: SampleEmbedding;
  test: SampleEmbedding;
}

/** A frame: every head's features as of one step (each sample says which steps its digits come from), in the run's feature mode. */
export interface Frame {
  seq: number;
  step: number;
  epoch: number;
  /** 'eval': inference mode (running BN statistics); 'train': each sample's own batch statistics. */
  mode: BnMode;
  heads: HeadFrame[];
  /** Training digits in the run's training subset (a frame shows fewer: the first of them, and fewer still while its sample grows). */
  trainTotal: number;
  /** Test digits in the run's test subset (a frame may show fewer). */
  testTotal: number;
}

/** A run that diverged: which head and part went non-finite, and the settings in force. */
export interface Divergence {
  head: number;
  headId: HeadId;
  part: string;
  step: number;
  hyper: Record<string, number | string>;
  learningRate: number;
  revertedToStep: number;
  /**
   * It diverged again after the last revert to this same step (no new snapshot since): reverting
   * once more would loop, so the worker stops there — the settings must change, or the run reset.
   */
  again: boolean;
}

/** The message that starts a run. */
export type StartMsg = Extract<ToWorker, { type: 'start' }>;

/** Worker → main thread. */
export type FromWorker =
  | { type: 'progress'; runId: number; file: string; overall: number }
  | {
      type: 'dataset';
      runId: number;
      trainCount: number;
      testCount: number;
      trainUsed: number;
      testUsed: number;
      trainPerClass: number[];
    }
  /** The backend a run got; `adapter` names the GPU behind it, `hardwareGpu` says whether that is a hardware one (not a software fallback). */
  | {
      type: 'backend';
      runId: number;
      backend: BackendName;
      adapter: string | null;
      hardwareGpu: boolean;
      reason: string;
      network: NetworkId;
      networkReason: string;
    }
  | { type: 'running'; runId: number; running: boolean }
  | { type: 'metrics'; runId: number; metrics: StepMetrics }
  | { type: 'evaluation'; runId: number; step: number; epoch: number; heads: HeadEvaluation[] }
  | { type: 'frame'; runId: number; frame: Frame }
  | { type: 'applied'; runId: number; setting: LiveSetting }
  | { type: 'refused'; runId: number; setting: LiveSetting; reason: string }
  /** A message that broke the protocol, refused (with its type, if it had one), and nothing changed. */
  | { type: 'rejected'; runId: number; messageType: string | null; reason: string }
  | { type: 'diverged'; runId: number; divergence: Divergence }
  /** The run was not started: this worker's wasm keeps the thread count it started with, and the run takes another. Start it in a fresh worker. */
  | { type: 'respawn'; runId: number; reason: string }
  /** `body` is the snapshot's arrays as a run file holds them (see snapshotMessage). */
  | { type: 'snapshot'; runId: number; snapshot: RunSnapshot; body: Blob }
  /** The drawn digit's 2-D features through every head's network at `step` (interleaved x, y per head; running BN statistics). */
  | { type: 'digitEmbedded'; runId: number; step: number; features: Float32Array }
  | { type: 'error'; runId: number; source: ErrorSource; message: string };

/**
 * The default of a switch over a message union (or any tagged union the page or the worker
 * dispatches on): a type without a case is a compile error here. (A switch that returns a value
 * from a function with a declared return type is already checked by tsc: a missing case leaves
 * the end reachable, error TS2366.)
 */
export function unhandled(x: never): never {
  throw new Error(`no case for ${JSON.stringify(x)}`);
}

/**
 * A snapshot to post: `snapshot` must be the worker's copy (see transferables). Its arrays also
 * go as a Blob made here, so that the page keeps a run for a reload without copying megabytes on
 * its main thread (SavedRuns.save).
 */
export function snapshotMessage(runId: number, snapshot: RunSnapshot): Extract<FromWorker, { type: 'snapshot' }> {
  return { type: 'snapshot', runId, snapshot, body: new Blob([snapshotBytes(snapshot)]) };
}

/**
 * The transferable buffers of a message, so frames and snapshots move instead of being
 * cloned (cloning megabytes blocks the receiving main thread). A posted snapshot must
 * therefore be the worker's copy (see copySnapshot), not the one it keeps to revert to.
 */
export function transferables(msg: FromWorker): Transferable[] {
  if (msg.type === 'snapshot') return snapshotArrays(msg.snapshot).map((a) => a.buffer as ArrayBuffer);
  if (msg.type !== 'frame') return [];
  return msg.frame.heads.flatMap((h) =>
    [
      ...Object.values(h.params),
      ...[h.train, h.test].flatMap((s) => [s.features, s.labels, s.predictions, s.indices]),
    ].map((a) => a.buffer as ArrayBuffer),
  );
}
