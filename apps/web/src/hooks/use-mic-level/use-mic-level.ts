import { useEffect, useState } from 'react';

/** Level above which we are sure the microphone picks up a voice (RMS of the waveform, 0..1). */
export const VOICE_LEVEL = 0.02;

/** Root-mean-square level of a waveform of bytes centred on 128, in 0..1. */
export function rmsLevel(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) {
    const centred = (sample - 128) / 128;
    sum += centred * centred;
  }
  return Math.sqrt(sum / samples.length);
}

/** The live microphone level of a stream, and whether a voice-level sound has been heard yet. */
export function useMicLevel(stream: MediaStream | null): { level: number; heard: boolean } {
  const [state, setState] = useState({ level: 0, heard: false });

  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track || typeof AudioContext === 'undefined') return undefined;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    const source = context.createMediaStreamSource(new MediaStream([track]));
    source.connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(samples);
      const level = rmsLevel(samples);
      setState((current) => ({ level, heard: current.heard || level >= VOICE_LEVEL }));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close();
    };
  }, [stream]);

  return state;
}
