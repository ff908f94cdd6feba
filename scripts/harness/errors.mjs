/** A failure the user can act on: printed as one clear line (no stack), exit code `code`. */
export class CliError extends Error {
  name = 'CliError';

  /** @param {string} message @param {number} [code] 1 = run failed, 2 = bad usage */
  constructor(message, code = 1) {
    super(message);
    this.code = code;
  }
}

/** Runs a script's main, turning any error into a message on stderr and a non-zero exit. */
export function runMain(name, main) {
  main().then(
    () => process.exit(0),
    (e) => {
      const known = e instanceof CliError;
      console.error(`${name}: ${known ? e.message : (e?.stack ?? e)}`);
      process.exit(known ? e.code : 1);
    },
  );
}
