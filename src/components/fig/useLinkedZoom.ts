import { select, zoom as d3zoom, zoomIdentity, zoomTransform, type D3ZoomEvent } from 'd3';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ZoomLike } from '../../math/zoom';

/** How far a panel zooms out and in. */
const SCALE_EXTENT: [number, number] = [0.5, 64];

/**
 * d3-zoom on `ref`, controlled by a shared transform: user gestures report through `onZoom`, and
 * a `zoom` changed elsewhere (a linked panel, a reset) is applied without echoing back, because
 * programmatic zoom events have no source event.
 */
export function useLinkedZoom(ref: RefObject<HTMLElement | null>, zoom: ZoomLike, onZoom: (t: ZoomLike) => void): void {
  const [behaviour] = useState(() => d3zoom<HTMLElement, unknown>().scaleExtent(SCALE_EXTENT));
  const onZoomRef = useRef(onZoom);
  useEffect(() => {
    onZoomRef.current = onZoom;
  }, [onZoom]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    behaviour.on('zoom', (e: D3ZoomEvent<HTMLElement, unknown>) => {
      if (e.sourceEvent) onZoomRef.current({ k: e.transform.k, x: e.transform.x, y: e.transform.y });
    });
    const sel = select(el).call(behaviour);
    return () => {
      sel.on('.zoom', null);
    };
  }, [ref, behaviour]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const t = zoomTransform(el);
    if (t.k !== zoom.k || t.x !== zoom.x || t.y !== zoom.y)
      behaviour.transform(select(el), zoomIdentity.translate(zoom.x, zoom.y).scale(zoom.k));
  }, [ref, behaviour, zoom.k, zoom.x, zoom.y]);
}
