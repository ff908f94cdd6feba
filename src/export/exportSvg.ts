import { dataUrl, encodePng } from './png';
import { fieldRaster, rasterizePoints, svgImageItems } from './rasters';
import type { Scene, SceneItem } from './scene';
import { sceneToSvg } from './svg';

/**
 * A standalone SVG of a figure: ellipses, boundaries, axes, legend and caption as vectors; the
 * decision field and (when there are many) the points as embedded PNG images, the points drawn at
 * `rasterScale` pixels per unit so they stay crisp when printed.
 */
export async function exportSvg(scene: Scene, rasterScale = 2): Promise<string> {
  const hrefs = new Map<SceneItem, string>();
  for (const item of svgImageItems(scene)) {
    const r = item.kind === 'field' ? fieldRaster(item) : rasterizePoints(item, rasterScale);
    hrefs.set(item, dataUrl(await encodePng(r.pixels, r.width, r.height)));
  }
  return sceneToSvg(scene, hrefs);
}
