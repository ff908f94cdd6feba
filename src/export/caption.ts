/** One head as a caption names it: its display name and hyper-parameters. */
export interface CaptionHead {
  name: string;
  hyper: Readonly<Record<string, number | string>>;
}

/** A hyper-parameter value at three significant digits (1e-4 stays 0.0001, 0.123456 becomes 0.123). */
function value(v: number | string): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(3))) : v;
}

/** The caption line: each head with its hyper-parameters, then the step, epoch and any extras (learning rate, seed…). */
export function captionText(
  heads: readonly CaptionHead[],
  step: number,
  epoch: number,
  extra: readonly string[] = [],
): string {
  const names = heads.map((h) => {
    const hyper = Object.entries(h.hyper)
      .map(([k, v]) => `${k} ${value(v)}`)
      .join(', ');
    return hyper ? `${h.name} (${hyper})` : h.name;
  });
  return [...names, `step ${step}`, `epoch ${epoch}`, ...extra].join(' · ');
}
