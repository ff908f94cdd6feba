import type { Domain } from '../plot/domain';
import { LIGHT } from '../plot/palette';
import { createPanelScratch, panelPicture, resolveDomain, unitEllipses, type PanelOptions } from '../plot/panelModel';
import type { HeadFrame } from '../trainer/shared/protocol';
import type { FigurePanel } from './figure';

/** View options for a figure panel: as on screen, but the theme is always the light (paper) one. */
export type FigureOptions = Omit<PanelOptions, 'theme' | 'domain'> & { domain: Domain | 'auto' };

/** A figure panel of one head's frame, drawn afresh (own buffers) in the light theme, e.g. at a paper-friendly size. */
export function figurePanel(head: HeadFrame, title: string, options: FigureOptions, fieldCells = 128): FigurePanel {
  const view: PanelOptions = { ...options, theme: LIGHT, domain: resolveDomain(head, options.domain) };
  return {
    title,
    picture: panelPicture(head, unitEllipses(head, options.sample), view, createPanelScratch(fieldCells)),
  };
}
