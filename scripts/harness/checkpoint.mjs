import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { CliError } from './errors.mjs';

/**
 * The run file to continue: --resume's, or --checkpoint's when it exists already, so that running
 * the same command again after an interruption goes on where it stopped.
 */
export function resumeSource({ resume, checkpoint }) {
  return resume ?? (checkpoint !== undefined && existsSync(checkpoint) ? checkpoint : undefined);
}

/** A checkpoint's bytes as base64 (to cross into the harness page); a file that cannot be read is an error naming it. */
export async function readCheckpointFile(file) {
  try {
    return (await readFile(file)).toString('base64');
  } catch (e) {
    throw new CliError(`cannot resume from ${file}: ${e.code === 'ENOENT' ? 'there is no such file' : e.message}`, 2);
  }
}

/** Writes FILE.tmp, then renames it to FILE: a kill mid-write leaves the last whole checkpoint in place. */
export async function writeAtomically(file, bytes) {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

/**
 * Why the command line does not fit the checkpoint's run, naming each flag (`flagOf` maps a
 * RunConfig field to it) with the run's value and the command's; null when it fits.
 */
export function conflictMessage(file, conflicts, flagOf) {
  if (!conflicts.length) return null;
  const each = conflicts.map((c) => `--${flagOf(c.setting)}: ${c.checkpoint} in the checkpoint, ${c.given} asked for`);
  return (
    `${file} holds a run with other settings (${each.join('; ')}). A resumed run keeps its settings: ` +
    `leave these flags out, or start a new run with another --checkpoint file.`
  );
}
