import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { HyperControls } from '../components/controls/HyperControls';
import { NumberControl } from '../components/controls/NumberControl';
import { PresetSelect } from '../components/controls/PresetPicker';
import { TypedNumber } from '../components/controls/TypedNumber';
import { NotifyContext } from '../components/labContext';
import { NoticeList } from '../components/Notices';
import { download } from '../export/download';
import { exportPng, exportSvg } from '../export/image';
import { anyHead, HEAD_NAMES, type HeadId } from '../loss/heads';
import type { PlaneLossParts } from '../loss/plane';
import { LIGHT } from '../plot/palette';
import { axisItems } from '../plot/scene';
import { itemsSvg } from '../plot/svg';
import type { HeadSetup } from '../trainer/shared/config';
import {
  createScratch,
  FRAME,
  PLOT_SIZE,
  sandboxPicture,
  sandboxScene,
  toData,
  toPixel,
  type SandboxPicture,
} from './picture';
import {
  classCount,
  drawSample,
  KEY_STEP,
  LIMITS,
  lossOf,
  moveHandle,
  moveProbe,
  presetHref,
  probePosterior,
  redraw,
  SANDBOX_HEADS,
  SANDBOX_PRESETS,
  sigmaCount,
  stateFromQuery,
  stateToQuery,
  step,
  withClassCount,
  withHead,
  withHyper,
  type Sample,
  type SandboxState,
  type StepReport,
} from './sandbox';

const fixed = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : '—');

/** The Gaussian sandbox (`mode=sandbox`): plain TypeScript in the page, no worker, no MNIST. */
export function startSandbox() {
  const { state, notices } = stateFromQuery(window.location.search);
  return <SandboxPage initial={state} notices={notices} />;
}

/** The Gaussian sandbox page: the plane with its handles, the controls, and the numbers. */
export function SandboxPage({ initial, notices: first }: { initial: SandboxState; notices: string[] }) {
  const [opened, setOpened] = useState(initial);
  const [state, setState] = useState(initial);
  const [report, setReport] = useState<StepReport | null>(null);
  const [notices, setNotices] = useState(first);
  const notify = useCallback((n: string) => setNotices((ns) => [...ns.filter((x) => x !== n), n]), []);
  // Any change but Step drops the last step's pull arrows: they belong to that step.
  const update = useCallback((next: SandboxState) => {
    setState(next);
    setReport(null);
  }, []);
  useEffect(() => {
    window.history.replaceState(null, '', `${window.location.pathname}${stateToQuery(state)}`);
  }, [state]);
  const { data, perClass, seed } = state;
  const sample = useMemo(() => drawSample({ data, perClass, seed }), [data, perClass, seed]);
  const [scratch] = useState(createScratch);
  const picture = useMemo(
    () => sandboxPicture(state, sample, report?.pull ?? null, LIGHT, scratch),
    [state, sample, report, scratch],
  );
  const openPreset = (id: string) => {
    const preset = SANDBOX_PRESETS.find((p) => p.id === id);
    if (!preset) return;
    const r = stateFromQuery(presetHref(preset));
    r.notices.forEach(notify);
    setOpened(r.state);
    update(r.state);
  };
  const doStep = () => {
    const r = step(state, sample);
    setState(r.state);
    setReport(r.report);
  };
  const caption = `${HEAD_NAMES[state.head]} · ${Object.entries(state.hyper)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ')} · K = ${classCount(state)}, ${state.perClass} points per class, seed ${state.seed}`;
  return (
    <NotifyContext.Provider value={notify}>
      <main className="lab sandbox" data-theme="light">
        <header className="lab-header">
          <h1>ICU loss lab · Gaussian sandbox</h1>
          <p className="tagline">
            The heads&apos; geometry in the plane, every number visible: no network, no training of a backbone.{' '}
            <a href={import.meta.env.BASE_URL}>Back to the lab</a>
          </p>
        </header>
        <NoticeList notices={notices} onDismiss={(i) => setNotices((ns) => ns.filter((_, j) => j !== i))} />
        <div className="layout">
          <aside className="sidebar">
            <Controls state={state} update={update} onPreset={openPreset} />
            <div className="controls">
              <button type="button" onClick={doStep}>
                Step
              </button>{' '}
              <button type="button" onClick={() => update(opened)}>
                Reset
              </button>
            </div>
          </aside>
          <div className="content">
            <Plane state={state} picture={picture} update={update} />
            <Legend picture={picture} state={state} />
            <div className="export-controls" aria-label="export">
              <button type="button" onClick={() => void exportFile('png', picture, caption).catch(notifyError(notify))}>
                Export PNG
              </button>
              <button type="button" onClick={() => void exportFile('svg', picture, caption).catch(notifyError(notify))}>
                Export SVG
              </button>
            </div>
            <Numbers state={state} sample={sample} report={report} />
          </div>
        </div>
      </main>
    </NotifyContext.Provider>
  );
}

const notifyError = (notify: (n: string) => void) => (e: unknown) => notify(`Export failed: ${String(e)}`);

/** The figure as drawn, in the light theme, as a PNG (2×) or a standalone SVG. */
async function exportFile(kind: 'png' | 'svg', picture: SandboxPicture, caption: string): Promise<void> {
  const scene = sandboxScene(picture, caption, LIGHT);
  if (kind === 'png') download('icu-sandbox.png', await exportPng(scene, 2));
  else download('icu-sandbox.svg', await exportSvg(scene), 'image/svg+xml');
}

/** The settings: preset, head, classes, sample, the head's hyper-parameters, learning rate, probe class. */
function Controls({
  state,
  update,
  onPreset,
}: {
  state: SandboxState;
  update: (s: SandboxState) => void;
  onPreset: (id: string) => void;
}) {
  const k = classCount(state);
  const setup = { id: state.head, hyper: state.hyper } as HeadSetup;
  const linear = (r: { min: number; max: number; integer: boolean }) => ({
    ...r,
    scale: 'linear' as const,
    zeroAllowed: false,
  });
  return (
    <>
      <h2>Sandbox</h2>
      <PresetSelect
        ariaLabel="sandbox preset"
        placeholder="choose a picture…"
        presets={SANDBOX_PRESETS}
        onPick={onPreset}
      />
      <label className="choice-control">
        <span className="control-label">Head</span>
        <select
          aria-label="head"
          value={state.head}
          onChange={(e) => update(withHead(state, e.target.value as HeadId))}
        >
          {SANDBOX_HEADS.map((h) => (
            <option key={h} value={h}>
              {HEAD_NAMES[h]}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">
        The heads whose classes are Gaussians (softmax, center loss and L-Softmax have weight rows instead).
      </p>
      <NumberControl
        label="classes K"
        spoken="classes"
        scale={linear(LIMITS.k)}
        value={k}
        onChange={(v) => update(withClassCount(state, v))}
      />
      <NumberControl
        label="points per class"
        spoken="points per class"
        scale={linear(LIMITS.perClass)}
        value={state.perClass}
        onChange={(v) => update({ ...state, perClass: v })}
      />
      <div className="number-control">
        <label>
          <span className="control-label">seed</span>
          <TypedNumber
            name="seed"
            ariaLabel="seed"
            range={LIMITS.seed}
            value={state.seed}
            onChange={(v) => update({ ...state, seed: v })}
          />
        </label>{' '}
        <button type="button" onClick={() => update(redraw(state))}>
          Redraw
        </button>
        <p className="hint">
          The sample is drawn from the Gaussians as they were at the last Redraw; moving a handle or Step moves the
          head&apos;s Gaussian, never the points.
        </p>
      </div>
      <HyperControls
        setup={setup}
        name={state.head}
        onChange={(n, v) => update(withHyper(state, { ...state.hyper, [n]: v }))}
      />
      <NumberControl
        label="learning rate (Step)"
        spoken="learning rate"
        scale={{ ...LIMITS.lr, scale: 'log' }}
        value={state.lr}
        hint="Step is one plain gradient-descent step of the head's μ and σ on the sample: θ ← θ − lr·∂loss/∂θ."
        onChange={(v) => update({ ...state, lr: v })}
      />
      <label className="choice-control">
        <span className="control-label">probe class</span>
        <select
          aria-label="probe class"
          value={state.probeClass}
          onChange={(e) => update({ ...state, probeClass: Number(e.target.value) })}
        >
          {Array.from({ length: k }, (_, c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

/** Which handle a key or drag moves. */
type Handle = { kind: 'mean' | 'sx' | 'sy'; c: number } | { kind: 'probe' };

/** The key's move of a handle: arrows by the handle's step, Shift for the large one; null for other keys. */
function keyMove(e: KeyboardEvent, small: number, large: number): [number, number] | null {
  const d = e.shiftKey ? large : small;
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-d, 0],
    ArrowRight: [d, 0],
    ArrowUp: [0, d],
    ArrowDown: [0, -d],
  };
  return moves[e.key] ?? null;
}

/** The plot: field canvas, the picture's vectors, axes, and the draggable, keyboard-operable handles. */
function Plane({
  state,
  picture,
  update,
}: {
  state: SandboxState;
  picture: SandboxPicture;
  update: (s: SandboxState) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null),
    plot = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d'),
      f = picture.field;
    if (!ctx) return;
    const image = ctx.createImageData(f.nx, f.ny);
    new Uint32Array(image.data.buffer).set(f.pixels);
    ctx.putImageData(image, 0, 0);
  }, [picture]);
  const per = sigmaCount(state.head, state.hyper, classCount(state));
  /** Moves a handle to data point (x, y) (a σ handle takes its distance from the mean along its axis). */
  const moveTo = (h: Handle, x: number, y: number) => {
    if (h.kind === 'probe') return update(moveProbe(state, x, y));
    if (h.kind === 'mean') return update(moveHandle(moveHandle(state, h.c, 'mx', x), h.c, 'my', y));
    const axis = h.kind === 'sx' ? 0 : 1;
    update(moveHandle(state, h.c, h.kind, Math.abs((axis === 0 ? x : y) - state.means[2 * h.c + axis]!)));
  };
  const position = (h: Handle): [number, number] => {
    if (h.kind === 'probe') return state.probe;
    const [mx, my, sx, sy] = [
      state.means[2 * h.c]!,
      state.means[2 * h.c + 1]!,
      state.sigmas[2 * h.c]!,
      state.sigmas[2 * h.c + 1]!,
    ];
    return h.kind === 'mean' ? [mx, my] : h.kind === 'sx' ? [mx + sx, my] : [mx, my + sy];
  };
  const onKey = (h: Handle) => (e: KeyboardEvent) => {
    const [small, large] = h.kind === 'sx' || h.kind === 'sy' ? KEY_STEP.sigma : KEY_STEP.mean;
    const m = keyMove(e, small, large);
    if (!m) return;
    e.preventDefault();
    const [x, y] = position(h);
    // A σ handle grows with → and ↑ and shrinks with ← and ↓, whichever its axis.
    if (h.kind === 'sx' || h.kind === 'sy') {
      const delta = m[0] + m[1],
        [mx, my] = [state.means[2 * h.c]!, state.means[2 * h.c + 1]!];
      return h.kind === 'sx' ? moveTo(h, x + delta, my) : moveTo(h, mx, y + delta);
    }
    moveTo(h, x + m[0], y + m[1]);
  };
  const drag = (h: Handle) => ({
    onPointerDown: (e: PointerEvent<SVGElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      e.currentTarget.focus();
    },
    onPointerMove: (e: PointerEvent<SVGElement>) => {
      const box = plot.current?.getBoundingClientRect();
      if (!box || !e.currentTarget.hasPointerCapture(e.pointerId)) return;
      moveTo(h, ...toData(e.clientX - box.left, e.clientY - box.top));
    },
  });
  const handles: { h: Handle; name: string; shape: 'circle' | 'square' | 'probe' }[] = [
    ...Array.from({ length: classCount(state) }, (_, c) => [
      { h: { kind: 'mean' as const, c }, name: `mean of class ${c}`, shape: 'circle' as const },
      ...(per === 2
        ? [
            { h: { kind: 'sx' as const, c }, name: `sigma x of class ${c}`, shape: 'square' as const },
            { h: { kind: 'sy' as const, c }, name: `sigma y of class ${c}`, shape: 'square' as const },
          ]
        : per === 1
          ? [{ h: { kind: 'sx' as const, c }, name: `sigma of class ${c}`, shape: 'square' as const }]
          : []),
    ]).flat(),
    { h: { kind: 'probe' }, name: 'probe', shape: 'probe' },
  ];
  const w = FRAME.left + PLOT_SIZE + FRAME.right,
    hgt = FRAME.top + PLOT_SIZE + 40;
  const { stats } = picture;
  return (
    <div className="sandbox-plot" style={{ position: 'relative', width: w, height: hgt }}>
      <canvas
        ref={canvas}
        width={picture.field.nx}
        height={picture.field.ny}
        style={{ position: 'absolute', left: FRAME.left, top: FRAME.top, width: PLOT_SIZE, height: PLOT_SIZE }}
      />
      <svg
        width={w}
        height={hgt}
        style={{ position: 'absolute', left: 0, top: 0 }}
        role="group"
        aria-label="the plane"
        data-testid="sandbox-plot"
        data-field-hash={stats.fieldHash}
        data-field-counts={stats.counts.join(',')}
        data-margin-cells={stats.marginCells}
        data-slack-cells={stats.slackCells}
        data-means={state.means.join(',')}
        data-sigmas={state.sigmas.join(',')}
      >
        <svg ref={plot} x={FRAME.left} y={FRAME.top} width={PLOT_SIZE} height={PLOT_SIZE}>
          <g dangerouslySetInnerHTML={{ __html: itemsSvg(picture.items) }} />
          {handles.map(({ h, name, shape }) => {
            const [vx, vy] = position(h),
              [x, y] = toPixel(vx, vy);
            // A σ handle is a one-number slider (its σ); a mean or the probe says its x and y.
            const sigma =
              h.kind === 'sx' || h.kind === 'sy' ? state.sigmas[2 * h.c + (h.kind === 'sx' ? 0 : 1)]! : null;
            return (
              <g
                key={name}
                role="slider"
                tabIndex={0}
                aria-label={name}
                aria-valuenow={sigma ?? undefined}
                aria-valuemin={sigma === null ? undefined : LIMITS.sigma.min}
                aria-valuemax={sigma === null ? undefined : LIMITS.sigma.max}
                aria-valuetext={sigma === null ? `x ${fixed(vx, 2)}, y ${fixed(vy, 2)}` : `σ ${fixed(sigma, 2)}`}
                className="handle"
                style={{ cursor: 'grab', touchAction: 'none' }}
                onKeyDown={onKey(h)}
                {...drag(h)}
              >
                {shape === 'square' ? (
                  <rect x={x - 5} y={y - 5} width={10} height={10} fill="#fff" stroke={LIGHT.text} strokeWidth={1.5} />
                ) : (
                  <circle
                    cx={x}
                    cy={y}
                    r={shape === 'probe' ? 11 : 8}
                    fill="rgba(255,255,255,0.01)"
                    stroke={shape === 'probe' ? 'none' : LIGHT.text}
                    strokeWidth={1}
                  />
                )}
              </g>
            );
          })}
        </svg>
        <g
          transform={`translate(${FRAME.left},${FRAME.top})`}
          dangerouslySetInnerHTML={{ __html: itemsSvg(axisItems({ size: PLOT_SIZE, ...picture }, LIGHT)) }}
        />
      </svg>
    </div>
  );
}

/** What the shading means, in one sentence each, with the drawn areas. */
function Legend({ picture, state }: { picture: SandboxPicture; state: SandboxState }) {
  const { stats } = picture;
  // The band and the slack are drawn for heads whose classes are Gaussians (picture.ts, marginRegions).
  const margined = anyHead(state.head).gaussian !== undefined;
  return (
    <div className="sandbox-legend hint">
      <p>
        Field: each point coloured by the class the head predicts there (its own inference rule); lines: the decision
        boundaries; ellipses: each class&apos;s Gaussian at 1σ (solid) and 2σ (dashed); dots: the sample; ×: the probe.
        Handles: drag them, or focus one (Tab) and use the arrow keys (mean and probe {KEY_STEP.mean[0]}, σ{' '}
        {KEY_STEP.sigma[0]}; with Shift {KEY_STEP.mean[1]} and {KEY_STEP.sigma[1]}).
      </p>
      {margined ? (
        <>
          <p data-testid="margin-legend">
            <span className="swatch band" /> <strong>Margin band</strong> ({stats.marginCells} cells): inference gives
            the point to class c, but a sample of class c there would lose at training time, where Eq. 17 scales
            c&apos;s distance by (1+α) and adds ln(1+γ): it opens between the classes and, far from every mean where
            (1+α)·d outgrows the other classes&apos; d, covers the outskirts; raising α or γ widens it.
          </p>
          <p data-testid="slack-legend">
            <span className="swatch slack" /> <strong>Slack</strong> ({stats.slackCells} cells): where class c&apos;s
            distance d + ln(1+γ) is negative (possible only where ln|Σ_c| &lt; 0, i.e. σ² &lt; 1), the literal (1+α)
            factor raises the true-class logit, so α helps class c there instead of demanding a margin (α acting on the
            Mahalanobis part only has no slack).
          </p>
        </>
      ) : null}
    </div>
  );
}

/** A loss's parts as table cells. */
const partCells = (p: PlaneLossParts) => (
  <>
    <td>{fixed(p.ce)}</td>
    <td>{fixed(p.reg)}</td>
    <td>{fixed(p.total)}</td>
  </>
);

/** The loss of the sample and of the probe, the last Step's loss before and after, and each head's posterior at the probe. */
function Numbers({ state, sample, report }: { state: SandboxState; sample: Sample; report: StepReport | null }) {
  const loss = lossOf(state, sample.points, sample.labels);
  const probe = lossOf(state, Float32Array.from(state.probe), Uint8Array.of(state.probeClass));
  const k = classCount(state);
  return (
    <section className="sandbox-numbers" aria-label="numbers">
      <table className="drawn-readout" data-testid="losses">
        <thead>
          <tr>
            <th>{HEAD_NAMES[state.head]} loss</th>
            <th>ce</th>
            <th>reg</th>
            <th>total</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="sample-loss" data-total={loss.total}>
            <th>sample ({sample.labels.length} points)</th>
            {partCells(loss)}
          </tr>
          <tr data-testid="probe-loss" data-total={probe.total}>
            <th>probe (class {state.probeClass})</th>
            {partCells(probe)}
          </tr>
          {report ? (
            <tr data-testid="step-loss">
              <th>last Step: sample before → after</th>
              <td>
                {fixed(report.before.ce)} → {fixed(report.after.ce)}
              </td>
              <td>
                {fixed(report.before.reg)} → {fixed(report.after.reg)}
              </td>
              <td>
                {fixed(report.before.total)} → {fixed(report.after.total)}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <table className="drawn-readout" data-testid="posterior">
        <caption>Posterior at the probe, p(class | probe) = softmax of each head&apos;s inference logits</caption>
        <thead>
          <tr>
            <th>head</th>
            {Array.from({ length: k }, (_, c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SANDBOX_HEADS.map((h) => (
            <tr key={h}>
              <th>{HEAD_NAMES[h]}</th>
              {probePosterior(state, h).map((p, c) => (
                <td key={c}>{fixed(p, 3)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
