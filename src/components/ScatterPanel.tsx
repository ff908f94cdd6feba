import { axisBottom, axisLeft, scaleLinear, select } from 'd3';
import { useEffect, useRef } from 'react';
import { useLab } from '../app/labContext';
import type { Domain } from '../plot/domain';
import { drawScatter, type PlotSize } from '../plot/drawFrame';
import { Legend } from './Legend';

const SIDE = 480;
const MARGIN = { left: 48, bottom: 32, top: 8, right: 8 };

/** Draws the axes of a domain into the overlay's groups. */
function drawAxes(svg: SVGSVGElement, domain: Domain): void {
  const x = scaleLinear().domain(domain.x).range([0, SIDE]);
  const y = scaleLinear().domain(domain.y).range([SIDE, 0]);
  select(svg).select<SVGGElement>('.x-axis').call(axisBottom(x).ticks(6));
  select(svg).select<SVGGElement>('.y-axis').call(axisLeft(y).ticks(6));
}

/** The test digits' 2-D features as a canvas scatter with SVG axes; redraws when a frame arrives, outside React renders. */
export function ScatterPanel() {
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
      const { domain, drawn } = drawScatter(ctx, size, frame.features, frame.labels);
      drawAxes(svg, domain);
      canvas.dataset.points = String(drawn);
      canvas.dataset.step = String(frame.step);
      if (captionRef.current) captionRef.current.textContent = `${drawn.toLocaleString('en-US')} of ${frame.ofTotal.toLocaleString('en-US')} test digits · step ${frame.step} · inference-mode features`;
    });
  }, [frames]);

  return (
    <figure className="panel">
      <figcaption>Test digits in feature space</figcaption>
      <div className="plot" style={{ width: SIDE + MARGIN.left + MARGIN.right, height: SIDE + MARGIN.top + MARGIN.bottom }}>
        <canvas ref={canvasRef} data-testid="scatter" style={{ left: MARGIN.left, top: MARGIN.top, width: SIDE, height: SIDE }} />
        <svg ref={svgRef} width={SIDE + MARGIN.left + MARGIN.right} height={SIDE + MARGIN.top + MARGIN.bottom} aria-label="feature axes">
          <g className="x-axis" transform={`translate(${MARGIN.left},${MARGIN.top + SIDE})`} />
          <g className="y-axis" transform={`translate(${MARGIN.left},${MARGIN.top})`} />
          <text className="axis-label" x={MARGIN.left + SIDE / 2} y={SIDE + MARGIN.top + MARGIN.bottom - 2} textAnchor="middle">f₁</text>
          <text className="axis-label" transform={`translate(12,${MARGIN.top + SIDE / 2}) rotate(-90)`} textAnchor="middle">f₂</text>
        </svg>
      </div>
      <p className="caption" ref={captionRef} data-testid="scatter-caption">Waiting for the first frame…</p>
      <Legend />
    </figure>
  );
}
