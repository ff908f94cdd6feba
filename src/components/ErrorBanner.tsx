import { useLab } from './labContext';
import type { ErrorSource } from '../trainer/shared/protocol';

const TITLES: Record<ErrorSource, string> = {
  data: 'The MNIST data could not be loaded',
  backend: 'No usable tfjs backend',
  training: 'Training stopped',
  device: 'The GPU device was lost',
};

/**
 * The error that stopped the run, said plainly; a failed download (often passing: a stall, a
 * dropped connection) offers a retry, a forced backend whose device was lost the switch offered.
 */
export function ErrorBanner() {
  const { useStore, client } = useLab();
  const error = useStore((s) => s.error);
  const config = useStore((s) => s.config);
  if (!error) return null;
  const { switchTo } = error;
  return (
    <div className="error" role="alert" data-testid="error">
      <strong>{TITLES[error.source]}.</strong> {error.message}
      {/* The worker forgets a failed download, so the same run started again loads the data afresh. */}
      {error.source === 'data' && (
        <>
          {' '}
          <button type="button" onClick={() => client.start(config)}>
            Retry
          </button>
        </>
      )}
      {switchTo && (
        <>
          {' '}
          <button type="button" onClick={() => client.switchBackend(switchTo)}>
            Switch to {switchTo}
          </button>
        </>
      )}
      {error.resumeStep !== undefined && (
        <>
          {' '}
          <button type="button" onClick={() => client.resume()}>
            Resume from step {error.resumeStep}
          </button>
        </>
      )}
    </div>
  );
}
