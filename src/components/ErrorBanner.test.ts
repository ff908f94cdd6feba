import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LabContext, type Lab } from './labContext';
import { createLabStore, type LabStore } from '../store/store';
import { DEFAULT_CONFIG, type BackendName } from '../trainer/shared/config';
import type { ErrorSource } from '../trainer/shared/protocol';
import { ErrorBanner } from './ErrorBanner';

/** The banner's markup for an error from `source`. */
function banner(source: ErrorSource, resumeStep?: number, switchTo?: BackendName): string {
  const store = createLabStore(DEFAULT_CONFIG);
  store.getState().setError({
    source,
    message: 'train-images-idx3-ubyte.gz: the download stalled (no data for 30 s)',
    ...(resumeStep === undefined ? {} : { resumeStep }),
    ...(switchTo ? { switchTo } : {}),
  });
  // Server rendering reads a zustand store's initial state; this hook reads the current one.
  const useStore = <T>(select: (s: LabStore) => T): T => select(store.getState());
  const lab = { useStore } as unknown as Lab;
  return renderToStaticMarkup(createElement(LabContext.Provider, { value: lab }, createElement(ErrorBanner)));
}

describe('ErrorBanner', () => {
  it('offers a retry when the data could not be loaded, and only then', () => {
    expect(banner('data')).toContain('the download stalled');
    expect(banner('data')).toMatch(/<button[^>]*>Retry<\/button>/);
    expect(banner('training')).not.toContain('Retry');
  });

  it('offers to resume from the last snapshot when there is one', () => {
    expect(banner('training', 40)).toMatch(/<button[^>]*>Resume from step 40<\/button>/);
    expect(banner('training')).not.toContain('Resume');
  });

  it("offers the switch a forced backend's lost device calls for, beside the resume", () => {
    const html = banner('device', 12, 'wasm');
    expect(html).toContain('The GPU device was lost.');
    expect(html).toMatch(/<button[^>]*>Switch to wasm<\/button> <button[^>]*>Resume from step 12<\/button>/);
    expect(banner('device', 12)).not.toContain('Switch');
  });
});
