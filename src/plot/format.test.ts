import { describe, expect, it } from 'vitest';
import { embeddedStepsText, featureModeText, px } from './format';

describe('format', () => {
  it('writes pixel coordinates at two decimals, without trailing zeros or "-0"', () => {
    expect([px(1.005), px(-0.001), px(12.5), px(3)]).toEqual(['1', '0', '12.5', '3']);
  });

  it('names the steps drawn features come from: one step when all are current, else the range', () => {
    expect(embeddedStepsText(840, 840)).toBe('embedded at step 840');
    expect(embeddedStepsText(812, 1840)).toBe('embedded at steps 812–1,840');
  });

  it('says which BN statistics the features were computed with', () => {
    expect(featureModeText('eval')).toBe('inference-mode features (running BN statistics)');
    expect(featureModeText('train')).toBe('training-mode features (batch BN statistics)');
  });
});
