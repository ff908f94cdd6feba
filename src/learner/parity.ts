/**
 * Training parity: the lab's own Learner trained on a fixture from an independent
 * implementation (../shared/spec/parity/README.md: architecture, initial values, batches,
 * optimizer and batch-norm constants, per-step L-Softmax β), and its numbers compared
 * with the fixture's. Nothing of the training math is copied here: every step is
 * Learner.trainStep.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../data/idx';
import { normalizeInto, type Normalization } from '../data/normalize';
import { defaultHyper, isHeadId, type HeadHyper, type HeadId } from '../loss/heads';
import type { Architecture } from '../model/architecture';
import { normalizedLayers, backboneParams } from '../model/architecture';
import type { BackboneValues } from '../model/backbone';
import { Learner, type StepLoss } from './learner';

/** What one head of a fixture holds: hyper-parameters and initial values in, reference numbers out. */
interface FixtureHead {
  hyper: Record<string, number | string>;
  init: Record<string, number[]>;
  steps: StepLoss[];
  running: Record<string, number[]>;
  evalFeatures: number[];
  evalPredictions: number[];
}

/** A parity fixture as `parity.json` holds it (the images come from `parity-images.bin`). */
export interface ParityFixture {
  architecture: Architecture;
  numClasses: number;
  normalization: Normalization;
  optimizer: { lr: number; beta1: number; beta2: number; epsilon: number; weightDecay: number };
  batchNorm: { momentum: number; epsilon: number };
  lsoftmaxBetaPerStep?: number[];
  steps: number;
  batch: number;
  trainLabels: number[];
  testLabels: number[];
  backbone: Record<string, number[]>;
  heads: Record<string, FixtureHead>;
}

/** What the lab computed for one head, in the fixture's shape. */
export interface HeadParity {
  steps: StepLoss[];
  running: Record<string, number[]>;
  evalFeatures: number[];
  evalPredictions: number[];
}

/** The parity command's output: `{ heads: { <head>: HeadParity } }`. */
export interface ParityResult {
  heads: Record<string, HeadParity>;
}

/** Tolerances of the check (judged: total loss, running statistics, eval features). */
const PARITY_TOLERANCES = {
  /** |Δ| / |ref| of a step's total loss. */
  stepTotal: 2e-3,
  /** |Δ| / (1 + |ref|) of a running mean. */
  runningMean: 2e-2,
  /** |Δ| / |ref| of a running variance. */
  runningVar: 2e-2,
  /** |Δ| / (1 + |ref|) of an eval-mode feature. */
  evalFeature: 3e-2,
} as const;

type Judged = keyof typeof PARITY_TOLERANCES;

/** The largest error of one kind, as a share of its tolerance (> 1 fails), and where it was. */
export interface WorstError {
  kind: Judged | 'stepCe' | 'stepReg';
  error: number;
  tolerance: number | null;
  where: string;
  got: number;
  want: number;
}

/** One head's comparison: the worst error of each kind, prediction agreement, and whether it holds. */
export interface HeadReport {
  head: string;
  worst: WorstError[];
  predictionsAgree: number;
  predictions: number;
  pass: boolean;
}

/** A fixture rejected for its content (a missing or mis-sized value): the message names it. */
class FixtureError extends Error {}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === null) throw new FixtureError(`the fixture has no ${what}`);
  return value;
}

function floats(values: number[] | undefined, size: number, what: string): Float32Array {
  const v = need(values, what);
  if (v.length !== size) throw new FixtureError(`${what} has ${v.length} values, the network needs ${size}`);
  return Float32Array.from(v);
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The fixture's backbone as the lab's values. A layer followed by batch norm has no bias
 * in the lab; the fixture may list it, but only as zeros (which batch norm cancels).
 */
function backboneValues(f: ParityFixture): BackboneValues {
  const values: BackboneValues = {};
  for (const s of backboneParams(f.architecture))
    values[s.name] = floats(f.backbone[s.name], sizeOf(s.shape), `backbone value ${s.name}`);
  for (const { name, width } of normalizedLayers(f.architecture)) {
    for (const stat of ['mean', 'var'])
      values[`${name}.bn.${stat}`] = floats(
        f.backbone[`${name}.bn.${stat}`],
        width,
        `backbone value ${name}.bn.${stat}`,
      );
    const bias = f.backbone[`${name}.b`];
    if (bias?.some((b) => b !== 0))
      throw new FixtureError(`${name}.b is not zero: the lab has no bias before batch norm`);
  }
  const extra = Object.keys(f.backbone).filter((k) => !(k in values) && !/^(conv\d|fc1)\.b$/.test(k));
  if (extra.length > 0) throw new FixtureError(`backbone values the network does not have: ${extra.join(', ')}`);
  return values;
}

/**
 * The fixture's hyper-parameters over the lab's defaults: a trailing underscore is dropped
 * (`lambda_` is λ); an L-GM head given initial log-variances learns a diagonal covariance.
 */
function hyperOf<H extends HeadId>(head: H, given: FixtureHead): HeadHyper[H] {
  const hyper = defaultHyper(head) as Record<string, number | string>;
  if (head === 'lgm' && given.init.logVars) hyper.covariance = 'diag';
  for (const [key, value] of Object.entries(given.hyper)) {
    const name = key.replace(/_$/, '');
    if (!(name in hyper))
      throw new FixtureError(
        `${head} has no hyper-parameter ${key} (it has ${Object.keys(hyper).join(', ') || 'none'})`,
      );
    hyper[name] = value;
  }
  return hyper as HeadHyper[H];
}

/** The normalized images of digits [from, from + n) as a [n, 28, 28, 1] tensor. */
function imagesOf(pixels: Uint8Array, from: number, n: number, norm: Normalization): tf.Tensor4D {
  const indices = Array.from({ length: n }, (_, i) => from + i);
  return tf.tensor4d(normalizeInto(pixels, indices, new Float32Array(n * IMAGE_SIZE), norm), [n, 28, 28, 1]);
}

/** Trains one head of the fixture with the lab's Learner and reads back what the fixture records. */
async function trainHead<H extends HeadId>(
  f: ParityFixture,
  pixels: Uint8Array,
  head: H,
  given: FixtureHead,
): Promise<HeadParity> {
  const hyper = hyperOf(head, given);
  const learner = new Learner<H>({
    arch: f.architecture,
    head,
    hyper,
    seed: 0,
    numClasses: f.numClasses,
    backbone: backboneValues(f),
    adam: { beta1: f.optimizer.beta1, beta2: f.optimizer.beta2, epsilon: f.optimizer.epsilon },
    bn: f.batchNorm,
  });
  try {
    const shapes = Object.fromEntries(Object.entries(learner.head.vars).map(([n, v]) => [n, v.size]));
    const extra = Object.keys(given.init).filter((n) => !(n in shapes));
    if (extra.length > 0) throw new FixtureError(`${head} has no parameter ${extra.join(', ')}`);
    learner.head.assign(
      Object.fromEntries(
        Object.entries(shapes).map(([n, size]) => [n, floats(given.init[n], size, `${head} init.${n}`)]),
      ),
    );
    const steps: StepLoss[] = [];
    for (let i = 0; i < f.steps; i++) {
      // The fixture fixes L-Softmax's β per step: hold it with the 'constant' schedule.
      if (head === 'lsoftmax') {
        const beta = need(f.lsoftmaxBetaPerStep?.[i], `lsoftmaxBetaPerStep[${i}]`);
        await learner.setHyper({ ...hyper, schedule: 'constant', betaMin: beta });
      }
      const x = imagesOf(pixels, i * f.batch, f.batch, f.normalization);
      const z = tf.tensor1d(f.trainLabels.slice(i * f.batch, (i + 1) * f.batch), 'int32');
      steps.push(await learner.trainStep(x, z, f.optimizer.lr, f.optimizer.weightDecay));
      tf.dispose([x, z]);
    }
    const values = await learner.backbone.values();
    const running: Record<string, number[]> = {};
    for (const { name } of normalizedLayers(f.architecture)) {
      for (const stat of ['mean', 'var']) running[`${name}.bn.${stat}`] = Array.from(values[`${name}.bn.${stat}`]!);
    }
    const x = imagesOf(pixels, f.steps * f.batch, f.testLabels.length, f.normalization);
    const features = learner.features(x, 'eval');
    const predictions = learner.predict(features);
    const result = {
      steps,
      running,
      evalFeatures: Array.from(await features.data()),
      evalPredictions: Array.from(await predictions.data()),
    };
    tf.dispose([x, features, predictions]);
    return result;
  } finally {
    learner.dispose();
  }
}

/** Checks the fixture's sizes against its images, so a truncated file fails with a message, not a wrong number. */
function checkShape(f: ParityFixture, pixels: Uint8Array): void {
  for (const key of ['architecture', 'normalization', 'optimizer', 'batchNorm', 'backbone', 'heads'] as const)
    need(f[key], key);
  const digits = f.steps * f.batch + f.testLabels.length;
  if (f.trainLabels.length !== f.steps * f.batch)
    throw new FixtureError(`${f.trainLabels.length} training labels for ${f.steps} steps of ${f.batch}`);
  if (pixels.length !== digits * IMAGE_SIZE) {
    throw new FixtureError(
      `the images file holds ${pixels.length} bytes, ${digits} digits need ${digits * IMAGE_SIZE}`,
    );
  }
}

/** Trains every head the fixture lists (in its order) and returns the lab's numbers. */
export async function runParity(f: ParityFixture, pixels: Uint8Array): Promise<ParityResult> {
  checkShape(f, pixels);
  const heads: Record<string, HeadParity> = {};
  for (const [head, given] of Object.entries(f.heads)) {
    if (!isHeadId(head)) throw new FixtureError(`unknown head ${head}`);
    heads[head] = await trainHead(f, pixels, head, given);
  }
  return { heads };
}

/** The worst of |got − want| / scale(want) over paired values. */
function worstOf(
  kind: WorstError['kind'],
  got: number[],
  want: number[],
  scale: (w: number) => number,
  where: (i: number) => string,
): WorstError {
  const tolerance = kind in PARITY_TOLERANCES ? PARITY_TOLERANCES[kind as Judged] : null;
  let worst: WorstError = { kind, error: 0, tolerance, where: '-', got: NaN, want: NaN };
  want.forEach((w, i) => {
    const g = got[i] ?? NaN;
    const error = Math.abs(g - w) / scale(w);
    if (!(error <= worst.error))
      worst = { kind, error: Number.isNaN(error) ? Infinity : error, tolerance, where: where(i), got: g, want: w };
  });
  return worst;
}

const relative = (w: number) => Math.abs(w) || 1;
const onePlus = (w: number) => 1 + Math.abs(w);

/** Compares one head's numbers with the fixture's: the judged kinds must stay within PARITY_TOLERANCES. */
function compareHead(head: string, got: HeadParity, want: FixtureHead): HeadReport {
  const step = (i: number) => `step ${i}`;
  const pick = (key: keyof StepLoss) => [got.steps.map((s) => s[key]), want.steps.map((s) => s[key])] as const;
  const stats = (suffix: string) => {
    const names = Object.keys(want.running).filter((n) => n.endsWith(suffix));
    const at = names.flatMap((n) => want.running[n]!.map((_, c) => `${n}[${c}]`));
    return [
      names.flatMap((n) => got.running[n] ?? []),
      names.flatMap((n) => want.running[n]!),
      (i: number) => at[i] ?? '?',
    ] as const;
  };
  const [meanGot, meanWant, meanAt] = stats('.mean');
  const [varGot, varWant, varAt] = stats('.var');
  const worst = [
    worstOf('stepTotal', ...pick('total'), relative, step),
    worstOf('stepCe', ...pick('ce'), relative, step),
    worstOf('stepReg', ...pick('reg'), relative, step),
    worstOf('runningMean', meanGot, meanWant, onePlus, meanAt),
    worstOf('runningVar', varGot, varWant, relative, varAt),
    worstOf('evalFeature', got.evalFeatures, want.evalFeatures, onePlus, (i) => `digit ${i >> 1} feature ${i & 1}`),
  ];
  const agree = want.evalPredictions.filter((p, i) => got.evalPredictions[i] === p).length;
  const pass = worst.every((w) => w.tolerance === null || w.error <= w.tolerance);
  return { head, worst, predictionsAgree: agree, predictions: want.evalPredictions.length, pass };
}

/** Every head's comparison. */
export function compareParity(f: ParityFixture, result: ParityResult): HeadReport[] {
  return Object.entries(f.heads).map(([head, want]) =>
    compareHead(head, need(result.heads[head], `result for ${head}`), want),
  );
}
