/**
 * A d3-zoom transform's numbers: a zoomed pixel is k·pixel + (x, y). Below both the view
 * state that keeps it (store) and the plots that apply it (plot), which never import each other.
 */
export interface ZoomLike {
  k: number;
  x: number;
  y: number;
}

/** The identity zoom. */
export const NO_ZOOM: ZoomLike = { k: 1, x: 0, y: 0 };
