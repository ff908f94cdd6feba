import { useRef } from 'react';
import { useLab } from '../labContext';
import { describeRun } from '../../trainer/client/runKeeper';
import { RUN_FILE_EXTENSION } from '../../trainer/shared/runFile';

/** A kept run of the opened URL's settings: resume it, or go on with the new run (which is kept only once chosen). */
export function ResumeOffer() {
  const { useStore, keeper } = useLab();
  const offer = useStore((s) => s.resumeOffer);
  if (!offer) return null;
  return (
    <div className="resume-offer" role="region" aria-label="saved run">
      This browser kept a run of these settings: {describeRun(offer)}. Until you choose, the new run is not kept.{' '}
      <button type="button" onClick={() => void keeper.resume(offer.key)}>
        Resume from step {offer.step.toLocaleString('en-US')}
      </button>{' '}
      <button type="button" onClick={() => keeper.startFresh()}>
        Start fresh
      </button>
    </div>
  );
}

/** Save run / Open run as files, and the runs this browser keeps for a reload. */
export function RunFiles() {
  const { useStore, keeper, client } = useLab();
  const saved = useStore((s) => s.savedRuns);
  const trained = useStore((s) => s.trainedStart);
  const config = useStore((s) => s.config);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="run-files" aria-label="run files">
      <div className="controls">
        <button type="button" onClick={() => void keeper.saveFile()}>
          Save run
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          Open run
        </button>
        {trained ? (
          <button type="button" onClick={() => client.start(config)}>
            Train from scratch
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void keeper.startTrained()}
            title="The shipped trained states of these heads (lite network, one epoch): Fig. 2 at once"
          >
            Start from trained
          </button>
        )}
        <input
          ref={input}
          type="file"
          accept={RUN_FILE_EXTENSION}
          hidden
          aria-label="run file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void keeper.openFile(f);
          }}
        />
      </div>
      <details>
        <summary>Saved runs ({saved.length})</summary>
        {saved.length === 0 ? (
          <p className="hint">A run is kept here as it trains, so a reload can resume it.</p>
        ) : (
          <ul className="saved-runs">
            {saved.map((r) => (
              <li key={r.key}>
                <span>
                  {describeRun(r)} · {(r.size / 1e6).toFixed(1)} MB
                </span>{' '}
                <button type="button" onClick={() => void keeper.resume(r.key)} aria-label={`Resume ${describeRun(r)}`}>
                  Resume
                </button>{' '}
                <button type="button" onClick={() => void keeper.remove(r.key)} aria-label={`Delete ${describeRun(r)}`}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
