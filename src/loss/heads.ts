/** The five heads' identifiers, in the order the app shows them. */
export const HEAD_IDS = ['softmax', 'center', 'lsoftmax', 'lgm', 'icu'] as const;

/** One head's identifier. */
export type HeadId = (typeof HEAD_IDS)[number];

/** The heads whose classes are Gaussians (a mean and a covariance each). */
export type GaussianHeadId = Extract<HeadId, 'lgm' | 'icu'>;

/** Each head as the papers and the page name it. */
export const HEAD_NAMES: Readonly<Record<HeadId, string>> = {
  softmax: 'Softmax',
  center: 'Center loss',
  lsoftmax: 'L-Softmax',
  lgm: 'L-GM',
  icu: 'ICU',
};

/** Whether `value` names a head. */
export function isHeadId(value: unknown): value is HeadId {
  return typeof value === 'string' && (HEAD_IDS as readonly string[]).includes(value);
}
