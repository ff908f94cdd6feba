import { px } from '../plot/format';
import type { PanelPicture } from '../plot/panelModel';
import { DOT } from '../plot/panelPoints';

/** One class's points in one style as a single SVG path of small squares. */
export interface PointPath {
  cls: number;
  d: string;
  fill: string;
  opacity?: number;
}

/** Opacity of the points outside a highlighted confusion cell (as on screen: 56/255). */
const DIM_OPACITY = 0.22;

/** Squares of side DOT centred on the points of `which` (a mask, or all), one path string per class. */
function squares(p: PanelPicture, which: Uint8Array | null): string[] {
  const {
      sample,
      maps: { mx, my },
      size,
    } = p,
    out: string[] = [];
  for (let i = 0; i < sample.labels.length; i++) {
    if (which && !which[i]) continue;
    const x = mx.offset + mx.scale * sample.features[2 * i]! - DOT / 2,
      y = my.offset + my.scale * sample.features[2 * i + 1]! - DOT / 2;
    if (!(x > -DOT && y > -DOT && x < size && y < size)) continue;
    const c = sample.labels[i]!;
    out[c] = `${out[c] ?? ''}M${px(x)},${px(y)}h${DOT}v${DOT}h-${DOT}z`;
  }
  return out;
}

/** The masked-out complement: kept points that are not highlighted. */
function dimmed(keep: Uint8Array | null, highlight: Uint8Array): Uint8Array {
  return highlight.map((h, i) => (!h && (!keep || keep[i]) ? 1 : 0));
}

/** A panel's points as vector paths, for figures with few points: dimmed ones first, then the rest in full colour. */
export function vectorPoints(p: PanelPicture): PointPath[] {
  const colour = (c: number) => p.theme.classes[c] ?? p.theme.text;
  const layers = p.highlight
    ? [{ paths: squares(p, dimmed(p.keep, p.highlight)), opacity: DIM_OPACITY }, { paths: squares(p, p.highlight) }]
    : [{ paths: squares(p, p.keep) }];
  return layers.flatMap((l) =>
    l.paths.flatMap((d, cls) =>
      d ? [{ cls, d, fill: colour(cls), ...(l.opacity ? { opacity: l.opacity } : {}) }] : [],
    ),
  );
}
