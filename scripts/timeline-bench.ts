/**
 * npm run bench:timeline [-- --frames N --heads 4 --points 2000 --arch lite|paper]: the timeline's
 * memory over a long run. Feeds the client's Timeline the frames and snapshots of a Fig. 2 run as
 * the worker sends them (every head's 2,000 train and 2,000 test digits per frame, features moved
 * each frame, the fixed sample's labels and indices unchanged; a snapshot of every learner with
 * Adam's moments every 10 frames), and prints, as it goes, what the recording holds: frames,
 * snapshots, the bytes it counts against its cap, and the process's array-buffer memory after a
 * garbage collection (the real memory of the typed arrays kept). Counts, not times: they do not
 * depend on the machine's load.
 */
import { parseArgs } from 'node:util';
import { defaultHyper, HEAD_IDS, type HeadId } from '../src/loss/heads';
import { learnerLayout } from '../src/learner/snapshot';
import { NETWORKS, type NetworkId } from '../src/model/architecture';
import { syntheticFrame } from '../src/plot/testFrames';
import type { Frame } from '../src/trainer/shared/protocol';
import type { RunSnapshot } from '../src/trainer/shared/runSnapshot';
import { Timeline } from '../src/trainer/client/timeline';

const { values: flags } = parseArgs({
  options: {
    frames: { type: 'string', default: '5000' },
    heads: { type: 'string', default: '4' },
    points: { type: 'string', default: '2000' },
    arch: { type: 'string', default: 'lite' },
  },
});
const frames = Number(flags.frames),
  points = Number(flags.points),
  network = flags.arch as NetworkId;
const heads = HEAD_IDS.filter((h) => h !== 'lsoftmax').slice(0, Number(flags.heads)) as HeadId[];
const MB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:timeline does)');

/** A snapshot of every learner of the run at `step`, weights and Adam's two moments. */
function snapshotAt(step: number): RunSnapshot {
  const learners = heads.map((head) => {
    const { sizes, trained } = learnerLayout(NETWORKS[network], head, defaultHyper(head), 10);
    const arrays = (names: Iterable<string>) =>
      Object.fromEntries([...names].map((k) => [k, new Float32Array(sizes.get(k)!)]));
    return {
      head,
      values: arrays(sizes.keys()),
      hyper: {},
      optimizer: { t: step, m: arrays(trained), v: arrays(trained) },
    };
  });
  return { network, step, epoch: 0, batchInEpoch: step, learningRate: 0.01, learners };
}

/** The worker's frame at `step`: fresh arrays as a structured clone makes them, features moved. */
function frameAt(template: Frame, step: number): Frame {
  const clone = (a: Float32Array) => a.map((v) => v + step * 1e-6);
  return {
    ...template,
    seq: step,
    step,
    heads: template.heads.map((h) => ({
      ...h,
      params: Object.fromEntries(Object.entries(h.params).map(([k, v]) => [k, clone(v)])),
      train: {
        ...h.train,
        features: clone(h.train.features),
        labels: h.train.labels.slice(),
        indices: h.train.indices.slice(),
        predictions: h.train.predictions.slice(),
      },
      test: {
        ...h.test,
        features: clone(h.test.features),
        labels: h.test.labels.slice(),
        indices: h.test.indices.slice(),
        predictions: h.test.predictions.slice(),
      },
    })),
  };
}

const template = syntheticFrame(heads, points);
const timeline = new Timeline();
gc();
const baseline = process.memoryUsage().arrayBuffers;
console.log(
  `${heads.length} heads (${heads.join(', ')}), ${points} train + ${points} test digits a frame, ${network} snapshots every 10 frames; cap ${timeline.cap / MB} MB`,
);
console.log(
  'frames sent | frames kept | snapshots kept | counted MB | array buffers MB (after gc) | oldest kept steps',
);
for (let step = 1; step <= frames; step++) {
  timeline.publish(frameAt(template, step), 1);
  if (step % 10 === 0) timeline.snapshot(snapshotAt(step));
  if (step % Math.max(1, Math.floor(frames / 10)) === 0 || step === frames) {
    gc();
    const { steps, snapshotSteps, bytes } = timeline.getState();
    const held = (process.memoryUsage().arrayBuffers - baseline) / MB;
    console.log(
      `${step} | ${steps.length} | ${snapshotSteps.length} | ${(bytes / MB).toFixed(1)} | ${held.toFixed(1)} | ${steps.slice(0, 6).join(', ')}`,
    );
  }
}
