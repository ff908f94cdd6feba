import { startTransition, useEffect, useMemo, useState } from 'react';
import { useLab } from './labContext';
import { gaussianDiagnostics, type GaussianDiagnostics } from '../loss/diagnostics';
import { anyHead } from '../loss/heads';
import { headKey, type HeadSetup } from '../trainer/shared/config';
import type { Frame } from '../trainer/shared/protocol';

/** Diagnostics are text: recomputing them once a second is plenty. */
const REFRESH_MS = 1000;

const fixed = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '—');
const percent = (v: number) => `${(100 * v).toFixed(1)} %`;

/** α's reading for a Gaussian head, as its definition states it; null for the others. */
function marginOf(h: HeadSetup) {
  return anyHead(h.id).gaussian?.(h.hyper) ?? null;
}

interface Row {
  /** The head's key ("icu", or "icu 2" when its kind runs twice). */
  key: string;
  d: GaussianDiagnostics;
}

function compute(frame: Frame, heads: HeadSetup[]): Row[] {
  return heads.flatMap((head, i) => {
    const h = frame.heads[i],
      margin = marginOf(head);
    const means = h?.params.means;
    if (!h || !margin || !means) return [];
    const d = gaussianDiagnostics({ means, logVars: h.params.logVars }, margin, h.test.features, h.test.labels);
    return [{ key: headKey(heads, i), d }];
  });
}

/** What the paper leaves out, for each Gaussian head: negative distances, α as slack, learned vs drawn variances, tilt. */
export function Diagnostics() {
  const { frames, useStore } = useLab();
  const heads = useStore((s) => s.config.heads);
  const [source, setSource] = useState<{ frame: Frame; heads: HeadSetup[] } | null>(null);
  useEffect(() => {
    let last = 0;
    return frames.subscribe((frame) => {
      const now = performance.now();
      // A recorded frame the timeline shows is read at once: scrubbing must not show another step's numbers.
      if (now - last < REFRESH_MS && frames.getState().viewing === null) return;
      last = now;
      // A transition renders in a task of its own: the frame's arrival stays short (docs/performance.md).
      startTransition(() => setSource({ frame, heads }));
    });
  }, [frames, heads]);
  const rows = useMemo(() => (source ? compute(source.frame, source.heads) : []), [source]);
  if (rows.length === 0) return null;
  return (
    <section className="diagnostics" aria-label="diagnostics" data-testid="diagnostics">
      <h2>Diagnostics of the Gaussian heads (test digits drawn)</h2>
      {rows.map(({ key, d }) => (
        <div key={key}>
          <p data-testid={`negative-share-${key}`}>
            <strong>{key}</strong>: true-class distance d &lt; 0 for {percent(d.negativeShare)} of digits; α raises the
            true logit (acts as slack) for {percent(d.slackShare)}, mean change {fixed(d.meanAlphaShift, 5)}.
          </p>
          <table className="diag-table">
            <thead>
              <tr>
                <th>class</th>
                <th>learned σ² (x, y)</th>
                <th>drawn σ² (x, y)</th>
                <th>learned / drawn</th>
                <th>tilt ρ</th>
              </tr>
            </thead>
            <tbody>
              {d.classes.map((c, k) =>
                c ? (
                  <tr key={k}>
                    <td>{k}</td>
                    <td>
                      {fixed(c.learnedVar[0])}, {fixed(c.learnedVar[1])}
                    </td>
                    <td>
                      {fixed(c.empiricalVar[0])}, {fixed(c.empiricalVar[1])}
                    </td>
                    <td>
                      {fixed(c.ratio[0], 2)}, {fixed(c.ratio[1], 2)}
                    </td>
                    <td>{fixed(c.correlation, 2)}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
