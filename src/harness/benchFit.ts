import * as tf from '@tensorflow/tfjs';
import { NETWORKS, type Architecture } from '../model/architecture';
import { DEFAULT_CONFIG } from '../trainer/shared/config';
import { chooseBackend } from '../trainer/worker/backend';
import { syntheticDigits } from './benchData';
import { rate, type BenchOptions, type BenchResult } from './benchTypes';
import type { LongTaskLog } from './longTasks';

/** PyTorch's PReLU starts at 0.25; Keras's at 0. */
const PRELU = { alphaInitializer: tf.initializers.constant({ value: 0.25 }) };

/**
 * The network written the conventional way, as tfjs's MNIST example writes its model (for the
 * paper's widths: conv32-BN-PReLU ×2, pool, conv64-BN-PReLU ×2, pool, dense128-BN-PReLU,
 * dense2-PReLU, dense10 softmax), with the same L2 weight decay on kernels (wd/2·‖W‖²). PReLU
 * has one slope per channel.
 */
function layersModel(arch: Architecture): tf.Sequential {
  const [c1, c2, c3, c4] = arch.conv;
  const l2 = tf.regularizers.l2({ l2: DEFAULT_CONFIG.weightDecay / 2 });
  const model = tf.sequential();
  const conv = (filters: number, first = false) => {
    model.add(
      tf.layers.conv2d({
        ...(first ? { inputShape: [28, 28, 1] } : {}),
        filters,
        kernelSize: 3,
        padding: 'same',
        kernelRegularizer: l2,
      }),
    );
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.prelu({ ...PRELU, sharedAxes: [1, 2] }));
  };
  conv(c1, true);
  conv(c2);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  conv(c3);
  conv(c4);
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: arch.hidden, kernelRegularizer: l2 }));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.prelu(PRELU));
  model.add(tf.layers.dense({ units: arch.featureDim, kernelRegularizer: l2 }));
  model.add(tf.layers.prelu(PRELU));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelRegularizer: l2 }));
  return model;
}

/** `model.fit` on the page's main thread, Adam at the app's learning rate; one fit to warm up, one timed. */
export async function benchFit(o: BenchOptions, log: LongTaskLog): Promise<BenchResult> {
  const { backend, reason } = await chooseBackend(o.backend, [], o.threads);
  const model = layersModel(NETWORKS[o.network]);
  model.compile({
    optimizer: tf.train.adam(DEFAULT_CONFIG.learningRate),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const warm = syntheticDigits(o.warmup * o.batch, 1),
    timed = syntheticDigits(o.steps * o.batch, 2);
  // shuffle off: the same batches on every run (the order does not change the cost).
  const fit = (d: typeof warm) => model.fit(d.x, d.y, { batchSize: o.batch, epochs: 1, shuffle: false });
  await fit(warm);
  const t0 = performance.now();
  await fit(timed);
  const t1 = performance.now();
  tf.dispose([warm.x, warm.y, timed.x, timed.y]);
  model.dispose();
  return { backend, backendReason: reason, ...rate(o.steps, o.batch, t1 - t0), longTasks: await log.between(t0, t1) };
}
