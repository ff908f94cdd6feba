import { create } from 'zustand';
import type { BackendName, RunConfig } from '../trainer/shared/config';
import type { ErrorSource, StepMetrics } from '../trainer/shared/protocol';

/** Where the app is: loading data, ready (paused), training, or stopped by an error. */
export type Phase = 'loading' | 'ready' | 'training' | 'error';

/** Low-rate facts React renders; frames never pass through here. */
export interface LabState {
  config: RunConfig;
  phase: Phase;
  loading: { file: string; overall: number } | null;
  dataset: { trainCount: number; testCount: number; trainUsed: number; testUsed: number } | null;
  backend: { name: BackendName; adapter: string | null; reason: string } | null;
  metrics: StepMetrics | null;
  evaluation: { epoch: number; step: number; accuracy: number } | null;
  error: { source: ErrorSource; message: string } | null;
  notices: string[];
}

/** Every way the state changes. */
export interface LabActions {
  startRun(config: RunConfig): void;
  setProgress(file: string, overall: number): void;
  setDataset(d: NonNullable<LabState['dataset']>): void;
  setBackend(b: NonNullable<LabState['backend']>): void;
  setRunning(running: boolean): void;
  setMetrics(m: StepMetrics): void;
  setEvaluation(e: NonNullable<LabState['evaluation']>): void;
  setError(e: NonNullable<LabState['error']>): void;
  setNotices(notices: string[]): void;
  dismissNotice(index: number): void;
}

/** The lab's one store. */
export type LabStore = LabState & LabActions;

/** Creates the store for a first run configuration. */
export const createLabStore = (config: RunConfig) =>
  create<LabStore>()((set) => ({
    config,
    phase: 'loading',
    loading: null,
    dataset: null,
    backend: null,
    metrics: null,
    evaluation: null,
    error: null,
    notices: [],
    startRun: (c) => set({ config: c, phase: 'loading', metrics: null, evaluation: null, error: null }),
    setProgress: (file, overall) => set({ loading: { file, overall } }),
    setDataset: (dataset) => set((s) => ({ dataset, loading: null, phase: s.phase === 'loading' ? 'ready' : s.phase })),
    setBackend: (backend) => set({ backend }),
    setRunning: (running) => set((s) => (s.phase === 'error' ? {} : { phase: running ? 'training' : 'ready' })),
    setMetrics: (metrics) => set({ metrics }),
    setEvaluation: (evaluation) => set({ evaluation }),
    setError: (error) => set({ error, phase: 'error' }),
    setNotices: (notices) => set({ notices }),
    dismissNotice: (i) => set((s) => ({ notices: s.notices.filter((_, j) => j !== i) })),
  }));

/** The hook type of the store. */
export type UseLabStore = ReturnType<typeof createLabStore>;
