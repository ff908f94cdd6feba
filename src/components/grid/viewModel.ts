import type { ZoomLike } from '../../math/zoom';
import { squareDomainOf, type Domain } from '../../plot/domain';
import type { PanelToggles } from '../../plot/panelModel';
import type { PointFilter } from '../../plot/points';
import type { ViewState } from '../../store/view';
import type { Frame, HeadFrame, SampleEmbedding } from '../../trainer/shared/protocol';

/** The overlays a view asks of every panel. */
export function panelToggles(v: ViewState): PanelToggles {
  return {
    learnedEllipses: v.learnedEllipses,
    empiricalEllipses: v.empiricalEllipses,
    sigmas: v.sigmas,
    field: v.field,
    boundaries: v.boundaries,
    density: v.density,
  };
}

/** The filter of one head's panels: the misclassified-only switch, and the selected confusion cell if it is this head's. */
export function panelFilter(v: Pick<ViewState, 'misclassifiedOnly' | 'cell'>, head: number): PointFilter {
  const cell = v.cell?.head === head ? { truth: v.cell.truth, predicted: v.cell.predicted } : null;
  return { misclassifiedOnly: v.misclassifiedOnly, cell };
}

/** The first n digits of a sample, as views (no copy); the sample's step range bounds theirs. */
function prefix(s: SampleEmbedding, n: number): SampleEmbedding {
  if (s.labels.length <= n) return s;
  return {
    ...s,
    features: s.features.subarray(0, 2 * n),
    labels: s.labels.subarray(0, n),
    predictions: s.predictions.subarray(0, n),
    indices: s.indices.subarray(0, n),
  };
}

/** A head's frame with at most n digits per sample: frames list digits in a seeded random order, so a prefix is a random subset. */
export function limitHead(head: HeadFrame, n: number): HeadFrame {
  if (head.train.labels.length <= n && head.test.labels.length <= n) return head;
  return { ...head, train: prefix(head.train, n), test: prefix(head.test, n) };
}

/** One square domain around every head's train and test features: shared axes across heads. */
export function sharedDomain(frame: Frame): Domain {
  return squareDomainOf(frame.heads.flatMap((h) => [h.train.features, h.test.features]));
}

/** The view's zoom (its pan in panel sides, so it fits any panel size) in the pixels of a panel of side `side`. */
export function zoomAt(z: ZoomLike, side: number): ZoomLike {
  return { k: z.k, x: z.x * side, y: z.y * side };
}

/** The frame as drawn: each head cut to the view's points per panel (for CSV/JSON export). */
export function drawnFrame(frame: Frame, v: Pick<ViewState, 'maxPoints'>): Frame {
  return { ...frame, heads: frame.heads.map((h) => limitHead(h, v.maxPoints)) };
}
