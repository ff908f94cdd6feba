import type * as tf from '@tensorflow/tfjs';
import type { HeadDefinition, HyperOf, ParamValues } from './head';

/** What every head returns: total = ce + reg, each a scalar (a type alias so tf.tidy can return it). */
export type LossParts = {
  total: tf.Scalar;
  ce: tf.Scalar;
  reg: tf.Scalar;
};

/** A head's trainable tensors by name: rank-1 parameters as Tensor1D, rank-2 as Tensor2D. */
export type TensorParams<D extends HeadDefinition> = ParamValues<D['params'], tf.Tensor1D, tf.Tensor2D>;

/** New values for the parameters a head moves by its own rule rather than by the optimizer. */
export type RuleUpdates = Readonly<Record<string, tf.Tensor>>;

/** A head's tensor math under the app's hyper-parameters: the `.tf.ts` twin of its definition. */
export interface HeadTf<D extends HeadDefinition = HeadDefinition> {
  definition: D;
  /** The training loss at step `iteration` (which drives L-Softmax's β). */
  loss(x: tf.Tensor2D, z: tf.Tensor1D, p: TensorParams<D>, h: HyperOf<D['hyper']>, iteration: number): LossParts;
  /** Inference logits [N, K] (L-Softmax m = 1; Gaussian heads −d with α = γ = 0): argmax is the prediction. */
  logits(x: tf.Tensor2D, p: TensorParams<D>): tf.Tensor2D;
  /** Parameters moved by the head's own rule after each step (center loss: centers); assign them. */
  ruleUpdates?(x: tf.Tensor2D, z: tf.Tensor1D, p: TensorParams<D>, h: HyperOf<D['hyper']>): RuleUpdates;
}
