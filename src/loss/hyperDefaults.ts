import type { HeadId } from './heads';
import { HYPER_SPECS } from './hyperSpecs';
import type { HeadHyper } from './registryTypes';

// Kept apart from the registry so the main thread gets defaults without importing tfjs.
const DEFAULTS: { [H in HeadId]: () => HeadHyper[H] } = {
  softmax: () => ({}),
  center: () => ({ lambda: HYPER_SPECS.center.lambda.default, alpha: HYPER_SPECS.center.alpha.default }),
  lsoftmax: () => {
    const s = HYPER_SPECS.lsoftmax;
    return { m: s.m.default, betaMin: s.betaMin.default, schedule: s.schedule.default, runLength: s.runLength.default };
  },
  lgm: () => {
    const s = HYPER_SPECS.lgm;
    return { alpha: s.alpha.default, lambda: s.lambda.default, covariance: s.covariance.default };
  },
  icu: () => {
    const s = HYPER_SPECS.icu;
    const weights = { lambdaMu: s.lambdaMu.default, lambdaSigma: s.lambdaSigma.default };
    return {
      alpha: s.alpha.default,
      gamma: s.gamma.default,
      ...weights,
      cov: s.cov.default,
      marginOn: s.marginOn.default,
    };
  },
};

/** A fresh copy of a head's default hyper-parameters. */
export function defaultHyper<H extends HeadId>(headId: H): HeadHyper[H] {
  return DEFAULTS[headId]();
}
