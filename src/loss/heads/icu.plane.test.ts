import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../math/random';
import { sandboxStep } from '../heads';
import { icuLoss } from '../index';
import { icuPlaneLoss, type IcuPlaneHyper, type IcuPlaneParams } from './icu.plane';

const N = 12,
  K = 3,
  D = 2;

/** Seeded points, labels (every class present) and params, float32-representable so tfjs sees the same numbers. */
function sample(cov: IcuPlaneHyper['cov'], seed: number) {
  const rng = createRng(seed);
  const points = Float32Array.from({ length: N * D }, () => 2 * rng.normal());
  const labels = Uint8Array.from({ length: N }, (_, i) => (i < K ? i : rng.int(K)));
  const params: IcuPlaneParams = {
    means: Float32Array.from({ length: K * D }, () => 1.5 * rng.normal()),
    logVars: Float32Array.from({ length: K * (cov === 'diag' ? D : 1) }, () => 0.5 * rng.normal()),
  };
  return { points, labels, params };
}

const CASES: IcuPlaneHyper[] = (['diag', 'iso'] as const).flatMap((cov) =>
  (['full', 'mahalanobis'] as const).map((marginOn) => ({
    alpha: 0.3,
    gamma: 0.2,
    lambdaMu: 0.15,
    lambdaSigma: 0.07,
    cov,
    marginOn,
  })),
);

const name = (h: IcuPlaneHyper) => `${h.cov} ${h.marginOn}`;

describe('ICU plane math', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES.map((h) => [name(h), h] as const))('%s: gradients match central differences', (_, h) => {
    const { points, labels, params } = sample(h.cov, 5);
    const { grads } = icuPlaneLoss(points, labels, params, h);
    for (const key of ['means', 'logVars'] as const) {
      const base = Float64Array.from(params[key]);
      base.forEach((v, i) => {
        const at = (d: number) => {
          const moved = Float64Array.from(base);
          moved[i] = v + d;
          return icuPlaneLoss(points, labels, { ...params, [key]: moved }, h).total;
        };
        const step = 1e-5;
        const fd = (at(step) - at(-step)) / (2 * step);
        const analytic = grads[key][i] ?? NaN;
        // Relative error < 1e-6, or absolute < 1e-9 where the gradient is ~0.
        expect(Math.abs(fd - analytic), `${key}[${i}]: fd ${fd}, analytic ${analytic}`).toBeLessThan(
          Math.max(1e-9, 1e-6 * Math.abs(fd)),
        );
      });
    }
  });

  it.each(CASES.map((h) => [name(h), h] as const))('%s: loss parts and gradients equal the tfjs head', (_, h) => {
    const { points, labels, params } = sample(h.cov, 9);
    const plain = icuPlaneLoss(points, labels, params, h);
    const x = tf.tensor2d(points, [N, D]);
    const z = tf.tensor1d(Array.from(labels), 'int32');
    const means = tf.tensor2d(params.means as Float32Array, [K, D]);
    const logVars = tf.tensor2d(params.logVars as Float32Array, [K, h.cov === 'diag' ? D : 1]);
    const parts = icuLoss(x, z, { means, logVars }, h);
    const close = (a: number, b: number, what: string) =>
      expect(Math.abs(a - b), `${what}: tfjs ${a}, plain ${b}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(b)));
    close(parts.ce.dataSync()[0] ?? NaN, plain.ce, 'ce');
    close(parts.reg.dataSync()[0] ?? NaN, plain.reg, 'reg');
    close(parts.total.dataSync()[0] ?? NaN, plain.total, 'total');
    const [gm, gs] = tf.grads(
      (m: tf.Tensor, s: tf.Tensor) => icuLoss(x, z, { means: m as tf.Tensor2D, logVars: s as tf.Tensor2D }, h).total,
    )([means, logVars]);
    Array.from(gm?.dataSync() ?? []).forEach((g, i) => close(g, plain.grads.means[i] ?? NaN, `∂/∂means[${i}]`));
    Array.from(gs?.dataSync() ?? []).forEach((g, i) => close(g, plain.grads.logVars[i] ?? NaN, `∂/∂logVars[${i}]`));
    tf.dispose([x, z, means, logVars, parts.ce, parts.reg, parts.total, gm, gs].filter((t) => t !== undefined));
  });

  it.each(CASES.map((h) => [name(h), h] as const))(
    '%s: one sandboxStep lowers the loss, means move toward their points',
    (_, h) => {
      const { points, labels, params } = sample(h.cov, 21);
      const step = sandboxStep('icu', points, labels, params, h, 1e-3);
      expect(step.after.total).toBeLessThan(step.before.total);
      const plain = icuPlaneLoss(points, labels, params, h);
      for (let k = 0; k < K; k++) {
        const dist = (m: ArrayLike<number>) =>
          Math.hypot(
            (m[2 * k] ?? 0) - (plain.batchMeans[2 * k] ?? 0),
            (m[2 * k + 1] ?? 0) - (plain.batchMeans[2 * k + 1] ?? 0),
          );
        expect(dist(step.params.means ?? []), `class ${k}`).toBeLessThan(dist(params.means));
      }
    },
  );

  it('sandboxStep names a head without plane math', () => {
    expect(() => sandboxStep('softmax', new Float32Array(2), new Uint8Array(1), {}, {}, 0.1)).toThrow(/softmax/);
  });
});
