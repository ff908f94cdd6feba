import { rate, type BenchOptions, type BenchResult } from './benchTypes';
import { idle } from './finish';
import type { LongTaskLog } from './longTasks';
import { runConfig } from './runConfig';
import type { HarnessTrainer } from './trainer';

/** Test digits of the measured run: frames embed them, so they are part of the loop's cost. */
const TEST_DIGITS = 500;

/** The worker loop's speed: wall-clock over whole steps (frames and messages included), and the steps' own time. */
export interface WorkerBenchResult extends BenchResult {
  /** Samples per second of the training steps alone, from the worker's StepMetrics. */
  stepSamplesPerSecond: number;
  /** The GPU adapter the worker trained on, in its words, or null on wasm and cpu; and whether it is a hardware GPU. */
  adapter: string | null;
  hardwareGpu: boolean;
}

/**
 * Our worker loop as the app runs it: the softmax head on MNIST, autoplaying with frames under
 * their time budget, timed from the arrival of step `warmup` to that of step `warmup + steps`.
 * The subset is one batch longer than the run, so no epoch-end evaluation falls inside.
 */
export async function benchWorker(t: HarnessTrainer, o: BenchOptions, log: LongTaskLog): Promise<WorkerBenchResult> {
  const stepsPerEpoch = o.warmup + o.steps + 1;
  const settings = {
    backend: o.backend,
    wasmThreads: o.threads,
    network: o.network,
    batchSize: o.batch,
    trainSize: stepsPerEpoch * o.batch,
    testSize: TEST_DIGITS,
  };
  const { client, recorder, frames } = t;
  client.start(runConfig({ heads: ['softmax'], settings }));
  await recorder.until(() => frames.current ?? undefined);
  t.totalSteps = o.warmup + o.steps;
  client.play();
  const arrival = (step: number) => recorder.until(() => recorder.metrics.find((m) => m.metrics.step === step));
  const first = await arrival(o.warmup);
  const last = await arrival(o.warmup + o.steps);
  client.pause();
  await idle(t, stepsPerEpoch);
  const timed = recorder.metrics.filter((m) => m.metrics.step > o.warmup && m.metrics.step <= o.warmup + o.steps);
  const stepMs = timed.reduce((a, m) => a + (1000 * o.batch) / m.metrics.samplesPerSecond, 0);
  return {
    backend: recorder.backend!.name,
    backendReason: recorder.backend!.reason,
    adapter: recorder.backend!.adapter,
    hardwareGpu: recorder.backend!.hardwareGpu,
    ...rate(o.steps, o.batch, last.at - first.at),
    stepSamplesPerSecond: rate(o.steps, o.batch, stepMs).samplesPerSecond,
    longTasks: await log.between(first.at, last.at),
  };
}
