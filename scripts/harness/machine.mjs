import { cpus, loadavg, totalmem } from 'node:os';

/** The 1-, 5- and 15-minute load averages: on a shared machine, how busy it was around a measurement. */
export const loadAverage = () => loadavg().map((v) => Number(v.toFixed(2)));

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
    loadAverage: loadAverage(),
  };
}
