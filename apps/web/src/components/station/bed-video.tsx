import { useEffect, useRef } from 'react';

/** A bed camera: the consumer's track in a muted, autoplaying <video>. */
export function BedVideo({
  track,
  label,
  testId,
}: {
  track: MediaStreamTrack | null;
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = track ? new MediaStream([track]) : null;
    if (track) void video.play?.()?.catch(() => undefined);
  }, [track]);
  return (
    <video
      ref={ref}
      className="bed-video"
      data-testid={testId}
      data-has-track={track ? 'true' : 'false'}
      aria-label={label}
      muted
      autoPlay
      playsInline
    />
  );
}
