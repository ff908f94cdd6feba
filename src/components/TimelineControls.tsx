import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLab } from './labContext';
import { LR_SCALE } from './controls/controlScales';
import { HyperControls } from './controls/HyperControls';
import { NumberControl } from './controls/NumberControl';
import { firstOfKind, MAX_HEADS, type HeadSetup } from '../trainer/shared/config';
import type { RunSnapshot } from '../trainer/shared/runSnapshot';
import type { TimelineState } from '../trainer/client/timeline';

const fmt = new Intl.NumberFormat('en-US');
const MB = 2 ** 20;

/** Replay speeds offered, in recorded frames per second. */
const REPLAY_FPS = [2, 5, 10, 20] as const;

/** The timeline's state: recorded steps, the one on screen (null: live), memory. */
export function useTimeline(): TimelineState {
  const { frames } = useLab();
  return useSyncExternalStore(frames.watch, frames.getState);
}

/** The step the panels show while the timeline is scrubbed; null while they follow the run (a number, so a new frame re-renders nothing). */
export function useViewedStep(): number | null {
  const { frames } = useLab();
  return useSyncExternalStore(frames.watch, () => {
    const { viewing, steps } = frames.getState();
    return viewing === null ? null : (steps[viewing] ?? null);
  });
}

/**
 * "Fork from here": a sibling of one head from the recorded snapshot, with settings the user
 * changes first; it trains beside the run on the same batches from that step.
 */
function ForkForm({ snapshot, onDone }: { snapshot: RunSnapshot; onDone: () => void }) {
  const { useStore, keeper } = useLab();
  const heads = useStore((s) => s.config.heads);
  // One choice per kind: a fork branches off the first head of its kind.
  const kinds = heads.flatMap((_, i) => (firstOfKind(heads, i) === i ? [i] : []));
  const [from, setFrom] = useState(kinds[0]!);
  const [setup, setSetup] = useState<HeadSetup>({
    ...heads[from]!,
    hyper: snapshot.learners[from]!.hyper,
  } as HeadSetup);
  // The run's rate at the snapshot; a different one becomes the fork's own.
  const [rate, setRate] = useState(snapshot.learningRate);
  const choose = (i: number) => {
    setFrom(i);
    setSetup({ ...heads[i]!, hyper: snapshot.learners[i]!.hyper } as HeadSetup);
  };
  return (
    <fieldset className="fork-form" aria-label="fork">
      <legend>{`Fork at step ${snapshot.step.toLocaleString('en-US')}: a sibling trained on the same batches`}</legend>
      <label className="choice-control">
        <span className="control-label">Head</span>
        <select aria-label="fork head" value={from} onChange={(e) => choose(Number(e.target.value))}>
          {kinds.map((i) => (
            <option key={i} value={i}>
              {heads[i]!.id}
            </option>
          ))}
        </select>
      </label>
      <HyperControls
        key={from}
        setup={setup}
        name="fork"
        onChange={(name, value) => setSetup((s) => ({ ...s, hyper: { ...s.hyper, [name]: value } }) as HeadSetup)}
      />
      <NumberControl
        label="Learning rate"
        spoken="learning rate (fork)"
        scale={LR_SCALE}
        value={rate}
        onChange={setRate}
      />
      <button
        type="button"
        onClick={() => {
          const own = rate === snapshot.learningRate ? undefined : rate;
          keeper.fork(snapshot, from, setup.hyper as Record<string, number | string>, own);
          onDone();
        }}
      >
        Start the fork
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </fieldset>
  );
}

/**
 * Under the panels: a slider over the recorded frames (arrow keys step between them), the step on
 * screen, Live (back to the present; training never stops for scrubbing) and Replay (the recording
 * as an animation from its start, at a chosen speed, ending live).
 */
export function TimelineControls() {
  const { frames, useStore } = useLab();
  const { steps, viewing, bytes } = useTimeline();
  const liveStep = useStore((s) => s.metrics?.step ?? s.startStep);
  const [fps, setFps] = useState<number>(5);
  // While replaying: the last recorded step when Replay was pressed, where the replay ends.
  const [replayTo, setReplayTo] = useState<number | null>(null);
  const [forking, setForking] = useState<RunSnapshot | null>(null);
  const full = useStore((s) => s.config.heads.length >= MAX_HEADS);
  const last = steps.length - 1;

  useEffect(() => {
    if (replayTo === null) return;
    const timer = setInterval(() => {
      if (!frames.replayTick(replayTo)) setReplayTo(null);
    }, 1000 / fps);
    return () => clearInterval(timer);
  }, [replayTo, fps, frames]);

  if (!steps.length) return null;
  const shownStep = viewing === null ? null : steps[viewing]!;
  // A fork starts from the latest snapshot at or before the step on screen.
  const forkable = frames.snapshotAtOrBefore(shownStep ?? Infinity);
  const scrub = (index: number | null) => {
    setReplayTo(null);
    frames.view(index);
  };
  return (
    <section className="timeline" aria-label="timeline controls">
      <input
        type="range"
        aria-label="timeline"
        min={0}
        max={Math.max(0, last)}
        step={1}
        value={viewing ?? last}
        aria-valuetext={shownStep === null ? `live, step ${fmt.format(liveStep)}` : `step ${fmt.format(shownStep)}`}
        onChange={(e) => scrub(Number(e.target.value))}
      />
      <output data-testid="timeline-step" data-step={shownStep ?? ''} data-live={String(shownStep === null)}>
        {shownStep === null
          ? `Live · step ${fmt.format(liveStep)}`
          : `Step ${fmt.format(shownStep)} (recorded) · training goes on at step ${fmt.format(liveStep)}`}
      </output>
      <button type="button" disabled={shownStep === null} onClick={() => scrub(null)}>
        Live
      </button>
      <button
        type="button"
        disabled={last < 1}
        onClick={() => {
          if (replayTo !== null) return setReplayTo(null);
          frames.view(0);
          setReplayTo(steps[last]!);
        }}
      >
        {replayTo !== null ? 'Stop replay' : 'Replay'}
      </button>
      <label className="choice-control">
        <span className="control-label">Speed</span>
        <select aria-label="replay speed" value={fps} onChange={(e) => setFps(Number(e.target.value))}>
          {REPLAY_FPS.map((f) => (
            <option key={f} value={f}>{`${f} frames/s`}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!forkable || full}
        title={full ? `a run trains at most ${MAX_HEADS} heads` : undefined}
        onClick={() => setForking(forkable)}
      >
        {forkable ? `Fork from step ${forkable.step.toLocaleString('en-US')}…` : 'Fork (no snapshot yet)'}
      </button>
      <span className="timeline-memory" title="recorded frames and snapshots, thinned by age within the cap">
        {`${fmt.format(steps.length)} frames recorded, ${(bytes / MB).toFixed(1)} of ${fmt.format(frames.cap / MB)} MB`}
      </span>
      {forking && <ForkForm snapshot={forking} onDone={() => setForking(null)} />}
    </section>
  );
}
