import type { ParityFixture } from '../learner/parity';
import type { BackendRequest } from '../trainer/shared/config';
import type { BenchOptions, BenchResult } from './benchTypes';
import { benchWorker, type WorkerBenchResult } from './benchWorker';
import { LongTaskLog } from './longTasks';
import { panelPng, type FinishedRun } from './panel';
import { HEAD_LIST, type HeadId } from '../loss/heads';
import type { BrowserParity } from './parity';
import {
  checkpointInfo,
  readCheckpoint,
  resumeConflicts,
  resumedConfig,
  type CheckpointInfo,
  type Conflict,
} from './checkpoint';
import { reproduce, trainedStates, type ReproduceResult } from './reproduce';
import { runConfig, type RunRequest } from './runConfig';
import { HarnessTrainer, type Progress } from './trainer';
import type { SplitName } from '../data/mnist';
import { describeError } from '../data/errors';

/** What scripts/reproduce.mjs and scripts/bench.mjs call through Playwright's page.evaluate. */
export interface IcuHarness {
  /** The app's heads in display order: the scripts' only source of head ids, names and the paper's accuracies. */
  heads(): { id: HeadId; name: string; paperAccuracy: number }[];
  /** Why a request is not a valid run (the worker protocol's own check), or null. */
  validate(req: RunRequest): string | null;
  /** A checkpoint (a run file, base64) as Node needs to know it, and what of `given` (the command line's settings) conflicts with it; throws a RunFileError if it is not a run file. */
  checkpoint(base64: string, given: Partial<RunRequest>): { info: CheckpointInfo; conflicts: Conflict[] };
  /**
   * Trains one run of the requested heads until `epochs` epochs are done on the app's worker:
   * a new run, or the run of checkpoint `resume` (base64) trained where `req` says. With
   * `checkpoint`, the whole run goes to Node (__icuCheckpoint) after each epoch.
   */
  reproduce(
    req: RunRequest,
    epochs: number,
    options?: { resume?: string; checkpoint?: boolean },
  ): Promise<ReproduceResult>;
  /** The last run's heads as trained states (run files without optimizer moments), base64. */
  trainedStates(): Promise<{ head: HeadId; base64: string }[]>;
  /** One Fig. 2 panel of this page's last run of `seed`, drawn as the app exports it, as a PNG data URL. */
  panelPng(seed: number, head: number, sample: SplitName): Promise<string>;
  /** Samples/s of the app's worker loop (softmax head, frames on). */
  benchWorker(o: BenchOptions): Promise<WorkerBenchResult>;
  /** Samples/s of the same network as a tf.sequential trained by model.fit on this page's main thread. */
  benchFit(o: BenchOptions): Promise<BenchResult>;
  /** Samples/s of the network's bare forward and backward pass on this page's main thread. */
  benchRaw(o: BenchOptions): Promise<BenchResult>;
  /** The lab's numbers on a training-parity fixture (its images' bytes as numbers), trained on `backend` on this page's main thread. */
  parity(fixture: ParityFixture, pixels: number[], backend: BackendRequest): Promise<BrowserParity>;
}

declare global {
  interface Window {
    icuHarness: IcuHarness;
    /** Installed by the Node script (page.exposeFunction) to draw a progress bar. */
    __icuProgress?: (p: Progress) => Promise<void>;
    /** Installed by the Node script to write a checkpoint: the run after `epoch`'s evaluation, a run file in base64. */
    __icuCheckpoint?: (epoch: number, step: number, base64: string) => Promise<void>;
  }
}

/** Progress goes to Node at most this often (each report is a round trip through Playwright). */
const REPORT_INTERVAL_MS = 250;

function throttledReport(): (p: Progress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < REPORT_INTERVAL_MS || !window.__icuProgress) return;
    last = now;
    void window.__icuProgress(p);
  };
}

// From page load on, so a bench can ask what the main thread went through in its window.
const longTasks = new LongTaskLog();
let trainer: HarnessTrainer | null = null;
// Created on first use, so a bench that never trains here starts no worker.
const getTrainer = (): HarnessTrainer => (trainer ??= new HarnessTrainer(throttledReport()));
// Each seed's last finished run, kept so Node can ask for its panels after every seed has run.
const finished = new Map<number, FinishedRun>();

window.icuHarness = {
  heads: () => HEAD_LIST.map(({ id, name, paperAccuracy }) => ({ id, name, paperAccuracy })),
  validate: (req) => {
    try {
      runConfig(req);
      return null;
    } catch (e) {
      return describeError(e);
    }
  },
  checkpoint: (base64, given) => {
    const file = readCheckpoint(base64);
    return { info: checkpointInfo(file), conflicts: resumeConflicts(file.config, given) };
  },
  reproduce: async (req, epochs, { resume, checkpoint } = {}) => {
    const from = resume === undefined ? undefined : readCheckpoint(resume);
    const config = from ? resumedConfig(from, req) : runConfig(req);
    const save = window.__icuCheckpoint;
    if (checkpoint && !save) throw new Error('reproduce: checkpoints asked for, but Node installed no __icuCheckpoint');
    const { result, run } = await reproduce(getTrainer(), config, epochs, {
      from,
      checkpoint: checkpoint ? save : undefined,
    });
    finished.set(result.config.seed, run);
    return result;
  },
  trainedStates: () => trainedStates(getTrainer()),
  panelPng: (seed, head, sample) => {
    const run = finished.get(seed);
    if (!run) throw new Error(`panelPng: seed ${seed} has not been run on this page (run it with reproduce first)`);
    return panelPng(run, head, sample);
  },
  benchWorker: (o) => benchWorker(getTrainer(), o, longTasks),
  // Loaded on demand: tfjs on the main thread is needed by these three only.
  benchFit: async (o) => (await import('./benchFit')).benchFit(o, longTasks),
  benchRaw: async (o) => (await import('./benchRaw')).benchRaw(o, longTasks),
  parity: async (f, pixels, backend) => (await import('./parity')).parity(f, pixels, backend),
};
document.getElementById('status')!.textContent = 'harness ready';
