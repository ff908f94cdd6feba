import { exportCsv, exportJson, exportParamsCsv } from '../export/data';
import { exportPng, exportSvg, type PngScale } from '../export/image';
import { figureScene, type FigureRequest } from './figureExport';
import { drawnFrame } from '../components/grid/viewModel';

/** What the export buttons save: a figure (PNG, SVG), the drawn data (CSV, JSON) or the heads' parameters (CSV). */
export type ExportKind = 'png' | 'svg' | 'csv' | 'params' | 'json';

/** One file to save. */
export interface ExportFile {
  name: string;
  data: Blob | string;
  type: string;
}

/** The file of an export, named after the frame's step; figures at `scale` for PNG. */
export async function exportFile(kind: ExportKind, r: FigureRequest, scale: PngScale): Promise<ExportFile> {
  const name = `icu-lab-step${r.frame.step}`,
    drawn = () => drawnFrame(r.frame, r.view);
  switch (kind) {
    case 'png':
      return { name: `${name}.png`, data: await exportPng(figureScene(r), scale), type: 'image/png' };
    case 'svg':
      return { name: `${name}.svg`, data: await exportSvg(figureScene(r)), type: 'image/svg+xml' };
    case 'csv':
      return { name: `${name}-features.csv`, data: exportCsv(drawn()), type: 'text/csv' };
    case 'params':
      return { name: `${name}-params.csv`, data: exportParamsCsv(r.frame), type: 'text/csv' };
    case 'json':
      return { name: `${name}.json`, data: exportJson(drawn()), type: 'application/json' };
  }
}
