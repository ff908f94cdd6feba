import { create } from 'zustand';
import type { BackendName, NetworkId, RunConfig } from '../trainer/shared/config';
import type { Divergence, ErrorSource, StepMetrics } from '../trainer/shared/protocol';
import { extendSampleCurve } from './sampleCurve';
import {
  historyUpTo,
  type EvaluationPoint,
  type LossPoint,
  type RunHistory,
  type RunSummary,
  type SamplePoint,
} from '../trainer/shared/runFile';
import { appendCapped } from './history';
import { createViewSlice, DEFAULT_VIEW, type ViewActions, type ViewState } from './view';

/** Where the app is: loading data, ready (paused), training, or stopped by an error. */
export type Phase = 'loading' | 'ready' | 'training' | 'error';

/** Low-rate facts React renders; frames never pass through here. */
export interface LabState {
  config: RunConfig;
  phase: Phase;
  loading: { file: string; overall: number } | null;
  dataset: {
    trainCount: number;
    testCount: number;
    trainUsed: number;
    testUsed: number;
    trainPerClass: number[];
  } | null;
  backend: {
    name: BackendName;
    adapter: string | null;
    hardwareGpu: boolean;
    reason: string;
    network: NetworkId;
    networkReason: string;
  } | null;
  metrics: StepMetrics | null;
  /** The step the run started from: 0, or a resumed snapshot's (shown until the first step's metrics). */
  startStep: number;
  /** The run started from the trained states the lab ships. */
  trainedStart: boolean;
  /** Each head's loss at the run's first step, to show progress against. */
  firstLosses: number[] | null;
  lossHistory: LossPoint[];
  evaluation: EvaluationPoint | null;
  evaluationHistory: EvaluationPoint[];
  /** Each head's accuracy on the drawn training and test digits, per frame (from its predictions and labels). */
  sampleCurve: SamplePoint[];
  divergence: Divergence | null;
  /** The digit the visitor drew, as every head's network embeds it (x, y per head) at `step`. */
  drawnDigit: { step: number; features: Float32Array } | null;
  /**
   * What stopped the run; `resumeStep` is the step of the last snapshot a training error can resume
   * from; `switchTo` the backend offered when a forced one lost its device (and its retry failed).
   */
  error: { source: ErrorSource; message: string; resumeStep?: number; switchTo?: BackendName } | null;
  notices: string[];
  /** Runs kept in this browser (IndexedDB), newest first. */
  savedRuns: RunSummary[];
  /** A saved run of the opened URL's settings, offered to resume before anything starts. */
  resumeOffer: RunSummary | null;
  view: ViewState;
}

/** Every way the run's state changes (the trainer client drives these). */
export interface LabActions {
  /** A new run, or one resumed at a step with its curves so far. */
  startRun(config: RunConfig, resumed?: { step: number; history: RunHistory; trained: boolean }): void;
  setConfig(config: RunConfig): void;
  /**
   * The same run restarted in a fresh worker from its snapshot at `step` (a recovery, a resume):
   * the error goes, the run is loading again until the worker has it, and the status and curves go back to `step`.
   */
  rewind(step: number): void;
  setProgress(file: string, overall: number): void;
  setDataset(d: NonNullable<LabState['dataset']>): void;
  setBackend(b: NonNullable<LabState['backend']>): void;
  setRunning(running: boolean): void;
  addMetrics(m: StepMetrics): void;
  addEvaluation(e: EvaluationPoint): void;
  addSamplePoint(p: SamplePoint): void;
  setDivergence(d: Divergence): void;
  /** A drawn digit's features, or none (Clear). */
  setDrawnDigit(d: LabState['drawnDigit']): void;
  setError(e: NonNullable<LabState['error']>): void;
  notify(notice: string): void;
  setNotices(notices: string[]): void;
  dismissNotice(index: number): void;
}

/** The runs kept in this browser, which the page (not the trainer client) keeps up to date. */
export interface SavedRunActions {
  setSavedRuns(runs: RunSummary[]): void;
  setResumeOffer(offer: RunSummary | null): void;
}

/** The lab's one store: the run's facts and the view. */
export type LabStore = LabState & LabActions & SavedRunActions & ViewActions;

const fresh = {
  metrics: null,
  startStep: 0,
  trainedStart: false,
  firstLosses: null,
  lossHistory: [],
  evaluation: null,
  evaluationHistory: [],
  sampleCurve: [],
  divergence: null,
  drawnDigit: null,
  error: null,
};

/**
 * The steps the run under way has taken. Read when a pick would end the run, not subscribed to: a
 * component that subscribed would re-render at every step (five a second on a CPU).
 */
export const stepsTaken = (s: LabState): number => s.metrics?.step ?? 0;

/** Creates the store for a first run configuration and view. */
export const createLabStore = (config: RunConfig, view: ViewState = DEFAULT_VIEW) =>
  create<LabStore>()((set) => ({
    ...createViewSlice(set, view),
    config,
    phase: 'loading',
    loading: null,
    dataset: null,
    backend: null,
    notices: [],
    savedRuns: [],
    resumeOffer: null,
    ...fresh,
    startRun: (c, resumed) =>
      set({
        config: c,
        phase: 'loading',
        resumeOffer: null,
        ...fresh,
        ...resumed?.history,
        startStep: resumed?.step ?? 0,
        trainedStart: resumed?.trained ?? false,
        evaluation: resumed?.history.evaluationHistory.at(-1) ?? null,
        firstLosses: resumed?.history.lossHistory[0]?.heads.map((h) => h.total) ?? null,
      }),
    setConfig: (c) => set({ config: c }),
    rewind: (step) =>
      set((s) => {
        const kept = historyUpTo(s, step);
        return {
          error: null,
          phase: 'loading',
          metrics: null,
          startStep: step,
          ...kept,
          evaluation: kept.evaluationHistory.at(-1) ?? null,
        };
      }),
    setProgress: (file, overall) => set({ loading: { file, overall } }),
    setDataset: (dataset) => set((s) => ({ dataset, loading: null, phase: s.phase === 'loading' ? 'ready' : s.phase })),
    setBackend: (backend) => set({ backend }),
    setRunning: (running) => set((s) => (s.phase === 'error' ? {} : { phase: running ? 'training' : 'ready' })),
    addMetrics: (m) =>
      set((s) => ({
        metrics: m,
        firstLosses: s.firstLosses ?? m.heads.map((h) => h.total),
        lossHistory: appendCapped(s.lossHistory, { step: m.step, heads: m.heads }),
      })),
    addEvaluation: (e) => set((s) => ({ evaluation: e, evaluationHistory: appendCapped(s.evaluationHistory, e) })),
    addSamplePoint: (p) => set((s) => ({ sampleCurve: extendSampleCurve(s.sampleCurve, p) })),
    setDivergence: (divergence) => set({ divergence }),
    setDrawnDigit: (drawnDigit) => set({ drawnDigit }),
    setError: (error) => set({ error, phase: 'error' }),
    notify: (n) => set((s) => ({ notices: [...s.notices.filter((x) => x !== n), n] })),
    setNotices: (notices) => set({ notices }),
    dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
    setSavedRuns: (savedRuns) => set({ savedRuns }),
    setResumeOffer: (resumeOffer) => set({ resumeOffer }),
  }));

/** The hook type of the store. */
export type UseLabStore = ReturnType<typeof createLabStore>;
