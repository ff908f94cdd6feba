import { anyHead, defaultHyper, type HeadId } from '../loss/heads';
import { batchOf, DEFAULT_CONFIG, type HeadSetup, type RunConfig } from '../trainer/shared/config';
import { ProtocolError, validateConfig } from '../trainer/shared/validate';
import { scheduleFromParam } from '../url/scheduleParam';

/** What a headless run asks for: head ids, any RunConfig fields that differ from the app's defaults, a schedule as the URL writes it, and the run's length in epochs. */
export interface RunRequest {
  heads: HeadId[];
  settings?: Partial<Omit<RunConfig, 'heads' | 'autoplay' | 'schedule'>>;
  /** `constant`, `step:FACTOR:EVERY_EPOCHS` or `cosine:EPOCHS:MIN_FACTOR`, as in the app's URL. */
  schedule?: string;
  epochs?: number;
}

/** A head with its defaults, fitted to the run's length in steps where the head asks for it (L-Softmax's β). */
function headSetup(id: HeadId, steps: number | null): HeadSetup {
  const hyper = defaultHyper(id),
    fit = anyHead(id).fitToRun;
  return { id, hyper: fit && steps ? fit(hyper, steps) : hyper } as HeadSetup;
}

/**
 * The run a request means: the app's defaults, each head with its default hyper-parameters,
 * autoplay off (the harness plays and pauses the run itself). Checked by the worker protocol's own validation, so a bad flag fails here with
 * the same message the worker would give, before any data is loaded.
 */
export function runConfig(req: RunRequest): RunConfig {
  const base = { ...DEFAULT_CONFIG, ...req.settings };
  // The automatic network is chosen by the worker's backend, after this: its batch is not known yet.
  if (base.batchSize === 0 && base.network === 'auto')
    throw new ProtocolError(
      'a headless run that leaves the batch to its network (batch 0) needs the network: paper or lite',
    );
  const batch = base.network === 'auto' ? base.batchSize : batchOf(base, base.network);
  // Exact for a balanced subset; a long tail has fewer steps, so β then ends a little above its floor.
  const steps = req.epochs ? req.epochs * Math.ceil(base.trainSize / batch) : null;
  const heads = req.heads.map((id) => headSetup(id, steps));
  const parsed = req.schedule === undefined ? null : scheduleFromParam(req.schedule);
  if (parsed?.notice) throw new ProtocolError(parsed.notice);
  return validateConfig({ ...base, schedule: parsed?.value ?? base.schedule, heads, autoplay: false });
}
