/** The five classification heads as pure tensor functions (spec: shared/spec/losses.md). */
export { softmaxLoss, linearLogits, type SoftmaxParams } from './heads/softmax.tf';
export { centerLoss, centerUpdate, type CenterParams, type CenterHyper } from './heads/center.tf';
export { lSoftmaxLoss, lSoftmaxLogits, type LSoftmaxParams, type LSoftmaxHyper } from './heads/lsoftmax.tf';
export { lgmLoss, lgmLogits, type LgmParams, type LgmHyper } from './heads/lgm.tf';
export { icuLoss, icuLogits, type IcuParams, type IcuHyper, type IcuCov, type IcuMarginOn } from './heads/icu.tf';
export { gaussianDistances } from './gaussianTerms';
export { LOG_VAR_MAX, LOG_VAR_MIN, NORM_EPS } from './guards';
export type { LossParts } from './head.tf';
// The sandbox's plane math (issue 16): one plain-TS gradient step of a head's parameters.
export { sandboxStep, type SandboxStep } from './heads';
export { icuPlaneLoss, type IcuPlaneResult } from './heads/icu.plane';
