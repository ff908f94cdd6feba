import * as tf from '@tensorflow/tfjs';
import { lSoftmaxBeta } from './betaSchedule';
import { centerLoss, centerUpdate } from './center';
import { gaussianDistances } from './gaussianTerms';
import type { HeadId } from './heads';
import { icuLoss } from './icu';
import { lgmLoss } from './lgm';
import { lSoftmaxLoss } from './lSoftmax';
import type { HeadHyper, HeadParams, ParamName } from './registryTypes';
import { linearLogits, softmaxLoss } from './softmax';
import type { LgmParams, LossParts } from './types';

type LossFn<H extends HeadId> = (
  x: tf.Tensor2D,
  z: tf.Tensor1D,
  p: HeadParams[H],
  h: HeadHyper[H],
  iteration: number,
) => LossParts;

/** L-GM parameters as the covariance setting wants them: identity drops logVars, diag requires them. */
function lgmParamsFor(p: LgmParams, h: HeadHyper['lgm']): LgmParams {
  if (h.covariance === 'identity') return { means: p.means };
  if (!p.logVars) throw new Error("lgm: covariance 'diag' needs logVars");
  return p;
}

const LOSSES: { [H in HeadId]: LossFn<H> } = {
  softmax: (x, z, p) => softmaxLoss(x, z, p),
  center: (x, z, p, h) => centerLoss(x, z, p, { lambda: h.lambda }),
  lsoftmax: (x, z, p, h, it) => {
    const beta = lSoftmaxBeta(it, { kind: h.schedule, betaMin: h.betaMin, runLength: h.runLength });
    return lSoftmaxLoss(x, z, p, { m: h.m, beta });
  },
  lgm: (x, z, p, h) => lgmLoss(x, z, lgmParamsFor(p, h), { alpha: h.alpha, lambda: h.lambda }),
  icu: (x, z, p, h) => icuLoss(x, z, p, h),
};

/** Any head's loss under the registry's hyper-parameters at training step `iteration` (drives L-Softmax's β). */
export function headLoss<H extends HeadId>(
  headId: H,
  x: tf.Tensor2D,
  z: tf.Tensor1D,
  params: HeadParams[H],
  hyper: HeadHyper[H],
  iteration: number,
): LossParts {
  return LOSSES[headId](x, z, params, hyper, iteration);
}

const LOGITS: { [H in HeadId]: (x: tf.Tensor2D, p: HeadParams[H]) => tf.Tensor2D } = {
  softmax: (x, p) => linearLogits(x, p.weights, p.bias),
  center: (x, p) => linearLogits(x, p.weights, p.bias),
  lsoftmax: (x, p) => linearLogits(x, p.weights),
  lgm: (x, p) => tf.neg(gaussianDistances(x, p.means, p.logVars)),
  icu: (x, p) => tf.neg(gaussianDistances(x, p.means, p.logVars)),
};

/** Inference logits [N, K] (L-Softmax m = 1; Gaussian heads −d with α = γ = 0): argmax is the prediction. */
export function headLogits<H extends HeadId>(headId: H, x: tf.Tensor2D, params: HeadParams[H]): tf.Tensor2D {
  return tf.tidy(() => LOGITS[headId](x, params));
}

type RuleFn<H extends HeadId> = (
  x: tf.Tensor2D,
  z: tf.Tensor1D,
  p: HeadParams[H],
  h: HeadHyper[H],
) => Partial<Record<ParamName<H>, tf.Tensor>>;

const RULES: { [H in HeadId]: RuleFn<H> } = {
  softmax: () => ({}),
  center: (x, z, p, h) => ({ centers: centerUpdate(x, z, p.centers, h.alpha) }),
  lsoftmax: () => ({}),
  lgm: () => ({}),
  icu: () => ({}),
};

/** New values for parameters a head moves by its own rule (center loss: centers); assign them after each step. */
export function headRuleUpdates<H extends HeadId>(
  headId: H,
  x: tf.Tensor2D,
  z: tf.Tensor1D,
  params: HeadParams[H],
  hyper: HeadHyper[H],
): Partial<Record<ParamName<H>, tf.Tensor>> {
  return RULES[headId](x, z, params, hyper);
}
