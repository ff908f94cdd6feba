import { useLab } from '../../app/labContext';
import { HyperControls } from './HyperControls';
import { NumberControl } from './NumberControl';

const LR_SCALE = { min: 1e-5, max: 1, scale: 'log', zeroAllowed: false, integer: false } as const;

/** Settings that act while training: the learning rate and every head's hyper-parameters. */
export function TrainingControls() {
  const { useStore, client } = useLab();
  const config = useStore((s) => s.config);
  return (
    <section className="training-controls" aria-label="live settings">
      <NumberControl label="Learning rate" spoken="learning rate" scale={LR_SCALE} value={config.learningRate}
        onChange={(v) => client.setLearningRate(v)} />
      {config.heads.map((h, i) => (
        <HyperControls key={h.id} setup={h} onChange={(name, value) => client.setHyper(i, name, value)} />
      ))}
    </section>
  );
}
