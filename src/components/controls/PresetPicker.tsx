import { useLab } from '../labContext';
import { PRESETS, presetQuery } from './presets';
import { stateFromUrl } from '../../url/urlConfig';

/** Ready-made experiments: picking one starts its run and view, keeping the subset sizes and backend of the current URL. */
export function PresetPicker() {
  const { useStore, client } = useLab();
  const steps = useStore((s) => s.metrics?.step ?? 0);
  const apply = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    if (steps > 0 && !window.confirm(`Start the preset “${preset.name}”? The current run (step ${steps}) ends.`))
      return;
    const { config, view, notices } = stateFromUrl(
      `?${presetQuery(preset, new URLSearchParams(window.location.search))}`,
    );
    const store = useStore.getState();
    notices.forEach((n) => store.notify(n));
    store.setView(view);
    client.start(config);
  };
  return (
    <label className="choice-control preset">
      <span className="control-label">Preset</span>
      <select aria-label="preset" value="" onChange={(e) => apply(e.target.value)}>
        <option value="" disabled>
          choose an experiment…
        </option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
