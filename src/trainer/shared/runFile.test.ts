import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultHyper } from '../../loss/heads';
import type { Mnist, Split } from '../../data/mnist';
import { createRng } from '../../math/random';
import { Run } from '../../learner/run';
import { DEFAULT_CONFIG, type RunConfig } from './config';
import { decodeRunFile, encodeRunFile, RunFileError, type RunFile } from './runFile';

function split(count: number, seed: number): Split {
  const rng = createRng(seed);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const images = Uint8Array.from({ length: count * 784 }, () => rng.int(256));
  return { count, images, labels };
}

const data: Mnist = { train: split(64, 1), test: split(20, 2) };
// Center loss moves its centers by rule (values without moments); ICU has log-variances.
const config: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 64,
  testSize: 20,
  batchSize: 8,
  frameTrainPoints: 10,
  heads: [
    { id: 'center', hyper: defaultHyper('center') },
    { id: 'icu', hyper: defaultHyper('icu') },
  ],
};
const history: RunFile['history'] = {
  lossHistory: [
    {
      step: 1,
      heads: [
        { total: 2.5, ce: 2.3, reg: 0.2, hyper: {} },
        { total: 3, ce: 2.4, reg: 0.6, hyper: { alpha: 0.1 } },
      ],
    },
  ],
  evaluationHistory: [
    {
      step: 8,
      epoch: 1,
      heads: [0, 1].map(() => ({ accuracy: 0.5, perClass: [Number.NaN, 1], confusion: [1, 0, 0, 1] })),
    },
  ],
  sampleCurve: [
    { step: 1, train: { digits: 10, heads: [0.1, 0.2] }, test: { digits: 0, heads: [Number.NaN, Number.NaN] } },
  ],
};

let file: RunFile;
let bytes: Uint8Array;
/** The loss parts of the step that followed the snapshot in the uninterrupted run. */
let next: number[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  const run = new Run(config, data, 'lite');
  await run.trainStep();
  await run.trainStep();
  file = { savedAt: '2026-11-30T12:00:00.000Z', config, snapshot: await run.snapshot(), history };
  bytes = encodeRunFile(file);
  next = (await run.trainStep()).losses.flatMap((l) => [l.total, l.ce, l.reg]);
  run.dispose();
}, 120_000);

describe('run files', () => {
  it('round-trips a run: a run restored from the decoded file takes the same next step, to the bit', async () => {
    const back = decodeRunFile(bytes);
    expect(back).toEqual(file);
    const run = new Run(back.config, data, back.snapshot.network);
    await run.restore(back.snapshot);
    expect(run.step).toBe(2);
    const losses = (await run.trainStep()).losses.flatMap((l) => [l.total, l.ce, l.reg]);
    expect(losses).toEqual(next);
    run.dispose();
  });

  it('opens a state without optimizer moments (a shipped trained state): Adam starts afresh', async () => {
    const trained = decodeRunFile(
      encodeRunFile({
        ...file,
        snapshot: { ...file.snapshot, learners: file.snapshot.learners.map((l) => ({ ...l, optimizer: null })) },
      }),
    );
    expect(trained.snapshot.learners.every((l) => l.optimizer === null)).toBe(true);
    const run = new Run(trained.config, data, 'lite');
    await run.restore(trained.snapshot);
    const { losses } = await run.trainStep();
    expect(losses.every((l) => Number.isFinite(l.total))).toBe(true);
    // The weights are the file's, so the first loss is the uninterrupted run's; the moments are not.
    expect(losses[0]!.total).toBeCloseTo(next[0]!, 5);
    run.dispose();
  });

  /** A copy of the valid file with its header changed (the arrays kept as they were). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the rows reach into any field of the parsed header
  function withHeader(change: (h: any) => void): Uint8Array {
    const n = new DataView(bytes.buffer).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
    change(header);
    const start = Math.ceil((12 + n) / 4) * 4;
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(Math.ceil((12 + json.length) / 4) * 4 + bytes.length - start);
    out.set(bytes.subarray(0, 8));
    new DataView(out.buffer).setUint32(8, json.length, true);
    out.set(json, 12);
    out.set(bytes.subarray(start), Math.ceil((12 + json.length) / 4) * 4);
    return out;
  }

  const notFinite = () => {
    const b = bytes.slice();
    new DataView(b.buffer).setFloat32(b.length - 4, Number.NaN, true);
    return b;
  };

  // Each malformed, truncated or foreign file is refused whole, with a message that says why.
  const rows: [string, () => Uint8Array, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), /not a run file of this lab/],
    [
      'a PNG',
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /not a run file of this lab/,
    ],
    ['a file cut inside its header', () => bytes.slice(0, 40), /truncated \(its header/],
    [
      'a header that is not JSON',
      () => {
        const b = bytes.slice();
        b[12] = 0x7b;
        b[13] = 0x7b;
        return b;
      },
      /not valid JSON/,
    ],
    [
      "another program's format",
      () =>
        withHeader((h) => {
          h.format = 'tfjs-model';
        }),
      /format "tfjs-model"/,
    ],
    [
      'a newer version',
      () =>
        withHeader((h) => {
          h.version = 2;
        }),
      /newer version .*version 2/,
    ],
    [
      'an older version',
      () =>
        withHeader((h) => {
          h.version = 0;
        }),
      /old format \(version 0\)/,
    ],
    [
      'settings out of range',
      () =>
        withHeader((h) => {
          h.config.batchSize = -1;
        }),
      /settings are invalid: batchSize must be between 0/,
    ],
    [
      'an unknown head in the settings',
      () =>
        withHeader((h) => {
          h.config.heads[0].id = 'arcface';
        }),
      /unknown loss head "arcface"/,
    ],
    [
      'an unknown network',
      () =>
        withHeader((h) => {
          h.state.network = 'resnet';
        }),
      /network "resnet" is unknown/,
    ],
    [
      'a negative step',
      () =>
        withHeader((h) => {
          h.state.step = -1;
        }),
      /step is not a whole number/,
    ],
    [
      'fewer learners than heads',
      () =>
        withHeader((h) => {
          h.state.learners.pop();
        }),
      /1 learners for 2 heads/,
    ],
    [
      'learners in another order than the heads',
      () =>
        withHeader((h) => {
          h.state.learners.reverse();
        }),
      /learner 1 is "icu" where the settings say center/,
    ],
    [
      'a hyper-parameter out of range',
      () =>
        withHeader((h) => {
          h.state.learners[1].hyper.gamma = -5;
        }),
      /icu: /,
    ],
    [
      'a missing parameter',
      () =>
        withHeader((h) => {
          h.state.learners[0].values.shift();
        }),
      /lack conv1\.w/,
    ],
    [
      'a parameter of another network',
      () =>
        withHeader((h) => {
          h.state.learners[0].values[0] = ['conv9.w', 72];
        }),
      /lack conv1\.w|hold conv9\.w/,
    ],
    [
      'a parameter of the wrong size',
      () =>
        withHeader((h) => {
          h.state.learners[0].values[0][1] = 73;
        }),
      /conv1\.w has 73 numbers where a lite network needs 72/,
    ],
    ['a file cut inside its arrays', () => bytes.slice(0, bytes.length - 100), /truncated \(icu's .* is cut off\)/],
    [
      'bytes after the last array',
      () => {
        const b = new Uint8Array(bytes.length + 8);
        b.set(bytes);
        return b;
      },
      /8 bytes more than its header describes/,
    ],
    ['a value that is not finite', notFinite, /holds values that are not finite/],
    [
      'a loss curve of the wrong head count',
      () =>
        withHeader((h) => {
          h.history.lossHistory[0].heads.pop();
        }),
      /loss point has 1 heads, not 2/,
    ],
    [
      'a curve holding text',
      () =>
        withHeader((h) => {
          h.history.sampleCurve[0].train.heads[0] = 'x';
        }),
      /"x" where a number belongs/,
    ],
  ];

  it.each(rows)('refuses %s with a clear message', (_name, make, message) => {
    expect(() => decodeRunFile(make())).toThrow(RunFileError);
    expect(() => decodeRunFile(make())).toThrow(message);
  });
});
