import type { BetaScheduleKind } from './betaSchedule';
import type { HeadId } from './heads';
import type { ParamInit } from './init';
import type {
  CenterParams,
  IcuCov,
  IcuMarginOn,
  IcuParams,
  LgmParams,
  LSoftmaxHyper,
  LSoftmaxParams,
  SoftmaxParams,
} from './types';

/** Each head's trainable tensors by name: the parameter objects of the spec's loss functions. */
export interface HeadParams {
  softmax: SoftmaxParams;
  center: CenterParams;
  lsoftmax: LSoftmaxParams;
  lgm: LgmParams;
  icu: IcuParams;
}

/** L-GM covariance: identity (the reference code's default) or learned diagonal. */
export type LgmCovariance = 'identity' | 'diag';

/** Each head's hyper-parameters as the app sets them (β is derived from the schedule, not set). */
export interface HeadHyper {
  softmax: Record<never, never>;
  center: { lambda: number; alpha: number };
  lsoftmax: { m: LSoftmaxHyper['m']; betaMin: number; schedule: BetaScheduleKind; runLength: number };
  lgm: { alpha: number; lambda: number; covariance: LgmCovariance };
  icu: { alpha: number; gamma: number; lambdaMu: number; lambdaSigma: number; cov: IcuCov; marginOn: IcuMarginOn };
}

/** A parameter name of head H. */
export type ParamName<H extends HeadId> = keyof HeadParams[H] & string;

/** A hyper-parameter name of head H. */
export type HyperName<H extends HeadId> = keyof HeadHyper[H] & string;

/** A numeric hyper-parameter: default and valid range; 'log' suits a log slider (then min > 0). */
export interface NumberHyperSpec {
  kind: 'number';
  label: string;
  doc: string;
  default: number;
  min: number;
  max: number;
  scale: 'linear' | 'log';
  /** 0 is valid too (switches the term off); a log slider offers it as its lowest stop. */
  zeroAllowed: boolean;
  integer: boolean;
}

/** A hyper-parameter with a fixed set of options. */
export interface ChoiceHyperSpec<V extends string | number> {
  kind: 'choice';
  label: string;
  doc: string;
  default: V;
  options: readonly V[];
}

/** The spec kind a value type calls for: plain numbers get a range, literal unions a choice. */
export type HyperSpec<V> = number extends V
  ? NumberHyperSpec
  : [V] extends [string | number]
    ? ChoiceHyperSpec<V>
    : never;

/** One spec per hyper-parameter of head H. */
export type HyperSpecs<H extends HeadId> = { [P in HyperName<H>]: HyperSpec<HeadHyper[H][P]> };

/** How a trainable parameter is shaped, initialised and updated. */
export interface ParamSpec<H extends HeadId> {
  doc: string;
  /** Shape for K classes in D dimensions, or null when these hyper-parameters do not use it. */
  shape: (numClasses: number, dims: number, hyper: HeadHyper[H]) => number[] | null;
  init: ParamInit;
  /** Head means, variances, centers and biases stay out of L2 weight decay. */
  excludeFromWeightDecay: boolean;
  /** 'rule': moved by the head's own update (center loss), not by the optimizer. */
  updatedBy: 'optimizer' | 'rule';
}

/** One spec per parameter of head H (optional tensors included). */
export type ParamSpecs<H extends HeadId> = { [P in ParamName<H>]-?: ParamSpec<H> };

/** Everything the app needs to know about one head. */
export interface HeadSpec<H extends HeadId> {
  id: H;
  name: string;
  summary: string;
  params: ParamSpecs<H>;
  hyper: HyperSpecs<H>;
}
