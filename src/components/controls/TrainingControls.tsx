import { LR_SCALE } from './controlScales';
import { useLab } from '../labContext';
import { headKey } from '../../trainer/shared/config';
import { HyperControls } from './HyperControls';
import { NumberControl } from './NumberControl';

/** Settings that act while training: the learning rate and every head's hyper-parameters. */
export function TrainingControls() {
  const { useStore, client } = useLab();
  const config = useStore((s) => s.config);
  return (
    <section className="training-controls" aria-label="live settings">
      <NumberControl
        label="Learning rate"
        spoken="learning rate"
        scale={LR_SCALE}
        value={config.learningRate}
        onChange={(v) => client.setLearningRate(v)}
      />
      {config.heads.map((h, i) => (
        <HyperControls
          key={i}
          setup={h}
          name={headKey(config.heads, i)}
          onChange={(name, value) => client.setHyper(i, name, value)}
        />
      ))}
    </section>
  );
}
