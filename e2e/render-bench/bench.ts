import { select } from 'd3';
import { PanelRenderer, type LiveOptions } from '../../src/components/fig/panelRenderer';
import { NO_ZOOM } from '../../src/math/zoom';
import { squareDomainOf } from '../../src/plot/domain';
import { LIGHT } from '../../src/plot/palette';
import { createPanelScratch, panelPicture, unitEllipses, type PanelPicture } from '../../src/plot/panelModel';
import { paintPoints } from '../../src/plot/panelPoints';
import { axisItems, plotVectorItems } from '../../src/plot/scene';
import { itemsSvg } from '../../src/plot/svg';
import { syntheticHead } from '../../src/plot/testFrames';
import type { HeadFrame } from '../../src/trainer/shared/protocol';
import { median, type BenchResult, type Timing } from './stats';

/** All of MNIST in one panel, at the size a one-head layout draws on a laptop. */
const N = 70_000,
  SIZE = 440;

/** Two frames of the same digits a training step apart (different seeds), so every redraw is a new frame, as in training. */
const frames: HeadFrame[] = [syntheticHead('icu', N, 1), syntheticHead('icu', N, 7)];
const domain = squareDomainOf(frames.flatMap((h) => [h.test.features]));

/** Everything on: field, boundaries, learned and empirical ellipses at 1σ and 2σ. */
const OPTIONS: LiveOptions & { domain: typeof domain } = {
  sample: 'test',
  size: SIZE,
  zoom: NO_ZOOM,
  theme: LIGHT,
  domain,
  filter: { misclassifiedOnly: false, cell: null },
  toggles: { learnedEllipses: true, empiricalEllipses: true, sigmas: [1, 2], field: true, boundaries: true },
};

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Puts an element over the plot box at the page's top left. */
function place<E extends HTMLElement | SVGElement>(el: E): E {
  Object.assign(el.style, { position: 'absolute', left: '0', top: '0', width: `${SIZE}px`, height: `${SIZE}px` });
  return el;
}

/** Times `redraw` from inside an animation frame until the task after that frame's rendering (style, layout, paint): main-thread time of one redraw. */
function timeFrame(redraw: () => void): Promise<Timing> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      redraw();
      const script = performance.now() - t0;
      setTimeout(() => resolve({ script, total: performance.now() - t0 }));
    }),
  );
}

/** Times `runs` redraws after `warmup` untimed ones. */
async function series(redraw: (i: number) => void, runs: number, warmup = 5): Promise<Timing[]> {
  const out: Timing[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t = await timeFrame(() => redraw(i));
    if (i >= warmup) out.push(t);
  }
  return out;
}

/** The lab's panel: field and points on canvases, ellipses (1σ and 2σ, learned and empirical) and boundaries in SVG. */
async function labPanel(runs: number): Promise<Timing[]> {
  const host = place(document.createElement('div')),
    points = place(document.createElement('canvas')),
    field = place(document.createElement('canvas'));
  const svg = document.createElementNS(SVG_NS, 'svg'),
    vectors = document.createElementNS(SVG_NS, 'g'),
    axes = document.createElementNS(SVG_NS, 'g');
  place(svg);
  svg.append(vectors, axes);
  host.append(field, points, svg);
  document.body.append(host);
  const r = new PanelRenderer({ points, field, vectors, axes }, window.devicePixelRatio || 1);
  r.setOptions(OPTIONS);
  const timings = await series((i) => {
    r.setHead(frames[i % 2]!);
    r.drawNow();
  }, runs);
  r.dispose();
  host.remove();
  return timings;
}

/** The naive way: one SVG circle per digit with d3, positions updated on each redraw (no ellipses, no field). */
async function d3Svg(runs: number): Promise<Timing[]> {
  const svg = select(document.body).append(() => place(document.createElementNS(SVG_NS, 'svg')));
  const sx = (v: number) => ((v - domain.x[0]) / (domain.x[1] - domain.x[0])) * SIZE,
    sy = (v: number) => SIZE - ((v - domain.y[0]) / (domain.y[1] - domain.y[0])) * SIZE;
  const circles = svg
    .selectAll('circle')
    .data(Array.from({ length: N }, (_, i) => i))
    .join('circle')
    .attr('r', 1)
    .attr('fill', (i) => LIGHT.classes[frames[0]!.test.labels[i]!]!);
  const timings = await series((k) => {
    const xy = frames[k % 2]!.test.features;
    circles.attr('cx', (i) => sx(xy[2 * i]!)).attr('cy', (i) => sy(xy[2 * i + 1]!));
  }, runs);
  svg.remove();
  return timings;
}

/** Where the panel's script time goes: the pure steps of a redraw, each timed alone (median of 30 after 5). */
function parts(): Record<string, number> {
  const scratch = createPanelScratch(128),
    pixels = new Uint32Array(SIZE * SIZE),
    times: Record<string, number[]> = {};
  const time = <T>(name: string, i: number, f: () => T): T => {
    const t0 = performance.now(),
      v = f();
    if (i >= 5) (times[name] ??= []).push(performance.now() - t0);
    return v;
  };
  for (let i = 0; i < 35; i++) {
    const head = frames[i % 2]!,
      units = time('ellipses from 70,000 points (class moments)', i, () => unitEllipses(head, 'test'));
    const pic: PanelPicture = time('field, boundaries, ellipse paths', i, () =>
      panelPicture(head, units, OPTIONS, scratch),
    );
    time('points into the pixel buffer', i, () => {
      pixels.fill(0);
      return paintPoints({ pixels, width: SIZE, height: SIZE }, pic, 1);
    });
    time('overlay SVG markup', i, () => itemsSvg([...plotVectorItems(pic), ...axisItems(pic, LIGHT)]));
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/** Runs both, the SVG scatter with fewer runs (each takes long), and publishes the result for the driver. */
async function main(): Promise<void> {
  const panel = await labPanel(40),
    svg = await d3Svg(15);
  const result: BenchResult = {
    points: N,
    size: SIZE,
    dpr: window.devicePixelRatio || 1,
    userAgent: navigator.userAgent,
    panel: { runs: panel.length, script: median(panel.map((t) => t.script)), total: median(panel.map((t) => t.total)) },
    svg: { runs: svg.length, script: median(svg.map((t) => t.script)), total: median(svg.map((t) => t.total)) },
    parts: parts(),
  };
  (window as unknown as { benchResult: BenchResult }).benchResult = result;
}

main().catch((e: unknown) => {
  (window as unknown as { benchError: string }).benchError = String(e);
});
