import { scaleLinear } from 'd3';
import type { AxisMap } from './points';

/** One tick of an axis: its data value, pixel position and label. */
export interface Tick {
  value: number;
  px: number;
  label: string;
}

/** About `count` nice ticks of an axis map over the pixels [from, to], with d3's labels for that step. */
export function axisTicks(map: AxisMap, from: number, to: number, count = 6): Tick[] {
  const scale = scaleLinear()
    .domain([(from - map.offset) / map.scale, (to - map.offset) / map.scale])
    .range([from, to]);
  const format = scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, px: scale(value), label: format(value) }));
}
