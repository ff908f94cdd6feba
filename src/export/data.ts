import type { Frame, HeadFrame, SampleEmbedding } from '../trainer/shared/protocol';
import type { SplitName } from '../data/mnist';

/** The shortest decimal that reads back as the same float32 (≤ 9 significant digits), so files stay small and exact. */
export function f32String(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  for (let digits = 1; digits < 9; digits++) {
    const s = Number(v.toPrecision(digits));
    if (Math.fround(s) === Math.fround(v)) return String(s);
  }
  return String(Number(v.toPrecision(9)));
}

/** The CSV columns, one row per drawn digit of each head and sample. */
export const CSV_COLUMNS = ['head_index', 'head', 'sample', 'mnist_index', 'label', 'prediction', 'f1', 'f2'] as const;

/** One sample's rows. */
function sampleRows(k: number, h: HeadFrame, name: SplitName, s: SampleEmbedding): string[] {
  return Array.from(s.labels, (label, i) =>
    [
      k,
      h.head,
      name,
      s.indices[i],
      label,
      s.predictions[i],
      f32String(s.features[2 * i]!),
      f32String(s.features[2 * i + 1]!),
    ].join(','),
  );
}

/** The drawn features, labels and predictions of every head's train and test samples, as CSV (parameters: see exportParamsCsv). */
export function exportCsv(frame: Frame): string {
  const rows = frame.heads.flatMap((h, k) => [
    ...sampleRows(k, h, 'train', h.train),
    ...sampleRows(k, h, 'test', h.test),
  ]);
  return `${CSV_COLUMNS.join(',')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

/** Every head's parameters as CSV in long form: head, parameter name, flat row-major index, value. */
export function exportParamsCsv(frame: Frame): string {
  const rows = frame.heads.flatMap((h, k) =>
    Object.entries(h.params).flatMap(([name, values]) =>
      Array.from(values, (v, i) => `${k},${h.head},${name},${i},${f32String(v)}\n`),
    ),
  );
  return `head_index,head,param,index,value\n${rows.join('')}`;
}

/** A float32 array as JSON numbers at their shortest exact decimals. */
function floats(a: Float32Array): number[] {
  return Array.from(a, (v) => Number(f32String(v)));
}

/** One sample for JSON: interleaved features, labels, predictions, MNIST indices, and the steps its features come from. */
function sampleJson(s: SampleEmbedding) {
  return {
    features: floats(s.features),
    labels: Array.from(s.labels),
    predictions: Array.from(s.predictions),
    indices: Array.from(s.indices),
    oldestStep: s.oldestStep,
    newestStep: s.newestStep,
  };
}

/** The frame as JSON: step, epoch, BN mode, and per head its parameters and both samples. */
export function exportJson(frame: Frame): string {
  return JSON.stringify({
    step: frame.step,
    epoch: frame.epoch,
    mode: frame.mode,
    trainTotal: frame.trainTotal,
    testTotal: frame.testTotal,
    heads: frame.heads.map((h) => ({
      head: h.head,
      params: Object.fromEntries(Object.entries(h.params).map(([name, v]) => [name, floats(v)])),
      train: sampleJson(h.train),
      test: sampleJson(h.test),
    })),
  });
}
