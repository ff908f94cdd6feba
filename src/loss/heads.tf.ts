import * as tf from '@tensorflow/tfjs';
import type { HeadTf, LossParts, RuleUpdates, TensorParams } from './head.tf';
import type { HeadHyper, HeadId, HeadOf } from './heads';
import { centerTf } from './heads/center.tf';
import { icuTf } from './heads/icu.tf';
import { lgmTf } from './heads/lgm.tf';
import { lSoftmaxTf } from './heads/lsoftmax.tf';
import { softmaxTf } from './heads/softmax.tf';

/** Every head's tensor math: the twin of heads.ts's list. */
const TF_LIST = [softmaxTf, centerTf, lSoftmaxTf, lgmTf, icuTf] as const;

const TF_BY_ID = new Map<string, HeadTf>(TF_LIST.map((t) => [t.definition.id, t]));

/**
 * A head's tensor math, seen through the registry's types. The id's type is the listed heads', so a
 * head of heads.ts left out of TF_LIST is a compile error wherever the registry calls this.
 */
function tfOf(id: (typeof TF_LIST)[number]['definition']['id']): HeadTf {
  return TF_BY_ID.get(id)!;
}

/** Each head's trainable tensors by name: the parameter objects of the spec's loss functions. */
export type HeadParams = { [H in HeadId]: TensorParams<HeadOf<H>> };

/** Tensors by parameter name, as a trainer holds its variables. */
export type NamedTensors = Readonly<Record<string, tf.Tensor | undefined>>;

/** Turn a trainer's named tensors (e.g. tf.Variables) into head H's typed parameter object, checking ranks. */
export function bindParams<H extends HeadId>(id: H, tensors: NamedTensors): HeadParams[H] {
  const bound: Record<string, tf.Tensor> = {};
  for (const [name, spec] of Object.entries(tfOf(id).definition.params)) {
    const t = tensors[name];
    if (!t && spec.optional) continue;
    if (!t || t.rank !== spec.rank) throw new Error(`${id}: parameter '${name}' must be a rank-${spec.rank} tensor`);
    bound[name] = t;
  }
  // Every parameter of the definition is bound with its rank (checked above).
  return bound as HeadParams[H];
}

/** Any head's loss under the registry's hyper-parameters at training step `iteration` (drives L-Softmax's β). */
export function headLoss<H extends HeadId>(
  id: H,
  x: tf.Tensor2D,
  z: tf.Tensor1D,
  params: HeadParams[H],
  hyper: HeadHyper[H],
  iteration: number,
): LossParts {
  return tfOf(id).loss(x, z, params, hyper, iteration);
}

/** Inference logits [N, K] (L-Softmax m = 1; Gaussian heads −d with α = γ = 0): argmax is the prediction. */
export function headLogits<H extends HeadId>(id: H, x: tf.Tensor2D, params: HeadParams[H]): tf.Tensor2D {
  return tf.tidy(() => tfOf(id).logits(x, params));
}

/** New values for parameters a head moves by its own rule (center loss: centers); assign them after each step. */
export function headRuleUpdates<H extends HeadId>(
  id: H,
  x: tf.Tensor2D,
  z: tf.Tensor1D,
  params: HeadParams[H],
  hyper: HeadHyper[H],
): RuleUpdates {
  return tfOf(id).ruleUpdates?.(x, z, params, hyper) ?? {};
}
