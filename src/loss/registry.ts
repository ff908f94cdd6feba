import type { Rng } from '../math/random';
import { HEAD_NAMES, type HeadId } from './heads';
import { HYPER_SPECS } from './hyperSpecs';
import { PARAM_SPECS } from './paramSpecs';
import type { HeadHyper, HeadSpec, ParamName } from './registryTypes';

export { HEAD_IDS, HEAD_NAMES, isHeadId, type GaussianHeadId, type HeadId } from './heads';
export { bindParams, type NamedTensors } from './bindParams';
export { headLogits, headLoss, headRuleUpdates } from './dispatch';
export { hyperErrors, hyperSpecOf, validateHyper, type AnyHyperSpec } from './hyperValidation';
export { defaultHyper } from './hyperDefaults';
export { lSoftmaxBeta, referenceBeta, scaledBeta, type BetaSchedule, type BetaScheduleKind } from './betaSchedule';
export type * from './registryTypes';

const SUMMARIES: { [H in HeadId]: string } = {
  softmax: 'Linear logits x·Wᵀ + b and cross-entropy (Eq. 1)',
  center: 'Softmax plus λ·‖x − c_z‖²/2, centers moved by their own rule',
  lsoftmax: 'Angular margin m on the target logit, annealed by β',
  lgm: 'Gaussian logits with margin α on the Mahalanobis part',
  icu: 'Gaussian logits with intra-class margin γ, inter-class α, moment regularizer',
};

/** The registry entry of one head. */
export function headSpec<H extends HeadId>(headId: H): HeadSpec<H> {
  return {
    id: headId,
    name: HEAD_NAMES[headId],
    summary: SUMMARIES[headId],
    params: PARAM_SPECS[headId],
    hyper: HYPER_SPECS[headId],
  };
}

/** All five heads' registry entries by id (iterate HEAD_IDS for display order). */
export const HEADS: { readonly [H in HeadId]: HeadSpec<H> } = {
  softmax: headSpec('softmax'),
  center: headSpec('center'),
  lsoftmax: headSpec('lsoftmax'),
  lgm: headSpec('lgm'),
  icu: headSpec('icu'),
};

/** A parameter's initial values and how the trainer must treat it. */
export interface InitialParam<H extends HeadId> {
  name: ParamName<H>;
  shape: number[];
  values: Float32Array;
  excludeFromWeightDecay: boolean;
  updatedBy: 'optimizer' | 'rule';
}

/** Parameter names of a head in declaration order (fixed, so a seed always draws the same values). */
function paramNames<H extends HeadId>(headId: H): ParamName<H>[] {
  // Object.keys widens to string[]; the keys of a ParamSpecs<H> are exactly ParamName<H>.
  return Object.keys(PARAM_SPECS[headId]) as ParamName<H>[];
}

/** Initial values of every parameter the head uses for K classes in D dimensions, drawn from `rng`. */
export function initHeadParams<H extends HeadId>(
  headId: H,
  numClasses: number,
  dims: number,
  hyper: HeadHyper[H],
  rng: Rng,
): InitialParam<H>[] {
  const specs = PARAM_SPECS[headId];
  return paramNames(headId).flatMap((name) => {
    const s = specs[name];
    const shape = s.shape(numClasses, dims, hyper);
    if (!shape) return [];
    const { excludeFromWeightDecay, updatedBy } = s;
    return [{ name, shape, values: s.init(rng, shape), excludeFromWeightDecay, updatedBy }];
  });
}

/** Names of a head's parameters that must stay out of weight decay. */
export function excludedFromWeightDecay<H extends HeadId>(headId: H): ParamName<H>[] {
  return paramNames(headId).filter((name) => PARAM_SPECS[headId][name].excludeFromWeightDecay);
}
