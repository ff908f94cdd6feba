import type { HeadSetup, RunConfig } from './config';
import type { LiveSetting } from './protocol';

/** The run configuration with a live setting applied (so the URL and a restart keep it). */
export function applySetting(config: RunConfig, s: LiveSetting): RunConfig {
  if (s.kind === 'learningRate') return { ...config, learningRate: s.value };
  const heads = config.heads.map((h, i) => (i === s.head ? ({ ...h, hyper: { ...h.hyper, [s.name]: s.value } } as HeadSetup) : h));
  return { ...config, heads };
}

/** A live setting said in words, for notices. */
export function describeSetting(config: RunConfig, s: LiveSetting): string {
  if (s.kind === 'learningRate') return `learning rate = ${s.value}`;
  return `${config.heads[s.head]?.id ?? `head ${s.head}`} ${s.name} = ${s.value}`;
}
