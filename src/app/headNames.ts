import type { HeadId } from '../loss/heads';

/** Each head as the paper and the page name it. */
export const HEAD_NAMES: Record<HeadId, string> = { softmax: 'Softmax', center: 'Center loss', lsoftmax: 'L-Softmax', lgm: 'L-GM', icu: 'ICU' };
