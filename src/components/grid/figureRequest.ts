import { EXPORT_PANEL_SIZE, type ExportScope, type FigureRequest } from '../../export/figure';
import type { ViewState } from '../../store/view';
import type { RunConfig } from '../../trainer/shared/config';
import type { Frame } from '../../trainer/shared/protocol';
import type { EvaluationPoint } from '../../trainer/shared/runFile';
import { drawnFrame, panelFilter, panelToggles, sharedDomain, zoomAt } from './viewModel';

/** What the lab shows when an export is asked for: the frame, the run's config, the view and the last evaluation. */
export interface ShownFrame {
  frame: Frame;
  config: RunConfig;
  view: ViewState;
  evaluation: EvaluationPoint | null;
}

/** An export of what the lab shows, as export/figure takes it: the frame as drawn and the view resolved as the screen resolves it. */
export function figureRequest(shown: ShownFrame, scope: ExportScope): FigureRequest {
  const { frame, view } = shown;
  return {
    ...shown,
    scope,
    frame: drawnFrame(frame, view),
    view: {
      toggles: panelToggles(view),
      filters: frame.heads.map((_, i) => panelFilter(view, i)),
      domain: view.sharedAxes ? sharedDomain(frame) : 'auto',
      zoom: zoomAt(view.zoom, EXPORT_PANEL_SIZE),
    },
  };
}
