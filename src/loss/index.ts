/** The five classification heads as pure tensor functions (spec: shared/spec/losses.md). */
export { softmaxLoss, linearLogits } from './softmax';
export { centerLoss, centerUpdate } from './center';
export { lSoftmaxLoss, lSoftmaxLogits } from './lSoftmax';
export { lgmLoss, lgmLogits } from './lgm';
export { icuLoss, icuLogits } from './icu';
export { gaussianDistances } from './gaussianTerms';
export { LOG_VAR_MAX, LOG_VAR_MIN, NORM_EPS } from './guards';
export type {
  LossParts,
  SoftmaxParams,
  CenterParams,
  CenterHyper,
  LSoftmaxParams,
  LSoftmaxHyper,
  LgmParams,
  LgmHyper,
  IcuParams,
  IcuHyper,
  IcuCov,
  IcuMarginOn,
} from './types';
