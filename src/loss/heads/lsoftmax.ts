import { choiceSpec, numberSpec, weightsParam, type HeadDefinition } from '../head';
import { linearScorer } from '../plane';
import { lSoftmaxPlaneLoss } from './lsoftmax.plane';

const hyper = {
  m: choiceSpec('m', 'Angular margin: the target angle is multiplied by m', 2, [1, 2, 3, 4]),
  betaMin: numberSpec('β_min', 'Floor of the annealed β (0: the margin acts fully at the end)', 0, [1e-3, 1000]),
  schedule: choiceSpec(
    'β schedule',
    "'reference': Liu et al.'s curve; 'scaled': the same curve fitted to the run; 'constant': β = β_min",
    'scaled',
    ['reference', 'scaled', 'constant'],
  ),
  runLength: numberSpec('run length', "Iterations the 'scaled' schedule anneals over (β = 1 at half)", 2345, [1, 1e7], {
    zeroAllowed: false,
    integer: true,
  }),
};

const params = { weights: weightsParam };

/** L-Softmax (Liu et al. 2016): an angular margin m on the target logit, annealed by β; no bias. */
export const lsoftmax = {
  id: 'lsoftmax',
  name: 'L-Softmax',
  summary: 'Angular margin m on the target logit, annealed by β',
  paperAccuracy: 98.7,
  colorClass: 5,
  hyper,
  params,
  scorer: linearScorer,
  plane: lSoftmaxPlaneLoss,
  // β is fitted to the run's length in steps, so the margin acts in a short run too.
  fitToRun: (h, steps) => ({ ...h, runLength: Math.max(1, steps) }),
} as const satisfies HeadDefinition<'lsoftmax', typeof hyper, typeof params>;
