import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../labContext';
import { panelFilter, panelToggles, zoomAt } from './viewModel';
import type { ZoomLike } from '../../math/zoom';
import { DARK, LIGHT, type Theme } from '../../plot/palette';
import { headSource } from '../fig/source';
import { limitedSource, sharedDomainOf } from './sources';

/** The plot theme the view asks for. */
export function usePlotTheme(): Theme {
  return useLab().useStore((s) => s.view.theme) === 'dark' ? DARK : LIGHT;
}

/** Everything an embedding panel of head `head` and side `size` needs from the view, memoized so panels redraw only on real changes. */
export function usePanelView(head: number, size: number) {
  const { frames, useStore } = useLab();
  const maxPoints = useStore((s) => s.view.maxPoints),
    shared = useStore((s) => s.view.sharedAxes);
  const misclassifiedOnly = useStore((s) => s.view.misclassifiedOnly),
    cell = useStore((s) => s.view.cell);
  const stored = useStore((s) => s.view.zoom),
    setView = useStore((s) => s.setView);
  const toggles = useStore(useShallow((s) => panelToggles(s.view)));
  const source = useMemo(() => limitedSource(headSource(frames, head), maxPoints), [frames, head, maxPoints]);
  const filter = useMemo(() => panelFilter({ misclassifiedOnly, cell }, head), [misclassifiedOnly, cell, head]);
  const domain = useMemo(() => (shared ? sharedDomainOf(frames) : ('auto' as const)), [shared, frames]);
  // The store keeps the pan in panel sides, the panel works in its pixels.
  const zoom = useMemo(() => zoomAt(stored, size), [stored, size]);
  const onZoom = useCallback(
    (z: ZoomLike) => setView({ zoom: { k: z.k, x: z.x / size, y: z.y / size } }),
    [setView, size],
  );
  return { source, toggles, filter, domain, zoom, onZoom, theme: usePlotTheme(), maxPoints };
}
