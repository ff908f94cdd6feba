import { useLab } from '../app/labContext';
import type { ErrorSource } from '../trainer/shared/protocol';

const TITLES: Record<ErrorSource, string> = {
  data: 'The MNIST data could not be loaded', backend: 'No usable tfjs backend', training: 'Training stopped',
  device: 'The GPU device was lost',
};

/** The error that stopped the run, said plainly. */
export function ErrorBanner() {
  const error = useLab().useStore((s) => s.error);
  if (!error) return null;
  return (
    <div className="error" role="alert" data-testid="error">
      <strong>{TITLES[error.source]}.</strong> {error.message}
    </div>
  );
}
