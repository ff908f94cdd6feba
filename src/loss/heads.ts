import type { Rng } from '../math/random';
import { defaultsOf, specError, type HeadDefinition, type HyperOf, type HyperSpec, type ParamValues } from './head';
import { center } from './heads/center';
import { icu } from './heads/icu';
import { lgm } from './heads/lgm';
import { lsoftmax } from './heads/lsoftmax';
import { softmax } from './heads/softmax';
import { classifyWith, scorePoints, type PlaneArray, type PlaneLossParts, type Scorer } from './plane';

/**
 * The heads, in the order the app shows them. A new head is its definition (`heads/<head>.ts`), its
 * plane math (`heads/<head>.plane.ts`), its tensor math (`heads/<head>.tf.ts`, listed in heads.tf.ts)
 * and a section of docs/losses.md;
 * every table keyed by head is derived from this list. No tfjs here: the main thread imports it.
 */
export const HEAD_LIST = [softmax, center, lsoftmax, lgm, icu] as const;

type AnyHead = (typeof HEAD_LIST)[number];

/** One head's identifier. */
export type HeadId = AnyHead['id'];

/** The definition of head H. */
export type HeadOf<H extends HeadId> = Extract<AnyHead, { id: H }>;

/** The heads' identifiers, in display order. */
export const HEAD_IDS: readonly HeadId[] = HEAD_LIST.map((h) => h.id);

/** The heads whose classes are Gaussians (a mean and a covariance each). */
export type GaussianHeadId = { [H in HeadId]: HeadOf<H> extends { gaussian: unknown } ? H : never }[HeadId];

/** Each head's hyper-parameters as the app sets them. */
export type HeadHyper = { [H in HeadId]: HyperOf<HeadOf<H>['hyper']> };

/** Each head's parameters as flat row-major Float32Arrays in the plane (see plane.ts for the layouts). */
export type HeadArrays = { [H in HeadId]: ParamValues<HeadOf<H>['params'], Float32Array, Float32Array> };

const BY_ID = new Map<string, HeadDefinition>(HEAD_LIST.map((h) => [h.id, h]));

/** Whether `value` names a head. */
export function isHeadId(value: unknown): value is HeadId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** Head H's definition. */
export function headOf<H extends HeadId>(id: H): HeadOf<H> {
  // The map holds exactly HEAD_LIST, so the entry under H is H's definition.
  return BY_ID.get(id) as HeadOf<H>;
}

/**
 * Head `id`'s definition seen without its precise types, for code that treats every head alike
 * (validation, initialisation, plots). Its methods check their arguments' shapes themselves.
 */
export function anyHead(id: HeadId): HeadDefinition {
  return BY_ID.get(id)!;
}

/** Each head as the papers and the page name it. */
export const HEAD_NAMES = Object.fromEntries(HEAD_LIST.map((h) => [h.id, h.name])) as Readonly<Record<HeadId, string>>;

/** A fresh copy of a head's default hyper-parameters. */
export function defaultHyper<H extends HeadId>(id: H): HeadHyper[H] {
  return defaultsOf(headOf(id).hyper) as HeadHyper[H];
}

/** The spec of hyper-parameter `name` of a head, or undefined if it has none by that name. */
export function hyperSpecOf(id: HeadId, name: string): HyperSpec | undefined {
  const specs = anyHead(id).hyper;
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}

/** An error message if `value` is not valid for hyper-parameter `name` of the head, else null. */
export function validateHyper(id: HeadId, name: string, value: unknown): string | null {
  const spec = hyperSpecOf(id, name);
  return spec ? specError(spec, value) : `${id} has no hyper-parameter '${name}'`;
}

/** Every problem with a full hyper-parameter set: invalid values, and missing or unknown names. */
export function hyperErrors<H extends HeadId>(id: H, hyper: HeadHyper[H]): string[] {
  const given: Readonly<Record<string, unknown>> = hyper;
  const names = new Set([...Object.keys(anyHead(id).hyper), ...Object.keys(given)]);
  return [...names].flatMap((name) => {
    const error = validateHyper(id, name, given[name]);
    return error ? [error] : [];
  });
}

/** A parameter's initial values and how the trainer must treat it. */
export interface InitialParam {
  name: string;
  shape: number[];
  values: Float32Array;
  excludeFromWeightDecay: boolean;
  updatedBy: 'optimizer' | 'rule';
}

/** Initial values of every parameter the head uses for K classes in D dimensions, drawn from `rng` in declaration order. */
export function initHeadParams<H extends HeadId>(
  id: H,
  numClasses: number,
  dims: number,
  hyper: HeadHyper[H],
  rng: Rng,
): InitialParam[] {
  return Object.entries(anyHead(id).params).flatMap(([name, s]) => {
    const shape = s.shape(numClasses, dims, hyper);
    if (!shape) return [];
    const { excludeFromWeightDecay, updatedBy } = s;
    return [{ name, shape, values: s.init(rng, shape), excludeFromWeightDecay, updatedBy }];
  });
}

/**
 * A head's parameters by name (as a frame carries them) typed by its definition: its parameters
 * only, every required one present, or an error naming the head and the field.
 */
export function headArrays<H extends HeadId>(id: H, params: Readonly<Record<string, Float32Array>>): HeadArrays[H] {
  const picked: Record<string, Float32Array> = {};
  for (const [name, spec] of Object.entries(anyHead(id).params)) {
    const values = params[name];
    if (values) picked[name] = values;
    else if (!spec.optional) throw new Error(`${id} head frame has no "${name}" parameter`);
  }
  // Exactly the definition's parameters, the required ones present; their layouts are the scorer's to check.
  return picked as HeadArrays[H];
}

/** The plane scorer of head H. */
function scorerOf<H extends HeadId>(id: H, params: HeadArrays[H]): Scorer {
  return anyHead(id).scorer(params);
}

/** The number of classes a head's parameters describe. */
export function classCount<H extends HeadId>(id: H, params: HeadArrays[H]): number {
  return scorerOf(id, params).numClasses;
}

/** Inference logits [N·K] row-major for points xy = [x0, y0, x1, y1, …] (−d for the Gaussian heads). */
export function inferenceScores<H extends HeadId>(id: H, params: HeadArrays[H], xy: Float32Array): Float32Array {
  return scorePoints(scorerOf(id, params), xy);
}

/**
 * Predicted class of each point (argmax of the inference logits; argmin d for Gaussian heads), first
 * index on ties like tf.argMax. Pass `out` to reuse a buffer when sweeping a grid.
 */
export function classifyPoints<H extends HeadId>(
  id: H,
  params: HeadArrays[H],
  xy: Float32Array,
  out?: Uint8Array,
): Uint8Array {
  return classifyWith(scorerOf(id, params), xy, out);
}

/** The sandbox's "Step": the parameters after one step, and the loss parts before and after it. */
export interface SandboxStep {
  params: Record<string, Float64Array>;
  before: PlaneLossParts;
  after: PlaneLossParts;
}

/**
 * One plain gradient-descent step θ ← θ − lr·∂loss/∂θ of head `id`'s parameters on a sample of the plane
 * (issue 16's sandbox). Plain descent, not Adam, so the step the user sees is the gradient itself.
 */
export function sandboxStep<H extends HeadId>(
  id: H,
  points: Float32Array,
  labels: Uint8Array,
  params: Readonly<Record<string, PlaneArray>>,
  hyper: HeadHyper[H],
  lr: number,
): SandboxStep {
  const plane = anyHead(id).plane;
  if (!(lr > 0)) throw new Error(`sandboxStep lr: ${lr} is not a positive number`);
  const before = plane(points, labels, params, hyper);
  const next = Object.fromEntries(
    Object.entries(params).map(([name, values]) => {
      const g = before.grads[name];
      if (!g) throw new Error(`sandboxStep: no gradient for parameter '${name}' of head '${id}'`);
      return [name, Float64Array.from(values, (v, i) => v - lr * (g[i] ?? 0))];
    }),
  );
  return { params: next, before, after: plane(points, labels, next, hyper) };
}
