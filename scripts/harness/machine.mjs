import { cpus, totalmem } from 'node:os';

/** The machine a measurement came from, for results files and docs. */
export function machine(browser) {
  const cores = cpus();
  return {
    cores: cores.length,
    cpu: cores[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    chromium: browser.version(),
  };
}
