import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { gaussianDistances, icuLogits, icuLoss, lgmLogits, lgmLoss, lSoftmaxLogits, lSoftmaxLoss } from './index';
import { referenceBeta } from './betaSchedule';
import {
  anyHead,
  defaultHyper,
  HEAD_IDS,
  hyperErrors,
  initHeadParams,
  validateHyper,
  type HeadHyper,
  type HeadId,
} from './heads';
import { bindParams, headLogits, headLoss, headRuleUpdates } from './heads.tf';
import { readParts, workedTensors } from './testSupport';

let w: ReturnType<typeof workedTensors>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  w = workedTensors();
});

describe('hyper-parameters', () => {
  it("defaults are the papers' settings and pass their own validation", () => {
    expect(defaultHyper('icu')).toEqual({
      alpha: 1e-4,
      gamma: 1e-3,
      lambdaMu: 0.1,
      lambdaSigma: 0.1,
      cov: 'diag',
      marginOn: 'full',
    });
    expect(defaultHyper('center')).toEqual({ lambda: 0.01, alpha: 0.5 });
    expect(defaultHyper('lgm')).toMatchObject({ alpha: 0.1, lambda: 0.1, covariance: 'identity' });
    expect(defaultHyper('lsoftmax')).toMatchObject({ m: 2, betaMin: 0 });
    for (const id of HEAD_IDS) expect(hyperErrors(id, defaultHyper(id))).toEqual([]);
  });

  it('validateHyper rejects out-of-range, non-finite, non-integer, unknown and off-list values', () => {
    expect(validateHyper('icu', 'gamma', 0)).toBeNull();
    expect(validateHyper('icu', 'gamma', 20)).toMatch(/between/);
    expect(validateHyper('icu', 'alpha', -1e-4)).toMatch(/between/);
    expect(validateHyper('icu', 'lambdaMu', NaN)).toMatch(/finite/);
    expect(validateHyper('icu', 'lambdaMu', Infinity)).toMatch(/finite/);
    expect(validateHyper('icu', 'lambdaMu', '0.1')).toMatch(/finite/);
    expect(validateHyper('lsoftmax', 'runLength', 10.5)).toMatch(/integer/);
    expect(validateHyper('lsoftmax', 'runLength', 0)).toMatch(/between/);
    expect(validateHyper('lsoftmax', 'm', 5)).toMatch(/one of 1, 2, 3, 4/);
    expect(validateHyper('icu', 'cov', 'full')).toMatch(/one of diag, iso/);
    expect(validateHyper('softmax', 'lambda', 1)).toMatch(/no hyper-parameter/);
    expect(validateHyper('icu', 'toString', 1)).toMatch(/no hyper-parameter/);
  });

  it('log-scale specs have a positive minimum', () => {
    for (const id of HEAD_IDS) {
      for (const spec of Object.values(anyHead(id).hyper)) {
        if (spec.kind === 'number' && spec.scale === 'log') expect(spec.min).toBeGreaterThan(0);
      }
    }
  });
});

describe('parameters', () => {
  it('initialises deterministically: means ~ N(0, 1), log-variances 0, centers 0', () => {
    const icu = initHeadParams('icu', 10, 2, defaultHyper('icu'), createRng(1));
    expect(icu.map((p) => [p.name, p.shape])).toEqual([
      ['means', [10, 2]],
      ['logVars', [10, 2]],
    ]);
    expect(Array.from(icu[1]?.values ?? [])).toEqual(new Array(20).fill(0));
    expect(initHeadParams('icu', 10, 2, defaultHyper('icu'), createRng(1))).toEqual(icu);
    const big = initHeadParams('lgm', 1000, 2, defaultHyper('lgm'), createRng(2))[0]?.values ?? new Float32Array();
    const mean = big.reduce((a, b) => a + b, 0) / big.length,
      sd = Math.sqrt(big.reduce((a, b) => a + b * b, 0) / big.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(sd - 1)).toBeLessThan(0.1);
    const centers = initHeadParams('center', 3, 2, defaultHyper('center'), createRng(3)).find(
      (p) => p.name === 'centers',
    );
    expect(centers).toMatchObject({ shape: [3, 2], updatedBy: 'rule', excludeFromWeightDecay: true });
  });

  it('shapes follow the covariance settings', () => {
    const names = (h: HeadHyper['lgm']): string[] => initHeadParams('lgm', 3, 2, h, createRng(0)).map((p) => p.name);
    expect(names(defaultHyper('lgm'))).toEqual(['means']);
    expect(names({ ...defaultHyper('lgm'), covariance: 'diag' })).toEqual(['means', 'logVars']);
    const iso = initHeadParams('icu', 3, 2, { ...defaultHyper('icu'), cov: 'iso' }, createRng(0));
    expect(iso[1]?.shape).toEqual([3, 1]);
  });

  it('keeps head means, variances, centers and biases out of weight decay, not FC weights', () => {
    const excludedFromWeightDecay = (id: HeadId) =>
      initHeadParams(id, 3, 2, { ...defaultHyper(id), covariance: 'diag' } as never, createRng(0))
        .filter((p) => p.excludeFromWeightDecay)
        .map((p) => p.name);
    expect(excludedFromWeightDecay('lgm')).toEqual(['means', 'logVars']);
    expect(excludedFromWeightDecay('icu')).toEqual(['means', 'logVars']);
    expect(excludedFromWeightDecay('center')).toEqual(['bias', 'centers']);
    expect(excludedFromWeightDecay('softmax')).toEqual(['bias']);
    expect(excludedFromWeightDecay('lsoftmax')).toEqual([]);
  });

  it('bindParams checks presence and rank', () => {
    expect(bindParams('icu', { means: w.means, logVars: w.logVars }).means).toBe(w.means);
    expect(() => bindParams('icu', { means: w.means })).toThrow(/logVars/);
    expect(() => bindParams('softmax', { weights: w.weights, bias: w.weights })).toThrow(/rank-1/);
    expect(bindParams('lgm', { means: w.means }).logVars).toBeUndefined();
  });
});

describe('headLoss dispatch', () => {
  it('calls each head with the registry hyper-parameters', () => {
    const icuH = { ...defaultHyper('icu'), alpha: 0.1, gamma: 0.2 };
    const p = { means: w.means, logVars: w.logVars };
    expect(readParts(headLoss('icu', w.x, w.z, p, icuH, 0)).total).toBeCloseTo(0.300614751, 5);
    expect(readParts(headLoss('lgm', w.x, w.z, p, defaultHyper('lgm'), 0)).total).toBe(
      readParts(lgmLoss(w.x, w.z, { means: w.means }, { alpha: 0.1, lambda: 0.1 })).total,
    );
    expect(readParts(headLoss('lgm', w.x, w.z, p, { ...defaultHyper('lgm'), covariance: 'diag' }, 0)).total).toBe(
      readParts(lgmLoss(w.x, w.z, p, { alpha: 0.1, lambda: 0.1 })).total,
    );
    expect(readParts(headLoss('icu', w.x, w.z, p, defaultHyper('icu'), 0)).total).toBe(
      readParts(icuLoss(w.x, w.z, p, defaultHyper('icu'))).total,
    );
  });

  it('derives L-Softmax β from the iteration', () => {
    const h = { ...defaultHyper('lsoftmax'), schedule: 'reference' as const };
    const viaRegistry = readParts(headLoss('lsoftmax', w.x, w.z, { weights: w.weights }, h, 3000)).total;
    const direct = readParts(
      lSoftmaxLoss(w.x, w.z, { weights: w.weights }, { m: 2, beta: referenceBeta(3000, 0) }),
    ).total;
    expect(viaRegistry).toBe(direct);
  });

  it('center: the rule update is returned, the other heads have none', () => {
    const p = { weights: w.weights, centers: w.means };
    const up = headRuleUpdates('center', w.x, w.z, p, defaultHyper('center'));
    expect(Array.from(up.centers?.dataSync() ?? [])).toEqual([0, 0, 1.875, 1]);
    expect(headRuleUpdates('icu', w.x, w.z, { means: w.means, logVars: w.logVars }, defaultHyper('icu'))).toEqual({});
  });
});

describe('no leaks through the registry', () => {
  it('headLoss and headRuleUpdates leave only their outputs', () => {
    const before = tf.memory().numTensors;
    const parts = headLoss('icu', w.x, w.z, { means: w.means, logVars: w.logVars }, defaultHyper('icu'), 0);
    const up = headRuleUpdates('center', w.x, w.z, { weights: w.weights, centers: w.means }, defaultHyper('center'));
    expect(tf.memory().numTensors).toBe(before + 4);
    tf.dispose([parts.total, parts.ce, parts.reg, up.centers ?? []]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('every logits helper leaves exactly one tensor', () => {
    const p = { means: w.means, logVars: w.logVars },
      icuH = defaultHyper('icu');
    const calls: (() => tf.Tensor)[] = [
      () => headLogits('icu', w.x, p),
      () => headLogits('softmax', w.x, { weights: w.weights }),
      () => gaussianDistances(w.x, w.means, w.logVars),
      () => icuLogits(w.x, w.z, p, icuH),
      () => lgmLogits(w.x, w.z, p, { alpha: 0.1, lambda: 0.1 }),
      () => lSoftmaxLogits(w.x, w.z, { weights: w.weights }, { m: 3, beta: 1 }),
    ];
    for (const call of calls) {
      const before = tf.memory().numTensors;
      const out = call();
      expect(tf.memory().numTensors).toBe(before + 1);
      out.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
