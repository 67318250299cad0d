import { z } from 'zod';

/**
 * One block of a bed's waveforms, as the bedside sends it to the api and as the SFU delivers it
 * to stations on an unordered, no-retransmit data channel (a late sample is worthless). JSON with
 * short keys: a 50 ms block of ECG II at 250 Hz, pleth at 125 Hz and respiration at 25 Hz is ~250 bytes.
 */
export const WAVEFORM_CHANNEL_LABEL = 'waveforms';
export const WAVEFORM_CHANNEL_PROTOCOL = 'teleconsult.waveform.v1';
/** Longest block a bedside may send: one second. */
export const MAX_WAVEFORM_BLOCK_MS = 1_000;

const samples = (max: number) => z.array(z.number().finite().min(-100).max(100)).max(max);

export const waveformBlockSchema = z.object({
  /** Sequence number per bed, so a receiver can count drops. */
  seq: z.number().int().min(0),
  /** Epoch ms of the first sample of every channel. */
  t: z.number().int().positive(),
  /** ECG lead II in mV at 250 Hz. */
  ecg: samples(250),
  /** Plethysmograph (arbitrary units) at 125 Hz. */
  pleth: samples(125),
  /** Respiration (impedance, arbitrary units) at 25 Hz. */
  resp: samples(25),
});
export type WaveformBlockMessage = z.infer<typeof waveformBlockSchema>;

/** What a station receives: the block plus the bed it belongs to. */
export interface StationWaveformMessage extends WaveformBlockMessage {
  bedId: string;
}
