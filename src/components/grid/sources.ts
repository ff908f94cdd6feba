import { sharedDomain, limitHead } from './viewModel';
import type { Domain } from '../../plot/domain';
import type { Frame, HeadFrame } from '../../trainer/shared/protocol';
import type { DomainOf } from '../fig/panelRenderer';
import type { Source } from '../../trainer/client/frameBus';

/** A head's frames cut to at most n digits per sample (a view of the same buffers). */
export function limitedSource(src: Source<HeadFrame>, n: number): Source<HeadFrame> {
  return {
    get current() {
      return src.current && limitHead(src.current, n);
    },
    subscribe: (listener) => src.subscribe((h) => listener(limitHead(h, n))),
  };
}

/**
 * Shared axes: every head's panels take the domain around all heads' features in the latest
 * frame, worked out once per frame (panels draw after the frame arrives, so `current` is theirs).
 */
export function sharedDomainOf(frames: Source<Frame>): DomainOf {
  const cache = new WeakMap<Frame, Domain>();
  return () => {
    const frame = frames.current;
    if (!frame) return { x: [-1, 1], y: [-1, 1] };
    let d = cache.get(frame);
    if (!d) {
      d = sharedDomain(frame);
      cache.set(frame, d);
    }
    return d;
  };
}
