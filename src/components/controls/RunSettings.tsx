import { useState } from 'react';
import { useLab } from '../../app/labContext';
import type { RunConfig } from '../../trainer/shared/config';
import { NumberControl } from './NumberControl';
import { ScheduleControl } from './ScheduleControl';

const RHO = { min: 1, max: 200, scale: 'log', zeroAllowed: false, integer: false } as const;
const BATCH = { min: 8, max: 512, scale: 'log', zeroAllowed: false, integer: true } as const;
const SEED = { min: 0, max: 9999, scale: 'linear', zeroAllowed: false, integer: true } as const;

type NextRun = Pick<RunConfig, 'imbalance' | 'imbalanceOrder' | 'batchSize' | 'seed' | 'schedule'>;

/** Settings that fix a run (imbalance, batch size, seed, schedule): they apply when a new run starts. */
export function RunSettings() {
  const { useStore, client } = useLab();
  const config = useStore((s) => s.config);
  // Only the user's edits are state; the rest follows the running configuration.
  const [edits, setEdits] = useState<Partial<NextRun>>({});
  const { imbalance, imbalanceOrder, batchSize, seed, schedule } = config;
  const next: NextRun = { imbalance, imbalanceOrder, batchSize, seed, schedule, ...edits };
  const set = (patch: Partial<NextRun>) => setEdits((e) => ({ ...e, ...patch }));
  const changed = (Object.keys(next) as (keyof NextRun)[]).some((k) => next[k] !== config[k]);
  return (
    <section className="run-settings" aria-label="run settings">
      <NumberControl label="Imbalance ratio ρ" spoken="imbalance ratio" scale={RHO} value={next.imbalance} onChange={(v) => set({ imbalance: v })}
        hint="Long-tailed MNIST: class k keeps n_max·ρ^(−k/9) training digits; the test set stays balanced." />
      <label className="choice-control">
        <span className="control-label">Most frequent class</span>
        <select aria-label="imbalance order" value={next.imbalanceOrder} onChange={(e) => set({ imbalanceOrder: e.target.value === 'ascending' ? 'ascending' : 'descending' })}>
          <option value="descending">0 (counts fall toward 9)</option>
          <option value="ascending">9 (counts fall toward 0)</option>
        </select>
      </label>
      <NumberControl label="Batch size" spoken="batch size" scale={BATCH} value={next.batchSize} onChange={(v) => set({ batchSize: v })} />
      <ScheduleControl value={next.schedule} onChange={(s) => set({ schedule: s })} />
      <NumberControl label="Seed" spoken="seed" scale={SEED} value={next.seed} onChange={(v) => set({ seed: v })} />
      <button type="button" disabled={!changed} onClick={() => { setEdits({}); client.start({ ...config, ...next }); }}>Start a new run with these</button>
    </section>
  );
}
