import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLab } from './labContext';
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

/** The step the panels show while the timeline is scrubbed; null while they follow the run. */
export function useViewedStep(): number | null {
  const { viewing, steps } = useTimeline();
  return viewing === null ? null : (steps[viewing] ?? null);
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
  const [replaying, setReplaying] = useState(false);
  const last = steps.length - 1;

  useEffect(() => {
    if (!replaying) return;
    const timer = setInterval(() => {
      const { viewing: i, steps: s } = frames.getState();
      const next = (i ?? s.length - 1) + 1;
      frames.view(next);
      if (next >= s.length - 1) setReplaying(false);
    }, 1000 / fps);
    return () => clearInterval(timer);
  }, [replaying, fps, frames]);

  if (!steps.length) return null;
  const shownStep = viewing === null ? null : steps[viewing]!;
  const scrub = (index: number | null) => {
    setReplaying(false);
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
          if (replaying) return setReplaying(false);
          frames.view(0);
          setReplaying(true);
        }}
      >
        {replaying ? 'Stop replay' : 'Replay'}
      </button>
      <label className="choice-control">
        <span className="control-label">Speed</span>
        <select aria-label="replay speed" value={fps} onChange={(e) => setFps(Number(e.target.value))}>
          {REPLAY_FPS.map((f) => (
            <option key={f} value={f}>{`${f} frames/s`}</option>
          ))}
        </select>
      </label>
      <span className="timeline-memory" title="recorded frames and snapshots, thinned by age within the cap">
        {`${fmt.format(steps.length)} frames recorded, ${(bytes / MB).toFixed(1)} of ${fmt.format(frames.cap / MB)} MB`}
      </span>
    </section>
  );
}
