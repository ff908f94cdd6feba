import type { HeadId } from '../loss/heads';
import { encodeRunFile, type EvaluationPoint, type RunFile } from '../trainer/shared/runFile';
import { checkpointOf, toBase64 } from './checkpoint';
import { batchOf, type RunConfig } from '../trainer/shared/config';
import type { Frame } from '../trainer/shared/protocol';
import { trainAndFinish, type Finish } from './finish';
import type { FinishedRun } from './panel';
import type { RunRecorder } from './recorder';
import type { HarnessTrainer } from './trainer';

/** One head after the run: its last evaluation on the whole test subset. */
export interface HeadResult {
  head: HeadId;
  accuracy: number;
  /** NaN where the test subset has no digit of the class. */
  perClass: number[];
  confusion: number[];
}

/** Everything one seed's run reports. */
export interface ReproduceResult {
  config: RunConfig;
  backend: { name: string; adapter: string | null; hardwareGpu: boolean; reason: string };
  trainUsed: number;
  testUsed: number;
  stepsPerEpoch: number;
  /** Accuracy of every head after each epoch. */
  history: { epoch: number; step: number; accuracy: number[] }[];
  heads: HeadResult[];
  /** The step of the frame the panels come from: the last evaluation's step. */
  frameStep: number;
  /** Digits in each train and test panel: the samples of that frame. */
  panelDigits: { train: number; test: number };
  timing: Timing;
  notices: string[];
}

/** Where a run's time went (ms, performance.now() differences in the page). */
export interface Timing {
  /** Start to dataset: MNIST download and decoding (first run only), backend, run set-up. */
  setupMs: number;
  /** Dataset to the last evaluation: training, frames, evaluations. */
  trainMs: number;
  msPerEpoch: number;
  /** Digits per second through the training steps alone, all heads together (each head trains on every digit; full batches assumed). */
  stepSamplesPerSecond: number;
  /** The last evaluation of every head on the test subset (from its step's metrics to its result). */
  evaluationMs: number;
}

function timing(
  r: RunRecorder,
  batch: number,
  /** Epochs trained by this call (a resumed run's earlier ones were timed by the call that trained them). */
  epochs: number,
  t: { start: number; data: number; done: number },
): Timing {
  const last = r.evaluations.at(-1)!;
  const stepMs = r.metrics.reduce((a, m) => a + (1000 * batch) / m.metrics.samplesPerSecond, 0);
  const lastStepAt = r.metrics.find((m) => m.metrics.step === last.step)?.at ?? last.at;
  return {
    setupMs: t.data - t.start,
    trainMs: t.done - t.data,
    msPerEpoch: (t.done - t.data) / epochs,
    stepSamplesPerSecond: (1000 * batch * r.metrics.length) / stepMs,
    evaluationMs: last.at - lastStepAt,
  };
}

function headResults(frame: Frame, last: EvaluationPoint): HeadResult[] {
  return frame.heads.map((h, i) => {
    const { accuracy, perClass, confusion } = last.heads[i]!;
    return { head: h.head, accuracy, perClass, confusion };
  });
}

/** A frame of every test digit of the run (and the whole fixed train sample) at the current step: Fig. 2's panels. */
async function fullFrame(trainer: HarnessTrainer, points: number): Promise<Frame> {
  const before = trainer.frames.current?.seq ?? 0;
  trainer.client.requestFrame(points);
  return trainer.recorder.until(() => {
    const f = trainer.frames.current;
    return f && f.seq > before ? f : undefined;
  });
}

/** How a run starts and what it leaves behind as it goes. */
export interface RunOptions {
  /** A run to continue (its config must be `config`'s, but for where it trains). */
  from?: RunFile;
  /** Called after each epoch's evaluation with the whole run as a run file; training waits for it. */
  checkpoint?: (epoch: number, step: number, base64: string) => Promise<void>;
}

/**
 * Trains one run (all requested heads side by side on the same batches) until `epochs` epochs are
 * done on the app's worker; returns its report for Node, and the run as the lab would show it (the
 * last evaluation and a frame of every test digit at the same step), which Fig. 2's panels are drawn from.
 */
export async function reproduce(
  trainer: HarnessTrainer,
  config: RunConfig,
  epochs: number,
  { from, checkpoint }: RunOptions = {},
): Promise<{ result: ReproduceResult; run: FinishedRun }> {
  const { client, recorder } = trainer;
  const start = performance.now();
  trainer.totalSteps = null;
  client.start(config, from);
  const dataset = await recorder.until(() => recorder.dataset ?? undefined);
  const { network } = await recorder.until(() => recorder.backend ?? undefined);
  const batch = batchOf(config, network);
  const stepsPerEpoch = Math.ceil(dataset.trainUsed / batch);
  const total = epochs * stepsPerEpoch;
  trainer.totalSteps = total;
  const data = performance.now();
  // Epochs a resumed run has done already.
  const before = Math.floor(recorder.startStep / stepsPerEpoch);
  // With checkpoints the run pauses at each epoch's end, so a checkpoint holds the state its evaluation saw.
  const stops =
    checkpoint && before < epochs
      ? Array.from({ length: epochs - before }, (_, i) => (before + i + 1) * stepsPerEpoch)
      : [total];
  let finish: Finish | null = null;
  for (const stop of stops) {
    finish = await trainAndFinish(trainer, stop, stepsPerEpoch);
    if (!checkpoint) continue;
    const { step, base64 } = await checkpointOf(trainer);
    await checkpoint(stop / stepsPerEpoch, step, base64);
  }
  const { evaluation } = finish!;
  const frame = await fullFrame(trainer, Math.max(dataset.testUsed, config.frameTrainPoints));
  const end = performance.now();
  const result: ReproduceResult = {
    config,
    backend: recorder.backend!,
    trainUsed: dataset.trainUsed,
    testUsed: dataset.testUsed,
    stepsPerEpoch,
    history: recorder.evaluations.map((e) => ({
      epoch: e.epoch,
      step: e.step,
      accuracy: e.heads.map((h) => h.accuracy),
    })),
    heads: headResults(frame, evaluation),
    frameStep: frame.step,
    panelDigits: { train: frame.heads[0]!.train.labels.length, test: frame.heads[0]!.test.labels.length },
    timing: timing(recorder, batch, Math.max(1, epochs - before), { start, data, done: end }),
    notices: [...recorder.notices],
  };
  return { result, run: { frame, config, evaluation } };
}

/** The learning rate a trained state fine-tunes at: the paper schedule's last (×0.1), so Adam's fresh moments start gently. */
export const FINE_TUNE_RATE = 0.001;

/**
 * The run as it stands, one run file per head (a trained state the app ships): weights and BN
 * statistics without Adam's moments (a third of the size; the app fine-tunes with fresh ones at
 * FINE_TUNE_RATE), no curves. Bytes in base64, to cross into Node.
 */
export async function trainedStates(trainer: HarnessTrainer): Promise<{ head: HeadId; base64: string }[]> {
  const now = await trainer.client.current();
  if (!now) throw new Error('no run to save');
  const { config, snapshot } = now;
  const settings: RunConfig = { ...config, learningRate: FINE_TUNE_RATE, schedule: { kind: 'constant' } };
  return snapshot.learners.map((l, i) => {
    const bytes = encodeRunFile({
      savedAt: new Date().toISOString(),
      config: { ...settings, heads: [config.heads[i]!] },
      snapshot: { ...snapshot, learningRate: FINE_TUNE_RATE, learners: [{ ...l, optimizer: null }] },
      history: { lossHistory: [], evaluationHistory: [], sampleCurve: [] },
    });
    return { head: l.head, base64: toBase64(bytes) };
  });
}
