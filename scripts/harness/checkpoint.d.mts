/** The run file to continue: --resume's, or --checkpoint's when it exists already. */
export function resumeSource(flags: { resume?: string; checkpoint?: string }): string | undefined;
/** A checkpoint's bytes as base64; a file that cannot be read is a CliError (exit 2) naming it. */
export function readCheckpointFile(file: string): Promise<string>;
/** Writes FILE.tmp, then renames it to FILE. */
export function writeAtomically(file: string, bytes: Uint8Array): Promise<void>;
/** Why the command line does not fit the checkpoint's run, naming each flag; null when it fits. */
export function conflictMessage(
  file: string,
  conflicts: { setting: string; checkpoint: string; given: string }[],
  flagOf: (setting: string) => string,
): string | null;
