import { describe, expect, it } from 'vitest';
import { NO_ZOOM } from '../math/zoom';
import { squareDomainOf } from '../plot/domain';
import { LIGHT } from '../plot/palette';
import { createPanelScratch, panelPicture, unitEllipses, type PanelOptions } from '../plot/panelModel';
import { syntheticHead } from '../plot/testFrames';
import { captionText } from './caption';
import { exportSvg } from './image';
import { buildFigure, wrapText } from './figure';
import { figurePanel } from './panels';
import { sceneToSvg } from '../plot/svg';

/** A panel of n test digits of an ICU head, with every overlay on. */
function panel(n: number, title: string, cell: PanelOptions['filter']['cell'] = null) {
  const head = syntheticHead('icu', n);
  const options: PanelOptions = {
    sample: 'test',
    size: 120,
    zoom: NO_ZOOM,
    theme: LIGHT,
    domain: squareDomainOf([head.test.features]),
    filter: { misclassifiedOnly: false, cell },
    toggles: { learnedEllipses: true, empiricalEllipses: true, sigmas: [2], field: true, boundaries: true },
  };
  return { title, picture: panelPicture(head, unitEllipses(head, 'test'), options, createPanelScratch(16)) };
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

describe('figures', () => {
  const caption = captionText([{ name: 'ICU', hyper: { alpha: 0.0001, gamma: 0.123456, cov: 'diag' } }], 1200, 2, [
    'lr 0.01',
    'seed 1',
  ]);

  it('captions heads with their hyper-parameters, step and epoch, wrapped to the width', () => {
    expect(caption).toBe('ICU (alpha 0.0001, gamma 0.123, cov diag) · step 1200 · epoch 2 · lr 0.01 · seed 1');
    expect(wrapText('a bb ccc dd', 5)).toEqual(['a bb', 'ccc', 'dd']);
  });

  it('lays a 2 × 2 grid out with legend and caption, and writes it as well-formed SVG', () => {
    const scene = buildFigure({
      rows: [
        [panel(60, 'softmax · train'), panel(60, 'test')],
        [panel(60, 'c'), panel(60, 'd')],
      ],
      caption,
    });
    expect([scene.width, scene.height, scene.background]).toEqual([360, 472, '#FFFFFF']);
    const hrefs = new Map(
      scene.items.flatMap(function walk(i): [typeof i, string][] {
        return i.kind === 'group'
          ? i.items.flatMap(walk)
          : i.kind === 'field'
            ? [[i, 'data:image/png;base64,AA==']]
            : [];
      }),
    );
    const svg = sceneToSvg(scene, hrefs);
    expect(wellFormed(svg)).toBe(true);
    expect(svg.match(/<clipPath id="clip\d+"/g)).toHaveLength(4);
    // 4 panels × 10 empirical ellipses, each over its dashed halo, and the legend key.
    expect(svg.match(/stroke-dasharray="4 3"/g)).toHaveLength(4 * 10 * 2 + 1);
    expect(svg).toContain(
      '<text x="60" y="-8" font-size="13" fill="#1D1D1F" text-anchor="middle" font-weight="bold">softmax · train</text>',
    );
    expect(svg).toContain('<text x="75" y="424" font-size="11" fill="#1D1D1F">empirical ellipse</text>');
    expect(svg).toContain(
      '<text x="46" y="445" font-size="12" fill="#1D1D1F">ICU (alpha 0.0001, gamma 0.123, cov diag) ·</text>',
    );
    expect(svg).toContain(
      '<text x="46" y="461" font-size="12" fill="#1D1D1F">step 1200 · epoch 2 · lr 0.01 · seed 1</text>',
    );
  });
});

describe('exportSvg', () => {
  it('keeps few points as vector squares and embeds many as a PNG', async () => {
    const few = await exportSvg(buildFigure({ rows: [[panel(30, 'few')]], caption: 'x' }));
    expect(few.match(/<image /g)).toHaveLength(1);
    expect(few.match(/h2v2h-2z/g)?.length).toBeGreaterThan(20);
    const many = await exportSvg(buildFigure({ rows: [[panel(5000, 'many')]], caption: 'x' }), 2);
    const images = [...many.matchAll(/href="data:image\/png;base64,([^"]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    expect(images).toHaveLength(2);
    expect(images.map((b) => [b.subarray(1, 4).toString(), b.readUInt32BE(16), b.readUInt32BE(20)])).toEqual([
      ['PNG', 16, 16],
      ['PNG', 240, 240],
    ]);
  });

  it('dims the rest of the sample under a confusion-cell highlight', async () => {
    const svg = await exportSvg(buildFigure({ rows: [[panel(40, 'cell', { truth: 3, predicted: 3 })]], caption: '' }));
    expect(svg).toMatch(/<path d="M[^"]+" fill="#D55E00"\/>/);
    expect(svg).toMatch(/fill="#0072B2" opacity="0.22"/);
  });
});

describe('figurePanel', () => {
  it('draws a head afresh in the light theme, fitting both samples for an auto domain', () => {
    const head = syntheticHead('lgm', 50);
    const toggles = {
      learnedEllipses: true,
      empiricalEllipses: false,
      sigmas: [1, 2, 3] as const,
      field: false,
      boundaries: true,
    };
    const { title, picture } = figurePanel(head, 'L-GM · train', {
      sample: 'train',
      size: 100,
      zoom: NO_ZOOM,
      domain: 'auto',
      filter: { misclassifiedOnly: false, cell: null },
      toggles,
    });
    expect([title, picture.theme.name, picture.ellipses.length, picture.field]).toEqual([
      'L-GM · train',
      'light',
      30,
      null,
    ]);
    expect(picture.maps.mx.scale).toBeCloseTo(picture.maps.my.scale * -1, 9);
    const svg = sceneToSvg(buildFigure({ rows: [[{ title, picture }]], caption: '' }));
    expect([svg.includes('>learned ellipse<'), svg.includes('>empirical ellipse<')]).toEqual([true, false]);
  });
});
