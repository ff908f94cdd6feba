import { useEffect, useRef } from 'react';
import type { HoverInfo } from '../../plot/hover';
import { LIGHT, type Theme } from '../../plot/palette';

/** Props of the hover card. */
export interface HoverCardProps {
  info: HoverInfo;
  /** The digit's 28×28 image, row-major, 0 = background (null while unknown). */
  image: Uint8Array | null;
  /** Where to put the card, in viewport pixels (the pointer's clientX, clientY). */
  x: number;
  y: number;
  theme?: Theme;
}

const SIDE = 28,
  ZOOM = 4;

/** Draws an MNIST digit, ink dark on a light theme and light on a dark one. */
function drawDigit(canvas: HTMLCanvasElement, image: Uint8Array | null, dark: boolean): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const data = ctx.createImageData(SIDE, SIDE);
  for (let i = 0; i < SIDE * SIDE; i++) {
    const ink = image?.[i] ?? 0,
      v = dark ? ink : 255 - ink;
    data.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(data, 0, 0);
}

/** Each class's distance d_k, the nearest (the predicted class of a Gaussian head) in bold. */
function Distances({ d, theme }: { d: number[]; theme: Theme }) {
  const nearest = d.indexOf(Math.min(...d));
  return (
    <table
      style={{ marginTop: 6, borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' }}
      aria-label="distance d_k to each class"
    >
      <tbody>
        {d.map((v, k) => (
          <tr key={k} style={{ fontWeight: k === nearest ? 'bold' : 'normal' }}>
            <td style={{ color: theme.classes[k], paddingRight: 6 }}>
              d<sub>{k}</sub>
            </td>
            <td style={{ textAlign: 'right' }}>{v.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The hovered digit: its image, true and predicted class, and for Gaussian heads its distance d_k to every class. */
export function HoverCard({ info, image, x, y, theme = LIGHT }: HoverCardProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvasRef.current) drawDigit(canvasRef.current, image, theme.name === 'dark');
  }, [image, theme]);
  const wrong = info.label !== info.prediction;
  return (
    <div
      role="tooltip"
      style={{
        position: 'fixed',
        left: x + 14,
        top: y + 14,
        zIndex: 10,
        pointerEvents: 'none',
        padding: 8,
        borderRadius: 4,
        fontSize: 12,
        background: theme.background,
        color: theme.text,
        border: `1px solid ${theme.grid}`,
        boxShadow: '0 2px 8px rgba(0,0,0,0.2)',
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <canvas
          ref={canvasRef}
          width={SIDE}
          height={SIDE}
          aria-label={`digit image, MNIST #${info.mnistIndex}`}
          style={{ width: SIDE * ZOOM, height: SIDE * ZOOM, imageRendering: 'pixelated' }}
        />
        <dl style={{ margin: 0 }}>
          <dt>true</dt>
          <dd style={{ margin: 0, color: theme.classes[info.label] }}>{info.label}</dd>
          <dt>predicted</dt>
          <dd style={{ margin: 0, color: theme.classes[info.prediction], fontWeight: wrong ? 'bold' : 'normal' }}>
            {info.prediction}
            {wrong ? ' ✗' : ''}
          </dd>
        </dl>
      </div>
      {info.distances && <Distances d={info.distances} theme={theme} />}
    </div>
  );
}
