import type { MediaSource } from '@teleconsult/protocol';

/**
 * How a receiver's downlink is shared between the videos it consumes. mediasoup first gives every
 * video consumer its lowest layer, highest priority first, then hands out further layers, as many
 * per round as the priority. A consumer whose lowest layer no longer fits gets nothing at all, so
 * a full-resolution imaging stream (whose lowest layer is the whole picture at a low frame rate)
 * created after a camera would otherwise take the budget first and freeze that camera. Cameras
 * therefore go first: their thumbnail layer is cheap, and the imaging stream takes the rest.
 */
export function bitratePriority(source: MediaSource | undefined): number {
  return source === 'camera' ? 2 : 1;
}
