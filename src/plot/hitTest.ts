import type { AxisMap } from './points';

/**
 * Points' pixel positions bucketed in a uniform grid of `cell`-pixel squares (a counting sort:
 * `order` lists point indices cell by cell, cell c's run starting at start[c]). Built once per
 * redraw in O(n); a lookup scans only the cells within the hover radius.
 */
export interface HitIndex {
  cell: number;
  cols: number;
  rows: number;
  start: Uint32Array;
  order: Uint32Array;
  /** Pixel position of every point, interleaved (NaN for points not indexed). */
  pos: Float32Array;
}

/** Buffers of `prev` if they are big enough, else new ones: a redraw with the same sizes allocates nothing. */
function buffers(n: number, cells: number, prev?: HitIndex): Pick<HitIndex, 'start' | 'order' | 'pos'> {
  return {
    start: prev && prev.start.length >= cells + 1 ? prev.start.fill(0) : new Uint32Array(cells + 1),
    order: prev && prev.order.length >= n ? prev.order : new Uint32Array(n),
    pos: prev && prev.pos.length >= 2 * n ? prev.pos : new Float32Array(2 * n),
  };
}

/** Indexes the points that land on a width × height plot (and whose `keep` byte is set, if given). */
export function buildHitIndex(
  xy: Float32Array,
  mx: AxisMap,
  my: AxisMap,
  width: number,
  height: number,
  cell = 8,
  keep?: Uint8Array,
  prev?: HitIndex,
): HitIndex {
  const n = xy.length >> 1,
    cols = Math.max(1, Math.ceil(width / cell)),
    rows = Math.max(1, Math.ceil(height / cell));
  const { start, order, pos } = buffers(n, cols * rows, prev);
  for (let i = 0; i < n; i++) {
    const x = mx.offset + mx.scale * xy[2 * i]!,
      y = my.offset + my.scale * xy[2 * i + 1]!;
    const inside = x >= 0 && y >= 0 && x < width && y < height && (!keep || keep[i] !== 0);
    pos[2 * i] = inside ? x : NaN;
    pos[2 * i + 1] = inside ? y : NaN;
    if (inside) start[Math.floor(y / cell) * cols + Math.floor(x / cell) + 1]! += 1;
  }
  for (let c = 1; c <= cols * rows; c++) start[c]! += start[c - 1]!;
  const fill = start.slice(0, cols * rows);
  for (let i = 0; i < n; i++) {
    const x = pos[2 * i]!,
      y = pos[2 * i + 1]!;
    if (!Number.isNaN(x)) order[fill[Math.floor(y / cell) * cols + Math.floor(x / cell)]!++] = i;
  }
  return { cell, cols, rows, start, order, pos };
}

/** The index of the point nearest to pixel (x, y) within `radius` pixels, or −1. */
export function nearestPoint(index: HitIndex, x: number, y: number, radius: number): number {
  const { cell, cols, rows, start, order, pos } = index;
  const c0 = Math.max(0, Math.floor((x - radius) / cell)),
    c1 = Math.min(cols - 1, Math.floor((x + radius) / cell));
  const r0 = Math.max(0, Math.floor((y - radius) / cell)),
    r1 = Math.min(rows - 1, Math.floor((y + radius) / cell));
  let best = -1,
    bestD = radius * radius;
  for (let r = r0; r <= r1; r++) {
    for (let k = start[r * cols + c0]!, end = start[r * cols + c1 + 1]!; k < end; k++) {
      const i = order[k]!,
        dx = pos[2 * i]! - x,
        dy = pos[2 * i + 1]! - y,
        d = dx * dx + dy * dy;
      if (d <= bestD) {
        best = i;
        bestD = d;
      } // ties go to the later point, drawn on top
    }
  }
  return best;
}
