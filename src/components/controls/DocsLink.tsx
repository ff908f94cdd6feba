import { useRef } from 'react';
import losses from '../../../docs/losses.md?raw';
import { docsSection } from './docsSection';

/** A link to a section of docs/losses.md, shipped with the app (it works offline) and shown in a dialog as its Markdown source. */
export function DocsLink({ section, children }: { section: string; children: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <a
        href={`#docs-losses-${section}`}
        onClick={(e) => {
          e.preventDefault();
          dialog.current?.showModal();
        }}
      >
        {children}
      </a>
      <dialog ref={dialog} className="docs" aria-label={`docs/losses.md: ${section}`}>
        <form method="dialog">
          <button type="submit" aria-label="Close">
            ×
          </button>
        </form>
        <p className="docs-path">docs/losses.md</p>
        <pre>{docsSection(losses, section)}</pre>
      </dialog>
    </>
  );
}
