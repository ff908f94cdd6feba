import { anyHead, type HeadId } from '../loss/heads';
import type { Theme } from './palette';

/** A head's line colour in a chart: its definition's class colour in the theme's palette. */
export function headColor(id: HeadId, theme: Theme): string {
  return theme.classes[anyHead(id).colorClass] ?? theme.text;
}
