import { useLab } from '../app/labContext';

const fmt = new Intl.NumberFormat('en-US');

/** Backend in use, data, step, epoch, running loss and the last test accuracy. */
export function StatusBar() {
  const { useStore } = useLab();
  const backend = useStore((s) => s.backend);
  const dataset = useStore((s) => s.dataset);
  const m = useStore((s) => s.metrics);
  const evaluation = useStore((s) => s.evaluation);
  return (
    <dl className="status" data-testid="status">
      <dt>Backend</dt>
      <dd data-testid="backend" data-backend={backend?.name ?? ''} title={backend?.reason}>
        {backend ? `${backend.name}${backend.adapter ? ` (${backend.adapter})` : ''}` : '…'}
      </dd>
      <dt>MNIST</dt>
      <dd data-testid="dataset">
        {dataset ? `${fmt.format(dataset.trainCount)} train / ${fmt.format(dataset.testCount)} test digits; training on ${fmt.format(dataset.trainUsed)}, testing on ${fmt.format(dataset.testUsed)}` : '…'}
      </dd>
      <dt>Step</dt>
      <dd data-testid="step">{m ? `${fmt.format(m.step)} (epoch ${m.epoch})` : '0'}</dd>
      <dt>Loss</dt>
      <dd data-testid="loss" data-running={m?.runningLoss ?? ''} data-first={m?.firstLoss ?? ''}>
        {m ? `${m.runningLoss.toFixed(4)} (first step ${m.firstLoss.toFixed(4)})` : '—'}
      </dd>
      <dt>Test accuracy</dt>
      <dd data-testid="accuracy" data-accuracy={evaluation?.accuracy ?? ''}>
        {evaluation ? `${(evaluation.accuracy * 100).toFixed(2)} % (epoch ${evaluation.epoch})` : '— (after the first epoch)'}
      </dd>
      <dt>Speed</dt>
      <dd>{m ? `${m.samplesPerSecond.toFixed(1)} samples/s` : '—'}</dd>
    </dl>
  );
}
