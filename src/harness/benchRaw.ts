import * as tf from '@tensorflow/tfjs';
import { createRng } from '../math/random';
import { NETWORKS } from '../model/architecture';
import { Backbone, initialBackboneValues } from '../model/backbone';
import { chooseBackend } from '../trainer/worker/backend';
import { syntheticDigits } from './benchData';
import { rate, type BenchOptions, type BenchResult } from './benchTypes';
import type { LongTaskLog } from './longTasks';

/**
 * The network alone: forward (batch statistics) and every backbone gradient through a fixed
 * 2 → 10 softmax classifier, with no optimizer, head, worker or messages around it — the
 * limit a training loop on this backend can approach. A step ends when conv1's gradient,
 * the last one back-propagation computes, has been read back.
 */
export async function benchRaw(o: BenchOptions, log: LongTaskLog): Promise<BenchResult> {
  const { backend, reason } = await chooseBackend(o.backend, [], o.threads);
  const arch = NETWORKS[o.network];
  const net = new Backbone(arch, initialBackboneValues(arch, createRng(1)));
  const data = syntheticDigits(o.batch, 3);
  const classifier = tf.randomNormal([arch.featureDim, 10], 0, 1, 'float32', 4);
  const step = async () => {
    const { value, grads } = tf.variableGrads(
      () =>
        tf.tidy(() => {
          const logits = tf.matMul(net.forward(data.x, 'train').features, classifier);
          return tf.losses.softmaxCrossEntropy(data.y, logits) as tf.Scalar;
        }),
      Object.values(net.params),
    );
    await grads[net.params['conv1.w']!.name]!.data();
    tf.dispose([value, ...Object.values(grads)]);
  };
  for (let i = 0; i < o.warmup; i++) await step();
  const t0 = performance.now();
  for (let i = 0; i < o.steps; i++) await step();
  const t1 = performance.now();
  tf.dispose([data.x, data.y, classifier]);
  net.dispose();
  return { backend, backendReason: reason, ...rate(o.steps, o.batch, t1 - t0), longTasks: await log.between(t0, t1) };
}
