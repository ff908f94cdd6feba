import { useLab } from './labContext';

/** Corrections made to the URL's settings, each dismissable. */
export function Notices() {
  const { useStore } = useLab();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" role="status" data-testid="notices">
      {notices.map((n, i) => (
        <li key={n}>
          {n}{' '}
          <button type="button" onClick={() => dismiss(i)} aria-label={`Dismiss: ${n}`}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
