import { anyHead, headArrays, type GaussianHeadId, type HeadArrays, type HeadId } from '../loss/heads';

/** A head's id with its parameters typed for the plain-TS inference helpers (classifyPoints, gaussianEllipses). */
export type TypedHead = { [H in HeadId]: { id: H; params: HeadArrays[H] } }[HeadId];

/** Types a frame's `params` record by head id; a missing parameter is a protocol bug and throws, naming it. */
export function typedHead(id: HeadId, params: Record<string, Float32Array>): TypedHead {
  // headArrays checks the record against head `id`'s definition, so the pair is one of TypedHead's members.
  return { id, params: headArrays(id, params) } as TypedHead;
}

/** The head's Gaussian parameters if its classes are Gaussians (L-GM, ICU), else null. */
export function gaussianParams(head: TypedHead): HeadArrays[GaussianHeadId] | null {
  // A head defined as Gaussian carries means and (optional) log-variances.
  return anyHead(head.id).gaussian ? (head.params as HeadArrays[GaussianHeadId]) : null;
}
