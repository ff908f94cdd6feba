import { captionText } from '../export/caption';
import { buildFigure, type FigurePanel } from '../export/figure';
import { figurePanel } from '../export/panels';
import type { Scene } from '../plot/scene';
import type { EvaluationPoint } from '../trainer/shared/runFile';
import type { ViewState } from '../store/view';
import type { RunConfig } from '../trainer/shared/config';
import type { Frame } from '../trainer/shared/protocol';
import { HEAD_NAMES } from '../loss/heads';
import {
  embeddedStepsText,
  featureModeText,
  frameStepRange,
  limitHead,
  panelFilter,
  panelToggles,
  sharedDomain,
  zoomAt,
} from '../components/grid/viewModel';

/** Side of an exported panel in CSS pixels (a PNG at 2× makes it 640 px): a column of a paper figure. */
export const EXPORT_PANEL_SIZE = 320;

/** What to export: the whole grid (rows train/test, a column per head, as Fig. 2) or one panel. */
export type ExportScope = { kind: 'grid' } | { kind: 'panel'; head: number; sample: 'train' | 'test' };

/** Everything a figure is drawn from. */
export interface FigureRequest {
  frame: Frame;
  config: RunConfig;
  view: ViewState;
  evaluation: EvaluationPoint | null;
  scope: ExportScope;
}

/** A panel's title: head and sample, with the head's last test accuracy on the test row (as the reference figure). */
function title(r: FigureRequest, head: number, sample: 'train' | 'test'): string {
  const id = r.frame.heads[head]!.head,
    acc = r.evaluation?.heads[head]?.accuracy;
  return `${HEAD_NAMES[id]} ${sample}${sample === 'test' && acc !== undefined ? ` (${(100 * acc).toFixed(2)}%)` : ''}`;
}

/** One figure panel as the screen shows it, redrawn at the export size in the light theme. */
function panel(r: FigureRequest, head: number, sample: 'train' | 'test'): FigurePanel {
  const { frame, view } = r;
  return figurePanel(limitHead(frame.heads[head]!, view.maxPoints), title(r, head, sample), {
    sample,
    size: EXPORT_PANEL_SIZE,
    zoom: zoomAt(view.zoom, EXPORT_PANEL_SIZE),
    domain: view.sharedAxes ? sharedDomain(frame) : 'auto',
    filter: panelFilter(view, head),
    toggles: panelToggles(view),
  });
}

/** The caption: each head with its hyper-parameters, step, epoch, the steps the features come from when some are older, BN mode, learning rate, seed and data. */
function caption(r: FigureRequest): string {
  const { frame, config } = r;
  const heads = config.heads.map((h) => ({
    name: HEAD_NAMES[h.id],
    hyper: h.hyper as Record<string, number | string>,
  }));
  const data = `${config.trainSize} training digits${config.imbalance > 1 ? ` (long tail ρ ${config.imbalance})` : ''}`;
  const { oldestStep, newestStep } = frameStepRange(frame);
  const steps = oldestStep < frame.step ? [`features ${embeddedStepsText(oldestStep, newestStep)}`] : [];
  return captionText(heads, frame.step, frame.epoch, [
    ...steps,
    featureModeText(frame.mode),
    `lr ${config.learningRate}`,
    `seed ${config.seed}`,
    data,
  ]);
}

/** The figure of a request, as a scene for exportPng/exportSvg. */
export function figureScene(r: FigureRequest): Scene {
  const samples = ['train', 'test'] as const,
    heads = r.frame.heads.map((_, i) => i);
  const rows =
    r.scope.kind === 'grid'
      ? samples.map((s) => heads.map((i) => panel(r, i, s)))
      : [[panel(r, r.scope.head, r.scope.sample)]];
  return buildFigure({ rows, caption: caption(r) });
}
