import { sampleAccuracy } from '../../store/sampleCurve';
import type { Domain } from '../../plot/domain';
import { px } from '../../plot/format';
import { buildHitIndex, nearestPoint, type HitIndex } from '../../plot/hitTest';
import { hoverInfo, type HoverInfo } from '../../plot/hover';
import {
  createPanelScratch,
  panelField,
  panelPicture,
  resolveDomain,
  unitEllipses,
  type PanelOptions,
  type PanelPicture,
  type PanelScratch,
  type UnitEllipses,
} from '../../plot/panelModel';
import { paintPoints } from '../../plot/panelPoints';
import { axisItems, plotVectorItems, type SceneItem } from '../../plot/scene';
import { itemsSvg } from '../../plot/svg';
import type { HeadFrame } from '../../trainer/shared/protocol';
import { RedrawQueue, type Redrawable } from './redrawQueue';
import type { SplitName } from '../../data/mnist';

/** A domain worked out per frame (e.g. shared by every head of the frame, read from the frame bus at draw time). */
export type DomainOf = (head: HeadFrame) => Domain;

/** Panel options whose domain may be 'auto' (the square around the head's train and test features, so both panels share axes) or per frame. */
export type LiveOptions = Omit<PanelOptions, 'domain'> & { domain: Domain | 'auto' | DomainOf };

/** The DOM a panel draws into: points canvas, field canvas, and SVG groups for plot vectors and axes. */
export interface PanelElements {
  points: HTMLCanvasElement;
  field: HTMLCanvasElement;
  vectors: SVGGElement;
  axes: SVGGElement;
}

/** Hover radius in CSS pixels: a little more than a dot, so single digits are easy to catch. */
const HOVER_RADIUS = 6;

/**
 * Draws one embedding panel imperatively, outside React renders: frames and option changes only
 * mark it dirty, and the redraw queue redraws from the latest of both in three tasks — the field
 * worked out, then the rest of the picture, then all of it put on screen; a hover ring alone
 * redraws only the overlay. Owns the panel's reusable buffers (field grid, masks, image data, hit
 * index).
 */
export class PanelRenderer implements Redrawable {
  private head: HeadFrame | null = null;
  private units: { head: HeadFrame; sample: string; value: UnitEllipses } | null = null;
  private options: LiveOptions | null = null;
  private marked: number | null = null;
  /** The digit the visitor drew, in this head's feature space. */
  private drawn: readonly [number, number] | null = null;
  /** The picture on screen. */
  private picture: PanelPicture | null = null;
  /** Whether the field is worked out and the rest of the picture is the next step. */
  private fieldReady = false;
  /** A picture worked out and waiting for the next step to put it on screen. */
  private next: PanelPicture | null = null;
  private hits: { index: HitIndex; fresh: boolean } | null = null;
  private image: ImageData | null = null;
  private fieldImage: ImageData | null = null;
  /** What the next redraw must redo: everything, or only the overlay's hover ring. */
  private dirty: 'all' | 'marks' | null = null;
  private readonly scratch: PanelScratch;

  constructor(
    private readonly el: PanelElements,
    private readonly dpr: number,
    private readonly queue = new RedrawQueue(),
    fieldCells = 128,
  ) {
    this.scratch = createPanelScratch(fieldCells);
  }

  /** A new frame of this panel's head. */
  setHead(head: HeadFrame): void {
    this.head = head;
    this.schedule('all');
  }

  /** New view options (toggles, filter, domain, size, zoom, theme). */
  setOptions(options: LiveOptions): void {
    this.options = options;
    this.schedule('all');
  }

  /** Rings digit i of the sample (a digit hovered in a linked panel), or nothing. */
  setMarked(i: number | null): void {
    if (i !== this.marked) {
      this.marked = i;
      this.schedule('marks');
    }
  }

  /** Marks the drawn digit's features (x, y), or nothing. */
  setDrawn(xy: readonly [number, number] | null): void {
    if (xy?.[0] !== this.drawn?.[0] || xy?.[1] !== this.drawn?.[1]) {
      this.drawn = xy;
      this.schedule('marks');
    }
  }

  /**
   * One step of redrawing what changed (the queue calls this): a changed frame or view first
   * works out the field and boundaries, then in another step the rest of the picture (ellipses,
   * masks, ticks), and in a third puts it on screen; a picture changed again in between is
   * worked out again, never shown stale. A cold first frame took 60 ms in one step.
   */
  redraw(): boolean {
    const dirty = this.dirty;
    this.dirty = null;
    if (dirty === 'all') {
      const latest = this.latest();
      this.next = null;
      this.fieldReady = latest !== null;
      if (latest) panelField(latest.head, latest.options, this.scratch);
      return this.fieldReady;
    }
    if (this.fieldReady) {
      this.fieldReady = false;
      this.next = this.compute();
      return this.next !== null;
    }
    if (this.next) this.show(this.next);
    else if (dirty === 'marks' && this.picture) this.drawVectors(this.picture);
    this.next = null;
    return false;
  }

  /** Redraws everything at once, outside the queue (the rendering benchmark times this). */
  drawNow(): void {
    this.queue.cancel(this);
    this.dirty = null;
    this.fieldReady = false;
    this.next = null;
    const pic = this.compute();
    if (pic) this.show(pic);
  }

  /** Drops a waiting redraw (the panel unmounts). */
  dispose(): void {
    this.queue.cancel(this);
  }

  /** What is under CSS pixel (x, y) of the plot, or null. */
  hover(x: number, y: number): HoverInfo | null {
    const { picture: p, head, options } = this;
    if (!p || !head || !options) return null;
    if (!this.hits?.fresh) {
      const index = buildHitIndex(
        p.sample.features,
        p.maps.mx,
        p.maps.my,
        p.size,
        p.size,
        8,
        p.keep ?? undefined,
        this.hits?.index,
      );
      this.hits = { index, fresh: true };
    }
    const i = nearestPoint(this.hits.index, x, y, HOVER_RADIUS);
    return i < 0 ? null : hoverInfo(head, options.sample, i);
  }

  private schedule(what: 'all' | 'marks'): void {
    this.dirty = this.dirty === 'all' ? 'all' : what;
    this.queue.request(this);
  }

  /** 1σ ellipses, recomputed only when the frame or sample changes (zooming keeps them). */
  private unitsFor(head: HeadFrame, sample: SplitName): UnitEllipses {
    if (this.units?.head !== head || this.units.sample !== sample)
      this.units = { head, sample, value: unitEllipses(head, sample) };
    return this.units.value;
  }

  /** The latest frame, and the latest options with their domain worked out for it; null before both are known. */
  private latest(): { head: HeadFrame; options: PanelOptions } | null {
    const { head, options } = this;
    if (!head || !options) return null;
    const domain = typeof options.domain === 'function' ? options.domain(head) : resolveDomain(head, options.domain);
    return { head, options: { ...options, domain } };
  }

  /** The picture of the latest frame and options, or null before both are known. */
  private compute(): PanelPicture | null {
    const latest = this.latest();
    if (!latest) return null;
    const { head, options } = latest;
    return panelPicture(head, this.unitsFor(head, options.sample), options, this.scratch);
  }

  /** Puts a picture on screen: points and field canvases, overlay and axes. */
  private show(pic: PanelPicture): void {
    this.picture = pic;
    if (this.hits) this.hits.fresh = false;
    this.drawPoints(pic);
    this.drawField(pic);
    this.drawVectors(pic);
    setMarkup(this.el.axes, itemsSvg(axisItems(pic, pic.theme)));
  }

  private drawVectors(pic: PanelPicture): void {
    setMarkup(this.el.vectors, itemsSvg([...plotVectorItems(pic), ...this.markItems(pic)]));
  }

  /**
   * A ring around the marked digit, and the drawn digit as a ringed cross (in the theme's text
   * colour, unlike any digit's dot); the drawn digit's plot position goes on the overlay's
   * data-drawn-digit for tests.
   */
  private markItems(pic: PanelPicture): SceneItem[] {
    const at = (x: number | undefined, y: number | undefined) =>
      x === undefined || y === undefined || !Number.isFinite(x + y)
        ? null
        : [pic.maps.mx.offset + pic.maps.mx.scale * x, pic.maps.my.offset + pic.maps.my.scale * y];
    const i = this.marked;
    const ring = i === null ? null : at(pic.sample.features[2 * i], pic.sample.features[2 * i + 1]);
    const drawn = this.drawn && at(this.drawn[0], this.drawn[1]);
    if (drawn) this.el.vectors.dataset.drawnDigit = `${px(drawn[0]!)},${px(drawn[1]!)}`;
    else delete this.el.vectors.dataset.drawnDigit;
    const circle = ([cx, cy]: number[], r: number) =>
      `M${px(cx! + r)},${px(cy!)}a${r},${r} 0 1 0 ${-2 * r},0a${r},${r} 0 1 0 ${2 * r},0`;
    const stroke = pic.theme.text;
    return [
      ...(ring ? [{ kind: 'path' as const, d: circle(ring, 6), stroke, width: 2 }] : []),
      ...(drawn
        ? [
            { kind: 'path' as const, d: circle(drawn, 9), stroke, width: 2.5 },
            {
              kind: 'path' as const,
              d: `M${px(drawn[0]! - 13)},${px(drawn[1]!)}H${px(drawn[0]! + 13)}M${px(drawn[0]!)},${px(drawn[1]! - 13)}V${px(drawn[1]! + 13)}`,
              stroke,
              width: 2,
            },
          ]
        : []),
    ];
  }

  private drawPoints(pic: PanelPicture): void {
    const canvas = this.el.points,
      side = Math.round(pic.size * this.dpr),
      ctx = canvas.getContext('2d');
    if (!ctx) return;
    if (canvas.width !== side) {
      canvas.width = side;
      canvas.height = side;
      this.image = null;
    }
    this.image ??= ctx.createImageData(side, side);
    const pixels = new Uint32Array(this.image.data.buffer);
    pixels.fill(0);
    // What was drawn, for end-to-end tests and the time-to-Fig. 2 benchmark: points in full colour,
    // ellipses, whether boundaries are drawn, the head's accuracy on the drawn sample, and the
    // newest step among its digits (the timeline's step while scrubbed).
    Object.assign(canvas.dataset, {
      step: String(pic.sample.newestStep),
      points: String(paintPoints({ pixels, width: side, height: side }, pic, this.dpr)),
      ellipses: String(pic.ellipses.length),
      boundaries: pic.boundary ? '1' : '0',
      accuracy: String(sampleAccuracy(pic.sample.predictions, pic.sample.labels)),
    });
    ctx.putImageData(this.image, 0, 0);
  }

  private drawField(pic: PanelPicture): void {
    const canvas = this.el.field,
      ctx = canvas.getContext('2d'),
      f = pic.field;
    canvas.style.visibility = f ? 'visible' : 'hidden';
    if (!ctx || !f) return;
    if (canvas.width !== f.nx || canvas.height !== f.ny) {
      canvas.width = f.nx;
      canvas.height = f.ny;
      this.fieldImage = null;
    }
    this.fieldImage ??= ctx.createImageData(f.nx, f.ny);
    new Uint32Array(this.fieldImage.data.buffer).set(f.pixels);
    ctx.putImageData(this.fieldImage, 0, 0);
  }
}

/** The markup last written into each SVG group (reading innerHTML back would serialize it, and not always alike). */
const written = new WeakMap<SVGGElement, string>();

/** Replaces an SVG group's markup only if it changed: a rewrite costs parsing, style, layout and paint (the axes stay put between most frames). */
function setMarkup(g: SVGGElement, markup: string): void {
  if (written.get(g) === markup) return;
  g.innerHTML = markup;
  written.set(g, markup);
}
