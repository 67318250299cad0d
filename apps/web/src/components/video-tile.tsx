import { useEffect, useRef } from 'react';

interface VideoTileProps {
  track: MediaStreamTrack | null;
  label: string;
  testId: string;
  peerId?: string;
  /** Local preview: mirrored like a mirror, never played back. */
  mirrored?: boolean;
  paused?: boolean;
  className?: string;
}

/** A <video> bound to one track; shows the person's initials while there is no picture. */
export function VideoTile({
  track,
  label,
  testId,
  peerId,
  mirrored = false,
  paused = false,
  className = '',
}: VideoTileProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = track ? new MediaStream([track]) : null;
    if (track) void video.play().catch(() => undefined);
  }, [track]);

  const initials = label
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');

  return (
    <figure className={`tile ${className}`}>
      {track && !paused ? null : (
        <div className="tile__placeholder" aria-hidden="true">
          <span>{initials || '?'}</span>
        </div>
      )}
      <video
        ref={ref}
        data-testid={testId}
        {...(peerId ? { 'data-peer-id': peerId } : {})}
        className={mirrored ? 'tile__video tile__video--mirrored' : 'tile__video'}
        autoPlay
        playsInline
        muted
        hidden={!track || paused}
      />
      <figcaption className="tile__label">{paused ? `${label} · camera off` : label}</figcaption>
    </figure>
  );
}
