import { useLab } from './labContext';

/** Corrections made to the URL's settings, each dismissable. */
export function Notices() {
  const { useStore } = useLab();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  return <NoticeList notices={notices} onDismiss={dismiss} />;
}

/** A list of notices with a dismiss button each (nothing when there are none): the lab's and the sandbox's. */
export function NoticeList({ notices, onDismiss }: { notices: readonly string[]; onDismiss: (i: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <ul className="notices" role="status" data-testid="notices">
      {notices.map((n, i) => (
        <li key={n}>
          {n}{' '}
          <button type="button" onClick={() => onDismiss(i)} aria-label={`Dismiss: ${n}`}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
