import { panelPng } from './panel';
import { reproduce, type ReproduceResult } from './reproduce';
import type { RunRequest } from './runConfig';
import { HarnessTrainer, type Progress } from './trainer';

/** What scripts/reproduce.mjs and scripts/bench.mjs call through Playwright's page.evaluate. */
export interface IcuHarness {
  /** Trains one run of the requested heads for `epochs` epochs on the app's worker. */
  reproduce(req: RunRequest, epochs: number): Promise<ReproduceResult>;
  /** A Fig.-2-style panel of interleaved 2-D features as a PNG data URL. */
  panelPng(features: number[], labels: number[], title: string): string;
}

declare global {
  interface Window {
    icuHarness: IcuHarness;
    /** Installed by the Node script (page.exposeFunction) to draw a progress bar. */
    __icuProgress?: (p: Progress) => Promise<void>;
  }
}

/** Progress goes to Node at most this often (each report is a round trip through Playwright). */
const REPORT_INTERVAL_MS = 250;

function throttledReport(): (p: Progress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < REPORT_INTERVAL_MS || !window.__icuProgress) return;
    last = now;
    void window.__icuProgress(p);
  };
}

let trainer: HarnessTrainer | null = null;
// Created on first use, so a bench that never trains here starts no worker.
const getTrainer = (): HarnessTrainer => (trainer ??= new HarnessTrainer(throttledReport()));

window.icuHarness = {
  reproduce: (req, epochs) => reproduce(getTrainer(), req, epochs),
  panelPng,
};
document.getElementById('status')!.textContent = 'harness ready';
