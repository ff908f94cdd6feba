import { useLab } from '../labContext';
import { stepsTaken } from '../../store/store';
import { defaultHyper, HEAD_IDS, HEAD_NAMES, type HeadId } from '../../loss/heads';
import { MAX_HEADS, type HeadSetup } from '../../trainer/shared/config';

/** The loss head, or several side by side (compare mode). Changing them starts a new run, after asking if one is under way. */
export function HeadPicker() {
  const { useStore, client } = useLab();
  const config = useStore((s) => s.config);
  const ids = config.heads.map((h) => h.id);

  const restart = (heads: HeadSetup[]) => {
    const next = heads.map((h) => h.id);
    if (next.length === 0 || next.join() === ids.join()) return;
    const steps = stepsTaken(useStore.getState());
    if (
      steps > 0 &&
      !window.confirm(
        `Start a new run with ${next.map((id) => HEAD_NAMES[id]).join(', ')}? The current run (step ${steps}) ends.`,
      )
    )
      return;
    client.start({ ...config, heads });
  };
  const setupOf = (id: HeadId) =>
    config.heads.find((h) => h.id === id) ?? ({ id, hyper: defaultHyper(id) } as HeadSetup);
  // A kind added takes its place in the heads' order; a kind removed takes all its heads (a head run twice, forks) with it.
  const toggle = (id: HeadId, on: boolean) => {
    const kept = on ? [...config.heads, setupOf(id)] : config.heads.filter((h) => h.id !== id);
    restart(kept.sort((a, b) => HEAD_IDS.indexOf(a.id) - HEAD_IDS.indexOf(b.id)).slice(0, MAX_HEADS));
  };

  return (
    <div className="head-picker">
      <label>
        <span className="control-label">Loss head</span>
        <select
          aria-label="loss head"
          value={ids.length === 1 ? ids[0] : ''}
          onChange={(e) => restart([setupOf(e.target.value as HeadId)])}
        >
          {ids.length > 1 ? <option value="">{ids.length} heads (compare)</option> : null}
          {HEAD_IDS.map((id) => (
            <option key={id} value={id}>
              {HEAD_NAMES[id]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="compare">
        <legend>Compare side by side</legend>
        {HEAD_IDS.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={ids.includes(id)}
              aria-label={`compare ${HEAD_NAMES[id]}`}
              onChange={(e) => toggle(id, e.target.checked)}
            />
            {HEAD_NAMES[id]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
