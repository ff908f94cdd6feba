/** The paper's Table 1, MNIST 2-D column: test accuracy in %. */
export const PAPER_TABLE1 = { softmax: 98.18, center: 98.55, lsoftmax: 98.7, lgm: 98.83, icu: 99.04 };

/** Names as the paper writes them. */
export const HEAD_NAMES = { softmax: 'softmax', center: 'center loss', lsoftmax: 'L-Softmax', lgm: 'L-GM', icu: 'ICU' };

/** Mean and sample standard deviation (null with one value: one seed has no spread). */
export function meanSd(values) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: null };
  return { mean, sd: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) };
}

/** Each head's accuracies over seeds (fractions), in the order of the first seed's heads. */
export function accuraciesByHead(seedResults) {
  const heads = seedResults[0].heads.map((h) => h.head);
  return heads.map((head) => ({ head, values: seedResults.map((s) => s.heads.find((h) => h.head === head).accuracy) }));
}

const pct = (v) => (100 * v).toFixed(2);

/** The Table-1-style markdown table: head | mean ± sd over seeds | each seed | paper. */
export function markdownTable(seeds, byHead) {
  const rows = byHead.map(({ head, values }) => {
    const { mean, sd } = meanSd(values);
    const spread = sd === null ? `${pct(mean)} ± – (1 seed)` : `${pct(mean)} ± ${pct(sd)}`;
    return `| ${HEAD_NAMES[head] ?? head} | ${spread} | ${values.map(pct).join(', ')} | ${PAPER_TABLE1[head]?.toFixed(2) ?? '–'} |`;
  });
  return [
    `| head | test accuracy % (mean ± sd) | seeds ${seeds.join(', ')} | paper, Table 1 |`,
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
