import type { HeadSetup, RunConfig } from './config';
import { unhandled, type LiveSetting } from './protocol';
import type { RunSnapshot } from './runSnapshot';

/** The run configuration with a live setting applied (so the URL and a restart keep it). */
export function applySetting(config: RunConfig, s: LiveSetting): RunConfig {
  switch (s.kind) {
    case 'learningRate':
      return { ...config, learningRate: s.value };
    case 'hyper': {
      const heads = config.heads.map((h, i) =>
        i === s.head ? ({ ...h, hyper: { ...h.hyper, [s.name]: s.value } } as HeadSetup) : h,
      );
      return { ...config, heads };
    }
    default:
      return unhandled(s);
  }
}

/** A live setting said in words, for notices. */
export function describeSetting(config: RunConfig, s: LiveSetting): string {
  switch (s.kind) {
    case 'learningRate':
      return `learning rate = ${s.value}`;
    case 'hyper':
      return `${config.heads[s.head]?.id ?? `head ${s.head}`} ${s.name} = ${s.value}`;
    default:
      return unhandled(s);
  }
}

/**
 * The live settings in which a snapshot differs from the configuration. A run restored from the
 * snapshot (a revert after divergence, a recovery, a resume) trains with the snapshot's, so the
 * controls and the URL must show them again.
 */
export function settingsOf(config: RunConfig, snapshot: RunSnapshot): LiveSetting[] {
  const out: LiveSetting[] = [];
  snapshot.learners.forEach((l, head) => {
    const now: Record<string, number | string> = config.heads[head]?.hyper ?? {};
    for (const [name, value] of Object.entries(l.hyper))
      if (now[name] !== value) out.push({ kind: 'hyper', head, name, value });
  });
  if (snapshot.learningRate !== config.learningRate) out.push({ kind: 'learningRate', value: snapshot.learningRate });
  return out;
}
