import type { HeadId } from '../loss/heads';
import { defaultHyper } from '../loss/hyperDefaults';
import { DEFAULT_CONFIG, type HeadSetup, type RunConfig } from '../trainer/shared/config';
import { validateConfig } from '../trainer/shared/validate';

/** What a headless run asks for: head ids, and any RunConfig fields that differ from the app's defaults. */
export interface RunRequest {
  heads: HeadId[];
  settings?: Partial<Omit<RunConfig, 'heads' | 'autoplay'>>;
}

/**
 * The run a request means: the app's defaults, each head with its default hyper-parameters,
 * autoplay off (the harness plays and pauses the run itself). Checked by the worker protocol's own validation, so a bad flag fails here with
 * the same message the worker would give, before any data is loaded.
 */
export function runConfig(req: RunRequest): RunConfig {
  const heads = req.heads.map((id) => ({ id, hyper: defaultHyper(id) }) as HeadSetup);
  return validateConfig({ ...DEFAULT_CONFIG, ...req.settings, heads, autoplay: false });
}
