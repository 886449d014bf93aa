import type { Map as MapLibreMap } from 'maplibre-gl';

export const ARROW_ICON = 'aircraft-arrow';

/**
 * A heading arrow drawn on a canvas at start-up and registered as an SDF image, so the symbol layer can
 * colour it by status (icon-color) and rotate it by heading. No sprite sheet, nothing fetched.
 */
export function addArrowIcon(map: MapLibreMap): void {
  if (map.hasImage(ARROW_ICON)) return;
  const size = 32;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#000';
  ctx.beginPath();
  ctx.moveTo(size / 2, 2); // nose points north; icon-rotate turns it to the heading
  ctx.lineTo(size - 5, size - 4);
  ctx.lineTo(size / 2, size - 11);
  ctx.lineTo(5, size - 4);
  ctx.closePath();
  ctx.fill();
  map.addImage(ARROW_ICON, ctx.getImageData(0, 0, size, size), { sdf: true, pixelRatio: 2 });
}
