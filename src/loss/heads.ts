/** The five heads' identifiers, in the order the app shows them. */
export const HEAD_IDS = ['softmax', 'center', 'lsoftmax', 'lgm', 'icu'] as const;

/** One head's identifier. */
export type HeadId = (typeof HEAD_IDS)[number];

/** The heads whose classes are Gaussians (a mean and a covariance each). */
export type GaussianHeadId = Extract<HeadId, 'lgm' | 'icu'>;

/** Whether `value` names a head. */
export function isHeadId(value: unknown): value is HeadId {
  return typeof value === 'string' && (HEAD_IDS as readonly string[]).includes(value);
}
