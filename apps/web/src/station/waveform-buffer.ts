/**
 * The last few seconds of one waveform channel, as a monitor sweeps it: a fixed-size ring of
 * samples written at the channel's rate. Late or lost blocks leave a gap (NaN) instead of
 * squeezing the trace, so the time axis stays true — a late sample is shown late or not at all.
 */
export class WaveformBuffer {
  readonly samples: Float32Array;
  /** Index of the next sample to write; samples[writeIndex - 1] is the newest. */
  writeIndex = 0;
  /** Samples (and gaps) written since the start: lets a painter draw only what is new. */
  written = 0;
  /** Epoch ms of the sample at writeIndex (the next one expected). */
  private nextAt: number | null = null;

  constructor(
    readonly sampleRateHz: number,
    readonly seconds: number,
  ) {
    this.samples = new Float32Array(Math.round(sampleRateHz * seconds)).fill(Number.NaN);
  }

  /** Writes a block that starts at `startAt`; a jump forward leaves a gap, a block from the past is dropped. */
  push(startAt: number, values: ArrayLike<number>): 'written' | 'late' {
    const period = 1000 / this.sampleRateHz;
    if (this.nextAt !== null) {
      const skipped = Math.round((startAt - this.nextAt) / period);
      if (skipped < 0) return 'late';
      this.fill(Math.min(skipped, this.samples.length), Number.NaN);
    }
    for (let i = 0; i < values.length; i += 1) this.write(values[i]!);
    this.nextAt = startAt + values.length * period;
    return 'written';
  }

  /** Marks time passing without data (a dropped link): the sweep continues over a gap. */
  advanceTo(now: number): void {
    if (this.nextAt === null) return;
    const period = 1000 / this.sampleRateHz;
    const missing = Math.floor((now - this.nextAt) / period);
    if (missing <= 0) return;
    this.fill(Math.min(missing, this.samples.length), Number.NaN);
    this.nextAt += missing * period;
  }

  private fill(count: number, value: number): void {
    for (let i = 0; i < count; i += 1) this.write(value);
  }

  private write(value: number): void {
    this.samples[this.writeIndex] = value;
    this.writeIndex = (this.writeIndex + 1) % this.samples.length;
    this.written += 1;
  }
}
