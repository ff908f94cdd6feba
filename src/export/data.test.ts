import { describe, expect, it } from 'vitest';
import { syntheticFrame } from '../plot/testFrames';
import { exportCsv, exportJson, exportParamsCsv, f32String } from './data';

describe('f32String', () => {
  it('writes the shortest decimal that reads back as the same float32', () => {
    expect([0.1, 1 / 3, -2.5e-7, 123456789, 0, Number.NaN].map((v) => f32String(Math.fround(v)))).toEqual([
      '0.1',
      '0.33333334',
      '-2.5e-7',
      '123456790',
      '0',
      'NaN',
    ]);
  });
});

describe('frame export', () => {
  const frame = syntheticFrame(['softmax', 'icu'], 3);

  it('writes one CSV row per drawn digit of each head and sample', () => {
    const lines = exportCsv(frame).trimEnd().split('\n');
    expect(lines[0]).toBe('head_index,head,sample,mnist_index,label,prediction,f1,f2');
    expect(lines).toHaveLength(1 + 2 * 2 * 3);
    expect(lines[1]).toMatch(/^0,softmax,train,0,0,\d,-?[\d.e-]+,-?[\d.e-]+$/);
    expect(lines[12]?.startsWith('1,icu,test,14,2,')).toBe(true);
    const [, , , , , , x, y] = lines[1]!.split(',');
    expect([Math.fround(Number(x)), Math.fround(Number(y))]).toEqual([
      frame.heads[0]!.train.features[0],
      frame.heads[0]!.train.features[1],
    ]);
  });

  it('writes every head’s parameters in long form', () => {
    const lines = exportParamsCsv(frame).trimEnd().split('\n');
    expect(lines[0]).toBe('head_index,head,param,index,value');
    expect(lines).toHaveLength(1 + (20 + 10) + (20 + 20));
    expect(lines.slice(1, 3)).toEqual(['0,softmax,weights,0,1', '0,softmax,weights,1,0']);
  });

  it("round-trips the frame through JSON exactly in float32, with the steps each sample's features come from", () => {
    const older = { ...frame, heads: frame.heads.map((h) => ({ ...h, test: { ...h.test, oldestStep: 1100 } })) };
    const parsed = JSON.parse(exportJson(older)) as {
      step: number;
      heads: {
        head: string;
        params: Record<string, number[]>;
        test: { features: number[]; indices: number[]; oldestStep: number; newestStep: number };
      }[];
    };
    expect([parsed.step, parsed.heads.map((h) => h.head)]).toEqual([1200, ['softmax', 'icu']]);
    expect(Float32Array.from(parsed.heads[1]!.params.logVars!)).toEqual(frame.heads[1]!.params.logVars);
    expect(Float32Array.from(parsed.heads[1]!.test.features)).toEqual(frame.heads[1]!.test.features);
    expect(parsed.heads[0]!.test.indices).toEqual([0, 7, 14]);
    expect([parsed.heads[0]!.test.oldestStep, parsed.heads[0]!.test.newestStep]).toEqual([1100, 1200]);
  });
});
