import { px } from './format';
import type { PanelPicture } from './panelModel';
import { DOT } from './panelPoints';
import { FONT, type PointsItem, type Scene, type SceneItem } from './scene';

/** Above this many points a panel's points go into the SVG as an image instead of one square each. */
const VECTOR_POINTS_MAX = 4000;

/** Text made safe for XML content and attribute values. */
function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`,
  );
}

/** Optional attributes, skipping the unset ones. */
function attrs(a: Record<string, string | number | null | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

/** One class's points in one style as a single SVG path of small squares. */
interface PointPath {
  d: string;
  fill: string;
  opacity?: number;
}

/** Opacity of the points outside a highlighted confusion cell (as on screen: 56/255). */
const DIM_OPACITY = 0.22;

/** Squares of side DOT centred on the points of `which` (a mask, or all), one path string per class. */
function squares(p: PanelPicture, which: Uint8Array | null): string[] {
  const {
      sample,
      maps: { mx, my },
      size,
    } = p,
    out: string[] = [];
  for (let i = 0; i < sample.labels.length; i++) {
    if (which && !which[i]) continue;
    const x = mx.offset + mx.scale * sample.features[2 * i]! - DOT / 2,
      y = my.offset + my.scale * sample.features[2 * i + 1]! - DOT / 2;
    if (!(x > -DOT && y > -DOT && x < size && y < size)) continue;
    const c = sample.labels[i]!;
    out[c] = `${out[c] ?? ''}M${px(x)},${px(y)}h${DOT}v${DOT}h-${DOT}z`;
  }
  return out;
}

/** The masked-out complement: kept points that are not highlighted. */
function dimmed(keep: Uint8Array | null, highlight: Uint8Array): Uint8Array {
  return highlight.map((h, i) => (!h && (!keep || keep[i]) ? 1 : 0));
}

/** A panel's points as vector paths, for figures with few points: dimmed ones first, then the rest in full colour. */
function vectorPoints(p: PanelPicture): PointPath[] {
  const colour = (c: number) => p.theme.classes[c] ?? p.theme.text;
  const layers = p.highlight
    ? [{ paths: squares(p, dimmed(p.keep, p.highlight)), opacity: DIM_OPACITY }, { paths: squares(p, p.highlight) }]
    : [{ paths: squares(p, p.keep) }];
  return layers.flatMap((l) =>
    l.paths.flatMap((d, cls) => (d ? [{ d, fill: colour(cls), ...(l.opacity ? { opacity: l.opacity } : {}) }] : [])),
  );
}

/** Whether a points item goes into the SVG as an image (too many points for one square each). */
export function pointsAsImage(item: PointsItem): boolean {
  return item.picture.sample.labels.length > VECTOR_POINTS_MAX;
}

/** Writes one item; images (field, many points) need their data URL in `hrefs`. */
function itemSvg(item: SceneItem, hrefs: ReadonlyMap<SceneItem, string>, ids: { next: number }): string {
  switch (item.kind) {
    case 'rect':
      return `<rect${attrs({ x: px(item.x), y: px(item.y), width: px(item.w), height: px(item.h), fill: item.fill ?? 'none', stroke: item.stroke })}/>`;
    case 'path':
      return `<path${attrs({ d: item.d, fill: item.fill ?? 'none', stroke: item.stroke, 'stroke-width': item.width, 'stroke-dasharray': item.dash, opacity: item.opacity })}/>`;
    case 'text':
      return textSvg(item);
    case 'field':
      return imageSvg(item.x, item.y, item.w, item.h, hrefs.get(item));
    case 'points':
      return pointsAsImage(item)
        ? imageSvg(item.x, item.y, item.picture.size, item.picture.size, hrefs.get(item))
        : vectorPoints(item.picture)
            .map((p) => `<path${attrs({ d: p.d, fill: p.fill, opacity: p.opacity })}/>`)
            .join('');
    case 'group':
      return groupSvg(item, hrefs, ids);
  }
}

/** A text item, turned for vertical labels. */
function textSvg(t: Extract<SceneItem, { kind: 'text' }>): string {
  const turn = t.vertical ? `rotate(-90 ${px(t.x)} ${px(t.y)})` : undefined;
  return `<text${attrs({ x: px(t.x), y: px(t.y), 'font-size': t.size, fill: t.fill, 'text-anchor': t.anchor, 'font-weight': t.bold ? 'bold' : undefined, transform: turn })}>${escapeXml(t.text)}</text>`;
}

/** An embedded image stretched over a box. */
function imageSvg(x: number, y: number, w: number, h: number, href: string | undefined): string {
  if (!href) throw new Error('sceneToSvg: an image item has no data URL (encode the rasters first, see exportSvg)');
  return `<image${attrs({ x: px(x), y: px(y), width: px(w), height: px(h), preserveAspectRatio: 'none', href })}/>`;
}

/** A translated group, clipped through its own clipPath when it has a clip box. */
function groupSvg(
  g: Extract<SceneItem, { kind: 'group' }>,
  hrefs: ReadonlyMap<SceneItem, string>,
  ids: { next: number },
): string {
  const id = g.clip ? `clip${ids.next++}` : undefined;
  const clip = g.clip ? `<clipPath id="${id}"><rect width="${px(g.clip.w)}" height="${px(g.clip.h)}"/></clipPath>` : '';
  const inner = g.items.map((i) => itemSvg(i, hrefs, ids)).join('');
  return `<g${attrs({ transform: `translate(${px(g.x)},${px(g.y)})` })}>${clip}<g${attrs({ 'clip-path': id && `url(#${id})` })}>${inner}</g></g>`;
}

/** SVG markup of vector items (no images), e.g. for a live plot's overlay: the same strokes as an export. */
export function itemsSvg(items: readonly SceneItem[]): string {
  const ids = { next: 0 },
    none = new Map<SceneItem, string>();
  return items.map((i) => itemSvg(i, none, ids)).join('');
}

/** A standalone SVG document of a scene; `hrefs` gives each image item (field, many points) its data URL. */
export function sceneToSvg(scene: Scene, hrefs: ReadonlyMap<SceneItem, string> = new Map()): string {
  const ids = { next: 0 },
    body = scene.items.map((i) => itemSvg(i, hrefs, ids)).join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"${attrs({ width: scene.width, height: scene.height, viewBox: `0 0 ${scene.width} ${scene.height}`, 'font-family': FONT })}>\n` +
    `<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>\n${body}\n</svg>\n`
  );
}
