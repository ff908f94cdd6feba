import { useLab } from '../labContext';
import { stepsTaken } from '../../store/store';
import { PRESETS, presetQuery } from './presets';
import { stateFromUrl } from '../../url/urlConfig';
import { presetHref, SANDBOX_PRESETS } from '../../sandbox/sandbox';

/** Ready-made experiments: picking one starts its run and view, keeping the subset sizes and backend of the current URL. */
export function PresetPicker() {
  const { useStore, client } = useLab();
  const apply = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    const steps = stepsTaken(useStore.getState());
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
    <>
      <PresetSelect ariaLabel="preset" placeholder="choose an experiment…" presets={PRESETS} onPick={apply} />
      <p className="hint">
        Margins explained in the plane (the paper&apos;s Fig. 1, no network):{' '}
        <a href={presetHref(SANDBOX_PRESETS.find((p) => p.id === 'alpha')!)}>Open the sandbox</a>
      </p>
    </>
  );
}

/** A menu of presets that acts on the pick and always shows its placeholder (the lab's and the sandbox's). */
export function PresetSelect({
  ariaLabel,
  placeholder,
  presets,
  onPick,
}: {
  ariaLabel: string;
  placeholder: string;
  presets: readonly { id: string; name: string }[];
  onPick: (id: string) => void;
}) {
  return (
    <label className="choice-control preset">
      <span className="control-label">Preset</span>
      <select aria-label={ariaLabel} value="" onChange={(e) => onPick(e.target.value)}>
        <option value="" disabled>
          {placeholder}
        </option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
