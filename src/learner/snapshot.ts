import type { Architecture } from '../model/architecture';
import { normalizedLayers, backboneParams } from '../model/architecture';
import { anyHead, type HeadId } from '../loss/heads';

/** The prefix of a head's values among a learner's (the backbone's names have none). */
export const HEAD_PREFIX = 'head.';

/** Adam's step count and its moment estimates by parameter name (the names of the optimizer-trained values). */
export interface OptimizerSnapshot {
  t: number;
  m: Record<string, Float32Array>;
  v: Record<string, Float32Array>;
}

/**
 * One learner's state, every array keyed by parameter name so that the network's and the
 * optimizer's internal layouts can change without breaking saved runs: values (backbone,
 * BN statistics, `head.`-prefixed head), hyper-parameters, and Adam's state — null for a
 * fresh optimizer (a trained state shipped without its moments).
 */
export interface LearnerSnapshot {
  head: HeadId;
  values: Record<string, Float32Array>;
  hyper: Record<string, number | string>;
  optimizer: OptimizerSnapshot | null;
}

/** The size of every value a learner holds, by name, and which of them Adam trains. */
export interface LearnerLayout {
  sizes: Map<string, number>;
  trained: string[];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** What a learner of `head` with `hyper` on `arch` holds: the names and sizes a snapshot must have. */
export function learnerLayout(
  arch: Architecture,
  head: HeadId,
  hyper: Record<string, number | string>,
  numClasses: number,
): LearnerLayout {
  const sizes = new Map<string, number>();
  const trained: string[] = [];
  for (const p of backboneParams(arch)) {
    sizes.set(p.name, size(p.shape));
    trained.push(p.name);
  }
  for (const { width, stats } of normalizedLayers(arch)) {
    sizes.set(stats.mean, width);
    sizes.set(stats.variance, width);
  }
  for (const [name, spec] of Object.entries(anyHead(head).params)) {
    const shape = spec.shape(numClasses, arch.featureDim, hyper);
    if (!shape) continue;
    sizes.set(HEAD_PREFIX + name, size(shape));
    if (spec.updatedBy === 'optimizer') trained.push(HEAD_PREFIX + name);
  }
  return { sizes, trained };
}
