import { useLab } from './labContext';

/** Progress of the MNIST download while it loads. */
export function LoadingBar() {
  const loading = useLab().useStore((s) => (s.phase === 'loading' ? s.loading : null));
  const phase = useLab().useStore((s) => s.phase);
  if (phase !== 'loading') return null;
  const pct = Math.round((loading?.overall ?? 0) * 100);
  return (
    <div className="loading" data-testid="loading">
      <label>
        Loading MNIST {loading ? `(${loading.file})` : ''} {pct}%
        <progress max={100} value={pct} aria-label="MNIST loading progress" />
      </label>
    </div>
  );
}
