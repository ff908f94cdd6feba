import { createContext, useContext } from 'react';
import type { UseLabStore } from '../store/store';
import type { Timeline } from '../trainer/client/timeline';
import type { TrainerClient } from '../trainer/client/trainerClient';
import type { RunKeeper } from '../trainer/client/runKeeper';

/** What components reach: the store hook, the trainer client, the frames (live or recorded), the run files and the MNIST files' URL (for digit images). */
export interface Lab {
  useStore: UseLabStore;
  client: TrainerClient;
  /** The frames the panels show: the run's latest, or a recorded one while the timeline is scrubbed. */
  frames: Timeline;
  keeper: RunKeeper;
  dataUrl: string;
}

/** The lab's context; provided once by main.tsx. */
export const LabContext = createContext<Lab | null>(null);

/** The lab from context (throws outside the provider, a wiring bug). */
export function useLab(): Lab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab outside LabContext');
  return lab;
}

/** Where a control's corrections go (a typed value out of range): the lab's notices, or the sandbox's. */
export const NotifyContext = createContext<((notice: string) => void) | null>(null);

/** The notice sink from context (throws outside a provider, a wiring bug). */
export function useNotify(): (notice: string) => void {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify outside NotifyContext');
  return notify;
}
