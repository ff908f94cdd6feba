import { biasParam, weightsParam, type HeadDefinition } from '../head';
import { linearScorer } from '../plane';
import { softmaxPlaneLoss } from './softmax.plane';

const hyper = {};
const params = { weights: weightsParam, bias: biasParam };

/** Softmax: linear logits x·Wᵀ + b and cross-entropy (Eq. 1), the baseline. */
export const softmax = {
  id: 'softmax',
  name: 'Softmax',
  summary: 'Linear logits x·Wᵀ + b and cross-entropy (Eq. 1)',
  paperAccuracy: 98.18,
  colorClass: 0,
  hyper,
  params,
  scorer: linearScorer,
  plane: softmaxPlaneLoss,
} as const satisfies HeadDefinition<'softmax', typeof hyper, typeof params>;
