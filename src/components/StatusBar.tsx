import { useLab } from './labContext';
import type { SamplePoint } from '../trainer/shared/runFile';
import { networkWidths, type NetworkId } from '../model/architecture';
import { runningLoss, RUNNING_WINDOW } from '../store/history';
import type { LabState } from '../store/store';
import { batchOf } from '../trainer/shared/config';

const fmt = new Intl.NumberFormat('en-US');
const pct = (a: number) => `${(a * 100).toFixed(2)} %`;

/** The backend and, on a GPU backend, its adapter and whether it is a hardware GPU or a software one (far slower). */
function backendText(b: NonNullable<LabState['backend']>): string {
  return b.adapter ? `${b.name} (${b.adapter} · ${b.hardwareGpu ? 'hardware GPU' : 'software, no GPU'})` : b.name;
}

/** The network that runs, why, its batch size, and one click to train the other one instead. */
function NetworkStatus() {
  const { useStore, client } = useLab();
  const backend = useStore((s) => s.backend);
  const config = useStore((s) => s.config);
  if (!backend) return <dd data-testid="network">…</dd>;
  const other: NetworkId = backend.network === 'paper' ? 'lite' : 'paper';
  return (
    <dd data-testid="network" data-network={backend.network} title={backend.networkReason}>
      {`${backend.network} (${networkWidths(backend.network)}) · ${backend.networkReason} · batch ${batchOf(config, backend.network)}${config.batchSize === 0 ? ' (the network’s)' : ''} `}
      <button type="button" onClick={() => client.start({ ...config, network: other })}>
        {`Train the ${other} network`}
      </button>
    </dd>
  );
}

/** Until the first evaluation: each head's accuracy on the drawn test digits of the last frame, marked as a sample's. */
function sampleText(ids: readonly string[], point: SamplePoint | undefined): string {
  if (!point?.test.digits) return '— (after the first epoch)';
  const heads = point.test.heads.map((a, i) => `${ids[i] ?? i} ≈ ${(a * 100).toFixed(1)} %`).join(' · ');
  return `${heads} on ${fmt.format(point.test.digits)} drawn test digits (the whole test subset after the first epoch)`;
}

/** Backend in use, data, step, epoch, learning rate, each head's loss and last test accuracy (on the drawn test digits until the first evaluation). */
export function StatusBar() {
  const { useStore } = useLab();
  const backend = useStore((s) => s.backend);
  const dataset = useStore((s) => s.dataset);
  const m = useStore((s) => s.metrics);
  const startStep = useStore((s) => s.startStep);
  const first = useStore((s) => s.firstLosses);
  const evaluation = useStore((s) => s.evaluation);
  const drawn = useStore((s) => s.sampleCurve[s.sampleCurve.length - 1]);
  const heads = useStore((s) => s.config.heads);
  const loss0 = m?.heads[0];
  const history = useStore((s) => s.lossHistory);
  const running = heads.map((_, i) => runningLoss(history, i));
  return (
    <dl className="status" data-testid="status">
      <dt>Backend</dt>
      <dd
        data-testid="backend"
        data-backend={backend?.name ?? ''}
        data-hardware-gpu={backend?.adapter ? String(backend.hardwareGpu) : ''}
        title={backend?.reason}
      >
        {backend ? backendText(backend) : '…'}
      </dd>
      <dt>Network</dt>
      <NetworkStatus />
      <dt>MNIST</dt>
      <dd data-testid="dataset">
        {dataset
          ? `${fmt.format(dataset.trainCount)} train / ${fmt.format(dataset.testCount)} test digits; training on ${fmt.format(dataset.trainUsed)}, testing on ${fmt.format(dataset.testUsed)}`
          : '…'}
      </dd>
      <dt>Step</dt>
      <dd data-testid="step">
        {m
          ? `${fmt.format(m.step)} (epoch ${m.epoch}) · lr ${m.learningRate} · ${m.samplesPerSecond.toFixed(1)} samples/s`
          : fmt.format(startStep)}
      </dd>
      <dt title={`mean over the last ${RUNNING_WINDOW} steps`}>Running loss</dt>
      <dd
        data-testid="loss"
        data-running={running[0] ?? ''}
        data-last={loss0?.total ?? ''}
        data-first={first?.[0] ?? ''}
        data-hyper={loss0 ? JSON.stringify(loss0.hyper) : ''}
        data-parts={m ? JSON.stringify(m.heads.map(({ total, ce, reg }) => ({ total, ce, reg }))) : ''}
      >
        {m
          ? m.heads
              .map(
                (l, i) =>
                  `${heads[i]?.id ?? i} ${(running[i] ?? l.total).toFixed(4)} (last step: ce ${l.ce.toFixed(4)}, reg ${l.reg.toFixed(4)})`,
              )
              .join(' · ')
          : '—'}
      </dd>
      <dt>Test accuracy</dt>
      <dd data-testid="accuracy" data-accuracy={evaluation?.heads[0]?.accuracy ?? ''}>
        {evaluation
          ? `${evaluation.heads.map((e, i) => `${heads[i]?.id ?? i} ${pct(e.accuracy)}`).join(' · ')} (epoch ${evaluation.epoch})`
          : sampleText(
              heads.map((h) => h.id),
              drawn,
            )}
      </dd>
    </dl>
  );
}
