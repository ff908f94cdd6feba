import type { RunConfig } from '../trainer/shared/config';
import { decodeRunFile, encodeRunFile, historyUpTo, type RunFile } from '../trainer/shared/runFile';
import { ProtocolError } from '../trainer/shared/validate';
import { scheduleFromParam } from '../url/scheduleParam';
import type { RunRequest } from './runConfig';
import type { HarnessTrainer } from './trainer';

/*
 * A long headless run written to disk after every epoch and continued from there: the whole run
 * (every head, Adam's moments, the curves so far) as a run file, the format the app saves runs in.
 * Bytes cross into Node as base64.
 */

/** Settings a resumed run may change: where and how fast it trains, not what it computes. */
const PLACE: ReadonlySet<string> = new Set(['backend', 'wasmThreads']);

/** A setting the command line asks for that the checkpoint's run was not started with. */
export interface Conflict {
  /** The RunConfig field ('heads', 'seed', 'schedule', …). */
  setting: string;
  checkpoint: string;
  given: string;
}

const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * What in `req` (only the settings the command line gave) differs from the checkpoint's config:
 * a resumed run is the checkpoint's run, so a flag may repeat its settings but not change them.
 */
export function resumeConflicts(file: RunConfig, req: Partial<RunRequest>): Conflict[] {
  const out: Conflict[] = [];
  const check = (setting: string, checkpoint: unknown, given: unknown) => {
    if (JSON.stringify(checkpoint) !== JSON.stringify(given))
      out.push({ setting, checkpoint: shown(checkpoint), given: shown(given) });
  };
  if (req.heads)
    check(
      'heads',
      file.heads.map((h) => h.id),
      req.heads,
    );
  for (const [k, v] of Object.entries(req.settings ?? {})) {
    if (!PLACE.has(k)) check(k, file[k as keyof RunConfig], v);
  }
  if (req.schedule !== undefined) {
    const parsed = scheduleFromParam(req.schedule);
    if (parsed.notice) throw new ProtocolError(parsed.notice);
    check('schedule', file.schedule, parsed.value);
  }
  return out;
}

/** The checkpoint's run, trained where the command line says (backend, threads), played by the harness. */
export function resumedConfig(file: RunFile, req: Partial<RunRequest>): RunConfig {
  const place = Object.entries(req.settings ?? {}).filter(([k]) => PLACE.has(k));
  return { ...file.config, ...Object.fromEntries(place), autoplay: false };
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

export function fromBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** A checkpoint's run; throws decodeRunFile's RunFileError saying what is wrong with it. */
export const readCheckpoint = (base64: string): RunFile => decodeRunFile(fromBase64(base64));

/** What Node needs to know of a checkpoint before it resumes it. */
export interface CheckpointInfo {
  config: RunConfig;
  step: number;
  epoch: number;
  /** Its evaluations, as the run's history reports them. */
  history: { epoch: number; step: number; accuracy: number[] }[];
}

export function checkpointInfo(file: RunFile): CheckpointInfo {
  return {
    config: file.config,
    step: file.snapshot.step,
    epoch: file.snapshot.epoch,
    history: file.history.evaluationHistory.map((e) => ({
      epoch: e.epoch,
      step: e.step,
      accuracy: e.heads.map((h) => h.accuracy),
    })),
  };
}

/** The run as it stands (paused between steps), all heads with Adam's moments, as a run file in base64. */
export async function checkpointOf(trainer: HarnessTrainer): Promise<{ step: number; base64: string }> {
  const now = await trainer.client.current();
  if (!now) throw new Error('no run to checkpoint');
  const history = historyUpTo(trainer.recorder.history(), now.snapshot.step);
  const bytes = encodeRunFile({ savedAt: new Date().toISOString(), ...now, history });
  return { step: now.snapshot.step, base64: toBase64(bytes) };
}
