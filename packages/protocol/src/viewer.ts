import { z } from 'zod';

/**
 * The synchronized image viewer of a consult: one presenter drives the viewport (image, frame,
 * window/level, zoom, pan, pointer, measurements) and every admitted participant's viewer follows;
 * anyone may take over. Coordinates are in image pixels, so the same region is shown on screens of
 * any size.
 */

export const VIEWER_MAX_MEASUREMENTS = 32;
/** Largest frame index a viewer may name (multi-frame ultrasound clips stay well below). */
export const VIEWER_MAX_FRAME = 4095;

const coordinate = z.number().finite().min(-100_000).max(100_000);

export const viewerPointSchema = z.object({ x: coordinate, y: coordinate });
export type ViewerPoint = z.infer<typeof viewerPointSchema>;

/** A length measured on one frame of one image; `lengthMm` is null when the image has no pixel spacing. */
export const viewerMeasurementSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a short id'),
  imageId: z.string().uuid(),
  frame: z.number().int().min(0).max(VIEWER_MAX_FRAME),
  from: viewerPointSchema,
  to: viewerPointSchema,
  lengthMm: z.number().finite().min(0).max(100_000).nullable(),
  lengthPx: z.number().finite().min(0).max(200_000),
});
export type ViewerMeasurement = z.infer<typeof viewerMeasurementSchema>;

export const viewerStateSchema = z.object({
  /** The consult image shown; null closes the viewer for everyone. */
  imageId: z.string().uuid().nullable(),
  frame: z.number().int().min(0).max(VIEWER_MAX_FRAME),
  /** Window centre and width in modality units (after rescale); for PNG/JPEG in 0–255 grey levels. */
  windowCenter: z.number().finite().min(-1_000_000).max(1_000_000),
  windowWidth: z.number().finite().min(1).max(2_000_000),
  /** Magnification relative to "fit the image in the viewport". */
  zoom: z.number().finite().min(0.1).max(32),
  /** Image point shown at the viewport's centre is the image centre shifted by (panX, panY) pixels. */
  panX: coordinate,
  panY: coordinate,
  /** The presenter's pointer on the image, or null when it is off the image. */
  pointer: viewerPointSchema.nullable(),
  measurements: z.array(viewerMeasurementSchema).max(VIEWER_MAX_MEASUREMENTS),
});
export type ViewerState = z.infer<typeof viewerStateSchema>;

export interface ViewerPresenter {
  peerId: string;
  displayName: string;
}

/** What the server holds for a consult's viewer; `version` grows with every change. */
export interface ViewerSession {
  presenter: ViewerPresenter | null;
  state: ViewerState | null;
  version: number;
}

export const viewerRequestSchemas = {
  /** The presenter's current view (a peer with no presenter in the room becomes the presenter). */
  'viewer:update': z.object({ state: viewerStateSchema }),
  /** Become the presenter; the others follow this participant's view from now on. */
  'viewer:takeOver': z.object({}),
  /** The current session, for a participant who joins late or rejoins. */
  'viewer:get': z.object({}),
} as const;

export interface ViewerResponseMap {
  'viewer:update': { version: number };
  'viewer:takeOver': ViewerSession;
  'viewer:get': ViewerSession;
}

/** To every admitted peer but the sender: the viewer's new state or presenter. */
export type ViewerNotification = { type: 'viewer:changed'; session: ViewerSession };
