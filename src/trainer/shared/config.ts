import { HEAD_NAMES, hyperSpecOf, type HeadHyper, type HeadId } from '../../loss/heads';
import { NETWORKS, type NetworkId } from '../../model/architecture';
import type { BnMode } from '../../model/backbone';
import { MAX_WASM_THREADS } from './wasmThreads';

/** A backend the user may force with `?backend=`; 'auto' tries them in order. */
export type BackendRequest = 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Backends that can be forced, in the automatic order. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** A backend tfjs can train on here. */
export type BackendName = (typeof BACKENDS)[number];

/** The network a run asks for: 'auto' picks the paper network on a hardware GPU, the lite one elsewhere. */
export type NetworkRequest = 'auto' | NetworkId;

/** Every value `network` may take, 'auto' first. */
export const NETWORK_REQUESTS = ['auto', ...(Object.keys(NETWORKS) as NetworkId[])] as const;

export type { NetworkId };

/**
 * The network a run trains, and why: the one asked for, else the paper network on a hardware
 * GPU (thousands of digits a second) and the lite one on wasm, cpu or a software GPU, where the
 * paper network would take most of an hour to draw Fig. 2.
 */
export function chooseNetwork(
  request: NetworkRequest,
  backend: BackendName,
  hardwareGpu: boolean,
): { network: NetworkId; reason: string } {
  if (request !== 'auto') return { network: request, reason: 'chosen' };
  return hardwareGpu
    ? { network: 'paper', reason: `automatic: ${backend} on a hardware GPU` }
    : {
        network: 'lite',
        reason: `automatic: no hardware GPU (${backend}), so the lite network forms Fig. 2 in minutes`,
      };
}

/**
 * Digits per step of a run that leaves the batch to its network (batchSize 0): the paper's 128 on
 * the paper network. On the lite one, which runs where there is no GPU, 32: ICU, the slowest head
 * to 90 %, then needs about twice the steps but half the digits, and a step costs 0.2–0.4 of one of
 * 128, so all four Fig. 2 heads get there in about two thirds of the time (docs/performance.md).
 */
export const NETWORK_BATCH: Record<NetworkId, number> = { paper: 128, lite: 32 };

/** The batch size a run of `network` trains with: its own, or its network's (NETWORK_BATCH). */
export function batchOf(config: Pick<RunConfig, 'batchSize'>, network: NetworkId): number {
  return config.batchSize === 0 ? NETWORK_BATCH[network] : config.batchSize;
}

/**
 * A head that branches off the first head of its kind at `step` (the timeline's "Fork from
 * here"): until then it trains as that head's twin with its settings; at `step` it takes that
 * head's state and trains on with its own settings, on the same batches.
 */
export interface HeadFork {
  step: number;
}

/**
 * One head of a run and its hyper-parameters (which the user may change while it trains); a fork
 * may also have its own base learning rate (from its step on; the schedule still applies).
 */
export type HeadSetup = {
  [H in HeadId]: { id: H; hyper: HeadHyper[H]; fork?: HeadFork; learningRate?: number };
}[HeadId];

/** Index of the first head of `heads` of the same kind as head `i` (the one a fork branches off). */
export const firstOfKind = (heads: readonly HeadSetup[], i: number): number =>
  heads.findIndex((h) => h.id === heads[i]!.id);

/** Which head of its kind head `i` is, from 1 (the URL's `<head>.<n>.<name>` and the controls' names use it). */
export const occurrence = (heads: readonly HeadSetup[], i: number): number =>
  heads.slice(0, i + 1).filter((h) => h.id === heads[i]!.id).length;

/** Whether more than one head of the run is of head `i`'s kind. */
export const repeated = (heads: readonly HeadSetup[], i: number): boolean =>
  heads.filter((h) => h.id === heads[i]!.id).length > 1;

/**
 * A head's name as panels, charts and figures title it. A kind that runs once is named plainly;
 * heads of a kind that runs twice are told apart by the settings that differ among them ("ICU ·
 * α = 0.1"), else by number, and a fork says where it branched ("…, forked at step 500").
 */
export function headLabel(heads: readonly HeadSetup[], i: number): string {
  const h = heads[i]!,
    name = HEAD_NAMES[h.id];
  if (!repeated(heads, i)) return name;
  const kin = heads.filter((k) => k.id === h.id);
  const values = h.hyper as Record<string, number | string>;
  const differing = Object.keys(values).filter((k) =>
    kin.some((o) => (o.hyper as Record<string, number | string>)[k] !== values[k]),
  );
  const settings = differing.map((k) => `${hyperSpecOf(h.id, k)?.label ?? k} = ${values[k]}`);
  if (h.learningRate !== undefined) settings.push(`lr = ${h.learningRate}`);
  const what = settings.length ? settings.join(', ') : String(occurrence(heads, i));
  return `${name} · ${what}${h.fork ? `, forked at step ${h.fork.step.toLocaleString('en-US')}` : ''}`;
}

/** A head's short key for controls' accessible names: its id, and its number when its kind runs twice ("icu 2"). */
export function headKey(heads: readonly HeadSetup[], i: number): string {
  const id = heads[i]!.id;
  return repeated(heads, i) ? `${id} ${occurrence(heads, i)}` : id;
}

export type { ImbalanceOrder } from '../../data/longTail';
import type { ImbalanceOrder } from '../../data/longTail';
import type { LrSchedule } from './schedule';

export type { LrSchedule } from './schedule';

/** Everything that fixes a run: same config, same seed → same weights, batches and samples. */
export interface RunConfig {
  /** One head, or two to five trained side by side (compare mode) on the same batches. */
  heads: HeadSetup[];
  /** The backbone's widths: the paper's, the lite ones, or chosen by the backend. */
  network: NetworkRequest;
  seed: number;
  /** Training digits used (a seeded, class-balanced subset of the 60,000), before imbalance. */
  trainSize: number;
  /** Test digits evaluated and drawn (a seeded, class-balanced subset of the 10,000). */
  testSize: number;
  /** Digits per step; 0 leaves it to the network (NETWORK_BATCH). */
  batchSize: number;
  /** Base learning rate; the schedule scales it as training progresses. */
  learningRate: number;
  schedule: LrSchedule;
  /** L2 coefficient on conv/FC kernels and head weights: the loss gains weightDecay/2·‖W‖². */
  weightDecay: number;
  /** Long-tail ratio ρ = n_max/n_min (1 = balanced); n_k = n_max·ρ^(−k/9). */
  imbalance: number;
  imbalanceOrder: ImbalanceOrder;
  /** Training digits whose features each frame carries (a fixed seeded sample). */
  frameTrainPoints: number;
  /** Which batch-norm statistics the plotted features use: running ('eval', inference) or the sample's own ('train'). */
  featureMode: BnMode;
  backend: BackendRequest;
  /** Threads of the wasm backend: 0 = one per logical core (navigator.hardwareConcurrency), at most 8. */
  wasmThreads: number;
  /** Start training as soon as the data is loaded. */
  autoplay: boolean;
}

/** MNIST's split sizes. */
export const MNIST_TRAIN_COUNT = 60_000;
export const MNIST_TEST_COUNT = 10_000;

/** At most this many heads train side by side. */
export const MAX_HEADS = 5;

/** The paper's settings: Adam, lr 0.01, weight decay 0.001, batch 128 on the paper network; balanced MNIST. */
export const DEFAULT_CONFIG: RunConfig = {
  heads: [{ id: 'softmax', hyper: {} }],
  network: 'auto',
  seed: 1,
  trainSize: MNIST_TRAIN_COUNT,
  testSize: MNIST_TEST_COUNT,
  batchSize: 0,
  learningRate: 0.01,
  schedule: { kind: 'constant' },
  weightDecay: 0.001,
  imbalance: 1,
  imbalanceOrder: 'descending',
  frameTrainPoints: 2000,
  featureMode: 'eval',
  backend: 'auto',
  wasmThreads: 0,
  autoplay: true,
};

/** Inclusive valid ranges of the numeric settings. */
export const LIMITS = {
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  trainSize: { min: 1, max: MNIST_TRAIN_COUNT, integer: true },
  testSize: { min: 1, max: MNIST_TEST_COUNT, integer: true },
  batchSize: { min: 0, max: 1024, integer: true },
  learningRate: { min: 1e-6, max: 10, integer: false },
  weightDecay: { min: 0, max: 1, integer: false },
  imbalance: { min: 1, max: 200, integer: false },
  frameTrainPoints: { min: 0, max: MNIST_TRAIN_COUNT, integer: true },
  wasmThreads: { min: 0, max: MAX_WASM_THREADS, integer: true },
} as const satisfies Record<string, { min: number; max: number; integer: boolean }>;

/** A numeric setting's name. */
export type NumericSetting = keyof typeof LIMITS;

/** Pacing: a pause between steps so a teacher can slow training down (0 = as fast as possible). */
export const STEP_DELAY_LIMITS = { min: 0, max: 5000 } as const;
