import { callHarness } from './browser.mjs';

/**
 * The app's heads by id ({ name, paperAccuracy }: the paper's Table 1, MNIST 2-D, in %), as the
 * harness page reports them from the head definitions: the scripts keep no copy of their own.
 */
export async function headTable(page) {
  const { value, error } = await callHarness(page, 'heads');
  if (error) throw new Error(`the harness page could not list the heads: ${error.message}`);
  return Object.fromEntries(value.map(({ id, ...rest }) => [id, rest]));
}

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

/** The Table-1-style markdown table: head | mean ± sd over seeds | each seed | paper (names and paper from `heads`, a headTable). */
export function markdownTable(seeds, byHead, heads) {
  const rows = byHead.map(({ head, values }) => {
    const { mean, sd } = meanSd(values);
    const spread = sd === null ? `${pct(mean)} ± – (1 seed)` : `${pct(mean)} ± ${pct(sd)}`;
    return `| ${heads[head].name} | ${spread} | ${values.map(pct).join(', ')} | ${heads[head].paperAccuracy.toFixed(2)} |`;
  });
  return [
    `| head | test accuracy % (mean ± sd) | seeds ${seeds.join(', ')} | paper, Table 1 |`,
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
