import type { ViewerPoint } from '@teleconsult/protocol';

export interface Viewport {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
}

export interface ViewTransformInput {
  columns: number;
  rows: number;
  zoom: number;
  panX: number;
  panY: number;
}

/** Screen pixels per image pixel: the image fits the viewport at zoom 1. */
export function scaleOf(view: ViewTransformInput, viewport: Viewport): number {
  const fit = Math.min(viewport.width / view.columns, viewport.height / view.rows);
  return fit * view.zoom;
}

/**
 * The viewport's centre shows the image point (columns/2 + panX, rows/2 + panY). Pan is in image
 * pixels, so every participant sees the same region whatever the size of their screen.
 */
export function imageToScreen(point: ViewerPoint, view: ViewTransformInput, viewport: Viewport): ViewerPoint {
  const scale = scaleOf(view, viewport);
  return {
    x: viewport.width / 2 + (point.x - (view.columns / 2 + view.panX)) * scale,
    y: viewport.height / 2 + (point.y - (view.rows / 2 + view.panY)) * scale,
  };
}

export function screenToImage(point: ViewerPoint, view: ViewTransformInput, viewport: Viewport): ViewerPoint {
  const scale = scaleOf(view, viewport);
  return {
    x: (point.x - viewport.width / 2) / scale + view.columns / 2 + view.panX,
    y: (point.y - viewport.height / 2) / scale + view.rows / 2 + view.panY,
  };
}

/** Pan that keeps the image point under `screen` where it is when the zoom changes to `zoom`. */
export function panForZoomAt(
  screen: ViewerPoint,
  zoom: number,
  view: ViewTransformInput,
  viewport: Viewport,
): { panX: number; panY: number } {
  const anchor = screenToImage(screen, view, viewport);
  const scale = scaleOf({ ...view, zoom }, viewport);
  return {
    panX: anchor.x - view.columns / 2 - (screen.x - viewport.width / 2) / scale,
    panY: anchor.y - view.rows / 2 - (screen.y - viewport.height / 2) / scale,
  };
}
