/** One simulcast layer of a bed's camera: its picture size and target bitrate. */
export interface BedVideoLayer {
  width: number;
  height: number;
  bitrateKbps: number;
}

/** Thumbnail, grid and focus layers: enough for a 32-bed station grid and one focused bed. */
export const DEFAULT_BED_VIDEO_LAYERS: readonly BedVideoLayer[] = [
  { width: 160, height: 90, bitrateKbps: 60 },
  { width: 320, height: 180, bitrateKbps: 150 },
  { width: 640, height: 360, bitrateKbps: 450 },
];

export const DEFAULT_BED_VIDEO_FPS = 15;

/** Lowest layer first, as mediasoup numbers spatial layers; checks what ffmpeg would choke on. */
export function normaliseLayers(layers: readonly BedVideoLayer[]): BedVideoLayer[] {
  if (layers.length < 1 || layers.length > 3) throw new RangeError('layers: give 1 to 3 simulcast layers');
  for (const [index, layer] of layers.entries()) {
    for (const key of ['width', 'height', 'bitrateKbps'] as const) {
      const value = layer[key];
      if (!Number.isInteger(value) || value <= 0 || value > 4096)
        throw new RangeError(`layers[${index}].${key}: a positive integer up to 4096`);
    }
    if (layer.width % 2 || layer.height % 2)
      throw new RangeError(`layers[${index}]: width and height must be even (yuv420p)`);
  }
  return [...layers].sort((a, b) => a.width * a.height - b.width * b.height);
}
