import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { useEffect, useRef } from 'react';
import { useLab } from '../app/labContext';
import type { Domain } from '../plot/domain';
import { drawScatter, type PlotSize } from '../plot/drawFrame';

const SIDE = 300;
const MARGIN = { left: 44, bottom: 28, top: 6, right: 8 };

/** Draws the axes of a domain into the overlay's groups. */
function drawAxes(svg: SVGSVGElement, domain: Domain): void {
  const x = scaleLinear().domain(domain.x).range([0, SIDE]);
  const y = scaleLinear().domain(domain.y).range([SIDE, 0]);
  select(svg).select<SVGGElement>('.x-axis').call(axisBottom(x).ticks(5));
  select(svg).select<SVGGElement>('.y-axis').call(axisLeft(y).ticks(5));
}

/** Props: which head of the frame and which sample (train or test digits) this panel shows. */
export interface ScatterPanelProps { head: number; sample: 'train' | 'test'; title: string }

/** One head's features of one sample as a canvas scatter with its own SVG axes; redraws when a frame arrives, outside React renders. */
export function ScatterPanel({ head, sample, title }: ScatterPanelProps) {
  const { frames } = useLab();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const captionRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current, svg = svgRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !svg || !ctx) return;
    const size: PlotSize = { width: SIDE, height: SIDE, dpr: window.devicePixelRatio || 1 };
    canvas.width = Math.round(SIDE * size.dpr);
    canvas.height = Math.round(SIDE * size.dpr);
    return frames.subscribe((frame) => {
      const h = frame.heads[head];
      if (!h) return;
      const s = h[sample];
      const { domain, drawn } = drawScatter(ctx, size, s.features, s.labels);
      drawAxes(svg, domain);
      canvas.dataset.points = String(drawn);
      canvas.dataset.step = String(frame.step);
      const of = sample === 'test' ? ` of ${frame.testTotal.toLocaleString('en-US')}` : '';
      if (captionRef.current) captionRef.current.textContent = `${drawn.toLocaleString('en-US')}${of} ${sample} digits · step ${frame.step} · ${frame.mode === 'eval' ? 'inference-mode features (running BN statistics)' : 'training-mode features (batch BN statistics)'}`;
    });
  }, [frames, head, sample]);

  return (
    <figure className="panel" data-testid={`panel-${sample}-${head}`}>
      <figcaption>{title}</figcaption>
      <div className="plot" style={{ width: SIDE + MARGIN.left + MARGIN.right, height: SIDE + MARGIN.top + MARGIN.bottom }}>
        <canvas ref={canvasRef} data-testid={`scatter-${sample}-${head}`} style={{ left: MARGIN.left, top: MARGIN.top, width: SIDE, height: SIDE }} />
        <svg ref={svgRef} width={SIDE + MARGIN.left + MARGIN.right} height={SIDE + MARGIN.top + MARGIN.bottom} aria-label={`${title} axes`}>
          <g className="x-axis" transform={`translate(${MARGIN.left},${MARGIN.top + SIDE})`} />
          <g className="y-axis" transform={`translate(${MARGIN.left},${MARGIN.top})`} />
        </svg>
      </div>
      <p className="caption" ref={captionRef} data-testid={`caption-${sample}-${head}`}>Waiting for the first frame…</p>
    </figure>
  );
}
