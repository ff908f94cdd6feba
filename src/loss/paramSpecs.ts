import type { HeadId } from './heads';
import { glorotNormalInit, standardNormalInit, zerosInit } from './init';
import type { ParamSpec, ParamSpecs } from './registryTypes';

/** A [K, D] weight matrix trained by the optimizer with weight decay (it is an FC layer). */
function weights<H extends HeadId>(): ParamSpec<H> {
  return {
    doc: 'One weight row per class, logits x·Wᵀ',
    shape: (k, d) => [k, d],
    init: glorotNormalInit,
    excludeFromWeightDecay: false,
    updatedBy: 'optimizer',
  };
}

/** A [K] bias, zero-initialised, not decayed. */
function bias<H extends HeadId>(): ParamSpec<H> {
  return {
    doc: 'Per-class bias',
    shape: (k) => [k],
    init: zerosInit,
    excludeFromWeightDecay: true,
    updatedBy: 'optimizer',
  };
}

/** Gaussian means μ ~ N(0, 1), [K, D], not decayed. */
function means<H extends HeadId>(): ParamSpec<H> {
  return {
    doc: 'Class means μ_k',
    shape: (k, d) => [k, d],
    init: standardNormalInit,
    excludeFromWeightDecay: true,
    updatedBy: 'optimizer',
  };
}

/** Every head's trainable parameters. */
export const PARAM_SPECS: { [H in HeadId]: ParamSpecs<H> } = {
  softmax: { weights: weights(), bias: bias() },
  center: {
    weights: weights(),
    bias: bias(),
    centers: {
      doc: 'Class centers c_k, moved by centerUpdate after each step',
      shape: (k, d) => [k, d],
      init: zerosInit,
      excludeFromWeightDecay: true,
      updatedBy: 'rule',
    },
  },
  lsoftmax: { weights: weights() },
  lgm: {
    means: means(),
    logVars: {
      doc: 'Diagonal log-variances s = ln σ² (covariance "diag" only)',
      init: zerosInit,
      shape: (k, d, h) => (h.covariance === 'diag' ? [k, d] : null),
      excludeFromWeightDecay: true,
      updatedBy: 'optimizer',
    },
  },
  icu: {
    means: means(),
    logVars: {
      doc: 'Log-variances s = ln σ², [K, D] diag or [K, 1] iso',
      init: zerosInit,
      shape: (k, d, h) => [k, h.cov === 'diag' ? d : 1],
      excludeFromWeightDecay: true,
      updatedBy: 'optimizer',
    },
  },
};
