/** MNIST's training split: one epoch is this many digits through every head. */
const EPOCH_DIGITS = 60_000;

/** A duration in the unit that reads best: seconds, minutes or hours. */
export function duration(seconds) {
  if (seconds < 90) return `${seconds.toFixed(0)} s`;
  if (seconds < 90 * 60) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * What a GPU owner reads after `npm run bench` or `npm run reproduce`: the backend and the
 * adapter it ran on (the worker's words: vendor, architecture, device, description) and whether
 * that is a hardware GPU or a software fallback; the speed, in digits per second through one
 * head; and the time an epoch of 60,000 digits would take at that speed for each count of heads
 * (heads train one after another on every batch, so k heads take k times as long).
 */
export function speedReport({ name, adapter, hardwareGpu }, samplesPerSecondPerHead, headCounts) {
  const kind = hardwareGpu ? 'a hardware GPU' : 'a software (fallback) adapter, not a GPU: expect CPU speed or slower';
  const where = adapter ? `${name} on adapter "${adapter}", ${kind}` : `${name} (no GPU adapter: runs on the CPU)`;
  const epochs = headCounts.map(
    (k) => `${k} head${k === 1 ? '' : 's'} ~${duration((EPOCH_DIGITS * k) / samplesPerSecondPerHead)}`,
  );
  return [
    `backend: ${where}`,
    `speed: ${samplesPerSecondPerHead.toFixed(1)} samples/s per head (training steps)`,
    `epoch of ${EPOCH_DIGITS.toLocaleString('en-US')} digits at that speed (estimate, without frames and evaluation): ${epochs.join('; ')}`,
  ];
}
