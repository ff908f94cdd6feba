/** A data file that is missing, unreadable or malformed; the message names the file and what is wrong. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';

  /** @param file the file's name as the user sees it, e.g. `t10k-images-idx3-ubyte.gz`. */
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
  }
}

/** A short description of an unknown thrown value. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
