import { choiceSpec, meansParam, numberSpec, zerosInit, type HeadDefinition, type HyperOf } from '../head';
import { gaussianScorer } from '../plane';
import { icuPlaneLoss } from './icu.plane';

const hyper = {
  alpha: numberSpec('α', 'Inter-class margin (Eq. 17)', 1e-4, [1e-6, 10], {
    hint: 'Inter-class margin: the true class\u2019s distance is scaled by 1 + α. Once σ² < 1 the distance is negative and α turns into slack.',
  }),
  gamma: numberSpec('γ', 'Intra-class margin: the true class covariance is scaled by 1 + γ', 1e-3, [1e-6, 10], {
    hint: 'Intra-class margin: the true class\u2019s covariance is scaled by 1 + γ inside its log-determinant, asking each class to be tighter.',
  }),
  lambdaMu: numberSpec('λμ', 'Weight of ‖μ − μ̄‖² in Eq. 14', 0.1, [1e-4, 10], {
    hint: 'Pulls each learned mean μ toward its batch mean μ̄ (Eq. 14).',
  }),
  lambdaSigma: numberSpec('λσ', 'Weight of (σ² − σ̄²)² in Eq. 14', 0.1, [1e-4, 10], {
    hint: 'Pulls each learned variance σ² toward the batch variance σ̄² (Eq. 14).',
  }),
  cov: choiceSpec('covariance', 'Diagonal or isotropic class covariance', 'diag', ['diag', 'iso']),
  marginOn: choiceSpec('α acts on', "'full': literal Eq. 17; 'mahalanobis': L-GM style", 'full', [
    'full',
    'mahalanobis',
  ]),
};

const params = {
  means: meansParam,
  logVars: {
    doc: 'Log-variances s = ln σ², [K, D] diag or [K, 1] iso',
    rank: 2,
    optional: false,
    shape: (k: number, d: number, h: HyperOf<typeof hyper>) => [k, h.cov === 'diag' ? d : 1],
    init: zerosInit,
    excludeFromWeightDecay: true,
    updatedBy: 'optimizer',
  },
} as const;

/** ICU, the paper's head: Gaussian logits with an intra-class margin γ, an inter-class α, and a moment regularizer. */
export const icu = {
  id: 'icu',
  name: 'ICU',
  summary: 'Gaussian logits with intra-class margin γ, inter-class α, moment regularizer',
  paperAccuracy: 99.04,
  colorClass: 6,
  docsNote: 'and when α turns into slack',
  hyper,
  params,
  scorer: gaussianScorer,
  plane: icuPlaneLoss,
  gaussian: (h) => ({ alpha: h.alpha, gamma: h.gamma, on: h.marginOn }),
} as const satisfies HeadDefinition<'icu', typeof hyper, typeof params>;
