import type { Rng } from '../math/random';
import type { PlaneArray, PlaneLossParts, Scorer } from './plane';

/**
 * What a head is, without tfjs: every table the app, the worker and the scripts keep per head is
 * derived from a list of these (src/loss/heads.ts). A head's tensor math is its `.tf.ts` twin.
 */
export interface HeadDefinition<
  Id extends string = string,
  S extends HyperSpecs = HyperSpecs,
  P extends ParamSpecs<HyperOf<S>> = ParamSpecs<HyperOf<S>>,
> {
  id: Id;
  /** As the papers and the page name it. */
  name: string;
  summary: string;
  /** MNIST, 2-D features, test accuracy % in the ICU paper's Table 1. */
  paperAccuracy: number;
  /** Which class colour stands for the head in charts (five hues far apart under colour-blind simulation). */
  colorClass: number;
  /** Said after "What <name> computes" on the link under the head's sliders to its section of docs/losses.md. */
  docsNote?: string;
  hyper: S;
  /** Trainable parameters, in the order a seed draws their initial values. */
  params: P;
  /** Inference logit of each class at a point of the plane, from the head's parameters as arrays. */
  scorer(params: ParamValues<P, Float32Array, Float32Array>): Scorer;
  /**
   * The sandbox's plane math: the loss parts on points [N·2] (labels [N]) and their gradient w.r.t. every
   * parameter given (not the points), in float64; the same numbers as the head's tfjs loss.
   */
  plane(
    points: Float32Array,
    labels: Uint8Array,
    params: ParamValues<P, PlaneArray, PlaneArray>,
    hyper: HyperOf<S>,
  ): PlaneLossParts;
  /** Gaussian heads (a mean and a covariance per class): how their margin α enters the true-class logit. */
  gaussian?(hyper: HyperOf<S>): MarginReading;
  /** Hyper-parameters fitted to a run of `steps` steps (L-Softmax's β schedule), for headless runs. */
  fitToRun?(hyper: HyperOf<S>, steps: number): HyperOf<S>;
}

/** A head's trainable parameters by name. */
export type ParamSpecs<Hyper> = Readonly<Record<string, ParamSpec<Hyper>>>;

/** How α enters the true-class logit: on the whole of d (ICU's literal Eq. 17), or on the Mahalanobis part only. */
export interface MarginReading {
  alpha: number;
  gamma: number;
  on: 'full' | 'mahalanobis';
}

// ---- Hyper-parameters ----

/** A numeric hyper-parameter: default and valid range; 'log' suits a log slider (then min > 0). */
export interface NumberHyperSpec {
  kind: 'number';
  label: string;
  doc: string;
  /** Shown beside the slider, when the label alone does not say what it does. */
  hint?: string;
  default: number;
  min: number;
  max: number;
  scale: 'linear' | 'log';
  /** 0 is valid too (switches the term off); a log slider offers it as its lowest stop. */
  zeroAllowed: boolean;
  integer: boolean;
}

/** A hyper-parameter with a fixed set of options. */
export interface ChoiceHyperSpec<V extends string | number = string | number> {
  kind: 'choice';
  label: string;
  doc: string;
  hint?: string;
  default: V;
  options: readonly V[];
}

/** Any hyper-parameter spec. */
export type HyperSpec = NumberHyperSpec | ChoiceHyperSpec;

/** A head's hyper-parameter specs by name. */
export type HyperSpecs = Readonly<Record<string, HyperSpec>>;

/** The hyper-parameter values a set of specs describes: numbers, or a choice's options. */
export type HyperOf<S extends HyperSpecs> = { -readonly [P in keyof S]: ValueOf<S[P]> };

/** A spec's value type (distributes over a union of specs). */
type ValueOf<T> = T extends ChoiceHyperSpec<infer V> ? V : number;

type NumberOptions = Partial<Pick<NumberHyperSpec, 'hint' | 'scale' | 'zeroAllowed' | 'integer'>>;

/** A number in [min, max]; by default on a log slider where 0 (the term off) is valid too. */
export function numberSpec(
  label: string,
  doc: string,
  value: number,
  [min, max]: [number, number],
  options: NumberOptions = {},
): NumberHyperSpec {
  return {
    kind: 'number',
    label,
    doc,
    default: value,
    min,
    max,
    scale: 'log',
    zeroAllowed: true,
    integer: false,
    ...options,
  };
}

/** A choice among fixed options. */
export function choiceSpec<const V extends string | number>(
  label: string,
  doc: string,
  value: NoInfer<V>,
  options: readonly V[],
): ChoiceHyperSpec<V> {
  return { kind: 'choice', label, doc, default: value, options };
}

/** A fresh set of a head's default hyper-parameters. */
export function defaultsOf<S extends HyperSpecs>(specs: S): HyperOf<S> {
  // Object.fromEntries widens the keys; the entries are exactly the specs' defaults.
  return Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, s.default])) as HyperOf<S>;
}

/** Range check of a number: finite, integer if required, in [min, max] or exactly 0 where 0 switches a term off. */
function numberError(spec: NumberHyperSpec, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a finite number`;
  if (value === 0 && spec.zeroAllowed) return null;
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be an integer`;
  if (value >= spec.min && value <= spec.max) return null;
  return `${spec.label} must be between ${spec.min} and ${spec.max}${spec.zeroAllowed ? ', or 0' : ''}`;
}

/** An error message if `value` does not fit `spec`, else null. */
export function specError(spec: HyperSpec, value: unknown): string | null {
  if (spec.kind === 'number') return numberError(spec, value);
  return spec.options.some((o) => o === value) ? null : `${spec.label} must be one of ${spec.options.join(', ')}`;
}

// ---- Trainable parameters ----

/** How a trainable parameter is shaped, initialised and updated. */
export interface ParamSpec<Hyper = never, Rank extends 1 | 2 = 1 | 2, Optional extends boolean = boolean> {
  doc: string;
  rank: Rank;
  /** May be absent: a bias the spec's API lets a caller leave out, or a tensor some settings do not use. */
  optional: Optional;
  /** Shape for K classes in D dimensions, or null when these hyper-parameters do not use it. */
  shape(numClasses: number, dims: number, hyper: Hyper): number[] | null;
  init: ParamInit;
  /** Head means, variances, centers and biases stay out of L2 weight decay. */
  excludeFromWeightDecay: boolean;
  /** 'rule': moved by the head's own update (center loss), not by the optimizer. */
  updatedBy: 'optimizer' | 'rule';
}

/**
 * A head's parameters as values of type One (rank 1) and Two (rank 2): tensors for the loss,
 * Float32Arrays (row-major) for the plots. Optional parameters are optional properties.
 */
export type ParamValues<P, One, Two> = {
  -readonly [N in keyof P as P[N] extends { optional: true } ? never : N]: ValueOfRank<P[N], One, Two>;
} & {
  -readonly [N in keyof P as P[N] extends { optional: true } ? N : never]?: ValueOfRank<P[N], One, Two>;
};

/** One for a rank-1 spec, Two for rank 2, either for a spec of either rank. */
type ValueOfRank<S, One, Two> = S extends { rank: infer R } ? (R extends 1 ? One : Two) : never;

/** Fills a parameter of `shape` with initial values, drawing from a seeded `rng`. */
export type ParamInit = (rng: Rng, shape: readonly number[]) => Float32Array;

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** All zeros (biases, center-loss centers, log-variances s = 0 i.e. σ² = 1). */
export const zerosInit: ParamInit = (_rng, shape) => new Float32Array(size(shape));

/** Standard normal N(0, 1) (Gaussian heads' means). */
const standardNormalInit: ParamInit = (rng, shape) => Float32Array.from({ length: size(shape) }, () => rng.normal());

/** Glorot (Xavier) normal for a [K, D] weight, std = sqrt(2 / (K + D)); untruncated, unlike Keras. */
const glorotNormalInit: ParamInit = (rng, shape) => {
  const std = Math.sqrt(2 / shape.reduce((a, b) => a + b, 0));
  return Float32Array.from({ length: size(shape) }, () => std * rng.normal());
};

/** A [K, D] weight matrix trained by the optimizer with weight decay (it is an FC layer). */
export const weightsParam: ParamSpec<unknown, 2, false> = {
  doc: 'One weight row per class, logits x·Wᵀ',
  rank: 2,
  optional: false,
  shape: (k, d) => [k, d],
  init: glorotNormalInit,
  excludeFromWeightDecay: false,
  updatedBy: 'optimizer',
};

/** A [K] bias, zero-initialised, not decayed; the spec's API lets a caller leave it out. */
export const biasParam: ParamSpec<unknown, 1, true> = {
  doc: 'Per-class bias',
  rank: 1,
  optional: true,
  shape: (k) => [k],
  init: zerosInit,
  excludeFromWeightDecay: true,
  updatedBy: 'optimizer',
};

/** Gaussian means μ ~ N(0, 1), [K, D], not decayed. */
export const meansParam: ParamSpec<unknown, 2, false> = {
  doc: 'Class means μ_k',
  rank: 2,
  optional: false,
  shape: (k, d) => [k, d],
  init: standardNormalInit,
  excludeFromWeightDecay: true,
  updatedBy: 'optimizer',
};
