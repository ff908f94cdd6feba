import type { BnMode } from '../model/backbone';

/** A pixel coordinate for SVG text: two decimals (a hundredth of a pixel), no trailing zeros, no "-0". */
export function px(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

/** Which steps drawn features come from, for captions: "embedded at step 840" or "at steps 812–840". */
export function embeddedStepsText(oldestStep: number, newestStep: number): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  return oldestStep === newestStep
    ? `embedded at step ${fmt(newestStep)}`
    : `embedded at steps ${fmt(oldestStep)}–${fmt(newestStep)}`;
}

/** The plotted BN mode in words, for captions. */
export function featureModeText(mode: BnMode): string {
  return mode === 'eval'
    ? 'inference-mode features (running BN statistics)'
    : 'training-mode features (batch BN statistics)';
}
