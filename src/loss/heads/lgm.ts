import { choiceSpec, meansParam, numberSpec, zerosInit, type HeadDefinition, type HyperOf } from '../head';
import { gaussianScorer } from '../plane';
import { lgmPlaneLoss } from './lgm.plane';

const hyper = {
  alpha: numberSpec('α', 'Margin: the true class distance is scaled by 1 + α', 0.1, [1e-3, 10]),
  lambda: numberSpec('λ', 'Weight of the likelihood regularizer', 0.1, [1e-4, 10]),
  covariance: choiceSpec('covariance', 'Identity (reference code) or learned diagonal', 'identity', [
    'identity',
    'diag',
  ]),
};

const params = {
  means: meansParam,
  logVars: {
    doc: 'Diagonal log-variances s = ln σ² (covariance "diag" only)',
    rank: 2,
    optional: true,
    shape: (k: number, d: number, h: HyperOf<typeof hyper>) => (h.covariance === 'diag' ? [k, d] : null),
    init: zerosInit,
    excludeFromWeightDecay: true,
    updatedBy: 'optimizer',
  },
} as const;

/** L-GM (Wan et al. 2018): Gaussian logits with a margin α on the Mahalanobis part, plus a likelihood term. */
export const lgm = {
  id: 'lgm',
  name: 'L-GM',
  summary: 'Gaussian logits with margin α on the Mahalanobis part',
  paperAccuracy: 98.83,
  colorClass: 3,
  hyper,
  params,
  scorer: gaussianScorer,
  plane: lgmPlaneLoss,
  gaussian: (h) => ({ alpha: h.alpha, gamma: 0, on: 'mahalanobis' }),
} as const satisfies HeadDefinition<'lgm', typeof hyper, typeof params>;
