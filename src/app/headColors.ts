import type { HeadId } from '../loss/heads';
import type { Theme } from '../plot/palette';

/** Which class colour stands for each head in charts: five hues far apart under colour-blind simulation. */
const HEAD_CLASS: Record<HeadId, number> = { softmax: 0, center: 2, lsoftmax: 5, lgm: 3, icu: 6 };

/** A head's line colour in a chart, in the theme's palette. */
export function headColor(id: HeadId, theme: Theme): string {
  return theme.classes[HEAD_CLASS[id]] ?? theme.text;
}
