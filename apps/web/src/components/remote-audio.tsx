import { useEffect, useRef } from 'react';

/** Plays one remote audio track (video elements stay muted so autoplay is never blocked). */
export function RemoteAudio({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    void audio.play().catch(() => undefined);
  }, [track]);
  return <audio ref={ref} data-testid="remote-audio" autoPlay />;
}
