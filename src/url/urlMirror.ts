import type { UseLabStore } from '../store/store';
import { stateToUrl } from './urlConfig';

/** Zoom and pan change the view at pointer rate; the URL follows once they rest (browsers throttle replaceState). */
const URL_DELAY_MS = 250;

/** Keeps the URL on the current run and view (corrected values and an expanded preset included from the start), so a link reproduces the experiment as shown. */
export function mirrorToUrl(useStore: UseLabStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const { config, view } = useStore.getState();
    window.history.replaceState(null, '', `${window.location.pathname}${stateToUrl(config, view)}`);
  };
  write();
  return useStore.subscribe((s, prev) => {
    if (s.config !== prev.config) {
      clearTimeout(timer);
      write();
    } else if (s.view !== prev.view && timer === undefined) timer = setTimeout(write, URL_DELAY_MS);
  });
}
