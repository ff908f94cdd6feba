import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { ZoomLike } from '../../math/zoom';
import type { Domain } from '../../plot/domain';
import type { HoverInfo } from '../../plot/hover';
import { LIGHT, type Theme } from '../../plot/palette';
import type { PanelToggles } from '../../plot/panelModel';
import type { PointFilter } from '../../plot/points';
import type { HeadFrame } from '../../trainer/shared/protocol';
import { PanelRenderer, type DomainOf } from './panelRenderer';
import type { RedrawQueue } from './redrawQueue';
import type { Source } from '../../trainer/client/frameBus';
import { useLinkedZoom } from './useLinkedZoom';
import type { SplitName } from '../../data/mnist';

/** A hovered digit and where the pointer is on the page (to place the hover card). */
export type PanelHover = HoverInfo & { clientX: number; clientY: number };

/** Props of an embedding panel; all low-rate: frames come through `source`, never through React state. */
export interface EmbeddingPanelProps {
  /** The head whose frames this panel draws (see headSource). */
  source: Source<HeadFrame>;
  sample: SplitName;
  toggles: PanelToggles;
  /** Data-space axes; 'auto' fits the head's train and test features, so a head's two panels share axes; a function decides per frame. */
  domain: Domain | 'auto' | DomainOf;
  /** Side of the square plot in CSS pixels (axes add a margin). */
  size: number;
  /** Shared d3-zoom transform (pixel space, so it links panels of different feature scales). */
  zoom: ZoomLike;
  onZoom: (t: ZoomLike) => void;
  /** Accessible name, e.g. "ICU, test digits". */
  label: string;
  filter?: PointFilter;
  theme?: Theme;
  onHover?: (hover: PanelHover | null) => void;
  /** Sample index to ring (the digit hovered in a linked panel). */
  marked?: number | null;
  /** Features of the digit the visitor drew, marked as a ringed cross. */
  drawn?: readonly [number, number] | null;
  /** Test id of the points canvas (its data-points says how many points it drew). */
  testId?: string;
  /** Shared by a grid's panels, so a frame reaching all of them is drawn over several animation frames, not one long task. */
  queue?: RedrawQueue;
}

const M = { left: 46, top: 8, right: 12, bottom: 36 };
const ALL: PointFilter = { misclassifiedOnly: false, cell: null };

/** One embedding: decision field canvas, points canvas, SVG overlay (boundaries, ellipses, axes), zoom and hover. */
export function EmbeddingPanel(props: EmbeddingPanelProps) {
  const {
    source,
    sample,
    toggles,
    domain,
    size,
    zoom,
    onZoom,
    label,
    filter = ALL,
    theme = LIGHT,
    onHover,
    marked = null,
    drawn = null,
    testId,
    queue,
  } = props;
  const pointsRef = useRef<HTMLCanvasElement>(null),
    fieldRef = useRef<HTMLCanvasElement>(null);
  const vectorsRef = useRef<SVGGElement>(null),
    axesRef = useRef<SVGGElement>(null),
    surfaceRef = useRef<HTMLDivElement>(null);
  const renderer = useRef<PanelRenderer | null>(null);
  useLinkedZoom(surfaceRef, zoom, onZoom);

  useEffect(() => {
    const [points, field, vectors, axes] = [pointsRef.current, fieldRef.current, vectorsRef.current, axesRef.current];
    if (!points || !field || !vectors || !axes) return;
    const r = new PanelRenderer({ points, field, vectors, axes }, window.devicePixelRatio || 1, queue);
    renderer.current = r;
    const unsubscribe = source.subscribe((head) => r.setHead(head));
    return () => {
      unsubscribe();
      r.dispose();
      renderer.current = null;
    };
  }, [source, queue]);

  useEffect(() => {
    renderer.current?.setOptions({ sample, toggles, filter, domain, size, zoom, theme });
  }, [source, queue, sample, toggles, filter, domain, size, zoom, theme]);

  useEffect(() => {
    renderer.current?.setMarked(marked);
  }, [source, queue, marked]);

  useEffect(() => {
    renderer.current?.setDrawn(drawn);
  }, [source, queue, drawn]);

  const hover = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect(),
      info = renderer.current?.hover(e.clientX - box.left, e.clientY - box.top) ?? null;
    onHover?.(info && { ...info, clientX: e.clientX, clientY: e.clientY });
  };
  return (
    <div
      role="img"
      aria-label={label}
      className="embedding"
      style={{
        position: 'relative',
        width: M.left + size + M.right,
        height: M.top + size + M.bottom,
        background: theme.background,
      }}
    >
      <Layers
        size={size}
        theme={theme}
        pointsRef={pointsRef}
        fieldRef={fieldRef}
        vectorsRef={vectorsRef}
        axesRef={axesRef}
        testId={testId}
      />
      <div
        ref={surfaceRef}
        style={{ ...plotBox(size), cursor: 'crosshair', touchAction: 'none' }}
        onPointerMove={hover}
        onPointerLeave={() => onHover?.(null)}
      />
    </div>
  );
}

/** The plot's box inside the panel. */
function plotBox(size: number) {
  return { position: 'absolute', left: M.left, top: M.top, width: size, height: size } as const;
}

/** The drawn layers, bottom to top: field canvas, points canvas, SVG with plot vectors (clipped by a nested svg) and axes. */
function Layers({
  size,
  theme,
  pointsRef,
  fieldRef,
  vectorsRef,
  axesRef,
  testId,
}: {
  size: number;
  theme: Theme;
  testId: string | undefined;
  pointsRef: RefObject<HTMLCanvasElement | null>;
  fieldRef: RefObject<HTMLCanvasElement | null>;
  vectorsRef: RefObject<SVGGElement | null>;
  axesRef: RefObject<SVGGElement | null>;
}) {
  const w = M.left + size + M.right,
    h = M.top + size + M.bottom;
  return (
    <>
      <canvas ref={fieldRef} style={{ ...plotBox(size), imageRendering: 'auto' }} />
      <canvas ref={pointsRef} className="embedding-points" data-testid={testId} style={plotBox(size)} />
      <svg width={w} height={h} style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none' }}>
        <svg x={M.left} y={M.top} width={size} height={size}>
          <g ref={vectorsRef} />
        </svg>
        <g ref={axesRef} transform={`translate(${M.left},${M.top})`} />
        <text x={M.left + size / 2} y={M.top + size + 31} textAnchor="middle" fontSize={11} fill={theme.text}>
          f₁
        </text>
        <text
          transform={`translate(12,${M.top + size / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={11}
          fill={theme.text}
        >
          f₂
        </text>
      </svg>
    </>
  );
}
