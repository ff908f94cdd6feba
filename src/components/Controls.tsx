import { useEffect } from 'react';
import { useLab } from '../app/labContext';

/** Play/Pause and Step; the space bar toggles play when no control has focus. */
export function Controls() {
  const { useStore, client } = useLab();
  const phase = useStore((s) => s.phase);
  const training = phase === 'training';
  const idle = phase === 'ready';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || (e.target instanceof HTMLElement && e.target.closest('input, button, select, textarea'))) return;
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
      <button type="button" onClick={() => client.step()} disabled={!idle}>Step</button>
    </div>
  );
}
