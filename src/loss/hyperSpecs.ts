import type { HeadId } from './heads';
import type { ChoiceHyperSpec, HyperSpecs, NumberHyperSpec } from './registryTypes';

/** A weight or margin on a log slider, where 0 (term off) is valid too. */
function logWeight(label: string, doc: string, value: number, min: number, max: number): NumberHyperSpec {
  return { kind: 'number', label, doc, default: value, min, max, scale: 'log', zeroAllowed: true, integer: false };
}

/** A choice among fixed options. */
function choice<V extends string | number>(
  label: string,
  doc: string,
  value: V,
  options: readonly V[],
): ChoiceHyperSpec<V> {
  return { kind: 'choice', label, doc, default: value, options };
}

/** Every head's hyper-parameters; defaults are the papers' MNIST settings. */
export const HYPER_SPECS: { [H in HeadId]: HyperSpecs<H> } = {
  softmax: {},
  center: {
    lambda: logWeight('λ', 'Weight of the center loss L_C', 0.01, 1e-4, 1),
    alpha: {
      kind: 'number',
      label: 'α (center rate)',
      doc: 'Step of the center update c ← c − α·Δc',
      default: 0.5,
      min: 0,
      max: 1,
      scale: 'linear',
      zeroAllowed: true,
      integer: false,
    },
  },
  lsoftmax: {
    m: choice('m', 'Angular margin: the target angle is multiplied by m', 2, [1, 2, 3, 4] as const),
    betaMin: logWeight('β_min', 'Floor of the annealed β (0: the margin acts fully at the end)', 0, 1e-3, 1000),
    schedule: choice(
      'β schedule',
      "'reference': Liu et al.'s curve; 'scaled': the same curve fitted to the run; 'constant': β = β_min",
      'scaled',
      ['reference', 'scaled', 'constant'] as const,
    ),
    runLength: {
      kind: 'number',
      label: 'run length',
      doc: "Iterations the 'scaled' schedule anneals over (β = 1 at half)",
      default: 2345,
      min: 1,
      max: 1e7,
      scale: 'log',
      zeroAllowed: false,
      integer: true,
    },
  },
  lgm: {
    alpha: logWeight('α', 'Margin: the true class distance is scaled by 1 + α', 0.1, 1e-3, 10),
    lambda: logWeight('λ', 'Weight of the likelihood regularizer', 0.1, 1e-4, 10),
    covariance: choice('covariance', 'Identity (reference code) or learned diagonal', 'identity', [
      'identity',
      'diag',
    ] as const),
  },
  icu: {
    alpha: logWeight('α', 'Inter-class margin (Eq. 17)', 1e-4, 1e-6, 10),
    gamma: logWeight('γ', 'Intra-class margin: the true class covariance is scaled by 1 + γ', 1e-3, 1e-6, 10),
    lambdaMu: logWeight('λμ', 'Weight of ‖μ − μ̄‖² in Eq. 14', 0.1, 1e-4, 10),
    lambdaSigma: logWeight('λσ', 'Weight of (σ² − σ̄²)² in Eq. 14', 0.1, 1e-4, 10),
    cov: choice('covariance', 'Diagonal or isotropic class covariance', 'diag', ['diag', 'iso'] as const),
    marginOn: choice('α acts on', "'full': literal Eq. 17; 'mahalanobis': L-GM style", 'full', [
      'full',
      'mahalanobis',
    ] as const),
  },
};
