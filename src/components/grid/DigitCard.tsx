import { useEffect, useState } from 'react';
import type { DigitImages } from './digitImages';
import { HoverCard } from '../fig/HoverCard';
import type { GridHover } from './GridPanel';
import { usePlotTheme } from './usePanelView';

/** Room the card needs, so it opens left of or above the pointer near the window's edges. */
const CARD_W = 250,
  CARD_H = 330;

/** The hover card of a grid digit; its image comes from the split's file, fetched on the first hover. */
export function DigitCard({ hovered, images }: { hovered: GridHover; images: DigitImages }) {
  const { sample, hover } = hovered;
  const [image, setImage] = useState<{ key: string; pixels: Uint8Array } | null>(null);
  const key = `${sample}:${hover.mnistIndex}`;
  useEffect(() => {
    let live = true;
    images.image(sample, hover.mnistIndex).then(
      (pixels) => {
        if (live) setImage({ key, pixels });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [images, sample, hover.mnistIndex, key]);
  const x = hover.clientX + CARD_W > window.innerWidth ? hover.clientX - CARD_W : hover.clientX;
  const y = hover.clientY + CARD_H > window.innerHeight ? Math.max(0, hover.clientY - CARD_H) : hover.clientY;
  return (
    <div
      data-testid="hover-card"
      data-mnist-index={hover.mnistIndex}
      data-image={image?.key === key ? 'loaded' : 'loading'}
    >
      <HoverCard info={hover} image={image?.key === key ? image.pixels : null} x={x} y={y} theme={usePlotTheme()} />
    </div>
  );
}
