import type { Ellipse } from '../math/ellipse';
import { eigenSym2 } from '../math/linalg2';
import { px } from './format';
import type { AxisMap } from './points';

/** An ellipse in pixel space as SVG draws it: centre, semi-axes, rotation in degrees (clockwise on screen). */
export interface PixelEllipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  rotateDeg: number;
}

/** Learned (the head's own Gaussians) or empirical (moments of the drawn points). */
export type EllipseKind = 'learned' | 'empirical';

/** One ellipse to draw: whose, which class, how many σ, and its SVG path. */
export interface EllipseMark {
  kind: EllipseKind;
  cls: number;
  sigma: number;
  d: string;
}

/** A class mean as a small cross. */
export interface CrossMark {
  kind: EllipseKind;
  cls: number;
  d: string;
}

/** Stroke styles: learned solid, empirical dashed, so both read in one colour per class. */
export const ELLIPSE_STYLE: Record<EllipseKind, { dash: string | null; width: number }> = {
  learned: { dash: null, width: 1.5 },
  empirical: { dash: '4 3', width: 1.2 },
};

/**
 * Maps a data-space ellipse through the axis maps. The image of the ellipse under
 * A = diag(sx, sy)·R(angle)·diag(rx, ry) has the eigen-axes of A·Aᵀ, which holds for unequal
 * scales too; with sy < 0 (y drawn upward) the rotation's sign flips, as SVG's rotate turns +x towards +y.
 */
export function toPixelEllipse(e: Ellipse, mx: AxisMap, my: AxisMap): PixelEllipse {
  const c = Math.cos(e.angle),
    s = Math.sin(e.angle);
  const a = mx.scale * c * e.rx,
    b = -mx.scale * s * e.ry,
    cc = my.scale * s * e.rx,
    d = my.scale * c * e.ry;
  const eig = eigenSym2({ xx: a * a + b * b, xy: a * cc + b * d, yy: cc * cc + d * d });
  return {
    cx: mx.offset + mx.scale * e.cx,
    cy: my.offset + my.scale * e.cy,
    rx: Math.sqrt(Math.max(0, eig.major)),
    ry: Math.sqrt(Math.max(0, eig.minor)),
    rotateDeg: (eig.angle * 180) / Math.PI,
  };
}

/** A closed SVG path of a pixel ellipse: two half arcs between the ends of its major axis. */
export function ellipsePath(p: PixelEllipse): string {
  const t = (p.rotateDeg * Math.PI) / 180,
    ux = p.rx * Math.cos(t),
    uy = p.rx * Math.sin(t);
  const arc = `A${px(p.rx)},${px(p.ry)} ${px(p.rotateDeg)} 0 1 `;
  return `M${px(p.cx + ux)},${px(p.cy + uy)}${arc}${px(p.cx - ux)},${px(p.cy - uy)}${arc}${px(p.cx + ux)},${px(p.cy + uy)}Z`;
}

/** The k-σ ellipses of each class from its 1σ ellipse (radii scale with σ); null classes are skipped. */
export function ellipseMarks(
  kind: EllipseKind,
  unit: readonly (Ellipse | null)[],
  sigmas: readonly number[],
  mx: AxisMap,
  my: AxisMap,
): EllipseMark[] {
  return sigmas.flatMap((sigma) =>
    unit.flatMap((e, cls) => {
      if (!e || !Number.isFinite(e.cx + e.cy + e.rx + e.ry)) return [];
      const p = toPixelEllipse({ ...e, rx: e.rx * sigma, ry: e.ry * sigma }, mx, my);
      return [{ kind, cls, sigma, d: ellipsePath(p) }];
    }),
  );
}

/** Each class mean as a cross of half-width `arm` pixels: + for learned, × for empirical means. */
export function meanCrosses(
  kind: EllipseKind,
  unit: readonly (Ellipse | null)[],
  mx: AxisMap,
  my: AxisMap,
  arm = 4,
): CrossMark[] {
  return unit.flatMap((e, cls) => {
    if (!e || !Number.isFinite(e.cx + e.cy)) return [];
    const x = mx.offset + mx.scale * e.cx,
      y = my.offset + my.scale * e.cy;
    const d =
      kind === 'learned'
        ? `M${px(x - arm)},${px(y)}H${px(x + arm)}M${px(x)},${px(y - arm)}V${px(y + arm)}`
        : `M${px(x - arm)},${px(y - arm)}L${px(x + arm)},${px(y + arm)}M${px(x - arm)},${px(y + arm)}L${px(x + arm)},${px(y - arm)}`;
    return [{ kind, cls, d }];
  });
}
