import { biasParam, numberSpec, weightsParam, zerosInit, type HeadDefinition } from '../head';
import { linearScorer } from '../plane';
import { centerPlaneLoss } from './center.plane';

const hyper = {
  lambda: numberSpec('λ', 'Weight of the center loss L_C', 0.01, [1e-4, 1]),
  alpha: numberSpec('α (center rate)', 'Step of the center update c ← c − α·Δc', 0.5, [0, 1], { scale: 'linear' }),
};

const params = {
  weights: weightsParam,
  bias: biasParam,
  centers: {
    doc: 'Class centers c_k, moved by centerUpdate after each step',
    rank: 2,
    optional: false,
    shape: (k: number, d: number) => [k, d],
    init: zerosInit,
    excludeFromWeightDecay: true,
    updatedBy: 'rule',
  },
} as const;

/** Center loss (Wen et al. 2016): softmax plus a pull of each feature toward its class center. */
export const center = {
  id: 'center',
  name: 'Center loss',
  summary: 'Softmax plus λ·‖x − c_z‖²/2, centers moved by their own rule',
  paperAccuracy: 98.55,
  colorClass: 2,
  hyper,
  params,
  scorer: linearScorer,
  plane: centerPlaneLoss,
} as const satisfies HeadDefinition<'center', typeof hyper, typeof params>;
