import { useEffect, useState } from 'react';
import { DELAY_SCALE } from './controlScales';
import { useLab } from '../labContext';
import { NumberControl } from './NumberControl';

/** Play/Pause, Step, Reset and a pause between steps; the space bar toggles play outside form fields. */
export function RunControls() {
  const { useStore, client } = useLab();
  const phase = useStore((s) => s.phase);
  const config = useStore((s) => s.config);
  const [delay, setDelay] = useState(0);
  const training = phase === 'training';
  const idle = phase === 'ready';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || (e.target instanceof HTMLElement && e.target.closest('input, button, select, textarea')))
        return;
      e.preventDefault();
      if (training) client.pause();
      else if (idle) client.play();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, training, idle]);

  return (
    <div className="controls">
      <button type="button" onClick={() => (training ? client.pause() : client.play())} disabled={!training && !idle}>
        {training ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => client.step()} disabled={!idle}>
        Step
      </button>
      <button type="button" onClick={() => client.start({ ...config, autoplay: training })}>
        Reset
      </button>
      <NumberControl
        label="Delay between steps (ms)"
        spoken="speed: delay between steps"
        scale={DELAY_SCALE}
        value={delay}
        onChange={(ms) => {
          setDelay(ms);
          client.setStepDelay(ms);
        }}
      />
    </div>
  );
}
