import { useEffect, useRef, type PointerEvent } from 'react';
import { useLab } from './labContext';
import { mnistFromInk } from '../data/drawnDigit';
import { anyHead, headArrays, inferenceScores } from '../loss/heads';
import { posterior } from '../loss/plane';
import { headLabel, type HeadSetup } from '../trainer/shared/config';
import type { Frame } from '../trainer/shared/protocol';

/** The pad's side in canvas pixels (5× MNIST's 28), and a pen about as wide as MNIST's strokes. */
const SIDE = 140,
  PEN = 11;
/** While drawing, the digit goes to the worker at most this often. */
const SEND_MS = 150;

interface Row {
  label: string;
  predicted: number;
  probabilities: number[];
  /** The paper's d_k (Eq. 9) for the Gaussian heads; null for the others. */
  distances: number[] | null;
}

/** Each head's reading of the drawn digit from its parameters in `frame` (its inference logits, softmaxed). */
function readout(frame: Frame, heads: readonly HeadSetup[], features: Float32Array): Row[] {
  return frame.heads.flatMap((h, i) => {
    const xy = features.subarray(2 * i, 2 * i + 2);
    if (xy.length < 2 || !heads[i]) return [];
    const scores = Array.from(inferenceScores(h.head, headArrays(h.head, h.params), xy));
    const top = Math.max(...scores);
    return [
      {
        label: headLabel(heads, i),
        predicted: scores.indexOf(top),
        probabilities: posterior(scores),
        distances: anyHead(h.head).gaussian ? scores.map((s) => -s) : null,
      },
    ];
  });
}

/**
 * "Draw a digit": a pad (mouse, pen or touch) whose drawing is made into an MNIST image as the
 * dataset's were and embedded by every head's current network, again with each new frame while
 * training goes on; the panels mark it and the readout gives each head's prediction.
 */
export function DrawDigit() {
  const { useStore, client, frames } = useLab();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pixels = useRef<Uint8Array | null>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const sentAt = useRef(0);
  const drawn = useStore((s) => s.drawnDigit);
  const heads = useStore((s) => s.config.heads);

  // The networks move as they train: the drawn digit is embedded again with each live frame.
  useEffect(
    () =>
      frames.subscribe(() => {
        if (pixels.current && frames.getState().viewing === null) client.embedDigit(pixels.current);
      }),
    [frames, client],
  );

  const send = (now: number) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const rgba = ctx.getImageData(0, 0, SIDE, SIDE).data;
    pixels.current = mnistFromInk(
      Uint8Array.from({ length: SIDE * SIDE }, (_, i) => rgba[4 * i]!),
      SIDE,
    );
    sentAt.current = now;
    if (pixels.current) client.embedDigit(pixels.current);
  };
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) * SIDE) / box.width, y: ((e.clientY - box.top) * SIDE) / box.height };
  };
  const stroke = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d'),
      from = last.current,
      to = point(e);
    if (!ctx || !from) return;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
    if (e.timeStamp - sentAt.current > SEND_MS) send(e.timeStamp);
  };
  const clear = () => {
    const ctx = canvas.current?.getContext('2d');
    ctx?.clearRect(0, 0, SIDE, SIDE);
    pixels.current = null;
    client.clearDigit();
  };

  const frame = frames.current;
  const rows = drawn && frame ? readout(frame, heads, drawn.features) : [];
  return (
    <section className="draw-digit" aria-label="draw a digit section">
      <h2>Draw a digit</h2>
      <div className="draw-pad">
        <canvas
          ref={canvas}
          width={SIDE}
          height={SIDE}
          role="img"
          aria-label="draw a digit"
          style={{ touchAction: 'none' }}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = point(e);
            stroke(e);
          }}
          onPointerMove={(e) => {
            if (last.current) stroke(e);
          }}
          onPointerUp={(e) => {
            last.current = null;
            send(e.timeStamp);
          }}
        />
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
      <div aria-label="drawn digit prediction" role="region" data-step={drawn?.step ?? ''}>
        {rows.length ? (
          <table className="drawn-readout">
            <thead>
              <tr>
                <th>head</th>
                <th>predicted</th>
                {rows[0]!.probabilities.map((_, k) => (
                  <th key={k}>{k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.flatMap((r) => [
                <tr key={r.label} data-predicted={r.predicted}>
                  <th scope="row">{r.label}</th>
                  <td>{`${r.predicted} (${(100 * r.probabilities[r.predicted]!).toFixed(1)} %)`}</td>
                  {r.probabilities.map((p, k) => (
                    <td key={k}>{`${(100 * p).toFixed(0)}%`}</td>
                  ))}
                </tr>,
                ...(r.distances
                  ? [
                      <tr key={`${r.label} d`} className="distances">
                        <th scope="row">{`${r.label}: distance d`}</th>
                        <td />
                        {r.distances.map((d, k) => (
                          <td key={k}>{d.toFixed(1)}</td>
                        ))}
                      </tr>,
                    ]
                  : []),
              ])}
            </tbody>
          </table>
        ) : (
          <p className="chart-note">
            Draw a digit on the pad: every head&apos;s network embeds it, the panels mark it with a ringed cross.
          </p>
        )}
        {drawn && (
          <p className="chart-note">{`Embedded at step ${drawn.step.toLocaleString('en-US')} with running BN statistics; probabilities from each head's inference logits.`}</p>
        )}
      </div>
    </section>
  );
}
