import { describe, expect, it } from 'vitest';
import { NO_ZOOM } from '../math/zoom';
import type { Scene, SceneItem } from '../plot/scene';
import { sceneToSvg } from '../plot/svg';
import { syntheticFrame } from '../plot/testFrames';
import { DEFAULT_CONFIG, type RunConfig } from '../trainer/shared/config';
import type { Frame } from '../trainer/shared/protocol';
import { exportFile, figureScene, type FigureRequest } from './figure';
import { exportSvg } from './image';

const config = {
  ...DEFAULT_CONFIG,
  heads: [
    { id: 'softmax', hyper: {} },
    { id: 'icu', hyper: { alpha: 0.0001, gamma: 0.123456, cov: 'diag' } },
  ],
} as RunConfig;

const evaluation = {
  step: 1200,
  epoch: 2,
  heads: [0.9, 0.975].map((accuracy) => ({ accuracy, perClass: [], confusion: [] })),
};

/** A request for a frame of softmax and ICU heads, every overlay on, nothing filtered. */
function request(frame: Frame, patch: Partial<FigureRequest> = {}): FigureRequest {
  return {
    frame,
    config,
    evaluation: null,
    scope: { kind: 'grid' },
    view: {
      toggles: { learnedEllipses: true, empiricalEllipses: true, sigmas: [2], field: true, boundaries: true },
      filters: frame.heads.map(() => ({ misclassifiedOnly: false, cell: null })),
      domain: 'auto',
      zoom: NO_ZOOM,
    },
    ...patch,
  };
}

const frame = syntheticFrame(['softmax', 'icu'], 60);

/** The texts of a scene's top level (legend and caption) and of each panel's first item (its title). */
function texts(scene: Scene): { titles: string[]; caption: string[] } {
  return {
    titles: scene.items.flatMap((i) => (i.kind === 'group' && i.items[0]?.kind === 'text' ? [i.items[0].text] : [])),
    caption: scene.items.flatMap((i) => (i.kind === 'text' && i.size === 12 ? [i.text] : [])),
  };
}

/** Every tag opened is closed, in order: enough to catch a malformed document without a DOM. */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClose] of svg.replace(/<\?xml[^>]*>/, '').matchAll(/<(\/?)([\w:-]+)[^>]*?(\/?)>/g)) {
    if (selfClose) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

/** A placeholder data URL for every field of a scene (the SVG writer needs one per image). */
function fieldHrefs(scene: Scene): Map<SceneItem, string> {
  return new Map(
    scene.items.flatMap(function walk(i): [SceneItem, string][] {
      return i.kind === 'group' ? i.items.flatMap(walk) : i.kind === 'field' ? [[i, 'data:image/png;base64,AA==']] : [];
    }),
  );
}

describe('figureScene', () => {
  it('lays out Fig. 2: rows train and test, a column per head, titled with the test accuracy', () => {
    const scene = figureScene(request(frame, { evaluation }));
    expect([scene.width, scene.height, scene.background]).toEqual([2 * (46 + 320 + 14), 824, '#FFFFFF']);
    expect(texts(scene).titles).toEqual(['Softmax train', 'ICU train', 'Softmax test (90.00%)', 'ICU test (97.50%)']);
  });

  it('captions heads with their hyper-parameters, step, epoch, mode, rate and seed, wrapped to the width at spaces', () => {
    const scene = figureScene(request(frame, { scope: { kind: 'panel', head: 1, sample: 'test' } })),
      lines = texts(scene).caption;
    expect(scene.width).toBe(46 + 320 + 14);
    expect(lines.join(' ')).toBe(
      'Softmax · ICU (alpha 0.0001, gamma 0.123, cov diag) · step 1200 · epoch 2 · inference-mode features (running BN statistics) · lr 0.01 · seed 1 · 60000 training digits',
    );
    expect(lines.length).toBeGreaterThan(2);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(Math.floor(320 / (0.55 * 12)));
  });

  it('says which steps the features come from when a progressive frame holds older ones', () => {
    const older = { ...frame, heads: frame.heads.map((h, i) => ({ ...h, test: { ...h.test, oldestStep: 1150 - i } })) };
    const text = texts(figureScene(request(older))).caption.join(' ');
    expect(text).toContain('step 1200 · epoch 2 · features embedded at steps 1,149–1,200 · inference-mode features');
  });

  it('writes the grid as well-formed SVG: a clipped plot per panel, haloed ellipses, the legend under the grid', () => {
    const scene = figureScene(request(frame)),
      svg = sceneToSvg(scene, fieldHrefs(scene));
    expect(wellFormed(svg)).toBe(true);
    expect(svg.match(/<clipPath id="clip\d+"/g)).toHaveLength(4);
    // 4 panels × 10 empirical ellipses, each over its dashed halo, and the legend key.
    expect(svg.match(/stroke-dasharray="4 3"/g)).toHaveLength(4 * 10 * 2 + 1);
    expect(svg).toContain(
      '<text x="160" y="-8" font-size="13" fill="#1D1D1F" text-anchor="middle" font-weight="bold">Softmax train</text>',
    );
    expect(svg).toContain('<text x="535" y="776" font-size="11" fill="#1D1D1F">empirical ellipse</text>');
    expect(svg).toContain('<text x="46" y="797" font-size="12" fill="#1D1D1F">Softmax · ICU (alpha 0.0001, gamma');
  });

  it('leaves the legend key of an ellipse kind no panel draws', () => {
    const r = request(frame),
      learnedOnly = { ...r, view: { ...r.view, toggles: { ...r.view.toggles, empiricalEllipses: false } } };
    const scene = figureScene(learnedOnly),
      svg = sceneToSvg(scene, fieldHrefs(scene));
    expect([svg.includes('>learned ellipse<'), svg.includes('>empirical ellipse<')]).toEqual([true, false]);
  });
});

describe('exportSvg', () => {
  it('keeps few points as vector squares and embeds many as a PNG', async () => {
    const panel = { kind: 'panel', head: 0, sample: 'test' } as const;
    const few = await exportSvg(figureScene(request(syntheticFrame(['icu'], 30), { scope: panel })));
    expect(few.match(/<image /g)).toHaveLength(1);
    expect(few.match(/h2v2h-2z/g)?.length).toBeGreaterThan(20);
    const many = await exportSvg(figureScene(request(syntheticFrame(['icu'], 5000), { scope: panel })), 2);
    const images = [...many.matchAll(/href="data:image\/png;base64,([^"]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    expect(images.map((b) => [b.subarray(1, 4).toString(), b.readUInt32BE(16), b.readUInt32BE(20)])).toEqual([
      ['PNG', 128, 128],
      ['PNG', 640, 640],
    ]);
  });

  it('dims the rest of the sample under a confusion-cell highlight', async () => {
    const r = request(syntheticFrame(['icu'], 40), { scope: { kind: 'panel', head: 0, sample: 'test' } });
    const cell = {
      ...r,
      view: { ...r.view, filters: [{ misclassifiedOnly: false, cell: { truth: 3, predicted: 3 } }] },
    };
    const svg = await exportSvg(figureScene(cell));
    expect(svg).toMatch(/<path d="M[^"]+" fill="#D55E00"\/>/);
    expect(svg).toMatch(/fill="#0072B2" opacity="0.22"/);
  });
});

describe('exportFile', () => {
  it('names files after the step and writes the frame it is given as CSV and JSON', async () => {
    const csv = await exportFile('csv', request(frame), 2),
      json = await exportFile('json', request(frame), 2);
    expect([csv.name, csv.type, json.name]).toEqual([
      'icu-lab-step1200-features.csv',
      'text/csv',
      'icu-lab-step1200.json',
    ]);
    expect(String(csv.data).trimEnd().split('\n')).toHaveLength(1 + 2 * 2 * 60);
    const svg = await exportFile('svg', request(frame), 2);
    expect([svg.name, svg.type, String(svg.data).startsWith('<?xml')]).toEqual([
      'icu-lab-step1200.svg',
      'image/svg+xml',
      true,
    ]);
  });
});
