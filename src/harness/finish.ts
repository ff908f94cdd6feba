import type { EvaluationPoint } from '../trainer/shared/runFile';
import type { Frame } from '../trainer/shared/protocol';
import type { HarnessTrainer } from './trainer';

/** A GPU worker can take a message at any await; this much silence (at least) means it is idle. */
const MIN_QUIET_MS = 1000;

/** Backends whose read-backs resolve without leaving the task (tfjs's read() is readSync() there). */
const SYNC_BACKENDS: ReadonlySet<string> = new Set(['cpu', 'wasm']);

/** The last step, its evaluation and the frame drawn at it. */
export interface Finish {
  evaluation: EvaluationPoint;
  frame: Frame;
}

const lastStep = (t: HarnessTrainer): number => t.recorder.metrics.at(-1)?.metrics.step ?? t.recorder.startStep;

/**
 * Trains `total` steps and ends with the evaluation and a frame of the same, last step, without
 * the extra steps that waiting for a budgeted frame would cost. The worker runs free until step
 * total − 1, then pauses; the last step is taken by hand, and a step taken while paused always
 * ends with a frame. A hand step must not start while the paused worker is still inside a step
 * (the two would interleave), so `idle` first waits for the worker to be quiet.
 */
export async function trainAndFinish(t: HarnessTrainer, total: number, stepsPerEpoch: number): Promise<Finish> {
  const { client, recorder, frames } = t;
  await recorder.until(() => frames.current ?? undefined);
  // Free play only while more than the last step is left: a play and pause with none left could let a step slip in.
  if (total - 1 > lastStep(t)) {
    client.play();
    await recorder.until(() => (lastStep(t) >= total - 1 ? true : undefined));
    client.pause();
    await idle(t, stepsPerEpoch);
  }
  const evaluation = () => recorder.evaluations.find((e) => e.step >= total);
  const done = (): Finish | undefined => {
    const e = evaluation(),
      f = frames.current;
    return e && f && f.step >= e.step ? { evaluation: e, frame: f } : undefined;
  };
  if (!done()) client.step();
  return recorder.until(done);
}

/**
 * Resolves once the paused worker has finished its step. On cpu and wasm, the worker never yields
 * inside a step except between the evaluation's chunks, so the pause was either taken between steps
 * (idle now) or during an epoch-end evaluation, which then ends with a frame. On a GPU backend
 * any read-back may yield, so it waits for a silence longer than the slowest step seen.
 */
export async function idle(t: HarnessTrainer, stepsPerEpoch: number): Promise<void> {
  const { recorder, frames } = t;
  await recorder.until(() => (recorder.running ? undefined : true));
  const s = lastStep(t);
  if (SYNC_BACKENDS.has(recorder.backend?.name ?? '')) {
    const evaluating = s % stepsPerEpoch === 0 && !recorder.evaluations.some((e) => e.step === s);
    if (evaluating) await recorder.until(() => (frames.current && frames.current.step >= s ? true : undefined));
    return;
  }
  const times = recorder.metrics.map((m) => m.at);
  const slowest = Math.max(0, ...times.slice(1).map((at, i) => at - times[i]!));
  await recorder.quiet(Math.max(MIN_QUIET_MS, 1.5 * slowest));
}
