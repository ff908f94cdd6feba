/** The repository's root folder. */
export const ROOT: string;
/** Builds dist/ when it is missing or older than the sources. */
export function ensureBuild(log: (m: string) => void): Promise<void>;
