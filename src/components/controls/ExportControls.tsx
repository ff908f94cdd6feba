import { useState, useSyncExternalStore } from 'react';
import { exportAnimation, webmSupported, type AnimationFormat } from '../../export/animation';
import { download } from '../../export/download';
import { figureRequest } from '../grid/figureRequest';
import { exportFile, type ExportKind, type ExportScope } from '../../export/figure';
import type { PngScale } from '../../export/image';
import { headLabel, type HeadSetup } from '../../trainer/shared/config';
import { useLab } from '../labContext';
import type { Frame } from '../../trainer/shared/protocol';
import { evaluationAt } from '../../trainer/shared/runFile';

const BUTTONS: { kind: ExportKind; label: string }[] = [
  { kind: 'png', label: 'Export PNG' },
  { kind: 'svg', label: 'Export SVG' },
  { kind: 'csv', label: 'Export CSV' },
  { kind: 'params', label: 'Export parameters CSV' },
  { kind: 'json', label: 'Export JSON' },
];

/** A scope from its select value, 'grid' or 'head:sample'; a head the run no longer has means the grid. */
function scopeOf(value: string, heads: number): ExportScope {
  const [head, sample] = value.split(':'),
    i = Number(head);
  return Number.isInteger(i) && i < heads
    ? { kind: 'panel', head: i, sample: sample === 'train' ? 'train' : 'test' }
    : { kind: 'grid' };
}

/** A scope's select value. */
const scopeValue = (s: ExportScope) => (s.kind === 'grid' ? 'grid' : `${s.head}:${s.sample}`);

/** Which figure to export: the whole grid or one head's train or test panel. */
function ScopeSelect({
  heads,
  scope,
  onChange,
}: {
  heads: readonly HeadSetup[];
  scope: ExportScope;
  onChange: (value: string) => void;
}) {
  return (
    <label className="choice-control">
      <span className="control-label">Figure</span>
      <select aria-label="export figure" value={scopeValue(scope)} onChange={(e) => onChange(e.target.value)}>
        <option value="grid">whole grid</option>
        {heads.flatMap((_, i) =>
          (['train', 'test'] as const).map((s) => (
            <option key={`${i}:${s}`} value={`${i}:${s}`}>{`${headLabel(heads, i)} · ${s}`}</option>
          )),
        )}
      </select>
    </label>
  );
}

/** The animation formats this browser can write. */
const ANIMATION_FORMATS: { format: AnimationFormat; label: string }[] = [
  { format: 'gif', label: 'GIF' },
  ...(webmSupported() ? [{ format: 'webm' as const, label: 'WebM' }] : []),
];

/**
 * Paper figures (PNG at 1×/2×/4×, SVG) of the grid or one panel as shown, in the light theme; the
 * drawn data as CSV or JSON; the recorded frames as an animation (GIF or WebM) of that figure.
 */
export function ExportControls() {
  const { useStore, frames } = useLab();
  const heads = useStore((s) => s.config.heads);
  const recorded = useSyncExternalStore(frames.watch, () => frames.getState().steps.length);
  const [scale, setScale] = useState<PngScale>(2);
  const [chosen, setScope] = useState('grid');
  const scope = scopeOf(chosen, heads.length);
  const [format, setFormat] = useState<AnimationFormat>('gif');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const save = async (kind: ExportKind) => {
    const frame = frames.current,
      { config, view, evaluationHistory, notify } = useStore.getState();
    if (!frame) {
      notify('Nothing to export yet: the first frame has not arrived.');
      return;
    }
    // The frame on screen may be a recorded one (the timeline): its titles take the evaluation of its step.
    const evaluation = evaluationAt(evaluationHistory, frame.step);
    const file = await exportFile(kind, figureRequest({ frame, config, view, evaluation }, scope), scale);
    download(file.name, file.data, file.type);
  };
  const animate = async () => {
    const { config, view, evaluationHistory } = useStore.getState();
    // Each frame's panel titles show the test accuracy evaluated last at or before its step.
    const requestOf = (frame: Frame) =>
      figureRequest({ frame, config, view, evaluation: evaluationAt(evaluationHistory, frame.step) }, scope);
    setProgress(0);
    try {
      const file = await exportAnimation(format, frames.recorded(), requestOf, setProgress);
      download(file.name, file.data, file.type);
    } finally {
      setProgress(null);
    }
  };
  const run = (task: () => Promise<void>) => {
    setBusy(true);
    task()
      .catch((e: unknown) => useStore.getState().notify(`Export failed: ${String(e)}`))
      .finally(() => setBusy(false));
  };
  return (
    <section className="export-controls" aria-label="export">
      <ScopeSelect heads={heads} scope={scope} onChange={setScope} />
      <label className="choice-control">
        <span className="control-label">PNG scale</span>
        <select aria-label="export scale" value={scale} onChange={(e) => setScale(Number(e.target.value) as PngScale)}>
          {[1, 2, 4].map((k) => (
            <option key={k} value={k}>{`${k}×`}</option>
          ))}
        </select>
      </label>
      {BUTTONS.map((b) => (
        <button key={b.kind} type="button" disabled={busy} onClick={() => run(() => save(b.kind))}>
          {b.label}
        </button>
      ))}
      <label className="choice-control">
        <span className="control-label">Animation</span>
        <select
          aria-label="animation format"
          value={format}
          onChange={(e) => setFormat(e.target.value === 'webm' ? 'webm' : 'gif')}
        >
          {ANIMATION_FORMATS.map((f) => (
            <option key={f.format} value={f.format}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={busy || recorded < 2}
        title={recorded < 2 ? 'Needs at least 2 recorded frames' : undefined}
        onClick={() => run(animate)}
      >
        Export animation
      </button>
      {progress !== null && <progress aria-label="animation export" max={1} value={progress} />}
    </section>
  );
}
