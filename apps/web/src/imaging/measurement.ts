import type { ViewerPoint } from '@teleconsult/protocol';

/**
 * Length of a line drawn on the image. DICOM PixelSpacing is [row spacing, column spacing] in mm:
 * the distance between rows (vertical) first, then between columns (horizontal), so a horizontal
 * step uses the second value. Null in mm when the image states no spacing (PNG/JPEG, some DICOM).
 */
export function measureLength(
  from: ViewerPoint,
  to: ViewerPoint,
  pixelSpacingMm: [number, number] | null,
): { lengthPx: number; lengthMm: number | null } {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  return {
    lengthPx: Math.hypot(dx, dy),
    lengthMm: pixelSpacingMm ? Math.hypot(dx * pixelSpacingMm[1], dy * pixelSpacingMm[0]) : null,
  };
}

export function formatLength({ lengthPx, lengthMm }: { lengthPx: number; lengthMm: number | null }): string {
  if (lengthMm === null) return `${lengthPx.toFixed(1)} px`;
  return lengthMm >= 100 ? `${(lengthMm / 10).toFixed(1)} cm` : `${lengthMm.toFixed(1)} mm`;
}
