import type { HeadArrays } from '../loss/headArrays';
import type { GaussianHeadId, HeadId } from '../loss/heads';

/** A head's id with its parameters typed for the plain-TS inference helpers (classifyPoints, gaussianEllipses). */
export type TypedHead = { [H in HeadId]: { id: H; params: HeadArrays[H] } }[HeadId];

/** A frame's parameter by name, or an error naming the head and the missing field (a protocol bug, not user input). */
function need(id: HeadId, params: Record<string, Float32Array>, name: string): Float32Array {
  const v = params[name];
  if (!v) throw new Error(`${id} head frame has no "${name}" parameter`);
  return v;
}

/** Types a frame's `params` record by head id (see src/loss/headArrays.ts for the layouts). */
export function typedHead(id: HeadId, params: Record<string, Float32Array>): TypedHead {
  switch (id) {
    case 'softmax':
      return { id, params: { weights: need(id, params, 'weights'), bias: params.bias } };
    case 'center':
      return { id, params: { weights: need(id, params, 'weights'), bias: params.bias } };
    case 'lsoftmax':
      return { id, params: { weights: need(id, params, 'weights') } };
    case 'lgm':
      return { id, params: { means: need(id, params, 'means'), logVars: params.logVars } };
    case 'icu':
      return { id, params: { means: need(id, params, 'means'), logVars: need(id, params, 'logVars') } };
  }
}

/** The head's Gaussian parameters if it is L-GM or ICU, else null. */
export function gaussianParams(head: TypedHead): HeadArrays[GaussianHeadId] | null {
  return head.id === 'lgm' || head.id === 'icu' ? head.params : null;
}
