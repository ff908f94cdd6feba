import { useState } from 'react';
import { download } from '../../export/download';
import { figureRequest } from '../grid/figureRequest';
import { exportFile, type ExportKind, type ExportScope } from '../../export/figure';
import type { PngScale } from '../../export/image';
import { HEAD_NAMES } from '../../loss/heads';
import { useLab } from '../labContext';
import type { HeadId } from '../../loss/heads';

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
  heads: HeadId[];
  scope: ExportScope;
  onChange: (value: string) => void;
}) {
  return (
    <label className="choice-control">
      <span className="control-label">Figure</span>
      <select aria-label="export figure" value={scopeValue(scope)} onChange={(e) => onChange(e.target.value)}>
        <option value="grid">whole grid</option>
        {heads.flatMap((id, i) =>
          (['train', 'test'] as const).map((s) => (
            <option key={`${i}:${s}`} value={`${i}:${s}`}>{`${HEAD_NAMES[id]} · ${s}`}</option>
          )),
        )}
      </select>
    </label>
  );
}

/** Paper figures (PNG at 1×/2×/4×, SVG) of the grid or one panel as shown, in the light theme; the drawn data as CSV or JSON. */
export function ExportControls() {
  const { useStore, frames } = useLab();
  const heads = useStore((s) => s.config.heads);
  const [scale, setScale] = useState<PngScale>(2);
  const [chosen, setScope] = useState('grid');
  const scope = scopeOf(chosen, heads.length);
  const [busy, setBusy] = useState(false);
  const save = async (kind: ExportKind) => {
    const frame = frames.current,
      { config, view, evaluation, notify } = useStore.getState();
    if (!frame) {
      notify('Nothing to export yet: the first frame has not arrived.');
      return;
    }
    const file = await exportFile(kind, figureRequest({ frame, config, view, evaluation }, scope), scale);
    download(file.name, file.data, file.type);
  };
  const click = (kind: ExportKind) => {
    setBusy(true);
    save(kind)
      .catch((e: unknown) => useStore.getState().notify(`Export failed: ${String(e)}`))
      .finally(() => setBusy(false));
  };
  return (
    <section className="export-controls" aria-label="export">
      <ScopeSelect heads={heads.map((h) => h.id)} scope={scope} onChange={setScope} />
      <label className="choice-control">
        <span className="control-label">PNG scale</span>
        <select aria-label="export scale" value={scale} onChange={(e) => setScale(Number(e.target.value) as PngScale)}>
          {[1, 2, 4].map((k) => (
            <option key={k} value={k}>{`${k}×`}</option>
          ))}
        </select>
      </label>
      {BUTTONS.map((b) => (
        <button key={b.kind} type="button" disabled={busy} onClick={() => click(b.kind)}>
          {b.label}
        </button>
      ))}
    </section>
  );
}
