import {
  VIEWER_MAX_MEASUREMENTS,
  type ViewerMeasurement,
  type ViewerPoint,
  type ViewerState,
} from '@teleconsult/protocol';
import { measureLength } from './measurement';

/** What the reducer needs to know about the open image (from its decoded form or its list entry). */
export interface ImageFacts {
  id: string;
  rows: number;
  columns: number;
  frames: number;
  defaultWindow: { center: number; width: number };
  pixelSpacingMm: [number, number] | null;
}

export type ViewerAction =
  | { type: 'open'; image: ImageFacts }
  | { type: 'close' }
  | { type: 'frame'; frame: number }
  | { type: 'frameBy'; delta: number }
  | { type: 'window'; center: number; width: number }
  /** A drag of the window tool: horizontal widens, vertical raises the centre (scaled to the image's range). */
  | { type: 'windowDrag'; dx: number; dy: number; sensitivity: number }
  | { type: 'zoom'; zoom: number; panX?: number; panY?: number }
  | { type: 'pan'; dx: number; dy: number }
  | { type: 'pointer'; pointer: ViewerPoint | null }
  | { type: 'measure'; id: string; from: ViewerPoint; to: ViewerPoint }
  | { type: 'clearMeasurements' }
  | { type: 'reset' };

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 32;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function initialViewerState(image: ImageFacts): ViewerState {
  return {
    imageId: image.id,
    frame: 0,
    windowCenter: image.defaultWindow.center,
    windowWidth: Math.max(1, image.defaultWindow.width),
    zoom: 1,
    panX: 0,
    panY: 0,
    pointer: null,
    measurements: [],
  };
}

/**
 * The viewer's state machine, shared by presenter and followers: the presenter's actions go
 * through it and the result is sent; followers replace their state with what arrives. Pure.
 */
export function viewerReducer(
  state: ViewerState | null,
  action: ViewerAction,
  image: ImageFacts | null,
): ViewerState | null {
  if (action.type === 'open') return initialViewerState(action.image);
  if (action.type === 'close') return null;
  if (!state || !image || state.imageId !== image.id) return state;
  switch (action.type) {
    case 'frame':
      return { ...state, frame: clamp(Math.round(action.frame), 0, image.frames - 1) };
    case 'frameBy':
      return { ...state, frame: clamp(state.frame + Math.round(action.delta), 0, image.frames - 1) };
    case 'window':
      return { ...state, windowCenter: action.center, windowWidth: Math.max(1, action.width) };
    case 'windowDrag':
      return {
        ...state,
        windowWidth: Math.max(1, state.windowWidth + action.dx * action.sensitivity),
        windowCenter: state.windowCenter - action.dy * action.sensitivity,
      };
    case 'zoom':
      return {
        ...state,
        zoom: clamp(action.zoom, MIN_ZOOM, MAX_ZOOM),
        panX: action.panX ?? state.panX,
        panY: action.panY ?? state.panY,
      };
    case 'pan':
      return { ...state, panX: state.panX + action.dx, panY: state.panY + action.dy };
    case 'pointer':
      return { ...state, pointer: action.pointer };
    case 'measure': {
      const measurement: ViewerMeasurement = {
        id: action.id,
        imageId: image.id,
        frame: state.frame,
        from: action.from,
        to: action.to,
        ...measureLength(action.from, action.to, image.pixelSpacingMm),
      };
      // The oldest give way once the list is full (the protocol caps it).
      return { ...state, measurements: [...state.measurements, measurement].slice(-VIEWER_MAX_MEASUREMENTS) };
    }
    case 'clearMeasurements':
      return { ...state, measurements: [] };
    case 'reset':
      return { ...initialViewerState(image), frame: state.frame, measurements: state.measurements };
  }
}
