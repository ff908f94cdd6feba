import { figureRequest, type ShownFrame } from '../components/grid/figureRequest';
import { exportFile, type FigureRequest } from '../export/figure';
import { dataUrl } from '../export/png';
import { DEFAULT_VIEW } from '../store/view';
import type { SplitName } from '../data/mnist';

/** A finished run as the lab would show it: its last frame (every test digit), its config and its last evaluation. */
export type FinishedRun = Omit<ShownFrame, 'view'>;

/** One Fig. 2 panel of a finished run, asked of the app's export as the lab's default view draws it. */
export function panelRequest(run: FinishedRun, head: number, sample: SplitName): FigureRequest {
  return figureRequest({ ...run, view: DEFAULT_VIEW }, { kind: 'panel', head, sample });
}

/** A panel as the app exports it, as a PNG data URL at 2× (the app's default scale) to cross into Node. */
export async function panelPng(run: FinishedRun, head: number, sample: SplitName): Promise<string> {
  const { data } = await exportFile('png', panelRequest(run, head, sample), 2);
  return dataUrl(new Uint8Array(await new Blob([data]).arrayBuffer()));
}
