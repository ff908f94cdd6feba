import { useLab } from '../labContext';

/** Which batch-norm statistics the plotted features use; the plot and exports name the choice. */
export function FeatureModeToggle() {
  const { useStore, client } = useLab();
  const mode = useStore((s) => s.config.featureMode);
  return (
    <label className="choice-control feature-mode">
      <span className="control-label">Plotted features</span>
      <select
        aria-label="plotted feature mode"
        value={mode}
        onChange={(e) => client.setFeatureMode(e.target.value === 'train' ? 'train' : 'eval')}
      >
        <option value="eval">inference mode (running BN statistics)</option>
        <option value="train">training mode (batch BN statistics)</option>
      </select>
    </label>
  );
}
