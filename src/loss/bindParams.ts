import type * as tf from '@tensorflow/tfjs';
import type { HeadId } from './heads';
import type { HeadParams } from './registryTypes';

/** Tensors by parameter name, as a trainer holds its variables. */
export type NamedTensors = Readonly<Record<string, tf.Tensor | undefined>>;

const isRank2 = (t: tf.Tensor): t is tf.Tensor2D => t.rank === 2;
const isRank1 = (t: tf.Tensor): t is tf.Tensor1D => t.rank === 1;

/** Typed, rank-checked access to named tensors; a missing or misshapen tensor throws. */
function reader(headId: HeadId, tensors: NamedTensors) {
  const fail = (name: string, want: string): never => {
    throw new Error(`${headId}: parameter '${name}' must be a ${want} tensor`);
  };
  const matrix = (name: string): tf.Tensor2D => {
    const t = tensors[name];
    return t && isRank2(t) ? t : fail(name, 'rank-2');
  };
  const vector = (name: string): tf.Tensor1D => {
    const t = tensors[name];
    return t && isRank1(t) ? t : fail(name, 'rank-1');
  };
  const optional = <T>(name: string, read: (n: string) => T): T | undefined => (tensors[name] ? read(name) : undefined);
  return { matrix, vector, optional };
}

type Reader = ReturnType<typeof reader>;

const BINDERS: { [H in HeadId]: (r: Reader) => HeadParams[H] } = {
  softmax: (r) => ({ weights: r.matrix('weights'), bias: r.optional('bias', r.vector) }),
  center: (r) => ({ weights: r.matrix('weights'), bias: r.optional('bias', r.vector), centers: r.matrix('centers') }),
  lsoftmax: (r) => ({ weights: r.matrix('weights') }),
  lgm: (r) => ({ means: r.matrix('means'), logVars: r.optional('logVars', r.matrix) }),
  icu: (r) => ({ means: r.matrix('means'), logVars: r.matrix('logVars') }),
};

/** Turn a trainer's named tensors (e.g. tf.Variables) into head H's typed parameter object, checking ranks. */
export function bindParams<H extends HeadId>(headId: H, tensors: NamedTensors): HeadParams[H] {
  return BINDERS[headId](reader(headId, tensors));
}
