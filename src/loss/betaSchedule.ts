/** Liu et al.'s Caffe schedule: β = base·(1 + gamma·iter)^−power, floored at β_min. */
const REFERENCE = { base: 1000, gamma: 2.5e-5, power: 35 } as const;

/** Which β annealing the L-Softmax head follows ('constant': β stays at β_min). */
export type BetaScheduleKind = 'reference' | 'scaled' | 'constant';

/** β schedule settings: the floor β_min, and the run length the 'scaled' schedule is fitted to. */
export type BetaSchedule = { kind: BetaScheduleKind; betaMin: number; runLength: number };

/** Reference schedule: β = max(β_min, 1000·(1 + 2.5e-5·iter)^−35); it is still 136 after 2,345 steps. */
export function referenceBeta(iteration: number, betaMin: number): number {
  return Math.max(betaMin, REFERENCE.base * (1 + REFERENCE.gamma * iteration) ** -REFERENCE.power);
}

/**
 * The same curve with its time axis stretched to a run of `runLength` iterations: β = 1 (target
 * logit half plain, half margin) at half the run and ≈ 3e-3 at its end, floored at β_min.
 */
export function scaledBeta(iteration: number, betaMin: number, runLength: number): number {
  const gamma = (REFERENCE.base ** (1 / REFERENCE.power) - 1) / (Math.max(1, runLength) / 2);
  return Math.max(betaMin, REFERENCE.base * (1 + gamma * iteration) ** -REFERENCE.power);
}

/** β at `iteration` under schedule `s`. */
export function lSoftmaxBeta(iteration: number, s: BetaSchedule): number {
  switch (s.kind) {
    case 'reference':
      return referenceBeta(iteration, s.betaMin);
    case 'scaled':
      return scaledBeta(iteration, s.betaMin, s.runLength);
    case 'constant':
      return s.betaMin;
  }
}
