const WIDTH = 28;

const bar = (f) => `[${'#'.repeat(Math.round(f * WIDTH)).padEnd(WIDTH, '-')}]`;
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/**
 * A one-line progress bar on stderr (stdout stays clean for the table). On a terminal it redraws
 * in place; in a log (CI, a test) it prints a line per tenth of the way, so logs stay short.
 */
export class ProgressBar {
  constructor(stream = process.stderr) {
    this.stream = stream;
    this.tty = Boolean(stream.isTTY);
    this.lastTenth = -1;
    this.start = Date.now();
  }

  /** Shows `label` and a fraction 0..1 of the whole job; `detail` follows the bar. */
  update(fraction, label, detail = '') {
    const f = Math.min(1, Math.max(0, fraction));
    const line = `${label} ${bar(f)} ${(100 * f).toFixed(0).padStart(3)}% ${detail} · ${seconds(Date.now() - this.start)}`;
    if (this.tty) this.stream.write(`\r\x1b[2K${line}`);
    else if (Math.floor(10 * f) > this.lastTenth) this.stream.write(`${line}\n`);
    this.lastTenth = Math.max(this.lastTenth, Math.floor(10 * f));
  }

  /** Prints a message on its own line without breaking the bar. */
  log(message) {
    this.stream.write(this.tty ? `\r\x1b[2K${message}\n` : `${message}\n`);
  }

  /** Ends the bar's line. */
  done() {
    if (this.tty) this.stream.write('\n');
  }
}
