import { useState } from 'react';
import { BATCH_SCALE, RHO_SCALE, SEED_SCALE } from './controlScales';
import { useLab } from '../labContext';
import { networkWidths } from '../../model/architecture';
import { NETWORK_BATCH, NETWORK_REQUESTS, type NetworkRequest, type RunConfig } from '../../trainer/shared/config';
import { NumberControl } from './NumberControl';
import { ScheduleControl } from './ScheduleControl';

type NextRun = Pick<RunConfig, 'network' | 'imbalance' | 'imbalanceOrder' | 'batchSize' | 'seed' | 'schedule'>;

const NETWORK_LABELS: Record<NetworkRequest, string> = {
  auto: 'automatic (paper on a GPU, lite on a CPU)',
  paper: `paper (${networkWidths('paper')})`,
  lite: `lite (${networkWidths('lite')})`,
};

/** Settings that fix a run (network, imbalance, batch size, seed, schedule): they apply when a new run starts. */
export function RunSettings() {
  const { useStore, client } = useLab();
  const config = useStore((s) => s.config);
  // Only the user's edits are state; the rest follows the running configuration.
  const [edits, setEdits] = useState<Partial<NextRun>>({});
  const { network, imbalance, imbalanceOrder, batchSize, seed, schedule } = config;
  const next: NextRun = { network, imbalance, imbalanceOrder, batchSize, seed, schedule, ...edits };
  const set = (patch: Partial<NextRun>) => setEdits((e) => ({ ...e, ...patch }));
  const changed = (Object.keys(next) as (keyof NextRun)[]).some((k) => next[k] !== config[k]);
  return (
    <section className="run-settings" aria-label="run settings">
      <label className="choice-control">
        <span className="control-label">Network</span>
        <select
          aria-label="network"
          value={next.network}
          onChange={(e) => set({ network: NETWORK_REQUESTS.find((n) => n === e.target.value) ?? 'auto' })}
        >
          {NETWORK_REQUESTS.map((n) => (
            <option key={n} value={n}>
              {NETWORK_LABELS[n]}
            </option>
          ))}
        </select>
      </label>
      <NumberControl
        label="Imbalance ratio ρ"
        spoken="imbalance ratio"
        scale={RHO_SCALE}
        value={next.imbalance}
        onChange={(v) => set({ imbalance: v })}
        hint="Long-tailed MNIST: class k keeps n_max·ρ^(−k/9) training digits; the test set stays balanced."
      />
      <label className="choice-control">
        <span className="control-label">Most frequent class</span>
        <select
          aria-label="imbalance order"
          value={next.imbalanceOrder}
          onChange={(e) => set({ imbalanceOrder: e.target.value === 'ascending' ? 'ascending' : 'descending' })}
        >
          <option value="descending">0 (counts fall toward 9)</option>
          <option value="ascending">9 (counts fall toward 0)</option>
        </select>
      </label>
      <NumberControl
        label="Batch size"
        spoken="batch size"
        scale={BATCH_SCALE}
        value={next.batchSize}
        onChange={(v) => set({ batchSize: v })}
        hint={`0: the network's own, ${NETWORK_BATCH.lite} on the lite network and the paper's ${NETWORK_BATCH.paper} on the paper network.`}
      />
      <ScheduleControl value={next.schedule} onChange={(s) => set({ schedule: s })} />
      <NumberControl
        label="Seed"
        spoken="seed"
        scale={SEED_SCALE}
        value={next.seed}
        onChange={(v) => set({ seed: v })}
      />
      <button
        type="button"
        disabled={!changed}
        onClick={() => {
          if (client.start({ ...config, ...next })) setEdits({});
        }}
      >
        Start a new run with these
      </button>
    </section>
  );
}
