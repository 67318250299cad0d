import { type Burst, PULSE_HZ, PULSE_SECONDS, pulseOffsets } from './alarm-sound';

type AudioContextLike = AudioContext;

/**
 * Plays alarm bursts with WebAudio. Browsers start audio only after a user gesture: `enable` is
 * called from a click, and `enabled` says whether sound can be heard now.
 */
export class AlarmSoundPlayer {
  private context: AudioContextLike | null = null;
  private playing: OscillatorNode[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly createContext: () => AudioContextLike | null = defaultContext) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getEnabled = (): boolean => this.context?.state === 'running';

  /** From a click handler: creates or resumes the audio context. */
  async enable(): Promise<boolean> {
    this.context ??= this.createContext();
    if (!this.context) return false;
    this.context.onstatechange = () => this.listeners.forEach((l) => l());
    await this.context.resume().catch(() => undefined);
    this.listeners.forEach((l) => l());
    return this.getEnabled();
  }

  play(burst: Burst): void {
    const context = this.context;
    if (!context || context.state !== 'running') return;
    this.stop();
    const start = context.currentTime + 0.02;
    const length = PULSE_SECONDS[burst.priority];
    for (const offset of pulseOffsets(burst)) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = PULSE_HZ[burst.priority];
      const at = start + offset;
      // Short ramps: a pulse with hard edges clicks.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.15, at + 0.01);
      gain.gain.setValueAtTime(0.15, at + length - 0.02);
      gain.gain.linearRampToValueAtTime(0, at + length);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + length);
      this.playing.push(oscillator);
    }
  }

  stop(): void {
    for (const oscillator of this.playing) {
      try {
        oscillator.stop();
      } catch {
        // already finished
      }
    }
    this.playing = [];
  }

  close(): void {
    this.stop();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}

function defaultContext(): AudioContext | null {
  return typeof AudioContext === 'undefined' ? null : new AudioContext();
}
